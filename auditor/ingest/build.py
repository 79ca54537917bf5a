"""Assemble a `Document` from the pages a loader extracted.

Every loader ends here, so the text normal form is the same whatever the format: Unix newlines, no
trailing blanks, ligatures and exotic spaces folded, at most one blank line in a row. A page break
is a blank line, and the page map records where each page's text begins.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping

from auditor.errors import InputError
from auditor.ingest.document import Document, DocumentMeta
from auditor.ingest.language import guess_language
from auditor.ingest.title import choose_title

_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_TRAILING = re.compile(r"[ ]+\n")
_BLANKS = re.compile(r"\n{3,}")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
_LIGATURE_RE = re.compile("|".join(_LIGATURES))


def normalise(text: str) -> str:
    """Fold what differs between extractors but never carries legal meaning."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = unicodedata.normalize("NFC", text)
    text = _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group()], text)
    text = text.replace("``", "“")  # TeX-style opening quotes of some converters
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    text = _TRAILING.sub("\n", text + "\n")
    return _BLANKS.sub("\n\n", text).strip("\n")


def sha256_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def make_document(
    *,
    path: str,
    raw: bytes,
    fmt: str,
    pages: Iterable[str],
    title: str | None = None,
    language: str | None = None,
    fields: Mapping[str, str] | None = None,
    warnings: Iterable[str] = (),
    ocr_pages: Iterable[int] = (),
) -> Document:
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for page in pages:
        page_text = normalise(page)
        if parts:
            parts.append("\n\n")
            offset += 2
        starts.append(offset)
        parts.append(page_text)
        offset += len(page_text)
    text = "".join(parts)
    if not text.strip():
        raise InputError("no-text", path, "no text could be read from the file")
    meta = DocumentMeta(
        path=path,
        sha256=sha256_of(raw),
        format=fmt,
        title=choose_title(title, text, fmt, fields, path),
        language=language or guess_language(text),
        pages=len(starts),
        fields=dict(fields or {}),
        warnings=tuple(warnings),
        ocr_pages=tuple(ocr_pages),
    )
    return Document(text=text, page_starts=tuple(starts), meta=meta)
