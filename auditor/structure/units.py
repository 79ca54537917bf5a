"""Cut the text into units: the stretches of text that may open a provision.

A unit starts at the first line of a paragraph (after a blank line) or at any line that begins with
a provision number, and runs to the next unit. Line-initial numbers that continue a reference from
the line before ("... under paragraph\\n(a) of ...") do not start a unit. Quoted amending text
("... is amended by inserting the following: “29A. ...”.") is found here too, so the builder can
treat its numbering as inserted text rather than as provisions of the amending act.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.structure.labels import (
    ARTICLE,
    GROUPS,
    NUMDOT,
    NUMSPACE,
    REFERENCE_TAIL,
    SECTION_GROUP,
    TOC,
    USC,
    Label,
    leading_labels,
)

_INDENT = " \t"
_OPEN_QUOTES = "“«\"‘"
_CLOSE_OF = {"“": "”", "«": "»", "‘": "’", '"': '"'}
_INTRO = re.compile(r"(?:[:—–]|\bfollowing|\bsubstitut\w*|\binsert\w*|\bread)\W*$", re.I)
_EDITOR_MARK = re.compile(r"^\d{1,2}\[(?=\d)")
#: The enacting words before a law's own text, which some publishers print in quotes ("… ha dado su
#: aprobación al siguiente\nProyecto de ley:\n\n“Artículo 1º.- …”): the text that follows is the law.
_ENACTING = re.compile(
    r"(?:\bProyecto de ley|\bas follows|\bENACTED\b|\bdécrète|\bDÉCRÈTE|\bDECRETA|\bdecreta"
    r"|\bsanciona(?:n)? con fuerza de\s+ley|\bHa dado la [Ll]ey siguiente|\bha dado la [Ll]ey siguiente"
    r"|\ba adopté|\bpromulgue la loi)\W*$",
)
#: A line of an amending act's own instructions ("b) Reemplázase, en el inciso cuarto, …", "(c) by
#: substituting …", "3. L'article 5 est remplacé …"), which quoted amending text never holds.
_AMENDING_LINE = re.compile(
    r"(?m)^(?:\(?\w{1,4}\)[ \t]*|\d{1,3}[.°º]?[ \t]+|(?:ART[ÍI]CULO|Art[íi]culo|Article|Art\.)[ \t]+\d+\w*"
    r"[ \t]*[.°º:-]*[ \t]*)"
    r"(?:Reemplázase|Reemplázanse|Sustitúyese|Sustitúyense|Agrégase|Agréganse|Intercálase|Intercálanse"
    r"|Incorpórase|Incorpóranse|Derógase|Deróganse|Modifícase|Modifícanse|Suprímese|Suprímense"
    r"|Se (?:reforma|[aá]diciona|modifica|deroga|agrega|suprime|sustituye|incorpora)n?\b"
    r"|by (?:inserting|substituting|deleting|repealing)\b"
    r"|in (?:subsection|paragraph|section) \(?\w+\)?,? by\b"
    r"|L[’']article [^\n]{0,60}\best (?:modifié|remplacé|abrogé|complété))"
    # an amending act's own numbered section: "24. The following new section is hereby inserted"
    r"|^\d{1,3}\.[ \t]+(?:The following new (?:section|sections|Part|Chapter|Schedule)\b"
    r"|The principal (?:Act|enactment|Ordinance) is (?:hereby )?amended\b)"
    # a consolidation's note on an amendment ("(*) Artículo modificado por el Artículo 2 de la Ley …")
    r"|^\(\*{1,3}\)[ \t]*[^\n]{0,60}?\b(?:modificad|incorporad|derogad|sustituid|adicionad|agregad|reformad)"
    r"[oa]s?[ \t]+(?:por|mediante)\b"
)
#: The words that open a list of definitions ("(7) In this section—", "In this Act, unless the context
#: otherwise requires—"): quoted terms after them are defined, not inserted.
_DEFINING = re.compile(
    r"\b(?:In this (?:section|Part|Act|Chapter|Schedule|subsection|Division)|unless the context otherwise"
    r" requires|For the purposes of this (?:section|Part|Act|Chapter))\b[^\n]{0,40}[—–:-]$"
)
_INTRO_WORDS = re.compile(r"\b(?:following|substitut\w*|insert\w*|read)\W*$", re.I)
MAX_QUOTED_CHARS = 300_000
#: A marginal note's first words (one to three) in front of a section number and its first subsection.
_MARGIN_THEN_SECTION = re.compile(
    r"[A-Za-z][\w,’'-]*(?:[ \t][\w,’'-]+){0,2}[ \t]+\d{1,4}[A-Z]{0,2}\.[ \t]+\(1\)[ \t]"
)
#: A consolidation's mark after amended text, "(*)" or "(**)", which may follow the closing quote.
_CLOSING_MARK = re.compile(r"[ \t]*\(\*{1,3}\)[ \t]*(?=\n|$)")
#: A short term in quotes at the start of a line, then the sentence goes on: “N” is …, “vessel” means ….
_QUOTED_TERM = re.compile(r"[“\"‘«][^“”\"‘’«»\n]{1,80}[”\"’»][ \t]*[,(\w]")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # without the newline; leading indentation removed
    indent: int  # characters of indentation removed
    blank_before: bool


@dataclass(frozen=True)
class Unit:
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    lines: tuple[Line, ...]

    @property
    def first(self) -> str:
        return self.lines[0].text

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    blank = True
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.lstrip(_INDENT)
        if stripped.strip():
            indent = len(raw) - len(stripped)
            body = stripped.rstrip()
            lines.append(Line(pos + indent, pos + indent + len(body), body, indent, blank))
            blank = False
        else:
            blank = True
        pos = end + 1
    return lines


#: A definition paragraph: a quoted term and a defining verb ("“vessel” means ...").
DEFINITION_START = re.compile(
    r"[“\"‘«][^”\"’»\n]{1,80}[”\"’»][ \t]*(?:,[^,\n]{1,40},[ \t]*)?"
    r"(?:means|includes|has the (?:same )?meaning|shall mean|shall include|désigne|s'entend"
    r"|comprend|significa|se entiende)\b"
)


def starts_unit(line: Line, previous: Line | None) -> bool:
    if previous is None or line.blank_before:
        return True
    text = line.text.lstrip("*_") if line.text.startswith(("**", "__")) else line.text
    text = _EDITOR_MARK.sub("", text, count=1)  # "2[24. Public Prosecutors.—": a footnote call
    if not text:
        return False
    if DEFINITION_START.match(text):
        return True
    if TOC.match(text):  # "ARRANGEMENT OF SECTIONS" under the title, with no blank line
        return True
    if _after_sentence(previous.text) and len(text) <= 160 and (
            any(rx.match(text) for _, rx in GROUPS) or SECTION_GROUP.match(text)):
        # "Section 1 bis : De la traite des êtres humains." printed right under the chapter's title,
        # with no blank line (as OCR gives a page)
        return True
    if previous.text[-1] in ".:" and _MARGIN_THEN_SECTION.match(text):
        # "… in the enforcement notice.\nVariation or 162. (1) The Authority may …": a marginal
        # note's first words in front of the next section, in the same paragraph
        return True
    if not (text[0] in "(§" or text[0].isdigit() or text[:3] in ("Art", "ART", "SEC", "Sec")
            or (len(text) > 1 and text[1] == ")") or text[0] in "IVX"):  # "II. - La traite …"
        return False
    if REFERENCE_TAIL.search(previous.text):
        return False
    labels, _ = leading_labels(text, allow_numdot=True)
    if labels:
        return True
    if ARTICLE.match(text) or USC.match(text):
        return True
    if NUMSPACE.match(text) or NUMDOT.match(text):
        # A bare section number opens a provision only after a finished sentence or a heading;
        # "... Act,\n2016." is a year that wrapped.
        return _after_sentence(previous.text)
    return False


def _after_sentence(prev: str) -> bool:
    """Whether a line ends a sentence or reads as a heading, so that a number may open the next."""
    return prev[-1] in ".;:—–" or (len(prev) <= 100 and prev[0].isupper() and prev[-1] not in ",")


def _heading_line(line: Line, previous: Line | None, following: Line | None) -> bool:
    """A heading printed without space around it ("Short title" between two provisions): a short
    line after a finished sentence and before a numbered line."""
    text = line.text
    if previous is None or following is None or len(text) > 100 or text[-1] in ".;:,":
        return False
    return text[0].isupper() and previous.text[-1] in ".;:" and starts_unit(following, line)


def make_units(lines: list[Line], starts: set[int] | frozenset[int] = frozenset()) -> list[Unit]:
    """Group lines into units; `starts` are extra offsets where a unit must begin."""
    units: list[Unit] = []
    current: list[Line] = []
    previous: Line | None = None
    for k, line in enumerate(lines):
        following = lines[k + 1] if k + 1 < len(lines) else None
        if current and (line.start in starts or starts_unit(line, previous)
                        or _heading_line(line, previous, following)):
            units.append(Unit(current[0].start, current[-1].end, tuple(current)))
            current = []
        current.append(line)
        previous = line
    if current:
        units.append(Unit(current[0].start, current[-1].end, tuple(current)))
    return units


def quoted_regions(text: str, lines: list[Line],
                   page_starts: Sequence[int] = ()) -> list[tuple[int, int]]:
    """Spans of amending text quoted in full: opened at the start of a line that follows an
    introduction ("the following:", "substituting", "inserting"), closed where the quotes balance
    again at the end of a line ("”." / "”;").

    A page's running head may stand between the introduction and the quote ("following Form:—" at
    the foot of one page, "4 Civil Procedure Code (Amendment)\nAct, No. 11 of 2010" then "“No. 82 …"
    at the top of the next): the introduction is then the last line of the page before."""
    regions: list[tuple[int, int]] = []
    previous: Line | None = None
    skip_until = -1
    page = 0
    page_foot: Line | None = None  # the last line of the page before this one
    head: list[Line] = []  # the lines of this page before this one
    for line in lines:
        while page < len(page_starts) and line.start >= page_starts[page]:
            page += 1
            page_foot, head = previous, []
        if line.start < skip_until:
            previous = line
            head.append(line)
            continue
        if (line.text[0] in _OPEN_QUOTES and previous is not None and not _INTRO.search(previous.text)
                and page_foot is not None and _running_head(head)):
            previous = page_foot
        if (line.text[0] in _OPEN_QUOTES and previous is not None
                and _INTRO.search(previous.text)
                and not (DEFINITION_START.match(line.text) and not _INTRO_WORDS.search(previous.text))
                and not _ENACTING.search(previous.text)
                and not (_DEFINING.search(previous.text) and not _INTRO_WORDS.search(previous.text))):
            # "… unless the context otherwise requires—\n“road” means …" opens a list of
            # definitions, not quoted amending text; "the following definition:" does
            end = _closing(text, line.start)
            if end is not None and _QUOTED_TERM.match(line.text) and "\n\n" in text[line.start:end]:
                # a term in quotes that opens a sentence printed without quotes around it (an
                # inserted definition, "insert—\n\n“the used-up amount”, in relation to …, has the same
                # meaning as …"; "where—\n\n“N” is the number of days …"): the line's quote closed
                # at once, and a quote that balances paragraphs later closes nothing it opened
                end = None
            if end is not None and _AMENDING_LINE.search(text, text.find("\n", line.start, end) + 1
                                                         if "\n" in text[line.start:end] else end, end):
                end = None  # a stray quote: the "quoted text" goes on into the act's own instructions
            if end is not None:
                regions.append((line.start, end))
                skip_until = end
        previous = line
        head.append(line)
    return regions


def _running_head(lines: list[Line]) -> bool:
    """Whether the lines that open a page are its running head: one to three short lines, one of
    them carrying the page number."""
    return 0 < len(lines) <= 3 and all(len(line.text) <= 80 for line in lines) and any(
        re.match(r"\d{1,4}\s", line.text) or re.search(r"\s\d{1,4}$", line.text) for line in lines)


def _closing(text: str, start: int) -> int | None:
    opener = text[start]
    closer = _CLOSE_OF[opener]
    depth = 0
    limit = min(len(text), start + MAX_QUOTED_CHARS)
    i = start
    while i < limit:
        ch = text[i]
        if opener == '"' and text.startswith("''", i) and i > start and not text[i - 1].isspace() \
                and (i + 2 >= len(text) or (not text[i + 2].isalnum() and text[i + 2] != "'")):
            # two apostrophes after a word, as typewriters and OCR print a closing quote ("… control
            # y fiscalización.''")
            i += 1
            ch = '"'
        if opener == closer:  # straight quotes: open at a word start, close at a word end
            if ch == opener:
                before = text[i - 1] if i > start else " "
                if before.isspace() or before in "([":
                    depth += 1
                else:
                    depth -= 1
        elif ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
        if depth == 0 and ch == closer:
            j = i + 1
            while j < len(text) and text[j] in ".;,":
                j += 1
            mark = _CLOSING_MARK.match(text, j)
            if mark:  # "… en cada distrito.” (*)": a consolidation's mark that the text was amended
                j = mark.end()
            if j >= len(text) or text[j] == "\n":
                return j
        if depth < 0:
            return None
        i += 1
    return None


def inside(span: tuple[int, int], regions: list[tuple[int, int]]) -> tuple[int, int] | None:
    for region in regions:
        if region[0] <= span[0] < region[1]:
            return region
    return None


__all__ = ["Label", "Line", "Unit", "inside", "make_units", "quoted_regions", "split_lines"]
