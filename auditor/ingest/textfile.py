"""Plain-text laws: decode whatever encoding the publisher used, keep form feeds as page breaks."""

from __future__ import annotations

import codecs
import re

from auditor.errors import InputError
from auditor.ingest.build import make_document
from auditor.ingest.document import Document

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


codecs.register_error("auditor-cp1252", _cp1252_fallback)

# Control characters that never occur in a law typed by a person; their presence means binary data.
_CONTROL = {chr(c) for c in range(32)} - {"\n", "\r", "\t", "\f"}


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding). Tries BOMs, strict UTF-8, then charset detection, then cp1252."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return _checked(raw.decode(encoding), path), encoding
            except UnicodeDecodeError as exc:
                raise InputError("decode-error", path, f"invalid {encoding}: {exc.reason}") from exc
    if b"\x00" in raw[:4096]:
        raise InputError("binary-content", path, "the file contains NUL bytes")
    try:
        return _checked(raw.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(raw):
        # Mostly UTF-8 with stray cp1252 bytes (text pasted from two sources): keep the UTF-8 and
        # read each stray byte as cp1252, rather than turning every accent of the file to mojibake.
        return _checked(raw.decode("utf-8", errors="auditor-cp1252"), path), "utf-8+cp1252"
    text, encoding = _legacy(raw)
    return _checked(text, path), encoding


def _legacy(raw: bytes) -> tuple[str, str]:
    """Non-UTF-8 text. Western legislation in a legacy encoding is nearly always cp1252 or Latin-1;
    charset-normalizer decides when the bytes say otherwise (Cyrillic, Central European ...)."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    western = ("cp1252", "latin_1", "iso8859_15", "iso8859_1")
    if best is not None and best.encoding not in western and best.chaos < 0.1:
        try:
            return raw.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _checked(text: str, path: str) -> str:
    sample = text[:20000]
    controls = sum(ch in _CONTROL for ch in sample)
    if sample and controls / len(sample) > 0.01:
        raise InputError("binary-content", path, f"{controls} control characters in the first "
                         f"{len(sample)} characters")
    return text


def load_text(raw: bytes, path: str, *, fmt: str = "text") -> Document:
    text, encoding = decode(raw, path)
    pages = text.split("\f")
    return make_document(path=path, raw=raw, fmt=fmt, pages=pages, fields={"encoding": encoding})
