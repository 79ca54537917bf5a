"""Analyse: `Law` -> `AnnotatedLaw` (concepts, definitions, references, offences, exemptions).

spaCy runs once per section-sized piece of text (never on a whole 2,000-page code), through
`nlp.pipe`; everything it finds is mapped back to document offsets and to the provision it sits in.
"""

from __future__ import annotations

from auditor.analyse.definitions import DefinitionFinder
from auditor.analyse.exemptions import ExemptionFinder
from auditor.analyse.lexicon import ConceptMatcher, load_lexicon
from auditor.analyse.locate import Locator, chunks
from auditor.analyse.model import (
    AnnotatedLaw,
    ConceptMatch,
    Definition,
    Element,
    Exemption,
    Offence,
    Penalty,
    Reference,
    Scope,
)
from auditor.analyse.offences import OffenceFinder
from auditor.analyse.pipeline import get_pipeline
from auditor.analyse.references import find_references
from auditor.structure.provision import Law

__all__ = ["AnnotatedLaw", "ConceptMatch", "Definition", "Element", "Exemption", "Offence",
           "Penalty", "Reference", "Scope", "analyse"]

_MATCHERS: dict[str, ConceptMatcher] = {}


def _matcher(language: str) -> tuple[ConceptMatcher, str]:
    nlp, description = get_pipeline(language)
    if language not in _MATCHERS:
        _MATCHERS[language] = ConceptMatcher(nlp, load_lexicon(language))
    return _MATCHERS[language], description


def find_concepts(law: Law, locator: Locator, language: str,
                  n_process: int = 1) -> tuple[list[ConceptMatch], str]:
    matcher, description = _matcher(language)
    nlp, _ = get_pipeline(language)
    text = law.document.text
    pieces = chunks(law)
    found: list[ConceptMatch] = []
    docs = nlp.pipe((text[s:e] for s, e in pieces), batch_size=64, n_process=n_process)
    for (start, _end), doc in zip(pieces, docs, strict=True):
        for concept, s, e, via in matcher(doc):
            found.append(ConceptMatch(concept, start + s, start + e, text[start + s : start + e],
                                      locator.citation(start + s), via))
    found.sort(key=lambda c: (c.start, -c.end, c.concept))
    return found, description


def analyse(law: Law, *, language: str | None = None, n_process: int = 1) -> AnnotatedLaw:
    """Annotate a segmented law. `language` overrides the document's own language guess;
    `n_process` > 1 spreads spaCy over worker processes (worth it for codes of thousands of
    pages; a corpus is better parallelised by document)."""
    language = language or law.document.meta.language or "en"
    if language == "und":
        language = "en"
    locator = Locator(law)
    concepts, description = find_concepts(law, locator, language, n_process)
    references = find_references(law, locator)
    lexicon = load_lexicon(language)
    definitions = DefinitionFinder(lexicon.phrases("definition_verb")).find(law, locator, references)
    offences = OffenceFinder(law, locator, concepts, definitions, references).find()
    exemptions = ExemptionFinder(law, locator, concepts, references).find()
    return AnnotatedLaw(law=law, language=language, pipeline=description, concepts=tuple(concepts),
                        definitions=tuple(definitions), references=tuple(references),
                        offences=tuple(offences), exemptions=tuple(exemptions))
