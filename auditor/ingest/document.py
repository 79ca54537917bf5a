"""The `Document`: what every loader returns and every later stage reads.

The text is the canonical text of the law. Every span any stage reports (a provision, a definition,
an evidence quote) is an offset pair into it, and `Document.quote(start, end)` is the only way a
quote is made, so a quote can always be traced to its page.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentMeta:
    """Where a document came from and what it is.

    `fields` holds source-specific metadata (Markdown front matter, PDF info dictionary) that a
    report may show but no rule relies on. `ocr_pages` lists 1-based pages whose text came from OCR
    rather than from the file's own text layer.
    """

    path: str
    sha256: str
    format: str
    title: str
    language: str
    pages: int
    fields: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    warnings: tuple[str, ...] = ()
    ocr_pages: tuple[int, ...] = ()


@dataclass(frozen=True)
class Reading:
    """A word OCR misread, as the document now holds it: `text[start:end]` is `read_as`, where the
    OCR engine had written `ocr`; `similarity` (0-100, rapidfuzz ratio) says how far apart they are."""

    start: int
    end: int
    ocr: str
    read_as: str
    similarity: float


@dataclass(frozen=True)
class Document:
    """Text plus a page map. `page_starts[i]` is the offset where page i + 1 begins. `readings`
    lists the words of OCR'd pages that were read as other words than OCR wrote
    (`auditor.ingest.ocr_words`), so every quote that holds one can say so."""

    text: str
    page_starts: tuple[int, ...]
    meta: DocumentMeta
    readings: tuple[Reading, ...] = ()

    def readings_in(self, start: int, end: int) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.start < end and r.end > start)

    def page_at(self, offset: int) -> int:
        """1-based page of the character at `offset` (offsets past the end map to the last page)."""
        if not self.page_starts:
            return 1
        return max(1, bisect_right(self.page_starts, offset))

    def quote(self, start: int, end: int) -> str:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside document of {len(self.text)} characters")
        return self.text[start:end]

    def page_text(self, page: int) -> str:
        """The text of one 1-based page, as the document holds it."""
        starts = self.page_starts or (0,)
        begin = starts[page - 1]
        end = starts[page] if page < len(starts) else len(self.text)
        return self.text[begin:end]
