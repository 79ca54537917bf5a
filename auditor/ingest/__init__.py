"""Ingest: any supported file -> `Document`.

The format is decided by the file's bytes first and its name second, so a PDF saved as `.txt` is
still read as a PDF and a zip renamed `.docx` is refused as a corrupt Word file.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from auditor.errors import InputError
from auditor.ingest.document import Document, DocumentMeta
from auditor.ingest.language import declared_language

__all__ = ["Document", "DocumentMeta", "InputError", "detect_format", "load"]

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
#: Characters of text per document: a 2,000-page code has about 6 million.
DEFAULT_MAX_CHARS = 50_000_000
#: Provision labels per document ("(a)", "12.", "3)" …). The largest real codes read so far hold
#: some 6,000; segmenting costs about a tenth of a millisecond per provision and the JSON about
#: 200 bytes, so a file made of a million "(a)" lines would take minutes and hundreds of megabytes.
DEFAULT_MAX_PROVISIONS = 200_000
_PROVISION_LABEL = re.compile(
    r"^[ \t]*[(\[]?[0-9A-Za-z]{1,8}(?:[.\-][0-9A-Za-z]{1,4})*[.)\]]|\([0-9A-Za-z]{1,6}\)", re.M)
#: Bytes read at a time when a text is measured before it is decoded.
_CHUNK = 8 * 1024 * 1024
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))

_TEXT_SUFFIXES = {".txt", ".text", ""}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def detect_format(raw: bytes, path: str) -> str:
    head = raw[:1024]
    suffix = Path(path).suffix.lower()
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix in {".docx", ".docm", ".dotx"} or b"word/" in raw[:65536]:
            return "docx"
        raise InputError("unknown-format", path, "a zip archive that is not a Word document")
    if suffix == ".pdf":
        raise InputError("corrupt-pdf", path, "named .pdf but has no PDF header")
    if suffix in {".docx", ".docm", ".dotx"}:
        raise InputError("corrupt-docx", path, "named .docx but is not a zip package")
    if suffix in {".doc", ".rtf", ".odt", ".xml", ".akn"}:
        raise InputError("unknown-format", path, f"{suffix} files are not supported yet")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in _HTML_SUFFIXES or lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in _TEXT_SUFFIXES or suffix:
        return "text"
    raise InputError("unknown-format", path, "cannot tell what kind of file this is")


def _characters(path: Path, head: bytes, stop_after: int) -> int:
    """How many characters a text file holds, counted on its bytes in chunks, without decoding it
    (a 200 MB file decoded whole costs 1.5 GB before any limit could be checked); the count stops
    once it passes `stop_after`. UTF-8 and single-byte text: every byte that is not a UTF-8
    continuation byte starts a character (a lower bound for cp1252); UTF-16 and UTF-32 by their
    byte-order mark."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return path.stat().st_size // 4
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return path.stat().st_size // 2
    count = 0
    with path.open("rb") as handle:
        while count <= stop_after and (chunk := handle.read(_CHUNK)):
            count += len(chunk.translate(None, _UTF8_CONTINUATION))
    return count


def load(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
         max_pages: int | None = None, max_chars: int | None = None,
         language: str | None = None, ocr: str = "auto",
         max_provisions: int = DEFAULT_MAX_PROVISIONS) -> Document:
    """Read one law. Raises `InputError` with a stable code for every foreseeable failure; a file
    over `max_bytes`, a PDF over `max_pages`, a text over `max_chars` (counted before decoding) or
    with more than `max_provisions` provision labels is `too-large`, and so is a file the machine
    runs out of memory reading. A scanned PDF is recognised by OCR when the OCR extra is installed
    (`ocr`: "auto", "always", "never")."""
    name = os.fspath(path)
    p = Path(name)
    if p.is_dir():
        raise InputError("is-directory", name, "is a directory, not a file")
    if not p.exists():
        raise InputError("not-found", name, "no such file")
    size = p.stat().st_size
    if size == 0:
        raise InputError("empty-file", name, "the file is empty")
    if size > max_bytes:
        raise InputError("too-large", name, f"{size} bytes, limit is {max_bytes}")
    with p.open("rb") as handle:
        head = handle.read(65536)
    fmt = detect_format(head, name)
    limit = max_chars or DEFAULT_MAX_CHARS
    if fmt in ("text", "markdown", "html"):
        # a web page's text is never longer than its markup, so the markup is held to the same limit
        chars = _characters(p, head, limit)
        if chars > limit:
            what = "characters of markup" if fmt == "html" else "characters of text"
            raise InputError("too-large", name, f"{size:,} bytes, more than {limit:,} {what}, the limit")
    try:
        raw = p.read_bytes()
        with declared_language(language):  # a given language spares the guess (and its model)
            if fmt == "pdf":
                from auditor.ingest.pdf import DEFAULT_MAX_PAGES, load_pdf

                doc = load_pdf(raw, name, max_pages=max_pages or DEFAULT_MAX_PAGES, ocr=ocr,
                               languages=[language] if language else None)
            else:
                doc = _LOADERS[fmt](raw, name, max_pages)
    except MemoryError as error:  # never shown as a corrupt file: the file may be fine
        raise InputError("too-large", name, f"ran out of memory reading its {size:,} bytes") from error
    if len(doc.text) > limit:
        raise InputError("too-large", name, f"{len(doc.text):,} characters of text, limit is {limit:,}")
    labels = sum(1 for _ in _PROVISION_LABEL.finditer(doc.text))
    if labels > max_provisions:
        raise InputError("too-large", name, f"{labels:,} provision labels such as (a) or 1., limit is "
                         f"{max_provisions:,}")
    if language and language != doc.meta.language:
        from dataclasses import replace

        doc = replace(doc, meta=replace(doc.meta, language=language))
    return doc


def _pdf(raw: bytes, path: str, max_pages: int | None) -> Document:
    from auditor.ingest.pdf import DEFAULT_MAX_PAGES, load_pdf

    return load_pdf(raw, path, max_pages=max_pages or DEFAULT_MAX_PAGES)


def _docx(raw: bytes, path: str, max_pages: int | None) -> Document:
    from auditor.ingest.docx import load_docx

    return load_docx(raw, path)


def _html(raw: bytes, path: str, max_pages: int | None) -> Document:
    from auditor.ingest.html import load_html

    return load_html(raw, path)


def _markdown(raw: bytes, path: str, max_pages: int | None) -> Document:
    from auditor.ingest.markdown import load_markdown

    return load_markdown(raw, path)


def _text(raw: bytes, path: str, max_pages: int | None) -> Document:
    from auditor.ingest.textfile import load_text

    return load_text(raw, path)


_LOADERS = {"pdf": _pdf, "docx": _docx, "html": _html, "markdown": _markdown, "text": _text}
