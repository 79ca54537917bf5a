"""Amending acts: which law a provision amends, how, and amending text printed without quotes.

An amending act (or a bill) inserts or substitutes provisions of another law, its *target*: "The
Immigration Act, in this Act referred to as the principal Act, is amended by inserting … “29A. …”",
"Il est inséré dans le Code du travail un article L. 542-8 ainsi rédigé : …", "Agrégase al Código
Penal el siguiente artículo: Artículo 200 bis.- …". The text it inserts is law of the target, so the
tree keeps it as provisions of the target (marked `inserted`) and records the target's name, the
amending provision and the kind of change, so that it is cited as both ("s. 29A Immigration Act,
inserted by s. 3").

Spanish and French amending acts often print the new text without quotes, right after a formula
("… quedan redactados de la siguiente manera:", "… ainsi rédigé :"). Those stretches are found
here from the numbering: they run until the amending act's own next article (the next number of
its sequence, when the formula did not name that number as one it amends).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from auditor.structure import labels as lb
from auditor.structure.units import Unit, inside

#: A formula that introduces amending text printed without quotes, at the end of a paragraph.
UNQUOTED_INTRO = re.compile(
    r"(?:de la siguiente (?:manera|forma)|del siguiente (?:tenor|modo)|(?:en )?los (?:siguientes )?términos"
    r"(?: siguientes)?|el siguiente texto|(?:los|el) siguientes? (?:artículos?|incisos?|párrafos?|numerales?)"
    r"|(?:queda|quedan|quedará|quedarán|quedaría|quedarían)(?: redactad[oa]s?)? así"
    r"|como sigue|ainsi (?:rédigée?s?|libellée?s?|conçue?s?)|(?:prend|prennent) la teneur suivante|comme suit"
    r"|par (?:les dispositions|le texte|l'article)"
    r" suivante?s?|(?:le|les) (?:texte|articles?|alinéas?|dispositions?) suivante?s?"
    r"|the following (?:section|sections|article|articles|subsection|subsections|paragraph|paragraphs)"
    r"(?: (?:is|are) (?:inserted|substituted)[^:\n]{0,80})?)\s*:\s*$",
    re.IGNORECASE,
)
#: An English amending instruction that ends in a dash (or a colon) and puts the new text after it,
#: quoted or not: "After section 293A of ITEPA 2003 insert—", "… and shall have effect as section
#: 157A of that enactment —", "For section 12 substitute—". The verb must be in the paragraph; a
#: chapeau ending in a dash ("A person who—") introduces a list, not amending text.
DASH_INTRO = re.compile(
    r"\b(?:insert|substitute|inserted|substituted)\b[^.;]{0,200}?[ \t]*(?::[ \t]*)?[—–:]$"
)
_SUBSTITUTED = re.compile(
    r"substitut|replac|remplac|modif[ií]|sustitu|reempl[aá][zc]|modifíca|quedar[áa]n? redactad"
    r"|quedan? redactad|\bse reforma|\bref[oó]rmase\b"
    r"|nouvelle rédaction|teneur suivante|read as follows",
    re.IGNORECASE,
)
_REPEALED = re.compile(r"\b(?:is|are) (?:hereby )?repealed|est abrogée?|sont abrogée?s|Der[óo]ga(?:se|nse)",
                       re.IGNORECASE)
#: The name of a law in an amending provision: "the Immigration Act", "Cap. 190", "the Principal Act",
#: "la ley Nº 18.290", "Código Penal", "du Code du travail", "de la loi modifiée du 12 février 1979".
_CAPITALISED = (r"(?:(?:de|del|la|las|los|y|a|al|el|en|sobre|du|des|le|et)[ \t]+"
                r"|[A-ZÁÉÍÓÚÑÀ-Þ][\wÀ-ÿ]*[ \t]*){1,10}")
_LAW_NAME = re.compile(
    r"(?P<name>(?:[A-Z(][\w’'()-]*[ \t]+){1,8}(?:Act|Code|Ordinance|Law)"
    r"(?:,?[ \t]+(?:No\.[ \t]*\d+[ \t]+of[ \t]+)?\d{4})?(?:,?[ \t]+Cap\.[ \t]*\d+\w*)?"
    r"|Cap\.[ \t]*\d+\w*"
    r"|(?:[Ll]ey|[Ll]oi|[Dd]ecreto(?: [Ll]egislativo)?|[Dd]écret)[ \t]+(?:modifiée[ \t]+)?"
    r"(?:(?:N[°ºo]\.?|n°|número)[ \t]*)?(?:\d[\d.]*(?:[/-]\d+)?|du[ \t]+\d{1,2}(?:er)?[ \t]+\w+[ \t]+\d{4})"
    r"|(?:[Cc]ódigo|[Cc]ode)[ \t]+(?:[Pp]enal|[Cc]ivil|du travail|de commerce|de la consommation|[Ff]iscal"
    r"|[Tt]ributario|[Ee]lectoral|électoral|de procédure pénale|de procedimiento penal)"
    rf"|(?:C[óo]digo|Code|Ley|Loi)[ \t]+{_CAPITALISED})"
)
_PRINCIPAL = re.compile(r"\b(?:the|la|le)[ \t]+principal[ \t]+(?:Act|Ordinance|Code|enactment)\b",
                        re.IGNORECASE)
_PRINCIPAL_NAMED = re.compile(
    r"(?P<name>(?:[A-Z(][\w’'()-]*[ \t]+){0,8}(?:Act|Code|Ordinance)"
    r"(?:,?[ \t]+(?:No\.[ \t]*\d+[ \t]+of[ \t]+)?\d{4})?(?:[ \t]*\([^)\n]{0,40}\))?)"
    r"(?:[ \t]*\[[^\]\n]{0,40}\])?,?[ \t\n]+(?:(?:which is|hereinafter|in this Act)[ \t\n]+)*"
    r"(?:referred to|called)[ \t\n]+(?:in this Act[ \t\n]+)?as[ \t\n]+the[ \t\n]+[“\"‘]?[Pp]rincipal"
    r" (?:Act|Code|Ordinance|enactment)"
)
_HISTORY = re.compile(
    r"\b(?:adicionad[oa]s?|modificad[oa]s?|reformad[oa]s?|sustituid[oa]s?|derogad[oa]s?|amended|inserted"
    r"|substituted|repealed|modifiée?s?|introduite?s?|abrogée?s?|remplacée?s?)[ \t]+(?:por|by|par)[ \t]+"
    r"(?:el|la|los|las|the|le|les|l')?[ \t]*$",
    re.IGNORECASE,
)
_BARE_KIND = re.compile(r"(?:The |the )?(?:Act|Code|Ordinance|Law)")


def target_of(text: str, start: int, end: int, *, first: bool = False) -> str:
    """The law amended by the provision text[start:end] (the words before the amending text): the
    last law named there (the first, for a section's chapeau: "Introdúcense las siguientes
    modificaciones en la ley Nº 18.290: … 8) Reemplázase el artículo 18 …"), "the principal Act"
    read as the law the act calls so."""
    words = text[start:end]
    # a law named as the source of an earlier change is history, not the target ("el artículo 188A
    # de la Ley 599 de 2000, adicionado por la Ley 747 de 2002 y modificado por la Ley 890 de 2004")
    names = [m.group("name").strip() for m in _LAW_NAME.finditer(words)
             if not _HISTORY.search(words, max(0, m.start() - 30), m.start())]
    if first:
        names = names[:1]
    names = [n for n in names if not _BARE_KIND.fullmatch(n) and not n.startswith(("This ", "this "))]
    principal = _PRINCIPAL.search(words)
    if principal and (not names or principal.start() > words.rfind(names[-1])):
        named = _PRINCIPAL_NAMED.search(text, 0, end)
        return _tidy(named.group("name")) if named else "the principal Act"
    return _tidy(names[-1]) if names else ""


def _tidy(name: str) -> str:
    """One line, no article before it, no connecting words after it ("Ley de Tránsito y" ->
    "Ley de Tránsito")."""
    name = " ".join(name.split())
    name = re.sub(r"^(?:The|the)\s+", "", name)
    return re.sub(r"(?:\s+(?:de|del|la|las|los|y|a|al|el|en|sobre|du|des|le|et))+$", "", name).strip(" ,")


def change_of(text: str, start: int, end: int) -> str:
    """How the provision changes its target: "substituted", "repealed" or "inserted"."""
    words = text[start:end]
    if _SUBSTITUTED.search(words):
        return "substituted"
    if _REPEALED.search(words):
        return "repealed"
    return "inserted"


def unquoted_regions(units: Sequence[Unit], scheme: str,
                     quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of amending text printed without quotes after an amending formula.

    The stretch opens at the numbered provision right after a paragraph ending in a formula ("…
    quedan redactados de la siguiente manera:") and runs until the amending act's next provision
    of its own: the next number of its sequence that the formula does not name. No end, no stretch.
    """
    rx = lb.SCHEMES.get(scheme)
    if rx is None:
        return []
    regions: list[tuple[int, int]] = []
    own: tuple[int, tuple[int, ...], str] | None = None
    i = 0
    while i < len(units):
        unit = units[i]
        if inside((unit.start, unit.end), quoted) is not None:
            i += 1
            continue
        number = _number(rx, unit)
        if number is not None:
            own = lb.number_key(number)
        if own is None or i + 1 >= len(units) or not _introduces(unit) \
                or not _opens_with_provision(rx, units[i + 1:i + 7]) \
                or inside((units[i + 1].start, units[i + 1].end), quoted) is not None:  # in quotes
            i += 1
            continue
        named = _named_numbers(unit.text)
        end = None
        passed_next = False
        for j in range(i + 1, len(units)):
            following = _number(rx, units[j])
            if following is None or inside((units[j].start, units[j].end), quoted) is not None:
                continue
            key = lb.number_key(following)
            if key[1:] != ((), "") or following in named:
                passed_next = passed_next or key[0] == own[0] + 1
                continue
            # the next number, or the one after it where the next is not printed at all (a number
            # a converter dropped, a repealed section left out)
            if key[0] == own[0] + 1 or (key[0] == own[0] + 2 and not passed_next):
                end = j
                break
        if end is None or end == i + 1:
            i += 1
            continue
        regions.append((units[i + 1].start, units[end - 1].end))
        i = end
    return regions


def _introduces(unit: Unit) -> bool:
    """Whether the paragraph ends in a formula that puts amending text after it."""
    return bool(UNQUOTED_INTRO.search(unit.lines[-1].text) or DASH_INTRO.search(" ".join(unit.text.split())))


def _opens_with_provision(rx: re.Pattern[str], following: Sequence[Unit]) -> bool:
    """Whether the amending text opens with a numbered provision, perhaps under the headings of
    the Title, Chapter and Section it belongs to ("TITRE PREMIER - Délégations" … "Art. L. 411-1")."""
    for unit in following:
        if _number(rx, unit) is not None:
            return True
        if len(unit.lines) > 2 or len(unit.text) > 160:
            return False
    return False


def _named_numbers(text: str) -> set[str]:
    """The provision numbers a formula names ("los artículos 184, 185 y 186", "l'article L. 542-8"),
    not every number in it ("el numeral 3 del artículo 104" names 104, not 3)."""
    named: set[str] = set()
    for run in _NAMED.finditer(text):
        named.update(lb.normalise_number(n) for n in re.findall(r"[A-Z]?\.?\s?\d[\w.-]*", run.group("run")))
    return named


_NAMED = re.compile(
    r"(?:art[íi]culos?|articles?|sections?|arts?\.|ss?\.)[ \t]+(?P<run>(?:[A-Z]\.?[ \t]?)?\d[\w.-]*"
    r"(?:(?:,[ \t]*|[ \t]+(?:y|e|et|and)[ \t]+)(?:[A-Z]\.?[ \t]?)?\d[\w.-]*)*)",
    re.IGNORECASE,
)


def _number(rx: re.Pattern[str], unit: Unit) -> str | None:
    line = unit.first.lstrip("“«\"‘*_")
    m = rx.match(line)
    if not m or (m.group("rest")[:1].islower() if m.group("rest") else False):
        return None
    return lb.normalise_number(m.group("num"))


__all__ = ["UNQUOTED_INTRO", "change_of", "target_of", "unquoted_regions"]
