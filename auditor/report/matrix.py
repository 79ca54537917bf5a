"""The corpus matrix: subjects as rows, checklist items as columns, one status per cell.

Built from audit JSON files alone, so it works on the output of `auditor batch`, on audits written
one by one, or on a mix of both. `matrix.csv` follows the batch contract (one row per subject, one
column per item id, cells are statuses); `index.html` links every cell to that subject's report.

A subject none of whose documents could be audited (all in a language the auditor has no lexicon
for, or all unreadable) is *not assessed*: its cells stay empty in `matrix.csv` (an empty cell is
no status, as for a checklist that was not selected; never `missing`, which would be a gap of the
law) and `index.html` shows one grey row naming the language. Every row also says what the subject
covers: the documents read, their languages, and which instruments they address at all (a subject
with only a trafficking act does not address smuggling, and its smuggling "gaps" are that silence).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from auditor.ingest.language import language_name, read_languages
from auditor.report.view import GAPS, STATUS_LABEL, STATUS_ORDER

SHORT = {"satisfied": "S", "deviation": "D", "missing": "M", "needs_review": "R", "not_applicable": "–"}


@dataclass(frozen=True)
class Column:
    item: str
    title: str
    checklist: str
    severity: str


#: The Protocols whose subject matter a subject's documents may or may not address at all.
INSTRUMENTS = (("som", "smuggling"), ("tip", "trafficking"))
#: Statuses that show the documents speak of an item's matter.
SPOKEN = ("satisfied", "deviation", "needs_review")


@dataclass(frozen=True)
class Coverage:
    """What a subject's audit rests on, read from its audit JSON."""

    documents: int  # documents audited
    listed: int  # documents listed (audited or not)
    languages: tuple[str, ...]  # languages of the audited documents, in order of first appearance
    unsupported: tuple[str, ...]  # languages of documents not audited for want of a lexicon ("Czech")
    addressed: tuple[str, ...]  # Protocols the documents speak of in at least one item ("trafficking")
    not_addressed: tuple[str, ...]  # Protocols every item of which is missing ("smuggling")
    not_assessed: str  # why nothing could be judged ("Czech", "no document could be read"); "" if judged

    @property
    def summary(self) -> str:
        """One line: '2 documents · es · smuggling and trafficking'."""
        if self.not_assessed:
            return f"{self.listed} document{'s' if self.listed != 1 else ''}"
        docs = f"{self.documents} document{'s' if self.documents != 1 else ''}"
        if self.listed > self.documents:
            docs += f" of {self.listed}"
        parts = [docs]
        if self.languages:
            parts.append(", ".join(self.languages))
        if self.addressed:
            parts.append(" and ".join(self.addressed))
        return " · ".join(parts)

    @property
    def gaps_note(self) -> str:
        """'smuggling not addressed in these documents', or ''."""
        if not self.not_addressed or self.not_assessed:
            return ""
        return " and ".join(self.not_addressed) + " not addressed in these documents"


def coverage(data: dict[str, Any]) -> Coverage:
    """The coverage of one audit JSON (see `Coverage`)."""
    documents = data.get("documents", [])
    errors = data.get("errors", [])
    failed = {e.get("document") for e in errors}
    unsupported_docs = [e.get("document") for e in errors if e.get("code") == "unsupported-language"]
    audited = [d for i, d in enumerate(documents) if i not in failed]
    languages = tuple(dict.fromkeys(d.get("language", "") for d in audited if d.get("language")))
    unsupported = tuple(dict.fromkeys(
        language_name(documents[i].get("language", "")) for i in unsupported_docs
        if isinstance(i, int) and 0 <= i < len(documents) and documents[i].get("language")))
    findings = data.get("findings", [])
    status = {f["item"]: f["status"] for f in findings}
    judged = {c for c, _ in INSTRUMENTS if any(f.get("checklist") == c for f in findings)}
    spoken = {f.get("checklist") for f in findings if f["status"] in SPOKEN}
    addressed = tuple(name for c, name in INSTRUMENTS if c in judged and c in spoken)
    silent = tuple(name for c, name in INSTRUMENTS if c in judged and c not in spoken)
    not_assessed = ""
    if not status and errors:
        if unsupported and len(unsupported_docs) == len(errors):
            not_assessed = " and ".join(unsupported)
        else:
            not_assessed = "no document could be read"
    return Coverage(len(audited), len(documents), languages, unsupported, addressed, silent, not_assessed)


def not_assessed_message(cov: Coverage) -> str:
    """'not assessed — Czech: the auditor reads English, French and Spanish', or ''."""
    if not cov.not_assessed:
        return ""
    if cov.unsupported and cov.not_assessed == " and ".join(cov.unsupported):
        return f"not assessed — {cov.not_assessed}: the auditor reads {read_languages()}"
    return f"not assessed — {cov.not_assessed}"


def subject_key(data: dict[str, Any]) -> str:
    """A safe file stem for a subject's report: its jurisdiction code, else its label."""
    subject = data["subject"]
    raw = subject.get("jurisdiction") or subject.get("label") or "subject"
    return re.sub(r"[^A-Za-z0-9_-]+", "-", raw).strip("-") or "subject"


def columns(audits: list[dict[str, Any]]) -> list[Column]:
    """Items in checklist order, the union over all audits (a subject audited with fewer
    checklists shows empty cells, not a shifted row)."""
    seen: dict[str, Column] = {}
    for data in audits:
        for f in data["findings"]:
            seen.setdefault(f["item"], Column(f["item"], f["title"], f["checklist"], f["severity"]))
    return list(seen.values())


def matrix_csv(audits: list[dict[str, Any]]) -> str:
    cols = columns(audits)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["jurisdiction", "label", *[c.item for c in cols]])
    for data in audits:
        status = {f["item"]: f["status"] for f in data["findings"]}
        writer.writerow([data["subject"].get("jurisdiction", ""), data["subject"].get("label", ""),
                         *[status.get(c.item, "") for c in cols]])
    return buffer.getvalue()


def matrix_view(audits: list[dict[str, Any]]) -> dict[str, Any]:
    cols = columns(audits)
    groups: list[tuple[str, int]] = []
    for c in cols:
        if groups and groups[-1][0] == c.checklist:
            groups[-1] = (c.checklist, groups[-1][1] + 1)
        else:
            groups.append((c.checklist, 1))
    titles = {c["id"]: c["title"] for data in audits for c in data["checklists"]}
    rows = []
    for data in audits:
        status = {f["item"]: f["status"] for f in data["findings"]}
        counts = {s: sum(1 for v in status.values() if v == s) for s in STATUS_ORDER}
        cov = coverage(data)
        rows.append({"key": subject_key(data), "label": data["subject"].get("label") or subject_key(data),
                     "jurisdiction": data["subject"].get("jurisdiction", ""),
                     "cells": [status.get(c.item, "") for c in cols], "counts": counts,
                     "gaps": counts["deviation"] + counts["missing"], "errors": len(data.get("errors", [])),
                     "coverage": cov, "not_assessed": not_assessed_message(cov)})
    per_item = [sum(1 for r in rows if r["cells"][i] in GAPS) for i in range(len(cols))]
    return {"columns": cols, "groups": [(titles.get(g, g), n) for g, n in groups], "rows": rows,
            "not_assessed": sum(1 for r in rows if r["not_assessed"]),
            "per_item": per_item, "short": SHORT, "label": STATUS_LABEL, "statuses": STATUS_ORDER,
            "order": {s: i for i, s in enumerate(STATUS_ORDER)}}


def matrix_html(audits: list[dict[str, Any]]) -> str:
    from auditor.report.html import render

    return render("matrix.html.j2", m=matrix_view(audits))
