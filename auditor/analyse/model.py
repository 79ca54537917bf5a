"""What the analyse stage finds, as frozen records with spans into the document text.

Every record carries `start`/`end` offsets and the `citation` of the provision it sits in, so any
later finding can quote it exactly and say where it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from auditor.structure.provision import Law, Provision


@dataclass(frozen=True)
class ConceptMatch:
    """One occurrence of a lexicon concept. `via` says how it matched: "phrase" (lower-case form),
    "lemma" or "pattern"."""

    concept: str
    start: int
    end: int
    text: str
    citation: str
    via: str = "phrase"


@dataclass(frozen=True)
class Scope:
    """Where a definition applies: the whole act, a part, a section ... (`citation` of that node,
    empty for the whole act), with the words that say so."""

    kind: str
    citation: str
    start: int
    end: int
    words: str = ""


@dataclass(frozen=True)
class Definition:
    term: str
    kind: str  # means | includes | excludes | refers
    start: int  # the whole definition, term included
    end: int
    term_start: int
    term_end: int
    citation: str
    scope: Scope


@dataclass(frozen=True)
class Reference:
    """A cross-reference in the text, resolved to provisions where possible."""

    text: str
    start: int
    end: int
    citation: str  # where the reference is written
    targets: tuple[str, ...]  # citations of the provisions it points to
    resolved: bool


@dataclass(frozen=True)
class Element:
    """One element of an offence: a concept found in it, and where.

    `role`: conduct, object, mental, purpose, means, circumstance (elements of the offence), or
    penalty_factor / aggravation (words that only change the penalty). `via` is the chain that
    brought it in: () when it is written in the offence, else the citations and defined terms
    followed ("definition: exploitation (s. 2)").
    """

    role: str
    concept: str
    start: int
    end: int
    text: str
    citation: str
    via: tuple[str, ...] = ()


@dataclass(frozen=True)
class Penalty:
    kind: str  # imprisonment | life | fine
    start: int
    end: int
    text: str
    citation: str
    years: float | None = None
    minimum: bool = False
    amount: str = ""


@dataclass(frozen=True)
class Offence:
    """An offence-creating provision.

    `kind`: base (creates an offence), prohibition (a duty whose penalty sits elsewhere) or
    aggravated (a graver form of another offence). `penalty_provisions` lists the provisions that
    punish it ("A person who contravenes subsection (1) ... is liable ..."); their conditions are
    penalty factors, never elements.
    """

    citation: str
    kind: str
    start: int
    end: int
    name: str
    elements: tuple[Element, ...]
    penalties: tuple[Penalty, ...]
    penalty_provisions: tuple[str, ...] = ()
    base: tuple[str, ...] = ()  # for an aggravated offence, the offences it aggravates

    def has(self, concept: str, *, roles: tuple[str, ...] | None = None) -> bool:
        return any(e.concept == concept and (roles is None or e.role in roles) for e in self.elements)


@dataclass(frozen=True)
class Exemption:
    """A defence, exemption, saving or non-liability provision.

    `targets` are the provisions it exempts from (resolved references), `beneficiaries` the
    concepts naming who benefits (victim, non_national, humanitarian ...), `conditions` the text of
    any condition attached ("if the person proves", "only if compelled").
    """

    citation: str
    kind: str  # non_liability | defence | exemption | saving
    start: int
    end: int
    text: str
    targets: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class AnnotatedLaw:
    law: Law
    language: str
    pipeline: str
    concepts: tuple[ConceptMatch, ...]
    definitions: tuple[Definition, ...]
    references: tuple[Reference, ...]
    offences: tuple[Offence, ...]
    exemptions: tuple[Exemption, ...]
    warnings: tuple[str, ...] = field(default=())

    def concepts_in(self, start: int, end: int, concept: str | None = None) -> Iterator[ConceptMatch]:
        for match in self.concepts:
            if start <= match.start and match.end <= end and (concept is None or match.concept == concept):
                yield match

    def provision(self, citation: str) -> Provision | None:
        return self.law.find(citation)
