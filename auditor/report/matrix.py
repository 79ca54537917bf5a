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


@dataclass(frozen=True)
class Segment:
    """One status's share of a subject's stacked bar."""

    status: str
    count: int
    share: float  # percent of the items judged for the subject, 0-100


def status_bar(counts: dict[str, int]) -> tuple[Segment, ...]:
    """A subject's stacked bar: gaps first (deviation, missing), then needs_review, satisfied and not
    applicable, so that the length of the gap part lines up from the left edge and compares down the
    column. Empty statuses are left out; a subject with nothing judged has no bar."""
    total = sum(counts.get(s, 0) for s in STATUS_ORDER)
    if not total:
        return ()
    return tuple(Segment(s, counts[s], round(100 * counts[s] / total, 1))
                 for s in STATUS_ORDER if counts.get(s, 0))


@dataclass(frozen=True)
class ItemGaps:
    """How many subjects fall short on one item: the column bar of the matrix."""

    item: str
    gaps: int  # subjects with a deviation or missing status on the item
    assessed: int  # subjects with any status on the item (not-assessed subjects have none)

    @property
    def share(self) -> float:
        """Percent of the assessed subjects with a gap on the item, 0-100."""
        return round(100 * self.gaps / self.assessed, 1) if self.assessed else 0.0


def item_gaps(cols: list[Column], cells: list[list[str]]) -> list[ItemGaps]:
    """Per column, the subjects with a gap among those with a status (`cells`: one list per subject)."""
    return [ItemGaps(c.item, sum(1 for row in cells if row[i] in GAPS), sum(1 for row in cells if row[i]))
            for i, c in enumerate(cols)]


@dataclass(frozen=True)
class Group:
    """A run of columns from one checklist (instrument), which the page can fold into one column."""

    checklist: str
    title: str  # "Smuggling of Migrants Protocol"
    short: str  # "SOM", shown when the group is folded
    start: int  # index of its first column
    span: int


def short_name(checklist: str) -> str:
    """'som' -> 'SOM'; 'good-practice' -> 'Good practice': acronyms stay acronyms, words read as words."""
    return checklist.upper() if "-" not in checklist and len(checklist) <= 5 else \
        checklist.replace("-", " ").capitalize()


def groups(cols: list[Column], titles: dict[str, str]) -> list[Group]:
    """Consecutive columns of one checklist, in column order."""
    out: list[Group] = []
    for i, c in enumerate(cols):
        if out and out[-1].checklist == c.checklist:
            g = out[-1]
            out[-1] = Group(g.checklist, g.title, g.short, g.start, g.span + 1)
        else:
            title = titles.get(c.checklist, c.checklist)
            out.append(Group(c.checklist, title, short_name(c.checklist), i, 1))
    return out


def group_gaps(cells: list[str], group: Group) -> int:
    """A subject's gaps among one group's items (what a folded group shows in its row)."""
    return sum(1 for v in cells[group.start:group.start + group.span] if v in GAPS)


def made_on(audits: list[dict[str, Any]]) -> str:
    """The date the matrix shows: the latest date the audits carry, else today (UTC). An audit JSON
    need not say when it was made, and the matrix is made from them now."""
    dates = [str(d.get("date") or d.get("created") or "")[:10] for d in audits]
    dates = [d for d in dates if d]
    if dates:
        return max(dates)
    from datetime import UTC, datetime

    return datetime.now(UTC).date().isoformat()


def matrix_view(audits: list[dict[str, Any]], made: str | None = None) -> dict[str, Any]:
    """What index.html shows; `made` is the date printed on it (default: see `made_on`)."""
    cols = columns(audits)
    titles = {c["id"]: c["title"] for data in audits for c in data["checklists"]}
    grouped = groups(cols, titles)
    rows = []
    for data in audits:
        status = {f["item"]: f["status"] for f in data["findings"]}
        counts = {s: sum(1 for v in status.values() if v == s) for s in STATUS_ORDER}
        cov = coverage(data)
        cells = [status.get(c.item, "") for c in cols]
        rows.append({"key": subject_key(data), "label": data["subject"].get("label") or subject_key(data),
                     "jurisdiction": data["subject"].get("jurisdiction", ""),
                     "cells": cells, "counts": counts, "bar": status_bar(counts),
                     "judged": sum(counts.values()), "group_gaps": [group_gaps(cells, g) for g in grouped],
                     "gaps": counts["deviation"] + counts["missing"], "errors": len(data.get("errors", [])),
                     "coverage": cov, "not_assessed": not_assessed_message(cov)})
    per_item = item_gaps(cols, [r["cells"] for r in rows if not r["not_assessed"]])
    per_group = [sum(1 for r in rows if not r["not_assessed"] and r["group_gaps"][i])
                 for i in range(len(grouped))]
    return {"columns": cols, "groups": grouped, "rows": rows,
            "not_assessed": sum(1 for r in rows if r["not_assessed"]),
            "assessed": sum(1 for r in rows if not r["not_assessed"]),
            "per_item": per_item, "per_group": per_group, "made": made or made_on(audits),
            "short": SHORT, "label": STATUS_LABEL, "statuses": STATUS_ORDER,
            "order": {s: i for i, s in enumerate(STATUS_ORDER)}}


def matrix_html(audits: list[dict[str, Any]], made: str | None = None) -> str:
    from auditor.report.html import render

    return render("matrix.html.j2", m=matrix_view(audits, made))
