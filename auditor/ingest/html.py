"""Laws published as web pages (online gazettes, legislation portals).

Block elements become paragraphs, so provision numbers stay at the start of their lines; scripts,
styles and navigation never reach the law text.
"""

from __future__ import annotations

from html.parser import HTMLParser

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


#: Share of the visible characters the tree may lose before the page is read tag by tag instead.
_KEPT = 0.99


def html_to_text(markup: str) -> tuple[str, str]:
    """Return (text, title)."""
    text, title, _warning = read_html(markup)
    return text, title


def read_html(markup: str) -> tuple[str, str, str | None]:
    """Return (text, title, warning). The page is parsed into a tree (lxml, with `huge_tree` so
    that nesting past 256 levels, such as 600 sections each opening a `<font>` it never closes,
    is kept) and walked without recursion. libxml2 still stops nesting at a few thousand levels
    and drops what lies deeper; so the visible characters are also counted by a reader that
    follows the tags one by one and keeps no tree, and when the tree lost any, the page is read
    that way and a warning says so."""
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        root = None
    tree_text = _walk(root) if root is not None else ""
    title = (root.findtext(".//title") or "").strip() if root is not None else ""
    del root  # the tree takes ten times the page; free it before the second reading
    events = _TagReader()
    events.feed(markup)
    events.close()
    stream_text = "".join(events.out)
    seen, kept = _visible(stream_text), _visible(tree_text)
    if seen and kept < seen * _KEPT:
        warning = (f"the page's markup is malformed (tags nested {events.deepest:,} deep or left "
                   f"open): a document tree kept {kept:,} of its {seen:,} visible characters, so it "
                   "was read tag by tag instead; check where paragraphs begin")
        return stream_text, title or events.title.strip(), warning
    return tree_text, title, None


def _visible(text: str) -> int:
    return sum(len(word) for word in text.split())


def _walk(root: lxml.html.HtmlElement) -> str:
    """The text of the tree in document order, blocks as paragraphs. A loop over an explicit
    stack, so depth costs memory, never Python's recursion limit."""
    out: list[str] = []
    # (element, closing): an element is visited on the way in, and again on the way out
    stack: list[tuple[lxml.html.HtmlElement, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if closing:
            if tag in _BLOCK:
                out.append("\n\n")
            if el.tail:
                out.append(el.tail)
            continue
        if tag in _DROP or not isinstance(el.tag, str):
            # comments and processing instructions carry no law text; their tails do
            if el.tail:
                out.append(el.tail)
            continue
        if tag in _BLOCK:
            out.append("\n\n")
        elif tag == "br":
            out.append("\n")
        elif tag in _CELL:
            out.append(" ")
        if el.text:
            out.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return "".join(out)


class _TagReader(HTMLParser):
    """Text by tag events, with the walk's rules for blocks, breaks, cells and dropped elements.
    It keeps no tree, so no depth is too deep and no unclosed tag hides what follows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.title = ""
        self.depth = self.deepest = 0
        self._dropping: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._dropping.clear()  # a <head> never closed ends where the body begins
        if tag in _DROP:
            self._dropping.append(tag)
            return
        self.depth += 1
        self.deepest = max(self.deepest, self.depth)
        self._in_title = tag == "title"
        self._mark(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _DROP:
            self._mark(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            if tag in self._dropping:
                del self._dropping[len(self._dropping) - 1 - self._dropping[::-1].index(tag):]
            return
        self.depth = max(0, self.depth - 1)
        self._in_title = False
        if tag in _BLOCK and not self._dropping:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._dropping:
            self.out.append(data)

    def _mark(self, tag: str) -> None:
        if self._dropping:
            return
        if tag in _BLOCK:
            self.out.append("\n\n")
        elif tag == "br":
            self.out.append("\n")
        elif tag in _CELL:
            self.out.append(" ")


def load_html(raw: bytes, path: str) -> Document:
    text, encoding = decode(raw, path)
    body, title, warning = read_html(text)
    if not body.strip():
        raise InputError("no-text", path, "the web page has no visible text")
    lines = "\n".join(" ".join(line.split()) for line in body.split("\n"))
    return make_document(path=path, raw=raw, fmt="html", pages=[lines], title=title or None,
                         fields={"encoding": encoding}, warnings=[warning] if warning else [])
