"""Build the provision tree from units.

Stage order, as in Laws.Africa's pipelines: (1) every unit is classified on its own (group heading,
section, numbered sub-provision, heading-like line, text); (2) a single pass nests them with stacks:
groups nest in the order the law itself uses them (a Part inside a Book, a Chapter inside a Part),
sub-provisions nest by numbering series (a new series opens a level, a series already open closes the
levels below it), headings attach to the provision they precede. The builder never refuses input:
what it cannot place is text of the nearest open provision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.ingest.document import Document
from auditor.structure import amendments, repeals
from auditor.structure import labels as lb
from auditor.structure.provision import Law, Provision
from auditor.structure.units import (
    DEFINITION_START,
    Unit,
    inside,
    make_units,
    quoted_regions,
    split_lines,
)

#: What each numbering series is called, by drafting tradition. Names follow the law's own usage
#: ("paragraph (a)" in a Commonwealth act, "subsection (a)" in the US Code, "alinéa 1°" ...).
SUB_KINDS = {
    "default": {"paren-num": "subsection", "paren-lower": "paragraph", "paren-roman": "subparagraph",
                "paren-upper": "clause", "paren-roman-upper": "subclause"},
    "usc": {"paren-lower": "subsection", "paren-num": "paragraph", "paren-upper": "subparagraph",
            "paren-roman": "clause", "paren-roman-upper": "subclause", "paren-double": "item",
            "paren-double-upper": "subitem"},
    "article": {"num-dot": "paragraph", "paren-num": "paragraph", "roman-dash": "paragraph",
                "close-num": "item", "degree": "item", "paren-lower": "subparagraph",
                "close-lower": "subparagraph", "paren-roman": "item", "close-upper": "item"},
}
_NOTE = re.compile(r"(?:Historical Note|Note historique|Amendment Notes?|Editorial Notes?)$")
_PAREN_HEADING = re.compile(r"\((?P<h>[^()\n]{2,160})\)[ \t]*(?:\.-|[.:\-–—]{1,3})[ \t]*")
#: "3. Trafficking in persons.—(1) Any person who …": a heading run into the text with a dash, as in
#: Pakistani, Indian and older Commonwealth acts.
#: A period inside the heading only before a lower-case word: OCR's "Investigating. agency.—(1)".
_DASH_HEADING = re.compile(r"(?P<h>[A-Z](?:[^.—–\n]|\.(?= [a-z])){2,100}?)[.,:]?[—–](?=[({\[]?\w)")
_OPENING = "“«\"‘"


@dataclass
class _Node:
    kind: str
    label: str
    number: str
    start: int
    end: int
    heading: str = ""
    heading_start: int = -1
    heading_end: int = -1
    fmt: str = ""
    value: str = ""
    inserted: bool = False
    scheme: str = "none"
    children: list[_Node] = field(default_factory=list)
    target: str = ""  # the law an inserted provision belongs to
    change: str = ""  # inserted | substituted


@dataclass(frozen=True)
class _Class:
    """What a unit is, before context decides where it goes."""

    kind: str  # matter | toc | schedule | group | section | labels | heading | note | text
    group: str = ""
    number: str = ""
    label: str = ""
    rest: str = ""
    rest_at: int = 0  # offset of `rest` within the unit's first line
    labels: tuple[lb.Label, ...] = ()
    shift: int = 0  # characters of opening quote skipped at the unit start
    scheme: str = ""


_PREAMBLE = re.compile(r"(?:A Bill entitled|A BILL|An Act\b|AN ACT\b|BE IT ENACTED|ENACTED by|WHEREAS"
                       r"|Whereas|Preamble|PREAMBLE)\b")


def _heading_like(unit: Unit, shift: int = 0) -> bool:
    text = unit.text[shift:].strip()
    # Two lines at most, or a few short ones: a marginal note wraps in its narrow column.
    narrow = len(unit.lines) <= 5 and all(len(line.text) <= 40 for line in unit.lines)
    if not text or (len(unit.lines) > 2 and not narrow) or len(text) > 160 or _PREAMBLE.match(text):
        return False
    if text.endswith(" etc."):
        text = text[:-1]
    if text[-1] in ".;:,":
        return len(text) <= 60 and text.isupper()
    return text[0].isupper() and not _CHAPEAU_END.search(text) and not _SENTENCE_OPENING.search(text)


#: A chapeau cut by a list reads like a heading but opens a rule: "No person shall knowingly".
_SENTENCE_OPENING = re.compile(
    r"\b(?:shall|must|who|whom|which)\b|^(?:No|Every|Any|A) (?:person|one)\b|^(?:Quiconque|Nul)\b"
)


#: Words a heading never ends with but the opening words of a sentence cut by a list do
#: ("Any person who", "The term “coercion” means", "Quiconque, afin de").
_CHAPEAU_END = re.compile(
    r"(?:\b(?:who|whom|whose|which|that|of|the|to|and|or|by|in|if|where|when|shall|is|are|a|an|"
    r"with|for|from|on|means|includes|as|than|under|qui|que|de|des|du|la|le|les|et|ou|par|à|en|"
    r"el|los|las|y|o|por|con|del)|[—–-])$",
    re.IGNORECASE,
)


def _is_heading_text(text: str) -> bool:
    """Short words after a label that head a provision rather than begin its sentence."""
    return (len(text) <= 80 and len(text.split()) <= 10 and text[0].isupper()
            and text[-1] not in ".;:," and not _CHAPEAU_END.search(text))


def _short_line(text: str) -> bool:
    return 0 < len(text) <= 160 and text.rstrip()[-1:] not in (";", ",")


#: An annotated edition's footnote call in front of an amended provision: "2[24. Public Prosecutors".
_EDITOR_MARK = re.compile(r"\d{1,2}\[(?=\d)")


def _lead(line: str) -> int:
    """Characters before a provision's number that are not part of it: opening quotes of amending
    text, and the bold marks a converter left when the closing ones were not next to a word
    ("**Artículo 22.- Los aportes **")."""
    shift = 0
    while shift < len(line):
        if line.startswith(("**", "__"), shift):
            shift += 2
        elif line[shift] in _OPENING:
            shift += 1
        elif (m := _EDITOR_MARK.match(line, shift)) is not None:
            shift = m.end()
        else:
            break
    return shift


def classify(unit: Unit, scheme: str) -> _Class:
    first = unit.first
    shift = _lead(first)
    line = first[shift:]
    if not line:
        return _Class("text")
    single = len(unit.lines) == 1
    if single and len(line) < 90 and lb.FRONT_BACK_MATTER.match(line):
        return _Class("matter", label=line, shift=shift)
    if lb.TOC.match(line):
        return _Class("toc", label=line, shift=shift)
    if single and _NOTE.match(line):
        return _Class("note", label=line, shift=shift)
    if (single or _titled(unit)) and _short_line(line) and not line.endswith("."):
        m = lb.SCHEDULE.match(line)
        if m and (m.group("num") or not m.group("rest") or m.group("kw").isupper()):
            return _Class("schedule", "schedule", m.group("num") or "", line[: m.start("rest")].strip(),
                          m.group("rest"), m.start("rest"), shift=shift)
    if single and _short_line(line):
        patterns = list(lb.GROUPS)
        if scheme == "article":
            patterns.append(("group", lb.SECTION_GROUP))
        for group, rx in patterns:
            m = rx.match(line)
            if m and (not m.group("rest") or m.group("sep") or m.group("rest")[0].isupper()):
                return _Class("group", group, m.group("num"), line[: m.start("rest")].strip(" .:-–—"),
                              m.group("rest"), m.start("rest"), shift=shift)
        if scheme in ("article", "none") and lb.BARE_ROMAN.match(line):
            return _Class("group", "chapter", line.rstrip("."), line, "", len(line), shift=shift)
    rx = lb.SCHEMES.get(scheme)
    m = rx.match(line) if rx else None
    if m is None and single and scheme in ("numspace", "numdot"):
        m = lb.BARE_NUMBER.match(line)
    if m and _valid_section(m, scheme):
        rest_at = m.start("rest")
        rest = m.group("rest")
        labels, pos = lb.leading_labels(rest, allow_numdot=False)
        labels = tuple(_shift(label, rest_at) for label in labels)
        return _Class("section", number=lb.normalise_number(m.group("num")),
                      label=line[: m.end("num")].strip(), rest=rest[pos:], rest_at=rest_at + pos,
                      labels=labels, shift=shift, scheme=scheme)
    found, pos = lb.leading_labels(line, allow_numdot=scheme != "numdot")
    if found:
        return _Class("labels", rest=line[pos:], rest_at=pos, labels=tuple(found), shift=shift)
    if _heading_like(unit, shift):
        return _Class("heading", label=line, shift=shift)
    return _Class("text", shift=shift)


def _titled(unit: Unit) -> bool:
    """A heading line with its title printed under it in the same paragraph ("TWELFTH SCHEDULE
    [Section 443 (2)]\nPOWERS OF RECEIVERS"): one or two short lines that end no sentence."""
    return len(unit.lines) <= 3 and all(
        len(line.text) <= 100 and line.text[:1].isupper() and line.text[-1] not in ".;:,"
        for line in unit.lines[1:])


def _shift(label: lb.Label, by: int) -> lb.Label:
    return lb.Label(label.text, label.fmt, label.value, label.start + by, label.end + by)


def _valid_section(m: re.Match[str], scheme: str) -> bool:
    rest = m.group("rest")
    if lb.EDITORIAL_NOTE.match(rest):
        return False  # "1. Ins. by Act 45 of 1978, s. 2": an editor's footnote
    if scheme == "article":
        return not rest or bool(m.group("sep")) or rest[0].isupper() or rest[0] in "(“\"«"
    if scheme == "numspace":
        return not rest[:1].isdigit()
    return True


def choose_scheme(units: list[Unit], minimum: int = 2) -> str:
    """The section-numbering style this text uses, by counting candidates of each.

    A candidate followed at once by a subsection "(1)" ("117. (1) ...", or "117 Heading" then
    "(1) ...") counts twice: one such section is enough to recognise the style.
    """
    counts = dict.fromkeys(lb.SCHEMES, 0)
    single = False  # "Article unique.", "Artículo único": a law of one article, its points numbered
    for index, unit in enumerate(units):
        line = unit.first[_lead(unit.first):]
        following = units[index + 1].first if index + 1 < len(units) else ""
        if len(unit.lines) == 1 and lb.BARE_NUMBER.match(line) and following.startswith("(1)"):
            counts["numspace"] += 2  # "24" then "(1) A person who …": the number was a heading
            continue
        for name, rx in lb.SCHEMES.items():
            m = rx.match(line)
            if m and _valid_section(m, name):
                strong = m.group("rest").startswith("(1)") or following.startswith("(1)")
                counts[name] += 2 if strong else 1
                single = single or (name == "article" and m.group("num").lower() in ("unique", "único"))
    if single or (counts["article"] >= minimum and counts["article"] >= counts["usc"]):
        return "article"
    if counts["usc"] >= 1 and counts["usc"] * 4 >= max(counts["numdot"], counts["numspace"]):
        return "usc"  # one "§ 5" among a hundred "5." sections is a cross-reference, not the style
    best = max(("numdot", "numspace"), key=lambda name: counts[name])
    return best if counts[best] >= minimum else "none"


class _Builder:
    def __init__(self, document: Document, scheme: str, base: _Node, inserted: bool) -> None:
        self.doc = document
        self.scheme = scheme
        self.base = base
        self.inserted = inserted
        self.groups: list[_Node] = []
        self.crossheading: _Node | None = None
        self.matter: _Node | None = None
        self.section: _Node | None = None
        self.subs: list[_Node] = []
        self.last_key: tuple[int, tuple[int, ...], str] | None = None
        self.pending: Unit | None = None
        self.pending_heading: str | None = None  # the heading's words without its number
        self.seen_section = False
        self.in_schedule = False
        self.closing_matter = False  # an explanatory statement after the law: the rest is its text
        self.absorbed = False
        self.definition_depth: int | None = None
        self.rejected: list[int] = []  # offsets of section numbers out of sequence, kept as text
        self.warnings: list[str] = []

    # -- where things go --------------------------------------------------------------------

    def _container(self) -> _Node:
        if self.crossheading is not None:
            return self.crossheading
        if self.groups:
            return self.groups[-1]
        if self.matter is not None:
            return self.matter
        return self.base

    def innermost(self) -> _Node:
        if self.subs:
            return self.subs[-1]
        if self.section is not None:
            return self.section
        return self._container()

    def _new(self, parent: _Node, unit: Unit, start: int, **kw: object) -> _Node:
        node = _Node(start=start, end=unit.end, inserted=self.inserted, scheme=self.scheme,
                     **kw)  # type: ignore[arg-type]
        if self.pending is not None:
            node.start = self.pending.start
            node.heading = self.pending_heading or _heading_text(self.pending)
            node.heading_start, node.heading_end = self.pending.start, self.pending.end
            self.pending = None
            self.pending_heading = None
        parent.children.append(node)
        return node

    def _close_sections(self) -> None:
        self.section = None
        self.subs = []
        self.definition_depth = None

    # -- the pass ---------------------------------------------------------------------------

    def run(self, units: list[Unit], regions: list[tuple[int, int]]) -> None:
        classes = [classify(u, self.scheme) for u in units]
        i = 0
        while i < len(units):
            unit, cls = units[i], classes[i]
            region = inside((unit.start, unit.end), regions)
            if region is not None:
                j = i
                while j < len(units) and units[j].start < region[1]:
                    j += 1
                self._quoted(units[i:j], region)
                i = j
                continue
            if cls.kind == "toc":
                i = self._toc(units, classes, i)
                continue
            if cls.kind == "section" and _among_footnotes(units, i, cls.number):
                cls = _Class("text", shift=cls.shift)
            nxt = classes[i + 1] if i + 1 < len(units) else None
            if _numbered_heading(unit, cls, nxt):
                # "1. Interpretation" then "1. In this Part …": the number printed twice, once in
                # the heading (a Markdown or HTML heading) and once in the text
                self.pending_heading = cls.rest.strip()
                cls = _Class("heading", label=unit.first, shift=cls.shift)
            self.absorbed = False
            self._place(unit, cls, nxt, units[i + 1] if nxt else None)
            i += 2 if self.absorbed else 1

    def _place(self, unit: Unit, cls: _Class, nxt: _Class | None, next_unit: Unit | None) -> None:
        if self.closing_matter and self.matter is not None:
            # an explanatory statement after the law numbers its paragraphs and repeats the Parts
            # it explains: none of that is a provision
            self.matter.end = unit.end
            return
        if self.scheme == "headed" and _section_heading(unit, cls, nxt):
            self._headed_section(unit)
            return
        if self.scheme == "headed" and cls.kind == "text":
            run_in = _RUN_IN_HEADING.match(unit.first[cls.shift:])
            if run_in:
                # "Victims of trafficking in persons - A victim shall not …": a heading run into its text
                self._headed_section(unit, unit.start + cls.shift + run_in.end("h"))
                self.innermost().end = unit.end
                return
        if cls.kind in ("text", "heading") and self.scheme == "numdot" and self.last_key is not None:
            cls = self._lost_period(unit, cls)
        if cls.kind == "section" and not cls.rest and not cls.labels and len(unit.lines) == 1 \
                and lb.BARE_NUMBER.match(unit.first[cls.shift:]) and not _bare_section(
                    self.last_key, cls.number, next_unit):
            cls = _Class("text")  # a page number, a count, a year
        if cls.kind == "section" and _wrapped_reference(self.doc.text, unit.start):
            cls = _Class("text")  # "… in accordance with section\n\n344.": a reference that wrapped
        if cls.kind == "section" and self.scheme in ("numdot", "numspace"):
            key = lb.number_key(cls.number)
            if self.last_key is not None and _year_leap(self.last_key, key):
                cls = _Class("text")  # "… may be cited as the … Act,\n2016.": a year that wrapped
            elif self.last_key is not None and not lb.follows(self.last_key, key):
                self.rejected.append(unit.start)
                cls = _Class("text")
            else:
                self.last_key = key
        if cls.kind == "matter":
            self.groups, self.crossheading = [], None
            self._close_sections()
            self.pending = None
            self.matter = self._new(self.base, unit, unit.start, kind="note", label=cls.label,
                                    number="", heading=cls.label)
            self.closing_matter = self.seen_section
        elif cls.kind in ("group", "schedule"):
            self._group(unit, cls, nxt, next_unit)
        elif cls.kind == "section":
            self._section(unit, cls, nxt, next_unit)
        elif cls.kind == "labels":
            self._labels(unit, cls, unit.start + cls.shift)
        elif cls.kind == "note" and self.section is not None:
            self.subs = []
            self._new(self.section, unit, unit.start, kind="note", label=cls.label, number="",
                      heading=cls.label)
            self.subs = [self.section.children[-1]]
        elif cls.kind == "heading":
            self._heading(unit, cls, nxt, next_unit)
        elif DEFINITION_START.match(unit.first):
            # Definitions are siblings: a new one ends the lettered list of the one before.
            if self.definition_depth is not None and self.section is not None:
                del self.subs[self.definition_depth :]
            else:
                self.definition_depth = len(self.subs)
            self.innermost().end = unit.end
        else:
            self._wrap_up(unit)
            self.innermost().end = unit.end

    def _headed_section(self, unit: Unit, heading_end: int | None = None) -> None:
        """A provision known by its heading alone, in a text that lost every number."""
        self._close_sections()
        self.pending = None
        heading_end = unit.end if heading_end is None else heading_end
        heading = " ".join(self.doc.text[unit.start:heading_end].split()).strip(_OPENING + " ")
        node = _Node(kind="section", label=heading, number="", start=unit.start, end=unit.end,
                     heading=heading, heading_start=unit.start, heading_end=heading_end,
                     inserted=self.inserted, scheme=self.scheme)
        self._container().children.append(node)
        self.section = node

    def _lost_period(self, unit: Unit, cls: _Class) -> _Class:
        """The next section, printed so that its number does not open the line.

        * Its number lost its period, as OCR often reads a scanned gazette ("6 Victims of
          trafficking in persons.—A victim …" between 5. and 7.), or as a printer set it ("245 On
          the date shown …" between 244. and 246.): taken as a section only when it is the very
          next number and a run-in dash heading follows, or the line opens a paragraph with a
          capital and a few words, so a sentence that opens with a number ("6 months after …")
          and a page's running head ("18 Bill") stay text.
        * A marginal note the PDF's reading order put in front of it ("Categories 8. Subject to
          …", "of 99. (1) A company …"): one to three words, then the very next number and its
          period, then a capital or a subsection.
        """
        if self.last_key is None:
            return cls
        line = unit.first[cls.shift:]
        m = lb.NUMSPACE.match(line)
        if m and _next_number(self.last_key, m.group("num")) and (
                _DASH_HEADING.match(m.group("rest"))
                or (unit.lines[0].blank_before and m.group("rest")[:1].isupper()
                    and len(m.group("rest").split()) >= 4)):  # "18 Bill" is a running head
            self.warnings.append(f"section {m.group('num')} has no period after its number (an OCR "
                                 "misreading?); read as a section because it follows section "
                                 f"{self.last_key[0]} and opens a paragraph")
            return _Class("section", number=m.group("num"), label=m.group("num"), rest=m.group("rest"),
                          rest_at=m.start("rest"), shift=cls.shift, scheme=self.scheme)
        m = _MARGIN_THEN_NUMBER.match(line)
        if m and _next_number(self.last_key, m.group("num")):
            rest_at = m.start("rest")
            rest = m.group("rest")
            labels, pos = lb.leading_labels(rest, allow_numdot=False)
            return _Class("section", number=m.group("num"), label=m.group("num"), rest=rest[pos:],
                          rest_at=rest_at + pos, shift=cls.shift + m.start("num"), scheme=self.scheme,
                          labels=tuple(_shift(label, rest_at - m.start("num")) for label in labels))
        return cls

    def _wrap_up(self, unit: Unit) -> None:
        """A new paragraph after a list item that ended its sentence belongs to the provision that
        holds the list ("… 4° Soit en échange … d'avantage.\n\nLa traite des êtres humains est punie
        …" is a paragraph of I, not of 4°)."""
        if not self.subs or self.subs[-1].fmt not in _ITEM_SERIES:
            return
        last = self.doc.text[: self.subs[-1].end].rstrip()
        if last.endswith(".") and unit.lines[0].blank_before and unit.first[:1].isupper():
            self.subs.pop()

    def _heading(self, unit: Unit, cls: _Class, nxt: _Class | None, next_unit: Unit | None) -> None:
        if self.pending is not None:  # two heading lines in a row: the first is a cross-heading
            self._crossheading(self.pending)
            self.pending = None
        if nxt is None:
            self.innermost().end = unit.end
            return
        if nxt.kind == "section":
            if _inline_heading(nxt, next_unit):
                self._crossheading(unit)
            else:
                self.pending = unit
        elif nxt.kind == "labels" and (self.section is not None or self.scheme == "none"):
            self.pending = unit
        elif self._starts_crossheading(nxt):
            self._crossheading(unit)
        else:
            self.innermost().end = unit.end

    def _starts_crossheading(self, nxt: _Class) -> bool:
        """A heading followed by another heading opens a group of sections: outside any section, or
        in styles whose sections carry their own headings (Canada, US Code)."""
        if nxt.kind in ("heading", "group") and self.section is None and not self.subs:
            return True
        return nxt.kind == "heading" and self.scheme in ("numspace", "usc")

    def _crossheading(self, unit: Unit) -> None:
        self._close_sections()
        parent = self.groups[-1] if self.groups else (self.matter or self.base)
        node = _Node(kind="heading", label="", number="", start=unit.start, end=unit.end,
                     heading=_heading_text(unit), heading_start=unit.start,
                     heading_end=unit.end, inserted=self.inserted, scheme=self.scheme)
        parent.children.append(node)
        self.crossheading = node

    def _group(self, unit: Unit, cls: _Class, nxt: _Class | None, next_unit: Unit | None) -> None:
        self._close_sections()
        self.crossheading = None
        self.matter = None
        self.pending = None
        kind = cls.group
        if kind == "schedule":
            self.groups = []
            self.last_key = None  # schedules number their paragraphs afresh
            self.in_schedule = True
        elif any(g.kind == kind for g in self.groups):
            while self.groups and self.groups[-1].kind != kind:
                self.groups.pop()
            self.groups.pop()
        if self.in_schedule:
            self.last_key = None  # each Part of a schedule numbers its paragraphs afresh
        parent = self.groups[-1] if self.groups else self.base
        start = unit.start + cls.shift
        node = self._new(parent, unit, start, kind=kind, label=cls.label, number=cls.number)
        heading = cls.rest.strip()
        if heading:
            node.heading = heading
            node.heading_start = start + cls.rest_at
            node.heading_end = start + cls.rest_at + len(cls.rest.rstrip())
        elif nxt is not None and nxt.kind == "heading" and next_unit is not None:
            self._absorb_heading(node, next_unit)
        self.groups.append(node)

    def _absorb_heading(self, node: _Node, unit: Unit) -> None:
        node.heading = _heading_text(unit)
        node.heading_start, node.heading_end = unit.start, unit.end
        node.end = unit.end
        self.absorbed = True

    def _section(self, unit: Unit, cls: _Class, nxt: _Class | None, next_unit: Unit | None) -> None:
        self._close_sections()
        start = unit.start + cls.shift
        node = self._new(self._container(), unit, start,
                         kind=lb.SECTION_KIND[self.scheme], label=cls.label, number=cls.number)
        self.section = node
        self.seen_section = True
        rest = cls.rest
        if cls.labels:
            self._labels(unit, cls, start)
            return
        paren = _PAREN_HEADING.match(rest) or _DASH_HEADING.match(rest)
        if paren:
            node.heading = paren.group("h").strip()
            node.heading_start = start + cls.rest_at + paren.start("h")
            node.heading_end = start + cls.rest_at + paren.end("h")
            if paren.re is _DASH_HEADING:
                # "3. Trafficking in persons.—(1) Any person who …": the first subsection follows
                # the heading on the same line
                after_at = cls.rest_at + paren.end()
                labels, pos = lb.leading_labels(rest[paren.end():], allow_numdot=False)
                if labels:
                    shifted = tuple(_shift(label, after_at) for label in labels)
                    self._labels(unit, _Class("labels", rest=rest[paren.end() + pos:], rest_at=after_at + pos,
                                              labels=shifted), start)
        elif (_inline_heading(cls, unit) and not _continued(next_unit)) or (self.scheme == "numdot"
                                            and _numdot_heading(cls, unit, next_unit)):
            node.heading = rest.strip()
            node.heading_start = start + cls.rest_at
            node.heading_end = start + cls.rest_at + len(rest.rstrip())
        elif not rest.strip() and not node.heading and nxt is not None and nxt.kind == "heading" \
                and next_unit is not None and self.scheme == "article":
            self._absorb_heading(node, next_unit)
        elif not rest.strip() and next_unit is not None and self.scheme == "article":
            # "Artículo 4" on its own line, then "(Definiciones).- A los efectos …": the heading in
            # parentheses opens the first paragraph and names the article
            paren = _PAREN_HEADING.match(next_unit.first)
            if paren:
                node.heading = paren.group("h").strip()
                node.heading_start = next_unit.start + paren.start("h")
                node.heading_end = next_unit.start + paren.end("h")

    def _labels(self, unit: Unit, cls: _Class, start: int) -> None:
        names = SUB_KINDS.get(self.scheme, SUB_KINDS["default"])
        for index, label in enumerate(cls.labels):
            open_series = {n.fmt: n.value for n in self.subs}
            fmt = lb.resolve_format(label, open_series)
            if self.scheme == "usc" and lb.is_double_letter(label.value):
                # US Code items "(aa)", "(bb)" and subitems "(AA)" sit below subclauses; elsewhere a
                # doubled letter is a paragraph inserted after "(a)" and keeps the letter series
                fmt = "paren-double" if label.value.islower() else "paren-double-upper"
            if fmt in open_series:
                while self.subs and self.subs[-1].fmt != fmt:
                    self.subs.pop()
                self.subs.pop()
            parent = self.subs[-1] if self.subs else (self.section or self._container())
            kind = names.get(fmt, "item")
            at = start + label.start if index else (self.pending.start if self.pending else
                                                   start + label.start)
            node = self._new(parent, unit, at, kind=kind, label=label.text,
                             number=label.value, fmt=fmt, value=label.value)
            if index:
                node.start = start + label.start
            self.subs.append(node)
        rest = cls.rest.strip()
        if (self.scheme == "usc" and len(unit.lines) == 1 and rest
                and _is_heading_text(rest)):
            # US Code style: "(a) Criminal penalties", "(3) Coercion" head the text below them.
            node = self.subs[-1]
            node.heading = rest
            node.heading_start = start + cls.rest_at
            node.heading_end = node.heading_start + len(cls.rest.rstrip())

    def _quoted(self, units: list[Unit], region: tuple[int, int]) -> None:
        host = self.innermost()
        scheme = choose_scheme(units, minimum=1)
        if scheme == "none":
            host.end = max(host.end, region[1])
            return
        before = len(host.children)
        inner = _Builder(self.doc, scheme, host, inserted=True)
        inner.run(units, [])
        host.end = max(host.end, region[1])
        self.warnings.extend(inner.warnings)
        # the amending provision's own words name the law it amends and how
        # the nearest words first ("(8) Sustitúyese el artículo 18 de la ley Nº 18.290 …"), then
        # the whole amending section's ("Article 1. The Road Transport Act is amended — … (d) …")
        words_from = self.section.start if self.section is not None else host.start
        target = (amendments.target_of(self.doc.text, host.start, region[0])
                  or amendments.target_of(self.doc.text, words_from, region[0], first=True))
        change = amendments.change_of(self.doc.text, host.start, region[0])
        stack = list(host.children[before:])
        while stack:
            node = stack.pop()
            node.target, node.change = target, change
            stack.extend(node.children)

    def _toc(self, units: list[Unit], classes: list[_Class], i: int) -> int:
        """Keep a table of contents out of the tree: a `toc` node from its heading to where the body
        begins, so its entries, which look like sections, never become sections.

        The body begins where the numbering shows it: at the group the table opened with, printed
        again ("Part I" … "Part I"), or at a section number that does not follow the last entry
        (the body's "1." after the table's "370."), or at the enacting words or a paragraph of
        prose. A "Contents" heading followed by no entry, or whose body never begins, is a heading.
        """
        end = _toc_end(units, i, self.scheme)
        if end is None:
            self._place(units[i], _Class("heading"), None, None)
            return i + 1
        self._close_sections()
        self.pending = None
        node = _Node(kind="toc", label=classes[i].label, number="", start=units[i].start,
                     end=units[end - 1].end, heading=classes[i].label,
                     heading_start=units[i].start, heading_end=units[i].start + len(units[i].first),
                     inserted=self.inserted, scheme=self.scheme)
        (self.matter or self.base).children.append(node)
        self.matter = None
        return end


#: A marginal note's words in front of a section number: "Categories 8. Subject to section 9 …".
_MARGIN_THEN_NUMBER = re.compile(
    r"(?P<margin>[A-Za-z][\w,’'-]*(?:[ \t][\w,’'-]+){0,2})[ \t]+(?P<num>\d{1,4}[A-Z]{0,2})\.[ \t]+"
    r"(?P<rest>[A-Z(“].*)$"
)


_FOOTNOTE = re.compile(r"(?P<num>\d{1,2})\.[ \t]+(?P<rest>.*)$")


def _among_footnotes(units: list[Unit], i: int, number: str) -> bool:
    """Whether a numbered line stands in a run of editors' footnotes, the line before it numbered
    one less or the line after one more being a footnote on an amendment ("2. Subs. by s. 20, ibid."
    / "3. Now the Motor Vehicles Act, 1988 (59 of 1988)." / "4. Ins. by Act 45 of 1978"): a footnote
    whatever its wording."""
    if not number.isdigit() or int(number) > 99:
        return False
    for j, step in ((i - 1, -1), (i + 1, 1)):
        if 0 <= j < len(units) and not units[max(i, j)].lines[0].blank_before:
            m = _FOOTNOTE.match(units[j].first)
            if m and int(m.group("num")) == int(number) + step and lb.EDITORIAL_NOTE.match(m.group("rest")):
                return True
    return False


def _bare_section(previous: tuple[int, tuple[int, ...], str] | None, number: str,
                  next_unit: Unit | None) -> bool:
    """A number alone on its line is a section when the next paragraph opens its first subsection
    ("24" / "(1) A person …"), or when it is the very next number and the next paragraph is a
    sentence, never a page number between two halves of a sentence."""
    if next_unit is None:
        return False
    following = next_unit.first
    if following.startswith("(1)"):
        return True
    if previous is None:
        return lb.number_key(number)[0] == 1 and following[:1].isupper()
    return _next_number(previous, number) and following[:1].isupper()


def _wrapped_reference(text: str, start: int) -> bool:
    """Whether the number at `start` ends a sentence broken after "section", "article" … (a
    converter put a blank line inside "in accordance with section\n\n344."); a heading that ends
    with such a word ("Power to make regulations") is no sentence."""
    before = text[max(0, start - 300):start].rstrip()
    line_start = before.rfind("\n") + 1
    line = before[line_start:]
    if not lb.REFERENCE_TAIL.search(line):
        return False
    heading = line[:1].isupper() and len(line) <= 100 and before[max(0, line_start - 2):line_start] == "\n\n"
    return not heading


def _next_number(previous: tuple[int, tuple[int, ...], str], number: str) -> bool:
    """Whether `number` is the very next whole number after `previous` (9 after 8, 9 after 8B)."""
    key = lb.number_key(number)
    return key[1:] == ((), "") and key[0] == previous[0] + 1


def _year_leap(previous: tuple[int, tuple[int, ...], str], key: tuple[int, tuple[int, ...], str]) -> bool:
    """A number that reads as a year and leaps far past the last section: a year on a line of
    its own, not section 2016 after section 1."""
    return 1800 <= key[0] <= 2100 and key[0] - previous[0] > 100


def _group_key(line: str) -> tuple[str, str] | None:
    """(kind, number) of a group heading at the start of a line, whatever follows it."""
    for kind, rx in lb.GROUPS:
        m = rx.match(line)
        if m and (not m.group("rest") or m.group("sep") or not m.group("rest")[0].islower()):
            return kind, m.group("num").upper()
    return None


#: Dot leaders of a printed table of contents ("Loi n° 10-2025 ……… 776").
_LEADERS = re.compile(r"(?:\.[ ]?){4,}|…{2,}|_{4,}")


def _toc_end(units: list[Unit], i: int, scheme: str) -> int | None:
    """Index of the first unit of the body after the table of contents that opens at `units[i]`,
    or None when this is no table (no entry, or no body after it)."""
    rx = lb.SCHEMES.get(scheme)
    first_group: tuple[str, str] | None = None
    last_key: tuple[int, tuple[int, ...], str] | None = None
    entries = groups = 0
    last_entry = i
    for j in range(i + 1, len(units)):
        unit = units[j]
        line = unit.first[_lead(unit.first):]
        group = _group_key(line)
        if group is not None:
            if group == first_group:
                return j if entries or groups > 1 else None
            first_group = first_group or group
            groups += 1
            last_entry = j
            continue
        m = rx.match(line) if rx else None
        if m and _valid_section(m, scheme):
            key = lb.number_key(lb.normalise_number(m.group("num")))
            if (last_key is None or lb.follows(last_key, key)) and _toc_entry(line, m.group("rest")):
                last_key, last_entry = key, j
                entries += 1
                continue
            # the body's first section: its heading, printed above it, is the body's too
            end = j
            while end - 1 > last_entry and _heading_like(units[end - 1]) \
                    and not lb.SCHEDULE.match(units[end - 1].first):
                end -= 1
            return end if entries else None
        if _PREAMBLE.match(line) or _prose(unit):
            return j if entries or groups > 1 else None
    return None


def _toc_entry(line: str, rest: str) -> bool:
    """A numbered line of a table of contents: a heading, perhaps with its page; never a numbered
    subsection ("1. (1) This Act …") or a paragraph."""
    rest = rest.strip()  # empty where the headings are printed in a column of their own
    return len(line) <= 200 and not lb.leading_labels(rest, allow_numdot=False)[0]


def _prose(unit: Unit) -> bool:
    """A paragraph of running text, which no table of contents holds."""
    text = unit.text
    return len(text) > 300 and not _LEADERS.search(text) and bool(re.search(r"[a-zà-ÿ]{3,}[.;:]", text))


#: A heading run into its provision's first words, in a text that lost its numbers: a few words
#: in sentence or title case, then "(1)" or a dash.
_RUN_IN_HEADING = re.compile(
    r"(?P<h>[A-Z][a-z]+(?:[ \t]+(?:[a-z]+|[A-Z][a-z]+)){1,8})(?=[ \t]+(?:\(1\)|[-–—])[ \t])"
)


def _numbered_heading(unit: Unit, cls: _Class, nxt: _Class | None) -> bool:
    """A heading that carries the number of the provision printed right after it with the same
    number ("1. Interpretation" / "1. In this Part …", "12.. Interpretation." / "12.—(1) …")."""
    if cls.kind != "section" or nxt is None or nxt.kind != "section" or nxt.number != cls.number \
            or nxt.shift or unit.text.endswith(":"):
        return False  # "ARTÍCULO 4. Se reforma el artículo 4 …, el cual queda así:" / "“Artículo 4. …"
    rest = cls.rest.strip()
    return (len(unit.lines) <= 3 and len(unit.text) <= 300 and not cls.labels and bool(rest)
            and unit.text[-1] not in ",;")


def _section_heading(unit: Unit, cls: _Class, nxt: _Class | None) -> bool:
    """In a text without numbering: a heading line in sentence or title case followed by text
    ("Trafficking in persons" / "(1) Any person who …"). Lines in capitals are a gazette's running
    heads and mastheads, not headings of provisions."""
    if cls.kind != "heading" or nxt is None or nxt.kind not in ("text", "labels"):
        return False
    text = _heading_text(unit)
    return len(unit.lines) == 1 and not text.isupper() and len(text.split()) <= 12


def _headed(units: list[Unit]) -> bool:
    """Whether a text without numbering is cut into provisions by headings (three at least)."""
    classes = [classify(u, "none") for u in units]
    found = sum(1 for i, (u, c) in enumerate(zip(units, classes, strict=True))
                if _section_heading(u, c, classes[i + 1] if i + 1 < len(classes) else None))
    return found >= 3


def _inline_heading(cls: _Class, unit: Unit | None) -> bool:
    """A section line whose words after the number are its heading ("117 Organizing entry into
    Canada", "§ 1324. Bringing in and harboring certain aliens") rather than its first sentence."""
    rest = cls.rest.strip()
    if not rest or cls.labels or unit is None or len(unit.lines) > 1:
        return False
    if cls.scheme == "numdot":
        # "26. A person who" is a first sentence cut by a list, and numbered headings in this style
        # mostly stand before the number ("Short title" / "1. This Act ..."); but "4. Human
        # trafficking" over "(1) A person …" is a heading after the number (UK, Irish drafting)
        return False
    rest = _AMENDMENT_MARK.sub("", rest).rstrip()  # "… ocho años. (*)": an editor's note mark
    return bool(rest) and len(rest) <= 160 and rest[-1] not in ".;:,"


def _numdot_heading(cls: _Class, unit: Unit, next_unit: Unit | None) -> bool:
    """ "4. Human trafficking" on its own line over "(1) A person commits …": a heading printed
    after the number (UK and Irish drafting), where "26. A person who" over "(a) …" is a chapeau."""
    rest = cls.rest.strip()
    return (bool(rest) and not cls.labels and len(unit.lines) == 1 and next_unit is not None
            and next_unit.first.startswith("(1)") and _is_heading_text(rest))



def _continued(unit: Unit | None) -> bool:
    """Whether the next paragraph goes on with a sentence (it opens in lower case: "Artículo 81.- El
    decreto establece … o consulta" / "popular."): the words before it were no heading."""
    return unit is not None and unit.first[:1].islower()


#: Consolidation marks after a provision's text, "(*)" or "(**)": a note that it was amended.
_AMENDMENT_MARK = re.compile(r"[ \t]*\(\*{1,3}\)$")


def _heading_text(unit: Unit) -> str:
    return " ".join(unit.text.split()).strip(_OPENING + " ")


def segment(document: Document) -> Law:
    """Split a document into its provision tree. Never fails on odd input: text that fits no
    pattern stays in the nearest provision."""
    text = document.text
    lines = split_lines(text)
    regions = quoted_regions(text, lines, document.page_starts)
    units = make_units(lines, starts={r[0] for r in regions})
    outer = [u for u in units if inside((u.start, u.end), regions) is None]
    scheme = choose_scheme(outer)
    if scheme == "none" and _headed(outer):
        scheme = "headed"
    regions = sorted(regions + amendments.unquoted_regions(units, scheme, regions))
    root = _Node(kind="document", label="", number="", start=0, end=len(text),
                 heading=document.meta.title, scheme=scheme)
    builder = _Builder(document, scheme, root, inserted=False)
    builder.run(units, regions)
    frozen = _freeze(document, root, parent_citation="", scheme=scheme, via="")
    warnings = list(builder.warnings)
    if scheme == "none":
        warnings.append("no section or article numbering recognised: the text is kept whole; "
                        "check that the file is the law and that its numbering survived conversion")
    elif scheme == "headed":
        warnings.append("no section or article numbering recognised: provisions are cut at their "
                        "headings and cited by them; check that the numbering survived conversion")
    if builder.rejected:
        first = builder.rejected[0]
        line = text[first:text.find("\n", first) if "\n" in text[first:] else len(text)][:40]
        warnings.append(f"{len(builder.rejected)} line(s) that look like section numbers are out of "
                        f"sequence and were kept as text (the first: “{line}”, "
                        f"page {document.page_at(first)})")
    return Law(document=document, root=frozen, scheme=scheme, warnings=tuple(warnings),
               repeals=repeals.find(text, frozen))


#: Series of list items (as opposed to subsections and numbered paragraphs, which hold text of
#: their own after a list).
_ITEM_SERIES = ("paren-lower", "paren-roman", "paren-upper", "paren-roman-upper", "degree",
                "close-lower", "close-num", "close-upper")
_BRACKETED = ("num-dot", "close-num", "close-lower", "close-upper")


def _cite(node: _Node, parent_citation: str) -> str:
    if node.kind == "section" and node.scheme == "headed":
        return f"“{node.heading}”"
    if node.kind in ("section", "article"):
        return lb.CITE_PREFIX.get(node.scheme, "s. ") + node.number
    if node.kind in ("document", "heading", "note", "toc"):
        return parent_citation
    if node.fmt:
        if node.fmt.startswith("paren") or node.fmt in _BRACKETED:
            return f"{parent_citation}({node.value})"
        suffix = f"{node.value}°" if node.fmt == "degree" else node.value
        return f"{parent_citation} {suffix}".strip()
    return f"{node.label}".strip() or parent_citation


def _freeze(document: Document, node: _Node, parent_citation: str, scheme: str, via: str) -> Provision:
    citation = _cite(node, parent_citation)
    children = tuple(_freeze(document, child, citation, scheme,
                             via if node.inserted or not child.inserted else citation)
                     for child in node.children)
    end = max([node.end, *(c.end for c in children)])
    return Provision(
        kind=node.kind,
        label=node.label,
        number=node.number,
        heading=node.heading,
        citation=citation,
        start=node.start,
        end=end,
        page=document.page_at(node.start),
        children=children,
        inserted=node.inserted,
        heading_start=node.heading_start,
        heading_end=node.heading_end,
        target=node.target,
        change=node.change,
        amended_by=via if node.inserted else "",
    )
