"""Repeals an amending act makes: which sections or articles of which law it takes away.

A repeal removes law instead of adding it: "Section 46 of the Finance (No. 2) Act 2023 is
repealed", "Deróganse los artículos 65, 66, … y 77" (of the law the chapeau names), "L'article 4 du
même règlement est abrogé". The provision it names is no longer law of its target, so a check over
several documents of one State should not judge it. Only whole sections and articles are recorded:
a repealed paragraph or word leaves the rest of its provision in force, and "is repealed and the
following section substituted" is a substitution, whose new text the tree already holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.structure.amendments import target_of
from auditor.structure.labels import normalise_number
from auditor.structure.provision import Provision, Repeal

#: One provision number as amending acts print it: "46", "657A", "1º", "196 G", "L. 542-7".
_NUM = r"(?:[A-Z]\.?[ \t]?)?\d{1,5}(?:[A-Za-z]{1,2}\b|[ \t][A-Z]\b)?(?:[.-]\d{1,5})*[°º]?"
_JOIN = r"(?:,[ \t]*(?:and[ \t]+|y[ \t]+|et[ \t]+)?|[ \t]+(?:and|y|e|et|to|a|à)[ \t]+)"
_RUN = rf"{_NUM}(?:{_JOIN}{_NUM})*"
#: The words naming a law, up to the end of the sentence: a period only inside a number ("Nº13.937",
#: "(No. 2)").
_WORDS = r"(?:[^.;:\n]|\.(?=[ \t]?\d))"
_FORMULAS = (
    # "Section 46 of the Finance (No. 2) Act 2023 is repealed", "Sections 5 to 15 of the Electoral
    # Act 1997 are repealed"; not "… is hereby repealed and the following section substituted"
    re.compile(rf"\b[Ss]ections?\s+(?P<run>{_RUN})\s+of\s+(?P<law>{_WORDS}{{1,150}}?)\s+(?:is|are)\s+"
               r"(?:hereby\s+)?repealed\b(?!\s+and\b)"),
    # "Derógase el artículo 93.", "Deróganse los artículos 65, 66 … y 77.", "Derógase el artículo 1º
    # de la ley Nº13.937."; not "Derógase el inciso primero" nor "el segundo párrafo del artículo 9°"
    re.compile(rf"\bDer[óo]ga(?:se|nse)\s+(?:el|los)\s+art[íi]culos?\s+(?P<run>{_RUN})"
               rf"(?P<law>{_WORDS}{{0,300}})"),  # the first law named after the numbers is theirs
    # "L'article 4 du même règlement est abrogé.", "Les articles 3 et 5 de la loi … sont abrogés."
    re.compile(rf"\b(?:L[’']article|Les articles)\s+(?P<run>{_RUN})\s+(?P<law>(?:du|de la|de l[’']|des)"
               rf"\s+{_WORDS}{{1,150}}?)\s+(?:est|sont)\s+abrogée?s?\b(?!\s+et\b)"),
)
_RANGE = re.compile(r"(?P<a>\d+)(?P<la>[A-Z]?)[ \t]+(?:to|a|à)[ \t]+(?P<b>\d+)(?P<lb>[A-Z]?)$")


def find(text: str, root: Provision) -> tuple[Repeal, ...]:
    """The whole sections and articles the law's own provisions repeal, in document order."""
    found: list[Repeal] = []
    for section, provision in _own(root):
        words_end = provision.children[0].start if provision.children else provision.end
        for formula in _FORMULAS:
            for m in formula.finditer(text, provision.start, words_end):
                target = _target(text, m) or target_of(text, section.start, provision.start, first=True)
                found.extend(Repeal(target=target, number=number, by=provision.citation)
                             for number in _numbers(m.group("run")))
    return tuple(found)


def _target(text: str, m: re.Match[str]) -> str:
    """The law the repealing words name after the numbers ("of the Electoral Act 1997", "de la ley
    Nº 18.290", "of the Act of 2006"), or "" when they name none (the chapeau's law is theirs)."""
    name = target_of(text, m.start("law"), m.end("law"), first=True)
    if _SAME.search(m.group("law")[:40]):
        return ""  # "du même règlement": the law named before, which the words do not name again
    if name:
        return name
    words = " ".join(m.group("law").split())
    if _LAW_WORD.search(words) and len(words) <= 80:
        return re.sub(r"^(?:the|du|de la|de l[’']|des|de|del)\s+", "", words)
    return ""


_SAME = re.compile(r"\b(?:même|mismo|misma|same)\b", re.IGNORECASE)
_LAW_WORD = re.compile(
    r"\b(?:Act|Code|Ordinance|[Ll]ey|[Ll]oi|[Cc]ódigo|[Rr]èglement|[Dd]ecreto|[Dd]écret)\b"
)


def _own(root: Provision) -> Iterator[tuple[Provision, Provision]]:
    """(section, provision) for every provision of the law itself at or below section level."""
    stack: list[tuple[Provision | None, Provision]] = [(None, root)]
    while stack:
        section, node = stack.pop()
        if node.inserted or node.kind in ("toc", "note"):
            continue
        if node.kind in ("section", "article"):
            section = node
        if section is not None:
            yield section, node
        stack.extend((section, child) for child in reversed(node.children))


def _numbers(run: str) -> list[str]:
    """The numbers a run names, ranges spelled out: "657A, 657B and 669A to 669F" -> 657A, 657B,
    669A … 669F; "5 to 15" -> 5 … 15; "65, 66 … y 77"."""
    out: list[str] = []
    for part in re.split(r",[ \t]*(?:and[ \t]+|y[ \t]+|et[ \t]+)?|[ \t]+(?:and|y|e|et)[ \t]+", run):
        part = part.strip()
        m = _RANGE.match(part)
        if m and m.group("a") == m.group("b") and m.group("la") and m.group("lb"):
            out.extend(f"{m.group('a')}{chr(c)}" for c in range(ord(m.group("la")), ord(m.group("lb")) + 1))
        elif m and not m.group("la") and not m.group("lb") and int(m.group("a")) < int(m.group("b")) <= \
                int(m.group("a")) + 200:
            out.extend(str(n) for n in range(int(m.group("a")), int(m.group("b")) + 1))
        elif part:
            out.append(normalise_number(part.rstrip("°º")))
    return out


__all__ = ["find"]
