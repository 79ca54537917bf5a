"""Treaty references: how an item's reference is written, and the instrument's own words for it.

An item cites its instrument by a short name (`checklists/instruments/instruments.yaml`) and its
articles as "art. 6(1)(a)", "arts. 3(a), 6(1)" or "Principle 7"; further instruments follow after
"; " ("art. 6(1); CoE Convention, arts. 11, 30"). One formatter turns that into the citation every
report prints, and reads the older forms audit JSONs still carry ("CoE 20(c)", "SOM 3(a), 6(1)",
a bare "5(1), 3(a)", the instrument's long title), so an old audit renders with the same citations.

The words quoted are those of the first cited instrument whose text the project carries
(corpus/un, corpus/coe): each cited paragraph found in the segmented treaty, whole, with its
article's opening words when the paragraph is a lettered item of a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from auditor.data import checklists_dir, treaty_path
from auditor.errors import InputError
from auditor.structure.provision import Law, Provision

ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


@dataclass(frozen=True)
class Instrument:
    short: str
    title: str
    source: str  # its text under corpus/ ("un/…-2000.txt"), empty when the project does not carry it
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    """One instrument's part of an item's reference: "CoE Convention" + "arts. 11, 30"."""

    instrument: str
    locator: str

    def __str__(self) -> str:
        return f"{self.instrument}, {self.locator}" if self.instrument else self.locator


@dataclass(frozen=True)
class Passage:
    """Words of a treaty quoted for an item: which provision (`label`) and its exact text. A lettered
    item is preceded by its article's opening words, joined by `GAP`."""

    label: str
    text: str


GAP = "\n[…]\n"


@cache
def instruments() -> tuple[Instrument, ...]:
    path = checklists_dir() / "instruments" / "instruments.yaml"
    if not path.is_file():
        return ()
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    return tuple(Instrument(str(i["short"]), str(i.get("title", "")), str(i.get("source") or ""),
                            tuple(str(a) for a in i.get("aliases") or ()))
                 for i in raw.get("instruments", ()))


@cache
def _names() -> dict[str, Instrument]:
    """Every name an instrument goes by (short, title, aliases), lower-cased."""
    out: dict[str, Instrument] = {}
    for inst in instruments():
        for name in (inst.short, inst.title, *inst.aliases, re.sub(r"\s*\(\d{4}\)$", "", inst.title)):
            out[name.lower()] = inst
    return out


def instrument_named(name: str) -> Instrument | None:
    """The instrument a name stands for: its short name, title or an alias; for an older combined
    field ("OHCHR Recommended Principles, Principle 7; CoE Convention") the name it starts with."""
    name = name.strip()
    found = _names().get(name.lower())
    if found:
        return found
    for known in sorted(_names(), key=len, reverse=True):
        if name.lower().startswith(known) and not name[len(known):len(known) + 1].isalnum():
            return _names()[known]
    return None


def _locator(text: str) -> str:
    """'5(1), 3(a)' → 'arts. 5(1), 3(a)'; 'art. 26', 'Principle 7' unchanged."""
    text = " ".join(text.split())
    text = re.sub(r"^(?:article|art\.?)\s+(?=\d)", "", text, flags=re.I)
    text = re.sub(r"^arts\.?\s+(?=\d)", "", text, flags=re.I)
    if not text[:1].isdigit():
        return text
    several = re.search(r"(?:,|\band)\s*\d", text) or re.match(r"\d+-\d+", text)
    return ("arts. " if several else "art. ") + text


def references(instrument: str, article: str) -> tuple[Reference, ...]:
    """An item's reference as (instrument, locator) pairs, the item's own instrument first."""
    own = instrument_named(instrument)
    own_name = own.short if own else instrument.strip()
    out: list[Reference] = []
    for part in (p.strip() for p in article.split(";")):
        if not part:
            continue
        name, locator = own_name, part
        head = re.match(r"(?P<name>[^,]+?)\s*,\s*(?P<loc>(?:arts?\.|Principle|Guideline|article).*)$", part)
        if head and instrument_named(head["name"]):
            name, locator = instrument_named(head["name"]).short, head["loc"]  # type: ignore[union-attr]
        else:  # older form: "CoE 20(c)", "SOM 3(a), 6(1)", "CoE art. 26", "Directive 2002/90/EC 1(2)"
            for known in sorted(_names(), key=len, reverse=True):
                rest = part[len(known):]
                if part.lower().startswith(known + " ") and re.match(r"\s+(?:arts?\.\s*)?\d", rest):
                    name, locator = _names()[known].short, part[len(known):]
                    break
        out.append(Reference(name, _locator(locator)))
    if not out:
        out.append(Reference(own_name, ""))
    return tuple(out)


def cite(instrument: str, article: str) -> str:
    """The citation reports print: "Trafficking Protocol, art. 6(1); CoE Convention, arts. 11, 30"."""
    out: list[str] = []
    previous = None
    for ref in references(instrument, article):
        out.append(ref.locator if ref.instrument == previous else str(ref))
        previous = ref.instrument
    return "; ".join(out)


# --- the treaty's words -------------------------------------------------------------------------

def _expand(last: str, first: str) -> list[str]:
    """The labels of a range's members: '1'-'5', 'a'-'c', 'i'-'iii'."""
    if first.isdigit() and last.isdigit():
        return [str(n) for n in range(int(first), int(last) + 1)]
    if first in ROMAN and last in ROMAN and (len(first) > 1 or len(last) > 1 or first == "i"):
        return list(ROMAN[ROMAN.index(first):ROMAN.index(last) + 1])
    if len(first) == 1 and len(last) == 1 and first.isalpha():
        return [chr(c) for c in range(ord(first), ord(last) + 1)]
    return [first, last]


def cited_provisions(locator: str) -> list[str]:
    """The provisions a locator names, as citations: 'art. 18(1), (4)' → ['art. 18(1)', 'art. 18(4)'];
    'art. 6(4)-(5)' → ['art. 6(4)', 'art. 6(5)']; 'arts. 5-6' → ['art. 5', 'art. 6']."""
    body = re.sub(r"^arts?\.\s*", "", locator.strip())
    if body == locator.strip() and not body[:1].isdigit():
        return []  # "Principle 7": not an article
    out: list[str] = []
    article = ""
    for token in (t.strip() for t in body.split(",")):
        range_ = re.fullmatch(r"(\d+)-(\d+)", token)
        if range_:
            out += [f"art. {n}" for n in _expand(range_[2], range_[1])]
            article = range_[2]
            continue
        m = re.fullmatch(r"(\d+[A-Za-z]?)?((?:\([^)]+\))*?)(?:\(([^)]+)\)-\(([^)]+)\))?", token)
        if not m:
            continue
        article = m[1] or article
        if not article:
            continue
        if m[3]:
            out += [f"art. {article}{m[2]}({label})" for label in _expand(m[4], m[3])]
        else:
            out.append(f"art. {article}{m[2]}")
    return out


@cache
def _treaty(source: str) -> Law | None:
    from auditor import segment

    path = treaty_path(source)
    if path is None:
        return None
    try:
        return segment(path)
    except InputError:
        return None


def _article_of(law: Law, provision: Provision) -> tuple[Provision, Provision]:
    """The article holding a provision, and the article's child that holds it (or the article)."""
    for article in law.sections():
        if article.start <= provision.start and provision.end <= article.end:
            for child in article.children:
                if child.start <= provision.start and provision.end <= child.end:
                    return article, child
            return article, article
    return provision, provision


def _text(law: Law, provision: Provision) -> str:
    return law.document.text[provision.start:provision.end].strip()


def passages(instrument: str, article: str, limit: int = 2400) -> tuple[Passage, ...]:
    """The treaty's words for a reference: the paragraphs cited in the first instrument the project
    carries. A paragraph is quoted whole (a cited sub-item brings its paragraph, so the words that
    make it an obligation come with it); an article all of whose paragraphs are cited is quoted
    whole; a lettered item of an article's list is preceded by the article's opening words."""
    for ref in references(instrument, article):
        inst = instrument_named(ref.instrument)
        law = _treaty(inst.source) if inst and inst.source else None
        if law is None:
            continue
        chosen: list[tuple[Provision, Provision]] = []
        for citation in cited_provisions(ref.locator):
            provision = law.find(citation)
            if provision is None:
                continue
            pair = _article_of(law, provision)
            if pair not in chosen:
                chosen.append(pair)
        out: list[Passage] = []
        done: set[int] = set()
        for art, child in chosen:
            if art.start in done:
                continue
            cited = [c for a, c in chosen if a == art]
            if child is art or (art.children and len(cited) == len(art.children)):
                done.add(art.start)
                out.append(Passage(f"{ref.instrument}, {art.citation}", _clip(_text(law, art), limit)))
                continue
            text = _text(law, child)
            opening = law.document.text[art.start:art.children[0].start].strip()
            lettered = not re.match(r"\d", child.label or child.number or "")
            if lettered and len(opening.split("\n\n", 2)[-1]) > 60:
                text = opening + GAP + text
            out.append(Passage(f"{ref.instrument}, {child.citation}", _clip(text, limit)))
        if out:
            return tuple(out)
    return ()


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def treaty_text(item: object, limit: int = 2400) -> str:
    """The treaty's words for an item, as one text (used by `auditor explain`)."""
    found = passages(str(getattr(item, "instrument", "")), str(getattr(item, "article", "")), limit)
    return "\n\n".join(f"{p.label}:\n{p.text}" for p in found)
