"""Markdown export: findings with quote and citation, to paste into a shadow report."""

from __future__ import annotations

from typing import Any

from auditor.report.view import STATUS_LABEL, report_view


def _md(text: str) -> str:
    """Law text as Markdown text: no markup of its own survives (no links, emphasis or HTML)."""
    out = []
    for ch in " ".join(str(text).split()):
        out.append("\\" + ch if ch in "\\`*_[]<>|" else ch)
    return "".join(out)


def report_markdown(data: dict[str, Any]) -> str:
    view = report_view(data)
    lines = [f"# Gap report: {_md(view.label)}", ""]
    lines.append(", ".join(f"{view.summary[s]} {STATUS_LABEL[s].lower()}" for s in view.statuses) + ".")
    lines.append("")
    lines.append("Documents: " + "; ".join(f"{_md(d['title'] or d['path'])} ({d['pages']} p., sha256 "
                                          f"`{d['sha256'][:12]}…`)" for d in view.documents) + ".")
    for c in view.cards:
        lines += ["", f"## {STATUS_LABEL[c.status]} ({c.severity}): {_md(c.title)}", "",
                  f"*{c.item}* · {_md(c.instrument)}, art. {_md(c.article)}", "", _md(c.message)]
        for q in c.quotes:
            text = "".join(f"**{_md(t)}**" if marked and t.strip() else _md(t) for t, marked in q.runs)
            lines += ["", f"> {text}", ">", f"> — {_md(q.provision)}, p. {q.page}, {_md(q.document)}"]
            if q.ocr:
                lines.append(f"> (text read by OCR, {_md(q.ocr)}: check the original"
                             + (f"; words OCR misspelt, as quoted: {_md('; '.join(q.readings))}" if q.readings
                                else "") + ")")
        if c.status in ("deviation", "missing", "needs_review"):
            lines += ["", f"Recommended: {_md(c.recommendation)}"]
    return "\n".join(lines) + "\n"
