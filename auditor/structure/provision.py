"""The provision tree: frozen nodes with exact spans into the document text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from auditor.ingest.document import Document

#: Kinds above section level, in no fixed order (their nesting follows each law's own order).
GROUP_KINDS = ("book", "part", "title", "chapter", "division", "subdivision", "group", "heading")
SECTION_KINDS = ("section", "article")


@dataclass(frozen=True)
class Provision:
    """One node of a law's structure.

    `start`/`end` cover the node's whole text, heading and children included, so
    `document.text[start:end]` is exactly what a citation of this provision refers to.
    `inserted` marks text quoted inside an amending provision (a new section 29A inserted by an
    amending bill): it is law the bill makes, but not a section of the bill itself.
    """

    kind: str
    label: str
    number: str
    heading: str
    citation: str
    start: int
    end: int
    page: int
    children: tuple[Provision, ...] = ()
    inserted: bool = False
    heading_start: int = -1
    heading_end: int = -1

    def walk(self) -> Iterator[Provision]:
        yield self
        for child in self.children:
            yield from child.walk()

    def text(self, document: Document) -> str:
        return document.text[self.start : self.end]


@dataclass(frozen=True)
class Law:
    """A segmented document: its text, its provision tree and what the segmenter noticed."""

    document: Document
    root: Provision
    scheme: str
    warnings: tuple[str, ...] = ()

    def provisions(self) -> Iterator[Provision]:
        for child in self.root.children:
            yield from child.walk()

    def sections(self, *, inserted: bool | None = None) -> list[Provision]:
        """Section-level provisions (sections, articles, § sections) in document order."""
        return [p for p in self.provisions() if p.kind in SECTION_KINDS
                and (inserted is None or p.inserted == inserted)]

    def find(self, citation: str) -> Provision | None:
        for provision in self.provisions():
            if provision.citation == citation:
                return provision
        return None

    def section(self, number: str, *, inserted: bool | None = None) -> Provision | None:
        for provision in self.sections(inserted=inserted):
            if provision.number == number:
                return provision
        return None
