"""The corpus matrix: subjects as rows, checklist items as columns, one status per cell.

Built from audit JSON files alone, so it works on the output of `auditor batch`, on audits written
one by one, or on a mix of both. `matrix.csv` follows the batch contract (one row per subject, one
column per item id, cells are statuses); `index.html` links every cell to that subject's report.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from auditor.report.view import GAPS, STATUS_LABEL, STATUS_ORDER

SHORT = {"satisfied": "S", "deviation": "D", "missing": "M", "needs_review": "R", "not_applicable": "–"}


@dataclass(frozen=True)
class Column:
    item: str
    title: str
    checklist: str
    severity: str


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
        rows.append({"key": subject_key(data), "label": data["subject"].get("label") or subject_key(data),
                     "jurisdiction": data["subject"].get("jurisdiction", ""),
                     "cells": [status.get(c.item, "") for c in cols], "counts": counts,
                     "gaps": counts["deviation"] + counts["missing"], "errors": len(data.get("errors", []))})
    per_item = [sum(1 for r in rows if r["cells"][i] in GAPS) for i in range(len(cols))]
    return {"columns": cols, "groups": [(titles.get(g, g), n) for g, n in groups], "rows": rows,
            "per_item": per_item, "short": SHORT, "label": STATUS_LABEL, "statuses": STATUS_ORDER,
            "order": {s: i for i, s in enumerate(STATUS_ORDER)}}


def matrix_html(audits: list[dict[str, Any]]) -> str:
    from auditor.report.html import render

    return render("matrix.html.j2", m=matrix_view(audits))
