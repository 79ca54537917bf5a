"""Cross-references: "section 117", "subsection (1)", "paragraph (a)", "sections 279.01 to 279.03",
"§ 1324(a)", "articles L. 622-1 à L. 622-3", "artículo 77", "this Part" — resolved to provisions.

Resolution follows the law's structure: a bare "(1)" is looked for in the section the reference
stands in, a number with a section-level form ("29A (1)", "20.1(2)") from the top of the law.
Unresolved references are kept (resolved=False): a later rule may still want to show them.
"""

from __future__ import annotations

import re

from auditor.analyse.locate import Locator
from auditor.analyse.model import Reference
from auditor.structure.labels import normalise_number
from auditor.structure.provision import SECTION_KINDS, Law, Provision

#: "artículo 145 bis", "article 225-4-1 ter": Latin ordinals continue the number.
_LATIN = r"(?:[ \t]+(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies)\b)?"
_NUM = (rf"(?:[LRD]\.?[ \t]?)?\d{{1,6}}[A-Za-z]{{0,2}}(?:[.\-–]\d{{1,4}}[A-Za-z]?){{0,3}}{_LATIN}"
        r"(?:[ \t]?\([A-Za-z0-9.]{1,6}\)){0,5}"
        r"|\([A-Za-z0-9.]{1,6}\)(?:\([A-Za-z0-9.]{1,6}\)){0,5}"
        r"|\d{1,3}°")
_JOIN = r"(?:[ \t]*,[ \t]*|[ \t]+(?:and|or|to|through|et|à|ou|y|a|o|al)[ \t]+)"
_KIND = (r"(?P<kind>[Ss]ub-?sections?|[Ss]ections?|[Ss]ubparagraphs?|[Pp]aragraphs?|[Cc]lauses?|"
         r"[Ss]ubclauses?|[Aa]rticles?|[Aa]rts?\.|ss?\.|§§?|[Aa]rtículos?|"
         r"alinéas?|paragraphes?|Part|Parts|Division|Divisions|Chapter|Chapters|Schedule)")
REFERENCE = re.compile(
    rf"\b{_KIND}[ \t]+(?P<body>(?:{_NUM})(?:{_JOIN}(?:{_NUM}))*)|(?P<usc>§§?)[ \t]*(?P<ubody>(?:{_NUM})"
    rf"(?:{_JOIN}(?:{_NUM}))*)"
)
THIS = re.compile(
    r"\b(?:this|the present|ce|cette|le présent|la présente|du présent|de la présente|esta|este|"
    r"la presente|el presente)[ \t]+(?P<unit>Act|Part|Division|Chapter|section|subsection|article|"
    r"code|loi|chapitre|titre|partie|ley|capítulo|artículo)\b",
    re.IGNORECASE,
)
#: "el artículo anterior", "the preceding section", "l'article précédent": the section before.
PREVIOUS = re.compile(r"\b(?:(?:el|del|al) artículo anterior|(?:the )?(?:preceding|previous|last preceding) "
                      r"(?:section|article)|(?:l['’]|de l['’])article précédent)\b", re.IGNORECASE)
_ITEM = re.compile(rf"{_NUM}")
_LABELS = re.compile(r"\(([A-Za-z0-9.]{1,6})\)")
_RANGE_WORDS = {"to", "through", "à", "a", "al"}
#: "section 12A of Cap. 190", "section 1365 of title 18", "article 5 du règlement": another law.
_EXTERNAL = re.compile(
    r"[ \t]*(?:of|in|under|de|du|des|del)[ \t]+(?!this\b|the present\b|la présente|le présent|"
    r"ce |cette |la presente|el presente|esta |este )(?:the[ \t]+)?(?:[A-Z]|title\b|chapter\b|"
    r"Cap\.|règlement|loi\b|ley\b|code\b)"
)


class Resolver:
    def __init__(self, law: Law, locator: Locator) -> None:
        self.law = law
        self.locator = locator
        self.sections: dict[str, list[Provision]] = {}
        for section in law.sections():
            self.sections.setdefault(section.number, []).append(section)
        self.order = {id(s): i for i, s in enumerate(law.sections())}

    def section(self, number: str, near: Provision | None = None) -> Provision | None:
        candidates = self.sections.get(normalise_number(number), [])
        if not candidates:
            return None
        if near is not None and len(candidates) > 1:
            # an inserted section number also used by the amending act: prefer the same layer
            inserted = near.inserted
            same = [c for c in candidates if c.inserted == inserted]
            candidates = same or candidates
        return candidates[0]

    def descend(self, node: Provision, labels: list[str]) -> Provision | None:
        """Follow labels down the tree, nearest level first ("(1)" is a child before a grandchild)."""
        for label in labels:
            level: list[Provision] = list(node.children)
            child = None
            while level and child is None:
                child = next((c for c in level if c.number == label and c.kind != "note"), None)
                level = [g for c in level for g in c.children]
            if child is None:
                return None
            node = child
        return node

    def resolve(self, kind: str, item: str, here: Provision | None) -> list[Provision]:
        kind = kind.lower().rstrip("s.").replace("-", "")
        number = _LABELS.sub("", item).strip().rstrip("°")
        labels = _LABELS.findall(item)
        if item.endswith("°"):
            labels = [number]
            number = ""
        if kind in ("part", "division", "chapter", "schedule"):
            return [p for p in self.law.provisions() if p.kind == kind and p.number == number][:1]
        if number and kind in ("section", "article", "art", "artículo", "", "§", "§§"):
            target = self.section(number, here)
            if target is not None and labels:
                target = self.descend(target, labels)
            return [target] if target is not None else []
        if number and kind in ("subsection", "paragraph", "subparagraph", "clause") and not labels:
            # "paragraph 101(1)(e)" style: number then labels; "paragraph 40" of a schedule
            target = self.section(number, here)
            return [target] if target is not None else []
        if number and labels:
            target = self.section(number, here)
            target = self.descend(target, labels) if target is not None else None
            return [target] if target is not None else []
        # a bare label: look in the section (or article) the reference stands in, innermost first
        if here is None or not labels:
            return []
        scopes = [here, *self.locator.ancestors(here)]
        for scope in scopes:
            target = self.descend(scope, labels)
            if target is not None:
                return [target]
            if scope.kind in SECTION_KINDS:
                break
        return []

    def expand_range(self, first: Provision, last: Provision) -> list[Provision]:
        if first.kind in SECTION_KINDS and last.kind in SECTION_KINDS:
            lo, hi = self.order.get(id(first)), self.order.get(id(last))
            if lo is not None and hi is not None and lo <= hi:
                return self.law.sections()[lo : hi + 1]
        return [first, last]


def find_references(law: Law, locator: Locator) -> list[Reference]:
    text = law.document.text
    resolver = Resolver(law, locator)
    out: list[Reference] = []
    for match in REFERENCE.finditer(text):
        kind = match.group("kind") or match.group("usc") or ""
        body = match.group("body") or match.group("ubody") or ""
        body_start = match.start("body") if match.group("body") else match.start("ubody")
        here = locator.at(match.start())
        end = body_start + len(body.rstrip())
        # a historical note ("2001, c. 27, s. 4; 2005, c. 38, s. 118") cites amending acts
        if _EXTERNAL.match(text, end, min(len(text), end + 60)) or (here is not None and here.kind == "note"):
            out.append(Reference(text=text[match.start() : end], start=match.start(), end=end,
                                 citation=here.citation if here else "", targets=(), resolved=False))
            continue
        targets: list[Provision] = []
        ok = True
        items = list(_ITEM.finditer(body))
        previous: Provision | None = None
        number = ""
        for index, item in enumerate(items):
            value = item.group().strip()
            if value.startswith("(") and number:
                value = number + value  # "subsection 85(1) or (2)": the (2) of section 85
            elif not value.startswith("("):
                number = _LABELS.sub("", value).strip()
            found = resolver.resolve(kind, value, here)
            joiner = body[items[index - 1].end() : item.start()].strip(" \t,") if index else ""
            if found and previous is not None and joiner in _RANGE_WORDS:
                targets.extend(p for p in resolver.expand_range(previous, found[0]) if p not in targets)
            else:
                targets.extend(p for p in found if p not in targets)
            ok = ok and bool(found)
            previous = found[0] if found else None
        out.append(Reference(text=text[match.start() : end], start=match.start(), end=end,
                             citation=here.citation if here else "",
                             targets=tuple(t.citation for t in targets), resolved=ok and bool(targets)))
    for match in THIS.finditer(text):
        here = locator.at(match.start())
        unit = match.group("unit").lower()
        if unit == "section" and not match.group().lower().startswith(("this", "the present")):
            unit = "section-group"  # "la présente section": a division of a code above its articles
        target = _this(unit, here, locator)
        out.append(Reference(text=match.group(), start=match.start(), end=match.end(),
                             citation=here.citation if here else "",
                             targets=(target.citation,) if target is not None else ("",),
                             resolved=True))
    sections = law.sections()
    for match in PREVIOUS.finditer(text):
        here = locator.at(match.start())
        own = locator.section_of(here) if here is not None else None
        before = [s for s in sections
                  if own is not None and s.end <= own.start and s.inserted == own.inserted]
        target = before[-1] if before else None
        out.append(Reference(text=match.group(), start=match.start(), end=match.end(),
                             citation=here.citation if here else "",
                             targets=(target.citation,) if target is not None else (),
                             resolved=target is not None))
    out.sort(key=lambda r: r.start)
    return out


_UNIT_KIND = {"act": "document", "loi": "document", "code": "document", "ley": "document",
              "part": "part", "partie": "part", "division": "division", "chapter": "chapter",
              "chapitre": "chapter", "capítulo": "chapter", "titre": "title",
              "section": "section", "article": "article", "artículo": "article",
              "subsection": "subsection", "section-group": "group"}


def _this(unit: str, here: Provision | None, locator: Locator) -> Provision | None:
    """The provision "this Part", "this section", "la présente loi" ... stands for (None: the act)."""
    kind = _UNIT_KIND.get(unit, "document")
    if kind == "document" or here is None:
        return None
    for node in [here, *locator.ancestors(here)]:
        if unit == "section-group":
            if node.kind not in SECTION_KINDS and node.label.lower().startswith("section"):
                return node
            continue
        if node.kind == kind or (kind in ("section", "article") and node.kind in SECTION_KINDS):
            return node
    return None
