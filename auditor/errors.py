"""Typed input errors.

A user who feeds the auditor a scanned gazette or a broken file must learn, in one line, which file
failed, why, and what to do next. Every failure the ingest stage can foresee is an `InputError` with
a stable `code` (other tools and the audit JSON's `errors` list key on it) and a `hint`. Tracebacks
are reserved for bugs.
"""

from __future__ import annotations

from pathlib import Path

#: Stable error codes and the advice shown with them. docs/errors.md documents the same table.
HINTS: dict[str, str] = {
    "not-found": "check the path",
    "is-directory": "give a file; to audit a folder of laws use a manifest",
    "empty-file": "the file has no bytes; download it again",
    "no-text": "the file contains no readable text",
    "unknown-format": "supported formats: PDF, DOCX, HTML, Markdown, plain text",
    "binary-content": "the file is not text; check that it is the law and not another file renamed",
    "decode-error": "save the file as UTF-8 and try again",
    "no-text-layer": (
        "the PDF is a scan without a text layer: run OCR first "
        "(for example `ocrmypdf --language eng in.pdf out.pdf`)"
    ),
    "encrypted": "the PDF is protected by a password: open it and save an unprotected copy",
    "corrupt-pdf": "the PDF is damaged or truncated: download it again or repair it (qpdf, mutool)",
    "corrupt-docx": "the file is not a valid Word document: open it in Word and save it as .docx",
    "too-large": "the document exceeds the configured size limit; raise the limit or split it",
    "zip-bomb": "the Word file unpacks to far more than any law (a zip bomb, or a file damaged on the "
                "way): open it in Word and save it again, or export it to PDF",
    "image-too-large": "a scanned page is too large to recognise safely; scan it again at 300 dpi, or "
                       "run OCR yourself (ocrmypdf) and audit the result, or skip OCR with --ocr never",
    "path-outside": "a manifest row points outside the corpus folder; the file was not read: move it into "
                    "the folder or fix the path",
    "time-limit": "reading and analysing the document took longer than the time limit; raise the limit "
                  "(--time-limit) or split the document",
    "unsupported-language": "it is not audited and never reported as missing: audit a translation in one of "
                            "those languages, or add a lexicon for it (checklists/lexicons/<code>.yaml)",
}


class InputError(Exception):
    """A document could not be read; `code` is one of `HINTS`.

    A plain exception class, not a frozen dataclass: Python writes `__traceback__`, `__cause__` and
    `__context__` onto exceptions as they travel.
    """

    def __init__(self, code: str, path: str, detail: str) -> None:
        if code not in HINTS:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(code, path, detail)
        self.code = code
        self.path = path
        self.detail = detail

    @property
    def hint(self) -> str:
        return HINTS[self.code]

    @property
    def message(self) -> str:
        name = Path(self.path).name or self.path
        return f"{name}: {self.detail} ({self.code}); {self.hint}"

    def __str__(self) -> str:
        return self.message

    def to_json(self, document: int | None = None) -> dict[str, object]:
        out: dict[str, object] = {"code": self.code, "message": self.message}
        if document is not None:
            out = {"document": document, **out}
        return out
