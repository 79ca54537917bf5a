"""Markdown export: findings with quote and citation, to paste into a shadow report.

Quotes are the law's words byte for byte: every line of the quote is a line of the blockquote,
highlighted words are wrapped in `**` with the spaces around them left outside the markers (so
`offence of **smuggling of persons** who` keeps both spaces), and Markdown's own characters are
escaped with a backslash. Removing the `> ` prefixes, the escapes and the markers gives the quote
back exactly (`unquote`, tested).
"""

from __future__ import annotations

import re
from typing import Any

from auditor.report.view import STATUS_LABEL, Card, Quote, report_view

#: Characters that would become Markdown (emphasis, links, code, HTML, tables) if left bare.
SPECIAL = "\\`*_[]<>|#!~&"
#: At the start of a line these open a list, a heading or a rule.
LINE_START = re.compile(r"^(\s*)([-+=#>]|\d+[.)])")


def _md(text: str) -> str:
    """Plain text as Markdown text on one line: no markup of its own survives."""
    return _escape(" ".join(str(text).split()))


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in SPECIAL else ch for ch in text)


def _line(text: str) -> str:
    """One line of a quote, escaped; a line that would open a list or heading has its mark escaped."""
    m = LINE_START.match(text)
    if not m:
        return _escape(text)
    lead, mark, rest = m.group(1), m.group(2), text[m.end():]
    if mark[-1] in ".)":  # "1. " would open an ordered list
        return _escape(lead) + mark[:-1] + "\\" + mark[-1] + _escape(rest)
    if mark in "-+=":
        return _escape(lead) + "\\" + mark + _escape(rest)
    return _escape(text)


def _emphasis(text: str) -> str:
    """Highlighted words: `**` around each line's words, whitespace outside the markers."""
    lines = []
    for line in text.split("\n"):
        m = re.match(r"^(\s*)(.*?)(\s*)$", line, re.S)
        assert m is not None
        lead, core, tail = m.groups()
        lines.append(f"{lead}**{core}**{tail}" if core else line)
    return "\n".join(lines)


def quote_lines(q: Quote) -> list[str]:
    """The quote as blockquote lines: the law's line breaks kept, decisive words in bold."""
    # mark runs with sentinels first, so escaping and line splitting see the whole quote at once
    open_, close = "\x01", "\x02"
    text = "".join(f"{open_}{t}{close}" if marked and t.strip() else t for t, marked in q.runs)
    out = []
    for raw in text.split("\n"):
        plain = raw.replace(open_, "").replace(close, "")
        line = _line(plain) if open_ not in raw and close not in raw else _marked_line(raw, open_, close)
        out.append(f"> {line}" if line else ">")
    return out


def _marked_line(raw: str, open_: str, close: str) -> str:
    """A line holding highlighted words (a highlight may start or end on another line)."""
    pieces = re.split(f"([{open_}{close}])", raw)
    out, marked, first = [], False, True
    for piece in pieces:
        if piece == open_:
            marked = True
            continue
        if piece == close:
            marked = False
            continue
        if not piece:
            continue
        escaped = _line(piece) if first else _escape(piece)
        first = False
        out.append(_emphasis(escaped) if marked and piece.strip() else escaped)
    return "".join(out)


def unquote(lines: list[str]) -> str:
    """The law's words back from blockquote lines (what the tests compare with the audit JSON)."""
    body = "\n".join(line[2:] if line.startswith("> ") else line[1:] for line in lines)
    body = body.replace("**", "")
    return re.sub(r"\\(.)", r"\1", body)


def _card(c: Card) -> list[str]:
    lines = ["", f"### {STATUS_LABEL[c.status]} ({c.severity}): {_md(c.title)}", "",
             f"*{c.item}* · {_md(c.reference)}", "", _md(c.message)]
    if c.parts:
        lines += ["", f"Parts: {_md(c.parts_summary)}", ""]
        mark = {"found": "[x]", "absent": "[ ]", "unknown": "[?]"}
        for p in c.parts:
            where = f" — {_md(p.where_label)}" if p.where else ""
            lines.append(f"- {mark.get(p.status, '[?]')} ({_md(p.id)}) {_md(p.text)} *{p.status}*{where}")
    for q in c.quotes:
        lines += ["", *quote_lines(q), *(["> …"] if q.cut else []), ">",
                  f"> — {_md(q.where)}, {_md(q.document)}"]
        if q.ocr:
            lines.append(f"> (text read by OCR, {_md(q.ocr)}: check the original"
                         + (f"; words OCR misspelt, as quoted: {_md('; '.join(q.readings))}" if q.readings
                            else "") + ")")
    if c.status in ("deviation", "missing", "needs_review"):
        lines += ["", f"Recommended: {_md(c.recommendation)}"]
    return lines


def report_markdown(data: dict[str, Any]) -> str:
    view = report_view(data)
    lines = [f"# Gap report: {_md(view.label)}", ""]
    lines.append(", ".join(f"{view.summary[s]} {STATUS_LABEL[s].lower()}" for s in view.statuses) + "."
                 + (f" Report of {view.date}." if view.date else ""))
    lines.append("")
    lines.append("Documents: " + "; ".join(f"{_md(d['title'] or d['path'])} ({d['pages']} p., sha256 "
                                          f"`{d['sha256'][:12]}…`)" for d in view.documents) + ".")
    if view.fix_first:
        lines += ["", "## Fix first", ""]
        for n, c in enumerate(view.fix_first, 1):
            lines.append(f"{n}. **{STATUS_LABEL[c.status]} ({c.severity}): {_md(c.title)}** — "
                         f"{_md(c.message)} Recommended: {_md(c.recommendation)}")
    groups = (("Gaps", ("deviation", "missing")), ("Needs review", ("needs_review",)),
              ("Satisfied", ("satisfied",)), ("Not applicable", ("not_applicable",)))
    for heading, statuses in groups:
        cards = [c for c in view.cards if c.status in statuses]
        if cards:
            lines += ["", f"## {heading}"]
            for c in cards:
                lines += _card(c)
    return "\n".join(lines) + "\n"
