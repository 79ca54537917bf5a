"""Laws published as web pages (online gazettes, legislation portals).

Block elements become paragraphs, so provision numbers stay at the start of their lines; scripts,
styles and navigation never reach the law text.
"""

from __future__ import annotations

import lxml.etree
import lxml.html

from auditor.errors import InputError
from auditor.ingest.build import make_document
from auditor.ingest.document import Document
from auditor.ingest.textfile import decode

_DROP = {"script", "style", "noscript", "template", "head", "nav", "button", "form", "select",
         "svg", "iframe", "object", "canvas"}
_BLOCK = {"p", "div", "section", "article", "main", "aside", "header", "footer", "h1", "h2", "h3",
          "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "blockquote", "pre",
          "address", "figure", "figcaption", "hr", "body", "center", "fieldset", "legend"}
_CELL = {"td", "th"}


def html_to_text(markup: str) -> tuple[str, str]:
    """Return (text, title)."""
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return "", ""
    title = (root.findtext(".//title") or "").strip()
    out: list[str] = []
    _walk(root, out)
    return "".join(out), title


def _walk(el: lxml.html.HtmlElement, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    tag = tag.lower()
    if tag in _DROP or not isinstance(el.tag, str):
        # comments and processing instructions carry no law text; their tails do
        if el.tail:
            out.append(el.tail)
        return
    if tag in _BLOCK:
        out.append("\n\n")
    elif tag == "br":
        out.append("\n")
    elif tag in _CELL:
        out.append(" ")
    if el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out)
    if tag in _BLOCK:
        out.append("\n\n")
    if el.tail:
        out.append(el.tail)


def load_html(raw: bytes, path: str) -> Document:
    text, encoding = decode(raw, path)
    body, title = html_to_text(text)
    if not body.strip():
        raise InputError("no-text", path, "the web page has no visible text")
    lines = "\n".join(" ".join(line.split()) for line in body.split("\n"))
    return make_document(path=path, raw=raw, fmt="html", pages=[lines], title=title or None,
                         fields={"encoding": encoding})
