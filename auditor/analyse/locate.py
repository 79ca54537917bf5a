"""Find the provision an offset belongs to, and cut a law into texts for spaCy."""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

from auditor.structure.provision import SECTION_KINDS, Law, Provision

#: Largest text handed to spaCy at once; far below `nlp.max_length`, so nothing is truncated.
MAX_CHUNK = 100_000


class Locator:
    """Deepest provision containing an offset, by binary search over the pre-order walk."""

    def __init__(self, law: Law) -> None:
        self.law = law
        self.nodes = [p for p in law.provisions() if p.kind not in ("toc",)]
        self.starts = [p.start for p in self.nodes]
        self.parents: dict[int, Provision] = {}
        for node in law.provisions():
            for child in node.children:
                self.parents[id(child)] = node

    def at(self, offset: int) -> Provision | None:
        i = bisect_right(self.starts, offset) - 1
        while i >= 0:
            node = self.nodes[i]
            if node.start <= offset < node.end:
                return node
            i -= 1
        return None

    def citation(self, offset: int) -> str:
        node = self.at(offset)
        return node.citation if node is not None else ""

    def parent(self, node: Provision) -> Provision | None:
        return self.parents.get(id(node))

    def ancestors(self, node: Provision) -> list[Provision]:
        out = []
        current = self.parent(node)
        while current is not None:
            out.append(current)
            current = self.parent(current)
        return out

    def section_of(self, node: Provision) -> Provision | None:
        """The section-level provision containing `node` (the node itself when it is one)."""
        chain = [node, *self.ancestors(node)]
        sections = [p for p in chain if p.kind in SECTION_KINDS]
        # an inserted section lives inside the amending section: the innermost one is its own
        return sections[0] if sections else None


def chunks(law: Law) -> list[tuple[int, int]]:
    """Cover the whole text with pieces cut at section boundaries, each at most MAX_CHUNK long.

    Running spaCy per section (not per document) respects `nlp.max_length` on a 2,000-page code
    and keeps every offset mappable back to the document.
    """
    text = law.document.text
    bounds = sorted({0, len(text), *(p.start for p in law.sections(inserted=False))})
    out: list[tuple[int, int]] = []
    for start, end in pairwise(bounds):
        while end - start > MAX_CHUNK:
            cut = text.rfind("\n", start, start + MAX_CHUNK)
            cut = cut if cut > start else start + MAX_CHUNK
            out.append((start, cut))
            start = cut
        if end > start:
            out.append((start, end))
    return out
