"""Provision numbers and headings at the start of a line: what they look like in each drafting style.

All numbering knowledge lives here, so adding a drafting style means adding a pattern, not touching
the tree builder. Every pattern is anchored and free of nested quantifiers (no catastrophic
backtracking on a megabyte-long line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- section-level numbering schemes -----------------------------------------------------------

_SUFFIX = (r"(?:\s?(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies"
           r"|Bis|Ter|Qu[aá]ter|Quinquies|Sexies|BIS|TER)\b)?")
ARTICLE = re.compile(
    r"(?P<kw>Article|ARTICLE|Art\.|ART\.|Artículo|ARTÍCULO|ARTICULO|Articulo|Artigo|Artikel|Art)"
    r"[ \t]*(?P<num>(?:[LRDAO]\.?[ \t]?)?\d{1,5}(?:[-–.]\d{1,5}){0,4}(?:[a-z]{1,2}\b|[ \t]?[A-Z](?![a-z]))?"
    + _SUFFIX
    + r"|premier|1er|unique|único|[IVXLC]{1,7}(?![a-z]))[ \t]*[°º]?[ \t]*(?P<sep>[.:\-–—]{1,3})?"
    r"[ \t]*(?P<rest>.*)$"
)
USC = re.compile(
    r"(?:§{1,2}|(?:SEC|Sec|SECTION)\.)[ \t]*(?P<num>\d{1,6}[A-Za-z]{0,3}(?:[-–.]\d{1,4}[A-Za-z]?){0,3})"
    r"\.?[ \t]+(?P<rest>.*)$"
)
#: "12. Interpretation", "12.—(1) In this Act" (the dash of older Commonwealth acts), "12.. Interpretation."
#: (a converter's doubled period after a number set in bold).
NUMDOT = re.compile(
    r"(?P<num>\d{1,4}[A-Z]{0,3}(?:\.\d{1,3}){0,2})\.{1,2}(?=[ \t(—–]|$)[ \t]*(?:[—–][ \t]*(?=\())?"
    r"(?P<rest>.*)$"
)
NUMSPACE = re.compile(
    r"(?P<num>\d{1,4}(?:\.\d{1,3}){0,2}[A-Z]{0,2})[ \t]+(?P<rest>[(A-ZÀ-ÖØ-Þ“\"«].*)$"
)
SCHEMES = {"article": ARTICLE, "usc": USC, "numdot": NUMDOT, "numspace": NUMSPACE}
#: A section number alone on its line, as a Markdown or HTML heading of its own ("##### 24") leaves it:
#: the provision's text follows in the next paragraph ("(1) A person who …").
BARE_NUMBER = re.compile(r"(?P<num>\d{1,4}[A-Z]{0,2})(?P<rest>)$")
#: How a section-level provision is cited in each scheme, and what it is called.
CITE_PREFIX = {"article": "art. ", "usc": "§ ", "numdot": "s. ", "numspace": "s. ", "none": "",
               "headed": ""}
SECTION_KIND = {"article": "article", "usc": "section", "numdot": "section", "numspace": "section",
                "none": "section", "headed": "section"}

# --- groups above sections ---------------------------------------------------------------------

_GROUP_NUM = (
    r"(?P<num>\d{1,4}[A-Z]?|[IVXLC]{1,7}|[A-Z](?![a-z])|premier|première|Ier|I(?:er|re)|unique|único|única"
    r"|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|First|Second|Third|Fourth"
    r"|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|PRELIMINARY|Preliminary|Préliminaire|Preliminar)"
    r"(?:[ \t]?(?:bis|ter|quater))?"
)
_GROUP_KEYWORDS = {
    "book": r"BOOK|Book|LIVRE|Livre|LIBRO|Libro",
    "part": r"PART|Part|PARTIE|Partie|PARTE|Parte",
    "title": r"TITLE|Title|TITRE|Titre|TÍTULO|TITULO|Título|Titulo",
    "chapter": r"CHAPTER|Chapter|CHAPITRE|Chapitre|CAPÍTULO|CAPITULO|Capítulo|Capitulo",
    "division": r"DIVISION|Division",
    "subdivision": r"SUBDIVISION|Subdivision|Sub-division",
    "group": r"Sous-section|SOUS-SECTION|Paragraphe|Sección|SECCIÓN|SECCION|Subsección|SUBSECCIÓN",
}
_GROUP_TAIL = r"\b[ \t]*(?P<sep>[.:\-–—]{1,3})?[ \t]*(?P<rest>.*)$"
GROUPS = [
    (kind, re.compile(rf"(?P<kw>{kws})[ \t]+{_GROUP_NUM}{_GROUP_TAIL}"))
    for kind, kws in _GROUP_KEYWORDS.items()
]
#: "Section 1 bis : ..." is a group only where provisions are articles (French, Spanish codes).
SECTION_GROUP = re.compile(
    rf"(?P<kw>Section|SECTION)[ \t]+{_GROUP_NUM}\b[ \t]*(?P<sep>[.:\-–—]{{1,3}})?[ \t]*(?P<rest>.*)$"
)
BARE_ROMAN = re.compile(r"(?P<num>[IVXLC]{1,7})\.?$")
SCHEDULE = re.compile(
    r"(?P<kw>(?:(?:FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH|ELEVENTH|TWELFTH"
    r"|THIRTEENTH|FOURTEENTH|FIFTEENTH|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth"
    r"|Eleventh|Twelfth|Thirteenth|Fourteenth|Fifteenth) )?(?:SCHEDULE|Schedule|ANNEX|Annex|ANNEXE|Annexe"
    r"|ANEXO|Anexo|APPENDIX|Appendix))(?:[ \t]+(?P<num>\d{1,3}|[IVXLC]{1,7}|[A-Z]))?\b[ \t]*"
    r"(?:[.:\-–—]{1,3})?[ \t]*(?P<rest>.*)$"
)
FRONT_BACK_MATTER = re.compile(
    r"(?:EXPLANATORY MEMORANDUM|Explanatory Memorandum|EXPLANATORY NOTES?|Explanatory Notes?"
    r"|EXPLANATORY STATEMENT|Explanatory Statement|STATEMENT OF OBJECTS AND REASONS"
    r"|OBJECTS AND REASONS|Objects and Reasons|MEMORANDUM OF OBJECTS|EXPOSÉ DES MOTIFS"
    # a consolidation's provisions of other Acts reproduced after the law (cited "— 2012, c. 19, s. 438")
    r"|RELATED PROVISIONS|Related Provisions|AMENDMENTS NOT IN FORCE|Amendments Not in Force"
    r"|DISPOSITIONS CONNEXES|Dispositions connexes|MODIFICATIONS NON EN VIGUEUR|Modifications non en vigueur"
    r"|Exposé des motifs|EXPOSICIÓN DE MOTIVOS|Exposición de motivos)[ \t]*[.:]?$"
)
#: The heading of a table of contents: an arrangement of sections or clauses, a table of sections, a
#: sumario or índice, a table des matières.
TOC = re.compile(
    r"(?:ARRANGEMENT OF (?:SECTIONS|CLAUSES|ARTICLES|REGULATIONS|RULES)"
    r"|Arrangement of (?:Sections|Clauses|Articles|Regulations|Rules)"
    r"|TABLE OF (?:CONTENTS|SECTIONS|PROVISIONS|ARTICLES)|Table of (?:Contents|Sections|Provisions|Articles)"
    r"|CONTENTS|Contents|SOMMAIRE|Sommaire|TABLE DES MATIÈRES|Table des matières|TABLE DES MATIERES"
    r"|ÍNDICE|Índice|INDICE|Indice|ÍNDICE TEMÁTICO|INDICE TEMATICO|Índice temático|SUMARIO|Sumario"
    r"|INDEX OF (?:SECTIONS|ARTICLES)|Index of (?:Sections|Articles))[ \t]*[.:]?\s*$"
)

# --- labels below sections ---------------------------------------------------------------------

_LABEL = re.compile(
    r"\((?P<paren>\d{1,3}(?:\.\d{1,3})?[A-Z]?|[a-z]{1,4}(?:\.\d{1,2})?|[A-Z]{1,4})\)"
    r"|(?P<degree>\d{1,3})[ \t]?[°º](?!\w)"
    r"|(?P<close>\d{1,3}|[a-zñ]|[A-Z])\)(?=[ \t`\"“‘«'])"
    r"|(?P<romdash>[IVX]{1,5})\.[ \t]*[-–—](?=[ \t])"
    r"|(?P<numdot>\d{1,3})\.(?=[ \t])"
)
_ROMAN_LOWER = re.compile(r"[ivxlc]+")
_ROMAN_UPPER = re.compile(r"[IVXLC]+")


@dataclass(frozen=True)
class Label:
    """One printed number: `fmt` names its series, `value` is the number without punctuation."""

    text: str
    fmt: str
    value: str
    start: int
    end: int


def leading_labels(line: str, *, allow_numdot: bool) -> tuple[list[Label], int]:
    """Labels at the start of `line` ("(a)(1)(A)", "(3.1)", "1°", "a)") and where the rest begins.

    `fmt` is provisional for letters that may be roman numerals ("paren-lower|roman"); the builder
    decides with `resolve_format` once it knows the surrounding series.
    """
    labels: list[Label] = []
    pos = 0
    while pos < len(line):
        match = _LABEL.match(line, pos)
        if not match or (match.group("numdot") and (not allow_numdot or labels)):
            break
        labels.append(_label(match))
        pos = match.end()
        while pos < len(line) and line[pos] in " \t":
            pos += 1
        if not match.group("paren"):
            break  # only parenthesised labels chain: "(a)(1)(A)"
    return labels, pos


def _label(match: re.Match[str]) -> Label:
    text = match.group().strip()
    if match.group("paren") is not None:
        value = match.group("paren")
        if value[0].isdigit():
            fmt = "paren-num"
        elif value.islower():
            fmt = "paren-lower|roman" if _ROMAN_LOWER.fullmatch(value) else "paren-lower"
        else:
            fmt = "paren-upper|roman" if _ROMAN_UPPER.fullmatch(value) else "paren-upper"
    elif match.group("degree") is not None:
        value, fmt = match.group("degree"), "degree"
    elif match.group("close") is not None:
        value = match.group("close")
        fmt = "close-num" if value.isdigit() else "close-lower" if value.islower() else "close-upper"
    elif match.group("romdash") is not None:
        value, fmt = match.group("romdash"), "roman-dash"
    else:
        value, fmt = match.group("numdot"), "num-dot"
    return Label(text=text, fmt=fmt, value=value, start=match.start(), end=match.end())


def is_double_letter(value: str) -> bool:
    """ "(aa)", "(bb)", "(AA)": a doubled letter that is not a roman numeral ("(ii)", "(xx)")."""
    return (len(value) >= 2 and value.isalpha() and len(set(value)) == 1
            and not (_ROMAN_LOWER.fullmatch(value) or _ROMAN_UPPER.fullmatch(value)))


def _letter_successor(prev: str, value: str) -> bool:
    """True when `value` is the next letter after `prev` in a lettered series (h -> i, hh -> ii)."""
    if len(prev) != len(value) or len(set(prev)) != 1 or len(set(value)) != 1:
        return False
    return ord(value[0]) == ord(prev[0]) + 1


def resolve_format(label: Label, open_series: dict[str, str]) -> str:
    """Decide whether "(i)", "(v)", "(x)", "(I)" ... continue a lettered series or start roman.

    `open_series` maps each format open on the stack to the last value seen in it. The rule is
    Laws.Africa's: "(i)" after "(h)" is a letter; otherwise a roman series already open wins; a fresh
    "(i)" opens a roman series.
    """
    if label.fmt in ("close-num", "close-lower"):
        # "3)" right after "(2)": the opening parenthesis lost (by OCR, or a typist), not a new series
        paren = label.fmt.replace("close-", "paren-")
        last = open_series.get(paren, "")
        next_letter = paren == "paren-lower" and bool(last) and _letter_successor(last, label.value)
        next_number = paren == "paren-num" and last.isdigit() and int(label.value) == int(last) + 1
        if next_letter or next_number:
            return paren
    if "|roman" not in label.fmt:
        return label.fmt
    letters = label.fmt.split("|")[0]
    roman = letters.replace("lower", "roman").replace("upper", "roman-upper")
    if letters in open_series and _letter_successor(open_series[letters], label.value):
        return letters
    if roman in open_series:
        return roman
    if label.value in ("i", "I"):
        return roman
    if letters in open_series:
        return letters
    return letters if len(label.value) == 1 and label.value not in "ivxIVX" else roman


#: An editor's footnote on an amendment, numbered like a section at the foot of a page of an
#: annotated edition: "1. Ins. by Act 45 of 1978, s. 2", "2. Subs. by …", "3. Omitted by …".
EDITORIAL_NOTE = re.compile(
    # abbreviated, as editors write them; "74. Repealed by Act No. 16 of 2005" is section 74 itself
    r"(?:(?:(?:Explanation|Proviso|Clause|Sub-section|Section|Words?)[ \t]+)?(?:Ins|ins|Subs|subs|Rep|rep|Am"
    r"|Omitted|omitted|Added|added)\.?,?[ \t]+(?:by|vide|w\.e\.f\.|Act|s\.|the)\b"
    r"|S\.[ \t]+\d+\w*[ \t]+renumbered\b"
    r"|(?:The|Certain)[ \t]+words?\b[^\n]{0,200}\b(?:omitted|inserted|substituted|added|repealed)[ \t]+by\b)"
)

# --- words that make a line-initial number a reference, not a label ----------------------------

REFERENCE_TAIL = re.compile(
    r"(?:\b(?:sub-?)?(?:section|paragraph|clause|article|item|rule|regulation|schedule)s?"
    r"|\b(?:paragraphe|alinéa|article|artículo|inciso|literal|numeral|apartado)s?"
    r"|\bs\.|\bss\.|\bart\.|§)$"
)


def number_key(number: str) -> tuple[int, tuple[int, ...], str]:
    """Sort key of a section number: 29 < 29A < 29B < 30, 279 < 279.01 < 279.011 < 279.02."""
    match = re.match(r"(\d+)((?:\.\d+)*)([A-Za-z]*)((?:\.\d+)*)", number)
    if not match:
        return (0, (), number)
    # decimals compare as decimal fractions, their printed length breaking ties: 12.001 < 12.01,
    # 279.011 < 279.02, and 20.1 and 20.10 are two numbers, not one
    decimals = tuple(int(d[:6].ljust(6, "0")) * 10 + min(len(d), 9)
                     for d in (match.group(2) + match.group(4)).split(".") if d)
    return (int(match.group(1)), decimals, match.group(3).upper())


def follows(previous: tuple[int, tuple[int, ...], str], key: tuple[int, tuple[int, ...], str]) -> bool:
    """Whether a section numbered `key` may come after one numbered `previous`.

    Only a step back in the whole number, or the same number again, is refused: decimal numbering is
    not comparable across traditions (Canada's 10.01, 10.02, 10.1 against 20.9, 20.10 elsewhere), and
    a refusal here is what tells a table of contents or a wrapped year from a real section.
    """
    if key[0] != previous[0]:
        return key[0] > previous[0]
    return key != previous


def normalise_number(number: str) -> str:
    """"L. 622-1" -> "L622-1", "77 bis" -> "77bis", "1er" -> "1"."""
    number = re.sub(r"^([A-Z])\.?\s?", r"\1", number.strip())
    number = re.sub(r"\s+", "", number)
    # "61 Bis", "21 Quáter" are cited as "61bis", "21quater", as "77 bis" is
    number = re.sub(r"(?<=\d)(Bis|Ter|Qu[aá]ter|Quinquies|Sexies|BIS|TER)$",
                    lambda m: m.group(1).lower().replace("á", "a"), number)
    return {"premier": "1", "1er": "1", "Ier": "I", "unique": "1", "único": "1"}.get(number, number)
