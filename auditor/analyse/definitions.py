"""Definitions: the term, the defining text, its kind and where it applies.

Forms recognised (the verbs come from the lexicon's `definition_verb` concept):
  quoted term and verb        “child” means …; The term “coercion” means …; "Vessel" shall mean …
  unquoted, in a definitions  foreign national means … (Canada: "The definitions in this
  section or subsection         subsection apply in this Act.")
  bilingual list              étranger Personne autre qu'un citoyen … (foreign national)
  verb before the term        on entend par … ; se entiende por "migrante" …
  deeming                     Sont considérées comme étrangers au sens du présent code …
A definition runs to the next definition in the same provision, or to the end of that provision,
so the lettered items of "“exploitation” includes (a) … (j) …" belong to it.
"""

from __future__ import annotations

import re

from auditor.analyse.locate import Locator
from auditor.analyse.model import Definition, Reference, Scope
from auditor.structure.provision import SECTION_KINDS, Law, Provision

_OPEN, _CLOSE = "“\"‘«'`", "”\"’»'"
_KIND = {"includes": "includes", "include": "includes", "comprend": "includes", "comprende": "includes",
         "does not include": "excludes", "excludes": "excludes", "refers to": "refers", "vise": "refers"}

DEFINITIONS_HEADING = re.compile(r"(?i)\b(?:definitions?|interpretation|définitions?|definiciones|"
                                 r"terminolog\w+|use of terms|glossary)\b")
SCOPE = re.compile(
    r"(?i)\b(?:in|for the purposes? of|apply in|applies in|au sens|aux fins|pour l'application|"
    r"s'appliquent à|a los efectos|a los fines|para los fines|se aplican a)[ \t]+(?:de[ \t]+)?"
    r"(?:this|the present|du présent|de la présente|le présent|la présente|la presente|el presente"
    r"|esta|este)[ \t]+"
    r"(?P<unit>Act|Law|Code|Ordinance|Protocol|Convention|Part|Chapter|Division|Title|section|"
    r"subsection|article|Schedule|loi|code|article|chapitre|titre|partie|section|ley|código|"
    r"artículo|capítulo)\b"
)
_UNIT = {"act": "act", "law": "act", "code": "act", "ordinance": "act", "protocol": "act",
         "convention": "act", "loi": "act", "ley": "act", "código": "act",
         "part": "part", "partie": "part", "chapter": "chapter", "chapitre": "chapter",
         "capítulo": "chapter", "division": "division", "title": "title", "titre": "title",
         "section": "section", "article": "section", "artículo": "section",
         "subsection": "subsection", "schedule": "schedule"}


#: Between the words of a definition's verb: spaces, or a line break (a blank line too, in a text
#: hard-wrapped with a blank line after every printed line).
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*(?:\n[ \t]*)?)"
#: The article or determiner that opens a meaning in Spanish and French ("el ofrecimiento", "la
#: configuración", "aquellas que", "toute personne", "l'ensemble").
_DETERMINER = (r"(?:el|la|los|las|lo|un|una|unos|unas|aquel|aquella|aquellos|aquellas|todo|toda|todos"
               r"|todas|cualquier|cualquiera|le|les|l['’]|tout|toute|tous|toutes)")


#: A term does not end on a preposition: "explotación de la mendicidad ajena", "período
#: reliquidado para el efecto …" go on past their article; the personal "a" before one ("por
#: capacitadores a los profesionales") is the meaning's, not the term's.
_NOT_AFTER_PREPOSITION = "".join(
    rf"(?<![ \t]{word})" for word in (
        "a", "al", "ante", "bajo", "con", "contra", "de", "del", "desde", "en", "entre", "hacia", "hasta",
        "mediante", "para", "por", "según", "sin", "sobre", "tras",  # Spanish
        "à", "au", "aux", "avec", "chez", "dans", "des", "du", "par", "pour", "sans", "sur", "vers"))


def _verbs(phrases: tuple[str, ...]) -> str:
    words = sorted((p for p in phrases if p), key=len, reverse=True)
    return "|".join(re.escape(w).replace("'", "['’]") for w in words)


class DefinitionFinder:
    def __init__(self, verbs: tuple[str, ...]) -> None:
        verb = _verbs(verbs) or "means|includes"
        self.quoted = re.compile(
            rf"(?:\b(?:The|the)[ \t]+term[ \t]+)?[{_OPEN}]{{1,2}}(?P<term>[^{_CLOSE}\n]{{1,80}}?)"
            rf"[{_CLOSE}]{{1,2}}[ \t]*(?:,[^,\n]{{1,60}},[ \t]*)?(?:shall[ \t]+)?(?P<verb>{verb})\b"
        )
        self.unquoted = re.compile(
            rf"^(?P<term>[^\W\d][\w'’\- ]{{0,60}}?)[ \t]+(?P<verb>{verb})\b", re.M)
        # The term ends at a comma or colon ("se entiende por migrante: …"), or where the meaning
        # opens with an article or a determiner, as Spanish and French definitions are drafted ("Se
        # entiende por trata de personas el ofrecimiento …", "se entenderá por empresas de seguridad
        # privada aquellas que …", "on entend par actes les actes …"). The verb may be cut by the
        # line break of a hard-wrapped text ("Se entiende\n\npor trata de personas …").
        self.verb_first = re.compile(
            rf"(?i)\b(?P<verb>on{_GAP}entend{_GAP}par|se{_GAP}entiende{_GAP}por|entiéndese{_GAP}por"
            rf"|se{_GAP}entenderá{_GAP}por)[ \t]+"
            rf"(?:[{_OPEN}](?P<qterm>[^{_CLOSE}\n]{{1,80}})[{_CLOSE}]"
            rf"|(?!{_DETERMINER}\b|(?:de|del|a|al)\b)(?P<term>[^,:;\n]{{2,60}}?)"
            rf"(?:[ \t]*[,:]|{_NOT_AFTER_PREPOSITION}(?=[ \t]+(?:a[ \t]+)?{_DETERMINER}\b)))"
        )
        self.deeming = re.compile(
            r"(?:Sont|sont|Est|est)[ \t]+considérée?s?[ \t]+comme[ \t]+(?P<term>[^,\n]{2,50}?)[ \t]+au sens"
        )
        # a list of definitions, each item opening with its term ("A) Trata de personas. La captación
        # …", "b) Víctima: la persona que …"), counted only in a definitions context
        self.listed = re.compile(
            r"^[ \t]*(?:[A-Za-z]|\d{1,2}|[ivx]{1,4})[.)][ \t]+(?P<term>[^\W\d][^.:;\n]{1,80}?)[.:]"
            r"(?:[ \t]+|[ \t]*\n[ \t]*)"
            r"(?=[A-ZÀ-Ý¿\"“«])", re.M)
        self.bilingual = re.compile(
            r"^(?P<term>[^\W\d][^\n]{0,80}?)[ \t]+(?=[A-ZÀ-Ý])[^\n]+\([^()\n]{2,80}\)[ \t]*$", re.M)

    def find(self, law: Law, locator: Locator, references: list[Reference]) -> list[Definition]:
        text = law.document.text
        raw: list[tuple[int, int, int, str, str]] = []  # start, term_start, term_end, term, kind
        for m in self.quoted.finditer(text):
            raw.append((m.start(), m.start("term"), m.end("term"), m.group("term"), m.group("verb")))
        for m in self.verb_first.finditer(text):
            group = "qterm" if m.group("qterm") else "term"
            raw.append((m.start(), m.start(group), m.end(group), m.group(group), m.group("verb")))
        for m in self.deeming.finditer(text):
            raw.append((m.start(), m.start("term"), m.end("term"), m.group("term"), "means"))
        for m in self.unquoted.finditer(text):
            if _in_definitions_context(locator, m.start(), text) and not _is_heading(locator, m.start()):
                raw.append((m.start(), m.start("term"), m.end("term"), m.group("term"), m.group("verb")))
        for m in self.listed.finditer(text):
            if _in_definitions_context(locator, m.start(), text) and not _is_heading(locator, m.start()):
                raw.append((m.start(), m.start("term"), m.end("term"), m.group("term"), "means"))
        for m in self.bilingual.finditer(text):
            if _in_definitions_context(locator, m.start(), text) and not self.unquoted.match(m.group()) \
                    and not _is_heading(locator, m.start()):
                raw.append((m.start(), m.start("term"), m.end("term"), m.group("term"), "means"))
        raw.sort()
        kept: list[tuple[int, int, int, str, str]] = []
        for item in raw:  # one definition per start: the first pattern that found it wins
            if kept and item[1] < kept[-1][2]:
                continue
            if kept and _same_term(kept[-1][3], item[3]) and item[0] - kept[-1][2] < 200:
                # the term named again by the definition's own sentence ("C) Tráfico de migrantes. Se
                # entiende por tráfico de migrantes la facilitación …"): one definition, not two
                continue
            kept.append(item)
        return self._spans(law, locator, kept, references)

    def _spans(self, law: Law, locator: Locator, kept: list[tuple[int, int, int, str, str]],
               references: list[Reference]) -> list[Definition]:
        text = law.document.text
        out: list[Definition] = []
        for i, (start, t0, t1, term, verb) in enumerate(kept):
            container = locator.at(start)
            limit = container.end if container is not None else len(text)
            following = kept[i + 1][0] if i + 1 < len(kept) else len(text)
            end = min(limit, following) if following > start else limit
            end = len(text[:end].rstrip())
            out.append(Definition(
                term=" ".join(term.split()).strip(" ,"),
                kind=_KIND.get(verb.lower(), "means"),
                start=start, end=max(end, t1), term_start=t0, term_end=t1,
                citation=container.citation if container is not None else "",
                scope=_scope(law, locator, container, start, references),
            ))
        return out


def _same_term(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _is_heading(locator: Locator, offset: int) -> bool:
    node = locator.at(offset)
    return node is not None and node.heading_start <= offset < node.heading_end


def _in_definitions_context(locator: Locator, offset: int, text: str) -> bool:
    """Unquoted definitions count only inside a definitions section or after a chapeau that
    announces definitions ("The definitions in this subsection apply", "In this Act,")."""
    node = locator.at(offset)
    if node is None:
        return False
    chain = [node, *locator.ancestors(node)]
    for p in chain:
        if p.heading and DEFINITIONS_HEADING.search(p.heading):
            return True
        if p.kind in SECTION_KINDS:
            head = text[p.start : min(p.end, p.start + 400)]
            return bool(re.search(r"(?i)definitions? (?:in|of) this|les définitions qui suivent|"
                                  r"in this (?:act|part|section|chapter),? ?(?:unless|\n|$|—|:)", head))
    return False


def _scope(law: Law, locator: Locator, container: Provision | None, start: int,
           references: list[Reference]) -> Scope:
    text = law.document.text
    section = locator.section_of(container) if container is not None else None
    window_start = section.start if section is not None else max(0, start - 600)
    window_end = min(len(text), start + 300)
    candidates = [m for m in SCOPE.finditer(text, window_start, window_end)]
    before = [m for m in candidates if m.start() <= start]
    chosen = before[-1] if before else (candidates[0] if candidates else None)
    if chosen is not None:
        unit = _UNIT.get(chosen.group("unit").lower(), "act")
        node = _scope_node(unit, container, locator)
        return Scope(kind=unit, citation=node.citation if node is not None else "",
                     start=chosen.start(), end=chosen.end(), words=chosen.group())
    for_ref = re.compile(r"(?i)for the purposes? of (?:this )?(?:sub)?sections?|pour l'application")
    for ref in references:
        if window_start <= ref.start < start and ref.resolved and for_ref.search(
                text[max(0, ref.start - 30) : ref.start + 1]):
            return Scope(kind="provision", citation=",".join(ref.targets), start=ref.start, end=ref.end,
                         words=ref.text)
    if section is not None and section.heading and DEFINITIONS_HEADING.search(section.heading):
        return Scope(kind="act", citation="", start=section.start, end=section.start)
    if section is not None:
        return Scope(kind="section", citation=section.citation, start=section.start, end=section.start)
    return Scope(kind="act", citation="", start=0, end=0)


def _scope_node(unit: str, container: Provision | None, locator: Locator) -> Provision | None:
    if unit == "act" or container is None:
        return None
    chain = [container, *locator.ancestors(container)]
    for node in chain:
        if unit == "section" and node.kind in SECTION_KINDS:
            return node
        if node.kind == unit:
            return node
    return None
