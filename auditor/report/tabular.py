"""Plain-text summary and CSV rows of an audit JSON."""

from __future__ import annotations

import csv
import io
from typing import Any

_ORDER = {"deviation": 0, "missing": 1, "needs_review": 2, "satisfied": 3, "not_applicable": 4}
_RANK = {"critical": 0, "major": 1, "minor": 2}


def findings_text(data: dict[str, Any]) -> str:
    """Gaps first (deviations and missing, critical first), then what needs a reader, then what
    the law satisfies; each with its message and where the evidence is."""
    subject = data["subject"]
    lines = [f"Audit of {subject['label'] or subject['jurisdiction'] or 'the law'}: "
             + ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in data["summary"].items() if n)]
    for doc in data["documents"]:
        lines.append(f"  {doc['path']} · {doc['title'][:70]} · {doc['pages']} page(s)")
    for error in data["errors"]:
        lines.append(f"  not read: {error['message']}")
    findings = sorted(data["findings"], key=lambda f: (_ORDER[f["status"]], _RANK[f["severity"]]))
    for f in findings:
        lines.append("")
        lines.append(f"[{f['status'].replace('_', ' ').upper()}] {f['severity']} · {f['item']} · "
                     f"{f['title']} ({f['reference']['article']})")
        lines.append(f"  {f['message']}")
        for e in f["evidence"][:2]:
            quote = " ".join(e["quote"].split())
            quote = quote if len(quote) <= 160 else quote[:157] + "…"
            lines.append(f"  > {e['provision']}, p. {e['page']}: “{quote}”")
        if f["status"] in ("deviation", "missing"):
            lines.append(f"  Fix: {f['recommendation']}")
    return "\n".join(lines) + "\n"


def findings_csv(data: dict[str, Any]) -> str:
    """One row per finding, ready to paste into a report: the first evidence quoted in full."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["jurisdiction", "item", "checklist", "status", "severity", "title", "article",
                     "provision", "page", "quote", "message", "recommendation"])
    for f in data["findings"]:
        first = f["evidence"][0] if f["evidence"] else {}
        writer.writerow([data["subject"]["jurisdiction"], f["item"], f["checklist"], f["status"],
                         f["severity"], f["title"], f["reference"]["article"],
                         first.get("provision", ""), first.get("page", ""),
                         " ".join(str(first.get("quote", "")).split()), f["message"],
                         f["recommendation"]])
    return buffer.getvalue()
