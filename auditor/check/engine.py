"""One engine for every checklist item: conditions over the annotated law of a subject.

Conditions (each takes concept *groups*: a list of lists, every inner list satisfied by any one of
its concepts):
  offence         some offence has `has` among its elements (in `roles`), none of `lacks`;
                  `kinds` limits offence kinds (base, prohibition, aggravated)
  every_offence   offences selected by `select` (conduct concepts, none of `select_lacks`) exist,
                  and every one has `has`
  penalty_factor  an offence selected by `select` has `has` only as a penalty factor
  provision       one section holds all of `has` (words that must stand together), none of `lacks`;
                  `except_offences` ignores the text of the crime itself, `duties_only` sections
                  that state objects or principles, `refers_to` asks that it point at an offence
  exemption       an exemption, defence or non-liability clause of `kinds`, for `beneficiaries`,
                  holding `has`, and (with `targets`) exempting from an offence that has `targets`;
                  `named_targets` whether it names the provisions it applies to
  definition      a definition whose term holds `term` and whose text holds `has`, none of `lacks`
  aggravation     an offence selected by `select` is punished more heavily when `has` holds (a
                  penalty factor, an aggravated form, or a heavier separate offence)
  provision ... `families` asks that every offence family of the subject be reached.
An item with parts is judged part by part (`_from_parts`): satisfied only when every part is found.
docs/rules.md explains each parameter with the drafting it answers.
A subject is one or more documents; a condition holds if it holds in any of them, so a smuggling
offence in an immigration act and a trafficking offence in a criminal code count together.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from auditor.analyse.definitions import DEFINITIONS_HEADING
from auditor.analyse.model import AnnotatedLaw, ConceptMatch, Element, Offence
from auditor.check.checklist import Case, Item, Part, jurisdiction_facts
from auditor.ingest.document import Reading
from auditor.structure.labels import normalise_number
from auditor.structure.provision import SECTION_KINDS, Provision

AIMS_HEADING = re.compile(r"(?i)^\W*(?:objects?|objectives?|purposes?|objet|objectifs?|objeto|objetivos?|"
                          r"principles?|principes?|principios?(?: rectores| generales)?|"
                          r"(?:guiding|general) principles)\b")
#: The name of a law in English drafting ("the Prevention of Trafficking in Persons Act, 2018",
#: "Human Trafficking Ordinance, 2002"): words in a name state no duty. (French and Spanish names,
#: "Loi n° … relative à …", have no such capitalised shape and are not recognised yet.)
INSTRUMENT_NAME = re.compile(
    r"\b(?:[A-Z][\w'’-]*[ \t\n]+(?:(?:of|and|in|the|for|on|to|against)[ \t\n]+)*)+"
    r"(?:Act|Ordinance|Bill|Decree|Proclamation)\b(?:,?[ \t\n]+\d{4})?"
)
ELEMENT_ROLES = ("conduct", "object", "mental", "purpose", "means", "circumstance")
QUOTE_LIMIT = 400
REFERENCE_REACH = 120  # characters from a concept to the reference it governs


#: Readings of OCR'd words (auditor.ingest.ocr_words) at or above this similarity may support a
#: `satisfied` verdict; below it, decisive words read that way make the verdict `needs_review`.
#: Measured by bench/bench_ocr_words.py (docs/ocr.md): of the readings that give a word of the
#: concept lexicons, 40 of 41 at 85 or more were right at 80 dpi (the miss, "oforce" read "force"
#: for "of force", still names the right word); below 85 there are too few to vouch for.
OCR_TRUSTED_SIMILARITY = 85.0
#: Evidence roles whose words decide an item (a whole offence or provision is quoted for context).
DECISIVE_ROLES = ("element", "definition", "penalty_factor", "exemption")


@dataclass(frozen=True)
class Evidence:
    document: int
    provision: str
    page: int
    start: int
    end: int
    quote: str
    role: str
    readings: tuple[Reading, ...] = ()  # OCR'd words inside the quote that were read again
    cited_as: str = ""  # text an amending act inserts: "s. 29A(1) Immigration Act, inserted by s. 3"


@dataclass(frozen=True)
class PartResult:
    """How one part of an item fared: `found`, `narrowed` (present but limited), `absent` or
    `unknown` (the tool saw something it cannot classify), with the evidence that decides."""

    part: Part
    status: str
    note: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Finding:
    item: Item
    status: str
    message: str
    evidence: tuple[Evidence, ...]
    severity: str
    parts: tuple[PartResult, ...] = ()


Groups = Sequence[Sequence[str]]


def _groups(value: object) -> list[list[str]]:
    if not value:
        return []
    if isinstance(value, str):
        return [[value]]
    out: list[list[str]] = []
    for group in value:  # type: ignore[union-attr]
        out.append([group] if isinstance(group, str) else list(group))
    return out


def _satisfies(present: set[str], groups: Groups) -> bool:
    return all(any(c in present for c in group) for group in groups)


class Subject:
    """The annotated documents of one audit subject."""

    def __init__(self, laws: Sequence[AnnotatedLaw], jurisdiction: str = "") -> None:
        self.laws = list(laws)
        #: ISO code of the State ("FR"; "CA-FR" is Canada's French text): general-law facts the
        #: documents rarely restate (checklists/facts/jurisdictions.yaml)
        self.jurisdiction = jurisdiction.split("-")[0].upper()
        # concepts by start offset, for cheap "what is said between these offsets" questions
        self._starts = [[c.start for c in law.concepts] for law in self.laws]
        self._names: dict[int, list[tuple[int, int]]] = {}
        self._inserted: dict[int, list[Provision]] = {}
        # per-document caches for the `provision` condition, asked dozens of times per audit
        self._span_cache: dict[tuple[int, bool, bool], list[Provision]] = {}
        self._concept_cache: dict[tuple[int, int, int], frozenset[str]] = {}
        self._span_index: dict[tuple[int, bool, bool], dict[str, list[int]]] = {}
        self._excluded_cache: dict[tuple[int, tuple[str, ...], bool], tuple[list[int], list[int]]] = {}
        self._superseded = self._superseded_insertions()

    def names(self, doc: int) -> list[tuple[int, int]]:
        """Spans of the names of laws cited in a document."""
        if doc not in self._names:
            text = self.laws[doc].law.document.text
            self._names[doc] = [m.span() for m in INSTRUMENT_NAME.finditer(text)]
        return self._names[doc]

    def concepts_between(self, doc: int, start: int, end: int) -> list[ConceptMatch]:
        law = self.laws[doc]
        i = bisect_left(self._starts[doc], start)
        j = bisect_left(self._starts[doc], end)
        return [c for c in law.concepts[i:j] if c.end <= end]

    # -- evidence helpers -------------------------------------------------------------------

    def evidence(self, doc: int, start: int, end: int, citation: str, role: str,
                 bounded: bool = False) -> Evidence:
        law = self.laws[doc]
        text = law.law.document.text
        if bounded and end - start > QUOTE_LIMIT:
            cut = text.rfind(" ", start, start + QUOTE_LIMIT)
            end = cut if cut > start else start + QUOTE_LIMIT
        while end > start and text[end - 1].isspace():
            end -= 1
        document = law.law.document
        cited = self.cited_as(doc, start, citation)
        return Evidence(doc, citation, document.page_at(start), start, end, text[start:end], role,
                        document.readings_in(start, end), cited if cited != citation else "")

    def _offence_evidence(self, doc: int, offence: Offence, elements: Iterable[Element]) -> list[Evidence]:
        out = [self.evidence(doc, offence.start, offence.end, offence.citation, "offence", bounded=True)]
        for e in elements:
            role = "definition" if e.via else ("penalty_factor" if e.role == "penalty_factor" else "element")
            out.append(self.evidence(doc, e.start, e.end, e.citation, role))
        return out

    # -- conditions -------------------------------------------------------------------------

    def offences(self) -> Iterable[tuple[int, Offence]]:
        for doc, law in enumerate(self.laws):
            spans = self._superseded.get(doc, ())
            for offence in law.offences:
                if not any(a <= offence.start < b for a, b in spans):
                    yield doc, offence

    def _superseded_insertions(self) -> dict[int, list[tuple[int, int]]]:
        """Text one amending act inserted that another act of the subject later replaced.

        Two documents that both write article 188A into the Penal Code: the one that *substitutes*
        it ("El artículo 188A … quedará así") came after the one that *inserted* it ("Adiciónase el
        artículo 188A"), since only text that exists can be replaced; the offence judged is the
        later one. Two substitutions of the same provision cannot be ordered from the texts alone,
        so both stay. Sections another document repeals are taken away too (`_repealed`)."""
        versions: dict[tuple[str, str], list[tuple[int, Provision]]] = {}
        for doc, law in enumerate(self.laws):
            for section in law.law.sections():
                if section.inserted and section.target:
                    versions.setdefault((section.target.lower(), section.citation), []).append((doc, section))
        out: dict[int, list[tuple[int, int]]] = {}
        for held in versions.values():
            if len({doc for doc, _ in held}) < 2 or not any(s.change == "substituted" for _, s in held):
                continue
            for doc, section in held:
                if section.change != "substituted":
                    out.setdefault(doc, []).append((section.start, section.end))
        for doc, section in self._repealed():
            out.setdefault(doc, []).append((section.start, section.end))
        return out

    def _repealed(self) -> list[tuple[int, Provision]]:
        """Sections another document of the subject (or the law itself) repeals as a whole: "Section
        5 of the Immigration Act is repealed", "Derógase el artículo 93 de la ley Nº 18.250". A
        repeal names its law; a section is taken away only where that name is the document's own
        title (or the law the section was inserted into), so a repeal of another law's section 5
        never touches this one's."""
        repeals = [(doc, r) for doc, law in enumerate(self.laws) for r in law.law.repeals]
        if not repeals:
            return []
        out = []
        for doc, law in enumerate(self.laws):
            title = _law_name(law.law.document.meta.title)
            for section in law.law.sections():
                own = _law_name(section.target) if section.inserted and section.target else title
                number = normalise_number(section.number)
                for by_doc, repeal in repeals:
                    name = _law_name(repeal.target) if repeal.target else (title if by_doc == doc else "")
                    if number != repeal.number or not _same_law(name, own):
                        continue
                    if by_doc == doc and section.start <= _position(law, repeal.by) < section.end:
                        continue  # the repealing words themselves
                    out.append((doc, section))
                    break
        return out

    @staticmethod
    def _present(offence: Offence, roles: Sequence[str]) -> set[str]:
        return {e.concept for e in offence.elements if e.role in roles}

    @staticmethod
    def _decisive(offence: Offence, groups: Groups, roles: Sequence[str]) -> list[Element]:
        wanted = {c for group in groups for c in group}
        chosen: dict[str, Element] = {}
        for e in offence.elements:
            if e.role in roles and e.concept in wanted and e.concept not in chosen:
                chosen[e.concept] = e
        return list(chosen.values())

    def _matching_offences(self, groups: Groups, roles: Sequence[str], lacks: Sequence[str] = (),
                           kinds: Sequence[str] = (), p: dict | None = None) -> list[tuple[int, Offence]]:
        p = p or {}
        out = []
        for doc, offence in self.offences():
            if kinds and offence.kind not in kinds:
                continue
            own_only = bool(p.get("own"))
            present = {e.concept for e in offence.elements
                       if e.role in roles and not (own_only and e.via)}
            if not _satisfies(present, groups):
                continue
            # what an offence lacks is judged on all its elements, whatever roles `has` looks in
            everything = {e.concept for e in offence.elements
                          if e.role in (*ELEMENT_ROLES, "label") and not (own_only and e.via)}
            if any(c in everything for c in lacks):
                continue
            if not _penalty_fits(offence, p.get("penalty_at_least"), p.get("penalty_below")):
                continue
            out.append((doc, offence))
        # the offence that shows most of what is sought comes first: it is the one to quote
        wanted = {c for group in groups for c in group}
        out.sort(key=lambda item: -len(wanted & {e.concept for e in item[1].elements if e.role in roles}))
        return out

    def all(self, p: dict) -> list[Evidence]:
        evidence: list[Evidence] = []
        for condition in p["all"]:
            ((name, params),) = condition.items()
            found = getattr(self, name)(params or {})
            if not found:
                return []
            evidence += found
        return evidence

    def cited_as(self, doc: int, position: int, citation: str) -> str:
        """A citation as a reader needs it: text that an amending act inserts into another law is
        cited in that law and by the amending provision ("s. 29A(1) Immigration Act, inserted by
        s. 3"); anything else as it is."""
        if doc not in self._inserted:
            self._inserted[doc] = [s for s in self.laws[doc].law.sections() if s.inserted and s.target]
        holder = next((s for s in self._inserted[doc] if s.start <= position < s.end), None)
        if holder is None:
            return citation
        how = f", {holder.change or 'inserted'} by {holder.amended_by}" if holder.amended_by else ""
        return f"{citation} {holder.target}{how}"

    def majority_is_18(self) -> bool:
        """Whether the subject's State sets majority at eighteen (an undefined "minor" is then a
        person under eighteen); unknown States are never assumed."""
        entry = jurisdiction_facts().get("majority_age", {}).get(self.jurisdiction)
        return bool(entry) and int(entry["age"]) == 18

    def offence(self, p: dict) -> list[Evidence]:
        if p.get("majority_18") and not self.majority_is_18():
            return []
        groups, roles = _groups(p.get("has")), p.get("roles") or ELEMENT_ROLES
        found = self._matching_offences(groups, roles, p.get("lacks") or (), p.get("kinds") or (), p)
        evidence: list[Evidence] = []
        for doc, offence in found[:3]:
            evidence += self._offence_evidence(doc, offence, self._decisive(offence, groups, roles))
        return evidence

    def every_offence(self, p: dict) -> list[Evidence]:
        select = _groups(p.get("select"))
        selected = self._matching_offences(select, p.get("select_roles") or ("conduct",),
                                           p.get("select_lacks") or (), kinds=p.get("kinds") or ())
        groups, roles = _groups(p.get("has")), p.get("roles") or ELEMENT_ROLES
        if not selected and p.get("or_none"):
            # "every offence of enabling stay has the benefit" holds of a law with none: the
            # witness condition (the smuggling offence that has it) is the evidence
            ((name, params),) = p["or_none"].items()
            return getattr(self, name)(params or {})
        if not selected or not all(_satisfies(self._present(o, roles), groups) for _, o in selected):
            return []
        evidence: list[Evidence] = []
        for doc, offence in selected[:3]:
            evidence += self._offence_evidence(doc, offence, self._decisive(offence, groups, roles))
        return evidence

    def penalty_factor(self, p: dict) -> list[Evidence]:
        if p.get("majority_18") and not self.majority_is_18():
            return []
        chosen = self._matching_offences(_groups(p.get("select")), p.get("select_roles") or ("conduct",))
        return self._factor_evidence(chosen, _groups(p.get("has")))[:6]

    def _factor_evidence(self, chosen: Sequence[tuple[int, Offence]], groups: Groups) -> list[Evidence]:
        """The offences among `chosen` that hold `groups` only in their penalty clauses, quoted."""
        evidence: list[Evidence] = []
        for doc, offence in chosen:
            if _satisfies(self._present(offence, ELEMENT_ROLES), groups):
                continue
            factors = self._decisive(offence, groups, ("penalty_factor",))
            if factors and _satisfies({e.concept for e in factors}, groups):
                evidence += self._offence_evidence(doc, offence, factors[:2])
        return evidence

    def aggravation(self, p: dict) -> list[Evidence]:
        """An offence chosen by `select` is punished more heavily when `has` holds. Laws draft this
        three ways, and each counts: `has` is a penalty factor of the offence ("where the victim is
        a child, … life imprisonment"); an aggravated form of it holds `has` among its elements;
        or a separate offence with `select` and `has` carries a longer maximum term than the
        offence with `select` alone (the child offence punished by life against the adult offence's
        25 years)."""
        select, groups = _groups(p.get("select")), _groups(p.get("has"))
        select_roles = p.get("select_roles") or ("conduct", "purpose", "label")
        lacks = p.get("select_lacks") or ()
        wanted = {c for group in groups for c in group}
        chosen = self._matching_offences(select, select_roles, lacks)
        evidence = self._factor_evidence(chosen, groups)
        for doc, offence in chosen:
            if not _satisfies(self._present(offence, ELEMENT_ROLES), groups):
                continue
            plain = [o for _, o in chosen if o is not offence
                     and not (wanted & self._present(o, ELEMENT_ROLES))]
            mine = _highest(offence)
            heavier = mine is not None and any((_highest(o) or mine) < mine for o in plain)
            if offence.kind == "aggravated" or heavier:
                evidence += self._offence_evidence(doc, offence,
                                                   self._decisive(offence, groups, ELEMENT_ROLES))
        return evidence[:6]

    def provision(self, p: dict) -> list[Evidence]:
        families = p.get("families")
        if not families:
            return next(self._provisions(p), (0, []))[1]
        # Every offence family the subject has (smuggling, trafficking) must be reached: by a provision
        # in the law that holds such an offence. A family the subject lacks is scored elsewhere.
        matches = list(self._provisions(p))
        evidence: list[Evidence] = []
        for family in families:
            holders = {d for d, _ in self._matching_offences(_groups(family.get("has")),
                                                            family.get("roles") or ("conduct", "label"),
                                                            family.get("lacks") or ())}
            if not holders:
                continue
            hit = next((ev for d, ev in matches if d in holders), None)
            if hit is None:
                return []
            evidence += [e for e in hit if e not in evidence]
        return evidence or (matches[0][1] if matches else [])

    def _provisions(self, p: dict) -> Iterable[tuple[int, list[Evidence]]]:
        """Every section (or lowest provision, with `within: leaf`) that holds `has` and none of `lacks`."""
        groups, lacks = _groups(p.get("has")), p.get("lacks") or ()
        for doc in range(len(self.laws)):
            span_key = (doc, p.get("within") == "leaf", bool(p.get("duties_only")))
            spans = self._spans(*span_key)
            starts, ends = self._excluded(doc, tuple(p.get("except_offences") or ()),
                                          bool(p.get("outside_offences")))
            spec = p.get("refers_to")
            if spec and not isinstance(spec, dict):
                spec = {"has": spec}
            wanted = {c for group in groups for c in group}
            # words that are absent from the whole span cannot be there once some are excluded: only
            # the spans that hold a word of every group are looked at (found from an index, not a scan)
            for section in self._spans_with(span_key, spans, groups):
                inside = self.concepts_between(doc, section.start, section.end)
                if starts:
                    inside = [c for c in inside if not _within(starts, ends, c.start)]
                present = {c.concept for c in inside}
                if spec and not self._refers_to(doc, section, spec,
                                                [c.end for c in inside if c.concept in wanted]):
                    continue
                if _satisfies(present, groups) and not any(c in present for c in lacks):
                    evidence = [self.evidence(doc, section.start, section.end, section.citation,
                                              "provision", bounded=True)]
                    # the words that decide come first: the last group is the most specific ("housing"
                    # before "victim"), and a report shows the first words it is given
                    for group in reversed(groups):
                        hit = next(c for c in inside if c.concept in group)
                        evidence.append(self.evidence(doc, hit.start, hit.end, hit.citation, "element"))
                    yield doc, evidence

    def _spans(self, doc: int, leaf: bool, duties_only: bool) -> list[Provision]:
        """The provisions a `provision` condition looks in (computed once per document)."""
        key = (doc, leaf, duties_only)
        if key not in self._span_cache:
            law = self.laws[doc].law
            if leaf:
                # words that must stand in one and the same provision, not merely one section
                spans = [n for n in law.provisions() if not n.children and n.kind not in
                         ("toc", "note", "heading")] or [law.root]
            else:
                # innermost sections: an amending section that holds inserted sections is not one
                spans = [s for s in law.sections() if not any(c is not s and c.kind in SECTION_KINDS
                                                              for c in s.walk())] or [law.root]
            # a definitions section states what words mean, not what the State must do
            spans = [s for s in spans if not (s.heading and DEFINITIONS_HEADING.search(s.heading))]
            if duties_only:
                # a section that states the law's objects or guiding principles names aims, not duties
                spans = [s for s in spans if not (s.heading and AIMS_HEADING.search(s.heading))]
            self._span_cache[key] = spans
        return self._span_cache[key]

    def _spans_with(self, key: tuple[int, bool, bool], spans: list[Provision],
                    groups: Groups) -> list[Provision]:
        """The spans `_spans(*key)`, in order, whose concepts satisfy `groups` (as `_satisfies` of
        `_concepts_in` would say of each)."""
        doc = key[0]
        index = self._span_index.get(key)
        if index is None:
            index = {}
            for i, span in enumerate(spans):
                for concept in self._concepts_in(doc, span):
                    index.setdefault(concept, []).append(i)
            self._span_index[key] = index
        chosen: set[int] | None = None
        for group in groups:
            holding = {i for concept in group for i in index.get(concept, ())}
            chosen = holding if chosen is None else chosen & holding
        return spans if chosen is None else [spans[i] for i in sorted(chosen)]

    def _concepts_in(self, doc: int, node: Provision) -> frozenset[str]:
        key = (doc, node.start, node.end)
        if key not in self._concept_cache:
            self._concept_cache[key] = frozenset(c.concept for c in
                                                 self.concepts_between(doc, node.start, node.end))
        return self._concept_cache[key]

    def _excluded(self, doc: int, except_offences: tuple[str, ...],
                  outside_offences: bool) -> tuple[list[int], list[int]]:
        """Text a `provision` condition ignores, as sorted disjoint intervals (starts, ends)."""
        key = (doc, except_offences, outside_offences)
        if key not in self._excluded_cache:
            # "This Act may be called the Prevention of Trafficking in Persons Act": a name, no duty
            spans: list[tuple[int, int]] = list(self.names(doc))
            if except_offences:
                # a duty to protect victims is not found in the text that defines or punishes the crime
                # ("hébergement" in "conditions d'hébergement contraires à sa dignité" is no shelter)
                spans += self._offence_spans(doc, except_offences)
            if outside_offences:
                # nor in any other offence ("parent or guardian" in a kidnapping offence is no guardian
                # appointed for a child victim; a removal ordered as a penalty is no return scheme)
                spans += self._offence_spans(doc, None)
            merged: list[list[int]] = []
            for a, b in sorted(spans):
                if merged and a <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], b)
                else:
                    merged.append([a, b])
            self._excluded_cache[key] = ([a for a, _ in merged], [b for _, b in merged])
        return self._excluded_cache[key]

    def _refers_to(self, doc: int, section: Provision, spec: dict, anchors: Sequence[int]) -> bool:
        """Whether a provision points at an offence chosen by `spec` ("La tentative des délits prévus
        à la présente section", "attempts to violate section 1581, 1583 …"), directly or through the
        Part or section that holds it, in the words right after one of its own concepts (`anchors`):
        "attempts to obstruct …" in one subsection and "this chapter" in another are not linked."""
        law = self.laws[doc]
        # an offence does not extend itself: the provision must stand outside the offences it names
        chosen = self._matching_offences(_groups(spec.get("has")), spec.get("roles") or ("conduct", "label"),
                                         spec.get("lacks") or ())
        offences = [o for d, o in chosen if d == doc and not (section.start <= o.start < section.end)]
        for ref in law.references:
            if not (section.start <= ref.start < section.end) or not ref.resolved:
                continue
            if not any(0 <= ref.start - a <= REFERENCE_REACH for a in anchors):
                continue
            for target in ref.targets:
                node = law.law.find(target) if target else None  # "this Act" names no offence
                if node is not None and any(node.start <= o.start < node.end for o in offences):
                    return True
        return False

    def _offence_spans(self, doc: int, conduct: Sequence[str] | None) -> list[tuple[int, int]]:
        """Text spans of the offences whose own conduct is one of `conduct` (every offence when
        `conduct` is None), and of their penalty provisions."""
        law = self.laws[doc]
        out: list[tuple[int, int]] = []
        for offence in law.offences:
            if conduct is None or any(e.concept in conduct and e.role == "conduct" and not e.via
                                      for e in offence.elements):
                out.append((offence.start, offence.end))
                for citation in offence.penalty_provisions:
                    node = law.law.find(citation)
                    if node is not None:
                        out.append((node.start, node.end))
        return out

    def exemption(self, p: dict) -> list[Evidence]:
        kinds, beneficiaries = p.get("kinds") or (), p.get("beneficiaries") or ()
        groups, targets = _groups(p.get("has")), _groups(p.get("targets"))
        for doc, law in enumerate(self.laws):
            target_offences = {o.citation for o in law.offences
                               if targets and _satisfies(self._present(o, ELEMENT_ROLES), targets)}
            for x in law.exemptions:
                if kinds and x.kind not in kinds:
                    continue
                if beneficiaries and not any(b in x.beneficiaries for b in beneficiaries):
                    continue
                present = {c.concept for c in self.concepts_between(doc, x.start, x.end)}
                if not _satisfies(present, groups):
                    continue
                if targets and not _covers(law, x.targets, target_offences):
                    continue
                if "named_targets" in p and bool(p["named_targets"]) != _names_offences(x.targets):
                    continue
                # "not criminally liable for an offence under this Act": the act's own offences only
                if "whole_act" in p and bool(p["whole_act"]) != (bool(x.targets) and not any(x.targets)):
                    continue
                return [self.evidence(doc, x.start, x.end, x.citation, "exemption", bounded=True)]
        return []

    def definition(self, p: dict) -> list[Evidence]:
        term, groups, lacks = _groups(p.get("term")), _groups(p.get("has")), p.get("lacks") or ()
        for doc, law in enumerate(self.laws):
            for d in law.definitions:
                in_term = {c.concept for c in self.concepts_between(doc, d.term_start, d.term_end)}
                if not _satisfies(in_term, term):
                    continue
                present = {c.concept for c in self.concepts_between(doc, d.start, d.end)}
                if _satisfies(present, groups) and not any(c in present for c in lacks):
                    return [self.evidence(doc, d.start, d.end, d.citation, "definition", bounded=True)]
        return []


def _within(starts: list[int], ends: list[int], position: int) -> bool:
    """Whether a position falls inside one of the sorted disjoint intervals."""
    i = bisect_right(starts, position) - 1
    return i >= 0 and position < ends[i]


def _highest(offence: Offence) -> float | None:
    """The offence's highest maximum term of imprisonment in years (life counts as unlimited)."""
    terms = [float("inf") if p.kind == "life" else p.years for p in offence.penalties
             if p.kind in ("life", "imprisonment") and not p.minimum and p.years != 0]
    terms = [t for t in terms if t is not None]
    return max(terms) if terms else None


def _penalty_fits(offence: Offence, at_least: object, below: object) -> bool:
    """Compare the offence's highest term of imprisonment with the bounds a rule sets."""
    if at_least is None and below is None:
        return True
    highest = _highest(offence)
    if highest is None:
        return False
    if at_least is not None and highest < float(at_least):  # type: ignore[arg-type]
        return False
    return not (below is not None and highest >= float(below))  # type: ignore[arg-type]


def _law_name(title: str) -> str:
    """A law's name as repeals and titles can be compared: "the Immigration Act 1971 (c. 77)" and
    "Immigration Act" are both "immigration act"."""
    name = re.sub(r"\([^)]*\)|\b(?:the|la|le|el|de|del|of)\b|\d{4}|[^\w ]", " ", title.lower())
    return " ".join(name.split())


def _same_law(a: str, b: str) -> bool:
    """Whether two law names (as `_law_name` gives them) name one law: one holds the other, and the
    shorter is more than one word ("act" alone names no law)."""
    short, long_ = sorted((a, b), key=len)
    return len(short.split()) > 1 and f" {short} " in f" {long_} "


def _position(law: AnnotatedLaw, citation: str) -> int:
    node = law.law.find(citation) if citation else None
    return node.start if node is not None else -1


def _names_offences(targets: Sequence[str]) -> bool:
    """Whether an exemption names the provisions it applies to ("Subsection (a) does not apply"),
    rather than speaking of offences in general or of the whole act."""
    return any(t for t in targets)


def _covers(law: AnnotatedLaw, targets: Sequence[str], offences: set[str]) -> bool:
    """Whether an exemption's targets reach one of the offences (a target may be a section that
    holds the offence, or the whole act)."""
    for target in targets:
        if target == "" or target in offences:
            return True
        if any(o.startswith(target + "(") or o.startswith(target + " ") or target.startswith(o + "(")
               for o in offences):
            return True
    return False


DEFAULT_MESSAGES = {
    "satisfied": "{where} provides {looking_for}.",
    "deviation": "{where} speaks to this but does not provide {looking_for}.",
    "missing": "No provision of the law provides {looking_for}.",
    "needs_review": "{where} may bear on {looking_for}; the tool cannot decide: a reader must check.",
    "not_applicable": "Not applicable to this subject.",
}


def _where(subject: Subject, evidence: Sequence[Evidence]) -> str:
    seen: list[str] = []
    for e in evidence:
        if e.role in ("offence", "provision", "exemption", "definition"):
            title = subject.laws[e.document].law.document.meta.title
            title = title if len(title) <= 60 else title[:57].rsplit(" ", 1)[0] + "…"
            provision = subject.cited_as(e.document, e.start, e.provision)
            label = f"{provision} of {title} (p. {e.page})" if len(subject.laws) > 1 else \
                f"{provision} (p. {e.page})"
            if label not in seen:
                seen.append(label)
    return ", ".join(seen[:3]) or "the law"


#: How the verdict of an item with a single part reads as that part's status.
SINGLE_PART_STATUS = {"satisfied": "found", "deviation": "narrowed", "needs_review": "unknown",
                      "missing": "absent", "not_applicable": "absent"}


def evaluate(item: Item, subject: Subject) -> Finding:
    finding = _evaluate(item, subject)
    if item.single_part and not item.parts:
        # the spec gives this item one part: the rule's verdict is that part's status
        status = SINGLE_PART_STATUS[finding.status]
        part = PartResult(Part("1", item.single_part, ()), status, "",
                          finding.evidence if status != "absent" else ())
        finding = Finding(item, finding.status, finding.message, finding.evidence, finding.severity, (part,))
    return finding


def _evaluate(item: Item, subject: Subject) -> Finding:
    parts = tuple(_judge_part(part, subject) for part in item.parts)
    for case in item.cases:
        evidence = getattr(subject, case.condition)(case.params)
        if evidence:
            status, message = case.status, _message(case, item, subject, evidence)
            return _safeguard(item, subject, status, message, evidence, case.severity or item.severity,
                              parts)
    if parts:
        return _from_parts(item, subject, parts)
    template = item.otherwise_message or DEFAULT_MESSAGES[item.otherwise]
    return Finding(item, item.otherwise, template.format(where="the law", looking_for=item.looking_for,
                                                         factors=""), (), item.severity)


def _judge_part(part: Part, subject: Subject) -> PartResult:
    for case in part.cases:
        evidence = getattr(subject, case.condition)(case.params)
        if evidence:
            note = case.message.format(where=_where(subject, evidence), looking_for=part.text,
                                       factors="") if case.message else ""
            return PartResult(part, case.status, note, tuple(evidence))
    return PartResult(part, "absent", "", ())


def _part_label(result: PartResult) -> str:
    return f"{result.part.text}" + (f" ({result.note})" if result.note else "")


def _from_parts(item: Item, subject: Subject, parts: tuple[PartResult, ...]) -> Finding:
    """The verdict rule of checklist-spec.md: satisfied only when every part is found; deviation
    when some part is found or narrowed and another is absent or narrowed; needs_review when a
    part is unknown and none is absent; missing when nothing is found."""
    found = [r for r in parts if r.status == "found"]
    narrowed = [r for r in parts if r.status == "narrowed"]
    unknown = [r for r in parts if r.status == "unknown"]
    absent = [r for r in parts if r.status == "absent"]
    evidence: list[Evidence] = []
    seen: set[tuple[int, int, int, str]] = set()
    for r in parts:
        for e in r.evidence:
            key = (e.document, e.start, e.end, e.role)
            if key not in seen:
                seen.add(key)
                evidence.append(e)
    n = len(parts)
    if len(found) == n:
        status = "satisfied"
        message = (f"{_where(subject, evidence)} provides every part of {item.looking_for}: "
                   + "; ".join(r.part.text for r in found) + ".")
    elif not found and not narrowed and not unknown:
        # R6: no part is there, but the law may still speak to the matter in a way that departs
        # (smuggled migrants dealt with only by detention; victims reached only by general removal)
        for case in item.when_no_part:
            evidence = getattr(subject, case.condition)(case.params)
            if evidence:
                return _safeguard(item, subject, case.status, _message(case, item, subject, evidence),
                                  evidence, case.severity or item.severity, parts)
        template = item.otherwise_message or DEFAULT_MESSAGES[item.otherwise]
        return Finding(item, item.otherwise, template.format(where="the law", looking_for=item.looking_for,
                                                             factors=""), (), item.severity, parts)
    else:
        # a part absent or narrowed already rules out `satisfied`: an unknown one cannot change that
        status = "deviation" if absent or narrowed else "needs_review"
        if not found and not narrowed:
            status = "needs_review"
        bits = [f"{len(found)} of {n} parts found" + (f" ({_where(subject, evidence)})" if evidence else "")]
        if narrowed:
            bits.append("narrowed: " + "; ".join(_part_label(r) for r in narrowed))
        if absent:
            bits.append("absent: " + "; ".join(r.part.text for r in absent))
        if unknown:
            bits.append("a reader must check: " + "; ".join(_part_label(r) for r in unknown))
        message = ". ".join(b[0].upper() + b[1:] for b in bits) + "."
    return _safeguard(item, subject, status, message, evidence, item.severity, parts)


def _safeguard(item: Item, subject: Subject, status: str, message: str, evidence: Sequence[Evidence],
               severity: str, parts: tuple[PartResult, ...] = ()) -> Finding:
    """Never reassure on text whose numbering could not be read, or on words OCR may have misread."""
    unread = sorted({e.document for e in evidence if not subject.laws[e.document].law.sections()
                     or subject.laws[e.document].law.scheme == "headed"})
    if status == "satisfied" and unread:
        # no section numbering was found (at best, provisions cut at their headings): words
        # that satisfy an item may belong to different provisions. Never reassure on that.
        status = "needs_review"
        message += (" The document's numbering could not be read (no section numbers were "
                    "recognised), so these words may come from different provisions: check them.")
    weak = _weak_readings(evidence) if status == "satisfied" else []
    if weak:
        # the decisive words exist only as a guess at what OCR misread: a reader must look
        status = "needs_review"
        message += (" Decisive words were read from OCR errors with too little certainty: "
                    + "; ".join(f"“{r.ocr}” read as “{r.read_as}” (similarity {r.similarity:g})"
                                for r in weak[:3])
                    + ". Check them against the scan.")
    return Finding(item, status, message, tuple(evidence), severity, parts)


def _weak_readings(evidence: Sequence[Evidence]) -> list[Reading]:
    weak: dict[tuple[int, int, int], Reading] = {}
    for e in evidence:
        if e.role in DECISIVE_ROLES:
            for r in e.readings:
                if r.similarity < OCR_TRUSTED_SIMILARITY:
                    weak[(e.document, r.start, r.end)] = r
    return list(weak.values())


def _message(case: Case, item: Item, subject: Subject, evidence: Sequence[Evidence]) -> str:
    template = case.message or DEFAULT_MESSAGES[case.status]
    factors = list(dict.fromkeys(f"{e.provision} (“{' '.join(e.quote.split())}”)" for e in evidence
                                 if e.role == "penalty_factor"))
    text = template.format(where=_where(subject, evidence), looking_for=item.looking_for,
                           factors=", ".join(factors[:3]))
    if re.match(r"(?:s|ss|art|arts|§)\.?\s", text):
        return text  # a citation keeps its own case: "s. 29A(1) …", "art. L622-1 …"
    return text[0].upper() + text[1:]
