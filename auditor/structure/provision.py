"""The provision tree: frozen nodes with exact spans into the document text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

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
    target: str = ""  # inserted text: the law it becomes part of ("Immigration Act", "Código Penal")
    change: str = ""  # inserted text: "inserted" or "substituted"
    amended_by: str = ""  # inserted text: the citation of the amending provision ("s. 3")

    @property
    def cited_as(self) -> str:
        """The citation a reader needs: text an amending act inserts is cited in the law it amends
        and by the provision that put it there ("s. 29A Immigration Act, inserted by s. 3")."""
        if not self.inserted or not (self.target or self.amended_by):
            return self.citation
        where = f"{self.citation} {self.target}".strip()
        how = f"{self.change or 'inserted'} by {self.amended_by}".strip() if self.amended_by else ""
        return f"{where}, {how}" if how else where

    def walk(self) -> Iterator[Provision]:
        yield self
        for child in self.children:
            yield from child.walk()

    def text(self, document: Document) -> str:
        return document.text[self.start : self.end]


@dataclass(frozen=True)
class Repeal:
    """A whole section or article of another law (or of this one) that the law repeals."""

    target: str  # the law it belongs to, as the repealing words name it ("" when they do not)
    number: str  # "46", "657A", "65"
    by: str  # the citation of the repealing provision ("s. 53", "art. 1(20)")


@dataclass(frozen=True)
class Law:
    """A segmented document: its text, its provision tree and what the segmenter noticed."""

    document: Document
    root: Provision
    scheme: str
    warnings: tuple[str, ...] = ()
    repeals: tuple[Repeal, ...] = ()  # what the law takes away from its own or another law

    @cached_property
    def _all(self) -> tuple[Provision, ...]:
        return tuple(p for child in self.root.children for p in child.walk())

    @cached_property
    def _by_citation(self) -> dict[str, Provision]:
        index: dict[str, Provision] = {}
        for provision in self._all:
            index.setdefault(provision.citation, provision)
        return index

    def provisions(self) -> Iterator[Provision]:
        """Every provision below the root, in document (pre-order) order."""
        return iter(self._all)

    def sections(self, *, inserted: bool | None = None) -> list[Provision]:
        """Section-level provisions (sections, articles, § sections) in document order."""
        return [p for p in self._all if p.kind in SECTION_KINDS
                and (inserted is None or p.inserted == inserted)]

    def find(self, citation: str) -> Provision | None:
        """The first provision with this citation (a heading or note shares its parent's)."""
        return self._by_citation.get(citation)

    def section(self, number: str, *, inserted: bool | None = None) -> Provision | None:
        for provision in self.sections(inserted=inserted):
            if provision.number == number:
                return provision
        return None
