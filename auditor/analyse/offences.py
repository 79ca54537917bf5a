"""Offences: which provisions create one, what its elements are, and what only sets its penalty.

1. An offence marker ("commits an offence", "is guilty of", "shall be punished", "est puni de") or a
   prohibition ("No person shall …") is found; its provision is widened to the chapeau that names
   who commits it ("Any person who (i) … (v) …, shall be punished").
2. A marker provision that points at another offence ("A person who contravenes subsection (1) …
   is liable", "A person who violates subparagraph (A) shall …", "Les infractions prévues à
   l'article L. 622-1 sont punies …") is a penalty provision of that offence, not a new offence:
   whatever it adds (for profit, 10 persons or more, endangering life) is a penalty factor.
3. Inside an offence, concepts after the first penalty words ("and is liable …", "shall be fined
   …") are penalty text; concepts in a condition there ("if the offence was committed for profit")
   are penalty factors. Everything before is an element, with its role.
4. A defined term used in the offence brings the concepts of its definition in, as elements with
   the chain ("definition: exploitation (s. 2)") kept as evidence; so does an interpretive
   provision that names the offence ("For the purposes of sections 279.01 to 279.03, a person
   exploits another person if …").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from auditor.analyse.drafting import drafting
from auditor.analyse.locate import Locator
from auditor.analyse.model import ConceptMatch, Definition, Element, Offence, Penalty, Reference
from auditor.structure.provision import GROUP_KINDS, SECTION_KINDS, Law, Provision

ROLE = {
    "smuggling_conduct": "conduct", "smuggling_label": "conduct", "trafficking_acts": "conduct",
    "trafficking_label": "conduct", "stay_enabling": "conduct", "document_production": "conduct",
    "document_procuring": "conduct", "document_withholding": "conduct", "ancillary": "conduct",
    "concealment": "conduct", "smuggled_object": "circumstance",
    "document_limb_false": "object", "document_limb_improper": "object", "document_limb_holder": "object",
    "non_national": "object", "child": "object", "age_18": "object", "age_other": "object",
    "victim": "object", "document": "object", "document_fraud": "object",
    "document_any": "object",
    "mental_element": "mental",
    "financial_benefit": "purpose", "exploitation_purpose": "purpose", "exploitation": "purpose",
    "benefit_breadth": "purpose",
    "means_force": "means", "means_deception": "means", "abuse_of_vulnerability": "means",
    "means_payment": "means", "abuse_of_power": "means",
    "forced_labour": "purpose", "slavery": "purpose", "sexual_exploitation": "purpose",
    "organ_removal": "purpose",
    "illegal_entry": "circumstance", "transnational_condition": "circumstance",
    "endangerment": "circumstance", "inhuman_treatment": "circumstance", "consent": "circumstance",
    "consent_irrelevant": "circumstance", "humanitarian": "circumstance",
    "legal_person": "circumstance", "route_limit": "circumstance", "person_threshold": "circumstance",
    "offender_capacity": "circumstance",
    "attempt": "conduct", "accomplice": "conduct", "organising": "conduct", "facilitation": "conduct",
    "public_official": "circumstance", "law_enforcement_official": "circumstance",
    "criminal_organisation": "circumstance",
    "danger_to_life": "circumstance", "benefit_material": "purpose", "benefit_monetary": "purpose",
    "vulnerability_listed_causes": "means", "servitude": "purpose", "coercion_test": "purpose",
    "non_national_regional": "object", "doc_procure": "conduct", "doc_provide": "conduct",
    "doc_possess": "conduct", "women_children_only": "object", "transnational_element": "circumstance",
    "national_or_transnational": "circumstance",
    "act_recruit": "conduct", "act_transport": "conduct", "act_transfer": "conduct", "act_harbour": "conduct",
    "act_receive": "conduct",
}
#: The forms of exploitation a trafficking offence may aim at.
EXPLOITATION_FORMS = ("forced_labour", "slavery", "servitude", "sexual_exploitation", "organ_removal")
#: Benefit words are the offence's purpose only when a purpose or intent word governs them.
BENEFIT_CONCEPTS = ("financial_benefit", "benefit_breadth", "benefit_material", "benefit_monetary")
STRUCTURAL = {"offence_marker", "prohibition_marker", "offence_subject", "penalty_marker",
              "condition_marker", "purpose_marker", "exemption_marker", "definition_verb",
              "non_liability", "sentencing_marker", "penalty_increase"}
#: The drafting formulas of every language (checklists/languages/*.yaml), compiled once.
_DRAFTING = drafting()
_CONTRAVENE = _DRAFTING.contravene
_NAME = _DRAFTING.name
_NEGATED = _DRAFTING.negated
#: Words before a reference that make the provision an interpretation of the provision referred to.
_INTERPRETS = _DRAFTING.interprets
#: Words before a reference that make the referred provision part of the offence.
_INCORPORATES = _DRAFTING.incorporates
_RESERVES = _DRAFTING.reserves
#: "… fuera de los casos previstos en el artículo 78 y con los mismos fines": the purposes of the
#: provision named come with it, though its other elements do not.
_SAME_PURPOSES = _DRAFTING.same_purposes
#: A second offence written after the penalty of the first ("… será castigado con … Con la misma pena
#: será castigada toda persona que …", "The same penalty applies to any person who …").
_SAME_PENALTY = _DRAFTING.same_penalty
_OTHER_OFFENCE = _DRAFTING.other_offence
#: An interpretive provision that announces the subsections after it.
_FOLLOWING = _DRAFTING.following
#: Words that introduce offences named by their names: the predicate offences of laundering, a list of
#: crimes an offence refers to.
_OFFENCE_LIST = _DRAFTING.offence_list
#: Concepts that may be an offence's name ("tráfico de migrantes", "trafficking in persons").
_NAMES = ("smuggling_label", "trafficking_label", "smuggling_conduct", "trafficking_acts")
#: A full stop that ends a sentence: after a word or a figure, not after an initial ("DEL H. CONGRESO").
_SENTENCE_END = re.compile(r"(?<=[a-zà-ÿ\d)»”])\.\s+(?=[A-ZÀ-Þ¿(«“])")
#: Markers of a subsection that makes a rule of its own: an offence, a penalty, an exception.
_OWN_RULE_MARKERS = ("offence_marker", "prohibition_marker", "penalty_marker", "exemption_marker",
                     "non_liability")
#: A marker inside reported speech describes an offence made elsewhere; it does not make one.
_REPORTED = _DRAFTING.reported
_NOT_A_DUTY = _DRAFTING.not_a_duty
_AGGRAVATED = _DRAFTING.aggravated
_YEARS = _DRAFTING.years
_LIFE = _DRAFTING.life
_FINE = _DRAFTING.fine
_CUSTODY = _DRAFTING.custody
_NUMBERS = _DRAFTING.numbers


@dataclass
class _Draft:
    node: Provision
    kind: str


def _years(match: re.Match[str]) -> float:
    raw = match.group("n").lower()
    value = float(_NUMBERS.get(raw, 0) if not raw.isdigit() else int(raw))
    return value / 12 if _DRAFTING.months.match(match.group("unit")) else value


def find_penalties(text: str, start: int, end: int, citation: str) -> list[Penalty]:
    out: list[Penalty] = []
    window = text[start:end]
    for m in _YEARS.finditer(window):
        context = window[max(0, m.start() - 120) : m.end() + 60].lower()
        if not _CUSTODY.search(context):
            continue
        out.append(Penalty("imprisonment", start + m.start(), start + m.end(), m.group(), citation,
                           years=_years(m), minimum=bool(m.group("min"))))
    for m in _LIFE.finditer(window):
        out.append(Penalty("life", start + m.start(), start + m.end(), m.group(), citation))
    for m in _FINE.finditer(window):
        context = window[max(0, m.start() - 60) : m.end() + 20].lower()
        if _DRAFTING.fine_word.search(context):
            out.append(Penalty("fine", start + m.start("amount"), start + m.end("amount"),
                               m.group("amount"), citation, amount=m.group("amount").strip()))
    out.sort(key=lambda p: p.start)
    return out


class OffenceFinder:
    def __init__(self, law: Law, locator: Locator, concepts: list[ConceptMatch],
                 definitions: list[Definition], references: list[Reference]) -> None:
        self.law = law
        self.text = law.document.text
        self.locator = locator
        self.concepts = sorted(concepts, key=lambda c: c.start)
        self._starts = [c.start for c in self.concepts]
        self.definitions = definitions
        self.references = references
        self.by_concept: dict[str, list[ConceptMatch]] = {}
        for c in self.concepts:
            self.by_concept.setdefault(c.concept, []).append(c)
        # Each concept's matches are in text order: where they start, for bisection (`_in`).
        self._concept_starts = {name: [c.start for c in found] for name, found in self.by_concept.items()}
        self._interpreting: list[Reference] | None = None

    # -- helpers ----------------------------------------------------------------------------

    def _in(self, concept: str, start: int, end: int) -> list[ConceptMatch]:
        found = self.by_concept.get(concept)
        if not found:
            return []
        starts = self._concept_starts[concept]
        return [c for c in found[bisect_left(starts, start):bisect_right(starts, end)] if c.end <= end]

    def _between(self, start: int, end: int) -> list[ConceptMatch]:
        """The concepts that start within [start, end], in text order (a slice, not a scan)."""
        return self.concepts[bisect_left(self._starts, start):bisect_right(self._starts, end)]

    def _from(self, start: int) -> list[ConceptMatch]:
        """The concepts that start at `start` or later, in text order."""
        return self.concepts[bisect_left(self._starts, start):]

    def _own_text_end(self, node: Provision) -> int:
        return node.children[0].start if node.children else node.end

    def _has_subject(self, node: Provision) -> bool:
        """Whether the provision's first sentence names who commits the offence ("Any person
        who", "Quiconque", "La traite … est le fait de", "Est puni … le fait de")."""
        head_end = min(node.end, node.start + 250)
        skip = len(node.label) if self.text.startswith(node.label, node.start) else 0
        sentence = re.search(r"[.;](?:\s|$)", self.text[node.start + skip : head_end])
        if sentence:
            head_end = node.start + skip + sentence.start()
        return bool(self._in("offence_subject", node.start, head_end))

    def _chapeau(self, node: Provision) -> Provision:
        """Climb from the deepest provision of a marker to the one that names the offender."""
        current = node
        while current.kind not in SECTION_KINDS and not self._has_subject(current):
            parent = self.locator.parent(current)
            if parent is None or parent.kind in ("document", "heading", "chapter", "part", "title",
                                                 "book", "division", "group", "note"):
                break
            current = parent
        return current

    def _targets(self, node: Provision) -> list[Provision]:
        """Offences a penalty provision points at ("A person who contravenes subsection (1)").

        The pointing words must be the offender's own act, close after the words that name the
        offender: in "Every person who knowingly induces, aids or abets … any person to contravene
        section 117" the act is aiding, an offence of its own, not a penalty for section 117.
        """
        out: list[Provision] = []
        for m in self._offender_acts(node):
            for ref in self.references:
                if m.end() - 2 <= ref.start <= m.end() + 40 and ref.resolved:
                    out += [t for t in self._pointed(ref, node) if t not in out]
                    break
        return out

    def _named(self, node: Provision) -> list[Provision]:
        """Provisions a sentencing provision names in its opening words."""
        out: list[Provision] = []
        for ref in self.references:
            if node.start <= ref.start < min(node.end, node.start + 250) and ref.resolved:
                out += [t for t in self._pointed(ref, node) if t not in out]
        return out

    def _pointed(self, ref: Reference, node: Provision, outside: bool = False) -> list[Provision]:
        """The provisions a reference written in `node` points at (not `node` itself; with
        `outside`, none that lies within `node` either)."""
        out = []
        for citation in ref.targets:
            target = self.law.find(citation) if citation else None
            if target is None or target is node or (outside and node.start <= target.start < node.end):
                continue
            out.append(target)
        return out

    def _general_penalty(self, node: Provision) -> bool:
        """"A person who is guilty of an offence under this Act for which no other penalty is
        provided is liable …": a penalty for the whole act, not an offence of its own."""
        return any(_DRAFTING.this_law.match(self.text, m.end()) for m in self._offender_acts(node))

    def _offender_acts(self, node: Provision) -> list[re.Match[str]]:
        """Contravening words that are the offender's own act: close after the words naming the
        offender, with no act of aiding or inciting between."""
        head_end = min(node.end, node.start + 400)
        subjects = self._in("offence_subject", node.start, head_end)
        out = []
        for m in _CONTRAVENE.finditer(self.text, node.start, head_end):
            opener = min((s.end for s in subjects if s.end <= m.start()), default=node.start)
            if m.start() - opener > 70 or self._in("ancillary", opener, m.start()):
                continue
            if self._in("purpose_marker", opener, m.start() + 1):
                continue  # "No person shall, in order to contravene this Act, …": a purpose
            out.append(m)
        return out

    # -- the pass ---------------------------------------------------------------------------

    def _marker_nodes(self, concepts: tuple[str, ...]) -> dict[int, tuple[Provision, str]]:
        """Chapeau provisions holding a marker of the given concepts (first concept wins)."""
        found: dict[int, tuple[Provision, str]] = {}
        for concept in concepts:
            for marker in self.by_concept.get(concept, ()):
                if _NEGATED.search(self.text, max(0, marker.start - 40), marker.start) or \
                        _NOT_A_DUTY.match(self.text, marker.end, marker.end + 40):
                    continue  # "No person may be found guilty of an offence … unless": a defence
                if _REPORTED.search(self.text, max(0, marker.start - 400), marker.start):
                    continue  # "a discussion clarifying that an individual who … is guilty of an offense"
                deepest = self.locator.at(marker.start)
                if deepest is None or deepest.kind in ("note", "toc", "heading", "document"):
                    continue
                node = self._chapeau(deepest)
                found.setdefault(id(node), (node, concept))
        return found

    def find(self) -> list[Offence]:
        # 1. penalty provisions: penalty words, and the offender's act is to contravene another
        #    provision ("A person who contravenes subsection (1) … is liable", "A person who
        #    violates subparagraph (A) shall … be fined", "Quiconque contrevient au paragraphe (1)")
        penalty_of: dict[int, list[Provision]] = {}
        penalty_nodes: set[int] = set()
        candidates = self._marker_nodes(("offence_marker", "penalty_marker"))
        for node, _concept in sorted(candidates.values(), key=lambda item: item[0].start):
            targets = self._targets(node)
            if targets:
                penalty_nodes.add(id(node))
                for target in targets:
                    penalty_of.setdefault(id(target), []).append(node)
        # 1b. sentencing provisions: "The court, in determining the penalty to be imposed under
        #     section 120, shall take into account whether …" adds penalty factors to what it names
        for node, _concept in self._marker_nodes(("sentencing_marker",)).values():
            if id(node) in penalty_nodes or node.kind in GROUP_KINDS:
                continue
            for target in self._named(node):
                penalty_nodes.add(id(node))
                penalty_of.setdefault(id(target), []).append(node)
        # 2. offences: marker provisions that are not penalty provisions
        drafts = [
            _Draft(node, "base" if concept == "offence_marker" else "prohibition")
            for node, concept in self._marker_nodes(("offence_marker", "prohibition_marker")).values()
            if id(node) not in penalty_nodes and not self._general_penalty(node)
        ]
        drafts.sort(key=lambda d: (d.node.start, -d.node.end))
        kept: list[_Draft] = []
        for draft in drafts:  # an offence inside another offence's chapeau is the same offence
            if kept and draft.node in list(kept[-1].node.walk()):
                continue
            kept.append(draft)
        # 3. a penalty provision aimed at another penalty provision punishes the same offence
        #    (IRPA 117(3.1): "an offence under subsection (2) or (3)")
        for draft in kept:
            queue = list(self._penalties_for(draft.node, penalty_of))
            seen: list[Provision] = []
            while queue:
                penalty = queue.pop(0)
                if penalty in seen:
                    continue
                seen.append(penalty)
                queue.extend(penalty_of.get(id(penalty), []))
            penalty_of[id(draft.node)] = seen
        return [self._offence(d, penalty_of.get(id(d.node), [])) for d in kept]

    def _penalties_for(self, node: Provision, penalty_of: dict[int, list[Provision]]) -> list[Provision]:
        """Penalty provisions aimed at the offence, at a part of it, or at the section holding it
        ("A person who contravenes section 118" punishes the prohibition in 118(1))."""
        out = list(penalty_of.get(id(node), []))
        past_section = False
        for ancestor in self.locator.ancestors(node):
            # above the section, only a chapter or Part named as such ("Las penas establecidas en el
            # presente capítulo se agravarán …") reaches every offence in it
            if not past_section or ancestor.kind in GROUP_KINDS:
                for p in penalty_of.get(id(ancestor), []):
                    if p not in out and not (node.start <= p.start < node.end):
                        out.append(p)
            if ancestor.kind in SECTION_KINDS:
                past_section = True
        for descendant in node.walk():
            for p in penalty_of.get(id(descendant), []):
                if p not in out:
                    out.append(p)
        return out

    def _offence(self, draft: _Draft, penalty_nodes: list[Provision]) -> Offence:
        node = draft.node
        start, end = node.start, node.end
        if node.heading_end > start and node.heading_start <= start:
            start = node.heading_end  # a heading names the offence; it is not an element
        penalty_start = self._penalty_start(start, end)
        list_start = self._listed_cases(node, penalty_start)
        elements = self._elements(start, penalty_start, node.citation)
        if list_start < end:
            # "… shall be guilty of an offence punishable on summary conviction with … in any of
            # the following cases— (a) if …": the penalty sits in the chapeau, the list is the offence
            elements += self._elements(list_start, end, node.citation)
        elements += self._penalty_factors(penalty_start, min(end, list_start), "penalty_factor")
        for p in penalty_nodes:
            elements += self._penalty_factors(p.start, p.end, "penalty_factor")
        elements += self._inherited(start, penalty_start, node)
        elements += self._incorporated(start, penalty_start, node)
        elements += self._same_purposes(start, penalty_start, node)
        elements += self._second_clause(penalty_start, self._own_text_end(node), node.citation)
        elements += self._labels(node)
        penalties = find_penalties(self.text, penalty_start, end, node.citation)
        if not penalties:
            # "Est puni d'un an d'emprisonnement … l'étranger qui …": the penalty opens the provision
            penalties = find_penalties(self.text, start, min(end, start + 300), node.citation)
        for p in penalty_nodes:
            penalties += find_penalties(self.text, p.start, p.end, p.citation)
        own = self.text[start:self._own_text_end(node)]
        kind = "aggravated" if _AGGRAVATED.search(own) else draft.kind
        name_match = _NAME.search(self.text, start, self._own_text_end(node) if node.children else end)
        section = self.locator.section_of(node)
        name = name_match.group("name").strip() if name_match else (
            node.heading or (section.heading if section is not None else ""))
        base = tuple(t.citation for t in self._targets(node)) if kind == "aggravated" else ()
        if kind == "aggravated" and not base:
            base = self._previous_offence(node)
        return Offence(citation=node.citation, kind=kind, start=node.start, end=node.end, name=name,
                       elements=tuple(_dedupe(elements)), penalties=tuple(penalties),
                       penalty_provisions=tuple(p.citation for p in penalty_nodes), base=base)

    def _listed_cases(self, node: Provision, penalty_start: int) -> int:
        """Where a list of the offence's cases begins after a penalty written in the chapeau, or
        the provision's end. The list is of cases, not of penalties, when its first item names no
        penalty ("(a) on conviction on indictment, to imprisonment …" is a penalty list)."""
        own_end = self._own_text_end(node)
        if not node.children or penalty_start >= own_end:
            return node.end
        first = node.children[0]
        if find_penalties(self.text, first.start, first.end, first.citation) or \
                self._in("penalty_marker", first.start, first.end):
            return node.end
        return own_end

    def _previous_offence(self, node: Provision) -> tuple[str, ...]:
        """An aggravated form written as the next subsection of its base offence ("A person is
        guilty of the offence of smuggling of persons with aggravation where …")."""
        parent = self.locator.parent(node)
        if parent is None:
            return ()
        siblings = [c for c in parent.children if c.start < node.start]
        return (siblings[-1].citation,) if siblings else ()

    def _penalty_start(self, start: int, end: int) -> int:
        """Where the penalty part of an offence provision begins ("and is liable", "est puni")."""
        markers = [c for c in self._in("penalty_marker", start, end)
                   if c.text.lower() not in _DRAFTING.bare_nouns]
        # "is guilty of an offence and liable ..." keeps the elements before the first penalty word,
        # but a penalty word in the first words ("Est puni de cinq ans ... le fait de ...") opens the
        # provision: the elements then follow it, and the penalty part is only that clause.
        if markers and markers[0].start - start <= 40:
            # the opening clause runs to the words naming the offender ("… d'amende l'étranger qui")
            subject = next(iter(self._in("offence_subject", markers[0].end, end)), None)
            floor = subject.end if subject is not None else markers[0].end
            markers = [m for m in markers if m.start >= floor]
        for marker in markers:
            if marker.start - start > 40:
                return marker.start
        return end

    def _elements(self, start: int, end: int, citation: str) -> list[Element]:
        out: list[Element] = []
        raising = self._raising_sentences(start, end)
        named: list[tuple[int, int]] = []
        for c in self._from(start):
            if c.end > end:
                break
            role = ROLE.get(c.concept)
            if role is None or c.concept in STRUCTURAL or self._inside_form(c):
                continue
            if any(a <= c.start and c.end <= b for a, b in named):
                continue  # a word of an offence named as another's ("migrantes" in "tráfico de migrantes")
            if c.concept in _NAMES and self._names_other(c, start):
                # "bienes … originados en actividades de tráfico de migrantes, trata de personas,
                # extorsión …": offences named as the source of the proceeds, not this conduct
                named.append((c.start, c.end))
                continue
            if any(a <= c.start < b for a, b in raising):
                # "Si se hiciere uso de la fuerza, el engaño … la pena … se aumentará en una mitad":
                # what a sentence that raises the penalty names is a penalty factor, not an element
                kind = ROLE[c.concept]
                factor = kind not in ("conduct", "mental", "object") or c.concept in ("child", "age_18")
                if factor:
                    out.append(Element("penalty_factor", c.concept, c.start, c.end, c.text, c.citation))
                continue
            if role == "purpose" and c.concept != "exploitation_purpose" and not self._purposive(c, start):
                role = "circumstance" if c.concept in BENEFIT_CONCEPTS else role
            out.append(Element(role, c.concept, c.start, c.end, c.text, c.citation))
        return out

    def _names_other(self, c: ConceptMatch, floor: int) -> bool:
        """Whether an offence's name stands in a list of other offences it refers to ("activities of
        migrant smuggling, trafficking in persons, extortion …", "delitos de …")."""
        head = max(floor, c.start - 200)
        stop = max(self.text.rfind(". ", head, c.start), self.text.rfind(";", head, c.start))
        before = self.text[max(head, stop + 1):c.start]
        return bool(_OFFENCE_LIST.search(before))

    def _raising_sentences(self, start: int, end: int) -> list[tuple[int, int]]:
        """Sentences after the first that raise the penalty ("the penalty … shall be increased",
        "la pena … se aumentará"), as (start, end) spans."""
        out = []
        # the increase may come after the words where the penalty part was taken to begin ("la pena
        # prevista en el párrafo anterior se aumentará"): look a sentence beyond `end`
        for marker in self._in("penalty_increase", start, min(len(self.text), end + 600)):
            stops = [m.end() for m in _SENTENCE_END.finditer(self.text, start, marker.start)]
            if not stops or stops[-1] >= end:
                continue  # the first sentence states the offence itself
            tail = _SENTENCE_END.search(self.text, marker.end, marker.end + 600)
            out.append((stops[-1], marker.end if tail is None else tail.start() + 1))
        return out

    def _purposive(self, c: ConceptMatch, floor: int) -> bool:
        """A benefit or exploitation word counts as the offence's purpose when a purpose or
        intent word governs it ("with intent to obtain … a financial or other material benefit")."""
        window = max(floor, c.start - 120)
        return bool(self._in("purpose_marker", window, c.start)
                    or self._in("mental_element", window, c.start))

    def _penalty_factors(self, start: int, end: int, role: str) -> list[Element]:
        """Concepts in penalty text that change the penalty: purposes, means, circumstances and
        a child victim. The offence's own conduct, restated ("convicted … of the offence of
        smuggling of persons"), is not a factor."""
        out: list[Element] = []
        if end <= start:
            return out
        for c in self._from(start):
            if c.concept in STRUCTURAL or c.concept not in ROLE:
                continue
            if c.end > end:
                break
            kind = ROLE[c.concept]
            if kind in ("conduct", "mental") or (kind == "object" and c.concept not in ("child", "age_18")):
                continue
            out.append(Element(role, c.concept, c.start, c.end, c.text, c.citation))
        return out

    def _inherited(self, start: int, end: int, node: Provision) -> list[Element]:
        """Elements brought in by defined terms used in the offence and by interpretive
        provisions that name it."""
        out: list[Element] = []
        lowered = self.text[start:end].lower()
        for d in self.definitions:
            if d.start >= start and d.end <= end:
                continue  # defined inside the offence itself: its words are already elements
            term = d.term.lower()
            if len(term) < 3 or not self._scope_covers(d, node):
                continue
            stem = term[:-1] if term.endswith(("s", "e")) and len(term) > 5 else term
            if not re.search(rf"\b{re.escape(stem)}", lowered):
                continue
            out += self._brought_in(d.term_end, d.end, f"definition: {d.term} ({d.citation})",
                                    purpose=self._defines_purpose(d.start, d.term_end))
        for interp in self._interpretive(node):
            defines = self._defines_purpose(interp.start, self._own_text_end(interp), interp)
            out += self._brought_in(interp.start, self._interpretation_end(interp),
                                    f"interpretation: {interp.citation}", purpose=defines)
        for later in self._elaborations(node, start, end):
            out += self._brought_in(later.start, later.end, f"interpretation: {later.citation}")
        return out

    def _interpretation_end(self, holder: Provision) -> int:
        """Where an interpretive provision ends: its own end, or its section's when it announces
        the subsections that follow ("a person is exploited only if one or more of the following
        subsections apply")."""
        if _FOLLOWING.search(self.text, holder.start, self._own_text_end(holder)):
            parent = self.locator.parent(holder)
            if parent is not None and parent.kind not in GROUP_KINDS and parent.kind != "document":
                return parent.end
        return holder.end

    def _elaborations(self, node: Provision, start: int, end: int) -> list[Provision]:
        """Later subsections of the offence's section that say more of its conduct without making
        an offence, penalty or exception of their own ("(1) A person commits an offence if the person
        arranges or facilitates the travel of another person … (3) A person may in particular arrange
        or facilitate V's travel by recruiting V, transporting or transferring V …"). They are known
        by the offence's own conduct words, restated."""
        parent = self.locator.parent(node)
        if parent is None or parent.kind not in SECTION_KINDS:
            return []
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end)
        conduct = {c.concept for c in self.concepts[first:last]
                   if c.end <= end and ROLE.get(c.concept) == "conduct"}
        if not conduct:
            return []
        out = []
        for sibling in parent.children:
            if sibling.start <= node.start:
                continue
            own_end = sibling.end
            if any(self._in(marker, sibling.start, own_end) for marker in _OWN_RULE_MARKERS):
                continue
            opening = min(own_end, sibling.start + 200)
            if any(self._in(concept, sibling.start, opening) for concept in conduct):
                out.append(sibling)
        return out

    def _brought_in(self, start: int, end: int, chain: str, purpose: bool = False) -> list[Element]:
        """The concepts of another provision, as elements of the offence, with how they came.

        With `purpose`, the provision defines the exploitation the offence aims at ("a person is
        exploited only if … the person is subjected to force, threats or deception designed to
        induce him or her to provide services"): its acts, means and persons ("chosen … on the
        grounds that he or she is a child") are the exploiter's, part of what exploitation is, not
        acts or means the trafficker must use nor the victims the offence is limited to; they come
        in as `exploitation_detail`, which no act, means or victim rule reads."""
        out = []
        for c in self._between(start, end):
            if not (c.end <= end and c.concept in ROLE) or c.concept in STRUCTURAL:
                continue
            role = ROLE[c.concept]
            if self._inside_form(c):
                continue
            if purpose and role in ("conduct", "means", "object"):
                role = "exploitation_detail"
            out.append(Element(role, c.concept, c.start, c.end, c.text, c.citation, (chain,)))
        return out

    def _inside_form(self, c: ConceptMatch) -> bool:
        """A means word that is part of the name of a form of exploitation ("forced" in "forced or
        compulsory labour", "servitude" read as slavery) is that form, not a means of the offence."""
        if ROLE.get(c.concept) != "means":
            return False
        return any(f.start <= c.start and c.end <= f.end and (f.end - f.start) > (c.end - c.start)
                   for concept in EXPLOITATION_FORMS for f in self.by_concept.get(concept, ()))

    def _defines_purpose(self, start: int, end: int, node: Provision | None = None) -> bool:
        """Whether a definition or interpretive provision (its term, its first sentence, or the
        heading of its section: "279.04 Exploitation — (1) … a person exploits another person if …")
        is about exploitation, the purpose of a trafficking offence."""
        stop = self.text.find(".", start, end)
        stop = end if stop < 0 else stop
        spans = [(start, stop)]
        section = self.locator.section_of(node) if node is not None else None
        if section is not None and section.heading_end > section.heading_start:
            spans.append((section.heading_start, section.heading_end))
        return any(self._in("exploitation", a, b) or self._in("exploitation_purpose", a, b) for a, b in spans)

    def _labels(self, node: Provision) -> list[Element]:
        """What the law calls the offence in its heading ("Offence — trafficking in persons"):
        kept as a `label`, never as an element, so a rule can tell a name from a definition."""
        out: list[Element] = []
        section = self.locator.section_of(node)
        if section is not None and section is not node and (not section.children
                                                            or section.children[0] is not node):
            section = None  # a section's name covers its first subsection, not the later ones
        for holder in (node, section):
            if holder is None or holder.heading_end <= holder.heading_start:
                continue
            heading_length = holder.heading_end - holder.heading_start
            for c in self._between(holder.heading_start, holder.heading_end):
                if c.end <= holder.heading_end \
                        and c.concept in ("trafficking_label", "smuggling_label") \
                        and (c.end - c.start) * 2 >= heading_length - 12:
                    # the heading is the name ("Offence — trafficking in persons"), not a topic
                    # ("Knowingly receiving financial benefit from trafficking in persons")
                    out.append(Element("label", c.concept, c.start, c.end, c.text, c.citation))
        return out

    def _same_purposes(self, start: int, end: int, node: Provision) -> list[Element]:
        out: list[Element] = []
        for ref in self.references:
            if not (start <= ref.start < end and ref.resolved) or not _SAME_PURPOSES.match(
                    self.text, ref.end, min(len(self.text), ref.end + 80)):
                continue
            for target in self._pointed(ref, node, outside=True):
                out += [e for e in self._brought_in(target.start, target.end, f"reference: {target.citation}")
                        if e.role == "purpose"]
        return out

    def _second_clause(self, penalty_start: int, end: int, citation: str) -> list[Element]:
        """Elements of a second offence written after the first one's penalty, in the same provision
        and under the same penalty."""
        if penalty_start >= end:
            return []
        match = _SAME_PENALTY.search(self.text, penalty_start, end)
        if match is None or "\n\n" in self.text[penalty_start:match.start()]:
            return []  # only within the paragraph: later paragraphs extend the offence's reach
        stop = self.text.find(".", match.end(), end)
        stop = end if stop < 0 else stop
        if not self._in("offence_subject", match.end(), stop):
            return []
        return self._elements(match.end(), stop, citation)

    def _incorporated(self, start: int, end: int, node: Provision) -> list[Element]:
        """Provisions the offence incorporates by reference ("by any of the means specified in
        subsection (2)"): their concepts are elements, with the reference kept as the chain."""
        out: list[Element] = []
        for ref in self.references:
            if not (start <= ref.start < end and ref.resolved):
                continue
            before = self.text[max(0, ref.start - 60) : ref.start]
            if not _INCORPORATES.search(before) or _RESERVES.search(before) \
                    or _OTHER_OFFENCE.search(before):
                continue  # "Sous réserve des exemptions prévues à …" carves out; "toute infraction
                #           visée aux articles 117 …" names other offences: neither adds elements
            for target in self._pointed(ref, node, outside=True):
                out += self._brought_in(target.start, target.end, f"reference: {target.citation}")
        return out

    def _scope_covers(self, d: Definition, node: Provision) -> bool:
        """Whether the definition's scope (the provisions it cites) holds `node`: a cited provision
        is `node` itself or one of its ancestors. Asked for every offence and definition pair
        (18,000 in a long code), so it climbs the parent links (the tree's depth) instead of walking
        each cited subtree, and looks each scope's citations up once."""
        if d.scope.kind == "act" or not d.scope.citation:
            return True
        cache: dict[str, list[Provision]] = self.__dict__.setdefault("_scope_nodes", {})
        cited = cache.get(d.scope.citation)
        if cited is None:
            found = (self.law.find(c) for c in d.scope.citation.split(","))
            cited = cache[d.scope.citation] = [c for c in found if c is not None]
        if not cited:
            return False
        chain = {id(node), *(id(a) for a in self.locator.ancestors(node))}
        return any(id(c) in chain for c in cited)

    def _interpretive(self, node: Provision) -> list[Provision]:
        """Provisions that say "For the purposes of section X (to Y), …" about this offence."""
        out: list[Provision] = []
        section = self.locator.section_of(node)
        if self._interpreting is None:  # the same for every offence: found once
            self._interpreting = [
                ref for ref in self.references
                if ref.resolved and _INTERPRETS.search(self.text[max(0, ref.start - 40) : ref.start].lower())]
        for ref in self._interpreting:
            own = {node.citation, section.citation if section is not None else node.citation}
            hits = [c for c in ref.targets if c in own]
            if hits:
                holder = self.locator.at(ref.start)
                if holder is not None and holder is not node and not (node.start <= holder.start < node.end):
                    out.append(holder)
        return out


def _dedupe(elements: list[Element]) -> list[Element]:
    seen: set[tuple[str, str, int, int, tuple[str, ...]]] = set()
    out: list[Element] = []
    for e in sorted(elements, key=lambda e: (e.start, e.end)):
        key = (e.role, e.concept, e.start, e.end, e.via)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
