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
        title=title or _first_line(text, fmt),
        language=language or guess_language(text),
        pages=len(starts),
        fields=dict(fields or {}),
        warnings=tuple(warnings),
        ocr_pages=tuple(ocr_pages),
    )
    return Document(text=text, page_starts=tuple(starts), meta=meta)


_TITLE_PATTERNS = [
    re.compile(p)
    for p in (
        r"^An Act\b", r"^A Bill for\b", r"^.{3,150}\b(?:Act|Code|Law|Ordinance),? \d{4}\.?$",
        r"^(?:Loi|Ley|Code|Código|Decreto|Décret)\b", r"^(?:Protocol|Convention)\b",
    )
]


#: The preamble that follows a long title, even when a scan ran them together ("‘Wurreas it is …").
_PREAMBLE = re.compile(r"[‘'\"“]|(?:Whereas|WHEREAS|Be it|BE IT)\b")


def _first_line(text: str, fmt: str = "text") -> str:
    """A title for documents that carry none. Text files start with their title; the first line of
    a PDF or Word bill is often a printer's note, so there a line that reads like a title wins,
    with the lines it wraps onto, up to the end of its sentence."""
    lines = [ln.strip(" #*_") for ln in text.splitlines()[:120]]
    if fmt in ("pdf", "docx"):
        for pattern in _TITLE_PATTERNS:
            for i, line in enumerate(lines):
                if line and pattern.match(line) and len(line) <= 200:
                    return _wrapped(lines, i)
    first = next((ln for ln in lines if ln), "")
    return first[:200]


def _wrapped(lines: list[str], i: int) -> str:
    title = lines[i]
    for line in lines[i + 1 : i + 4]:
        if not line or title.endswith((".", ":")) or len(title) + len(line) > 300 or _PREAMBLE.match(line):
            break
        title = f"{title} {line}"
    return title.rstrip(".")
