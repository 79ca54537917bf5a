"""Plain-text summary and CSV rows of an audit JSON."""

from __future__ import annotations

import csv
import io
from typing import Any

from auditor.report.view import reference, short_title, sort_key


def parts_text(finding: dict[str, Any]) -> str:
    """"3 of 4 parts; absent: public official" for a finding with parts, else ""."""
    parts = finding.get("parts") or []
    if not parts:
        return ""

    def status(p: dict[str, Any]) -> str:  # a narrowed part is "absent" with narrowed: true
        return "narrowed" if p.get("narrowed") else str(p.get("status"))

    out = f"{sum(status(p) == 'found' for p in parts)} of {len(parts)} parts"
    others = dict.fromkeys(["absent", "narrowed", "unknown", *(status(p) for p in parts)])
    for kind in (s for s in others if s != "found"):
        named = [f"({p.get('id', '')}) {p.get('text', '')}" for p in parts if status(p) == kind]
        if named:
            out += f"; {kind}: " + ", ".join(named)
    return out


def findings_text(data: dict[str, Any]) -> str:
    """Gaps first (deviations and missing, critical first), then what needs a reader, then what
    the law satisfies; each with its message and where the evidence is."""
    subject = data["subject"]
    lines = [f"Audit of {subject['label'] or subject['jurisdiction'] or 'the law'}: "
             + ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in data["summary"].items() if n)]
    for doc in data["documents"]:
        lines.append(f"  {doc['path']} · {short_title(doc)} · {doc['pages']} page(s)")
    for error in data["errors"]:
        lines.append(f"  not read: {error['message']}")
    findings = sorted(data["findings"], key=sort_key)
    for f in findings:
        lines.append("")
        lines.append(f"[{f['status'].replace('_', ' ').upper()}] {f['severity']} · {f['item']} · "
                     f"{f['title']} ({reference(f)})")
        lines.append(f"  {f['message']}")
        if f.get("parts"):
            lines.append(f"  Parts: {parts_text(f)}")
        for e in f["evidence"][:2]:
            quote = " ".join(e["quote"].split())
            quote = quote if len(quote) <= 160 else quote[:157] + "…"
            lines.append(f"  > {e.get('cited_as') or e['provision']}, p. {e['page']}: “{quote}”")
        if f["status"] in ("deviation", "missing"):
            lines.append(f"  Fix: {f['recommendation']}")
    return "\n".join(lines) + "\n"


def findings_csv(data: dict[str, Any]) -> str:
    """One row per finding, ready to paste into a report: the first evidence quoted in full, its
    line breaks as spaces so that every finding stays one line of the file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["jurisdiction", "item", "checklist", "status", "severity", "title", "article",
                     "provision", "page", "quote", "message", "recommendation", "reference", "parts"])
    for f in data["findings"]:
        first = f["evidence"][0] if f["evidence"] else {}
        writer.writerow([data["subject"]["jurisdiction"], f["item"], f["checklist"], f["status"],
                         f["severity"], f["title"], f["reference"]["article"],
                         first.get("provision", ""), first.get("page", ""),
                         " ".join(str(first.get("quote", "")).split()), f["message"],
                         f["recommendation"], reference(f), parts_text(f)])
    return buffer.getvalue()
