"""Exemptions, defences, non-liability and saving provisions, with what and whom they cover.

A provision is one when it carries an exemption or non-liability marker ("does not apply to",
"it is a defence", "shall not be liable", "ne peut donner lieu à des poursuites", "no será
punible"). What it exempts from is read from the references in it ("sur le fondement des articles
L. 622-1 à L. 622-3", "an offence under this Act"); whom, from the concepts in it (victim,
non_national, humanitarian, child); its conditions from condition words ("only if", "where",
"lorsque", "if the person proves").
"""

from __future__ import annotations

import re

from auditor.analyse.definitions import DEFINITIONS_HEADING
from auditor.analyse.locate import Locator
from auditor.analyse.model import ConceptMatch, Exemption, Reference
from auditor.analyse.spacing import paragraph_breaks
from auditor.structure.provision import Law, Provision

BENEFICIARY_CONCEPTS = ("victim", "non_national", "humanitarian", "helper_group", "child", "refugee_saving",
                        "refugee_claimant")
_DEFENCE = re.compile(r"(?i)\bdefen[cs]e\b|moyen de défense|excusa")
_SAVING = re.compile(r"(?i)\bnothing in this\b|\bwithout prejudice\b|sans préjudice|sin perjuicio")
_NON_LIABILITY = re.compile(
    r"(?i)not (?:be )?(?:criminally )?liable|not be (?:prosecuted|punished|penali[sz]ed|detained|charged)|"
    r"n'est pas punissable|ne sont pas punissables|poursuites|n'encour|no (?:será|serán|es|son) punibles?|"
    r"exent[oa]s? de (?:responsabilidad|pena)|no criminal responsibility|not guilty|"
    r"\bne (?:peu(?:ven)?t)\b[^.;]{0,120}\bêtre (?:accusée?s?|poursuivie?s?|condamnée?s?)"
)
_SAVED = re.compile(r"(?i)(?:sans préjudice|without prejudice to|subject to|sous réserve|sin perjuicio)"
                    r"[^.;]{0,25}$")
_CONDITION = re.compile(
    r"(?i)\b(?:only if|if the (?:person|accused|victim) (?:proves|establishes|shows)|provided that|"
    r"where|if|when|unless|lorsque|lorsqu'|à condition|sous réserve|si|cuando|siempre que|en tanto)\b"
    r"[^.;:]{3,240}"
)


class ExemptionFinder:
    def __init__(self, law: Law, locator: Locator, concepts: list[ConceptMatch],
                 references: list[Reference]) -> None:
        self.law = law
        self.text = law.document.text
        self.locator = locator
        self.concepts = concepts
        self.references = references

    def find(self) -> list[Exemption]:
        nodes: dict[int, Provision] = {}
        markers: dict[int, int] = {}
        for c in self.concepts:
            if c.concept not in ("exemption_marker", "non_liability"):
                continue
            node = self.locator.at(c.start)
            if node is None or node.kind in ("note", "toc", "heading", "document"):
                continue
            section = self.locator.section_of(node)
            if section is not None and section.heading and DEFINITIONS_HEADING.search(section.heading):
                continue  # "… si los servicios … no se aplican al pago de la deuda": a definition's words
            nodes.setdefault(id(node), node)
            markers.setdefault(id(node), c.start)
        out: list[Exemption] = []
        for node in sorted(nodes.values(), key=lambda n: n.start):
            if any(e.start <= node.start and node.end <= e.end for e in out):
                continue  # already covered by an enclosing exemption
            out.append(self._exemption(node, markers[id(node)]))
        return out

    def _span(self, node: Provision, marker: int) -> tuple[int, int]:
        """The exemption's own words: the node, or, in a provision of several paragraphs with no
        subdivisions (text whose numbering was lost), the paragraph that holds the marker."""
        start = node.heading_end if node.heading_start == node.start and node.heading_end > 0 else node.start
        breaks = [] if node.children else paragraph_breaks(self.text, start, node.end)
        if not breaks:
            return start, node.end
        # a blank line inside a sentence (a law converted to Markdown) is no paragraph end
        before = max((b for b in breaks if b < marker), default=-1)
        after = min((b for b in breaks if b > marker), default=-1)
        if before >= 0:
            before = self.text.index("\n", before + 1) + 1
        return (before if before >= 0 else start), (after if after >= 0 else node.end)

    def _exemption(self, node: Provision, marker: int) -> Exemption:
        start, end = self._span(node, marker)
        body = self.text[start:end]
        flat = " ".join(body.split())  # "shall not be criminally\nliable" is one phrase
        if _DEFENCE.search(flat):
            kind = "defence"
        elif _NON_LIABILITY.search(flat):
            kind = "non_liability"
        elif _SAVING.search(flat):
            kind = "saving"
        else:
            kind = "exemption"
        targets: list[str] = []
        for ref in self.references:
            if not start <= ref.start < end:
                continue
            if _SAVED.search(self.text[max(start, ref.start - 40) : ref.start]):
                continue  # "Sans préjudice des articles …": those stay untouched, not exempted
            targets.extend(t for t in ref.targets if t not in targets and t != node.citation)
        beneficiaries: list[str] = []
        for c in self.concepts:
            if start <= c.start < end and c.concept in BENEFICIARY_CONCEPTS \
                    and c.concept not in beneficiaries:
                beneficiaries.append(c.concept)
        conditions = tuple(" ".join(m.group().split()) for m in _CONDITION.finditer(body))
        return Exemption(citation=node.citation, kind=kind, start=start, end=end,
                         text=body.strip(), targets=tuple(targets), beneficiaries=tuple(beneficiaries),
                         conditions=conditions)
