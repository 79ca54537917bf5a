"""The analyse stage itself: `Law` -> `AnnotatedLaw` (concepts, definitions, references, offences,
exemptions).

spaCy runs once per section-sized piece of text (never on a whole 2,000-page code), through
`nlp.pipe`; everything it finds is mapped back to document offsets and to the provision it sits in.
This is the one module of the package that imports spaCy (through `lexicon` and `pipeline`): the
package's `__init__` loads it only when `analyse` or `warm` is first used, so the checklist engine,
which reads the analysis's data classes, starts without spaCy.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from auditor.analyse.definitions import DefinitionFinder
from auditor.analyse.exemptions import ExemptionFinder
from auditor.analyse.lexicon import ConceptMatcher, load_lexicon
from auditor.analyse.locate import Locator, chunks
from auditor.analyse.model import AnnotatedLaw, ConceptMatch
from auditor.analyse.offences import OffenceFinder
from auditor.analyse.pipeline import get_pipeline
from auditor.analyse.references import find_references
from auditor.analyse.spacing import SOFT_BREAK
from auditor.structure.provision import Law

_MATCHERS: dict[str, ConceptMatcher] = {}


def _matcher(language: str) -> tuple[ConceptMatcher, str]:
    nlp, description = get_pipeline(language)
    if language not in _MATCHERS:
        _MATCHERS[language] = ConceptMatcher(nlp, load_lexicon(language))
    return _MATCHERS[language], description


def warm(language: str) -> None:
    """Load the pipeline and concept matcher of `language` now (a read language only), so that an
    audit can do it while another process is still reading the document (`auditor.readahead`)."""
    from auditor.ingest.language import is_read

    if is_read(language):
        _matcher(language)


def find_concepts(law: Law, locator: Locator, language: str,
                  n_process: int = 1) -> tuple[list[ConceptMatch], str]:
    matcher, description = _matcher(language)
    nlp, _ = get_pipeline(language)
    text = law.document.text
    pieces = chunks(law)
    found: list[ConceptMatch] = []
    compact = [_compact(text, s, e) for s, e in pieces]
    # No concept, pattern or lemma looks at sentences: splitting them was a quarter of the time
    unused = [name for name in ("sentencizer", "senter") if name in nlp.pipe_names]
    docs = nlp.pipe((c[0] for c in compact), batch_size=64, n_process=n_process, disable=unused)
    for (_piece, news, olds), doc in zip(compact, docs, strict=True):
        for concept, s, e, via in matcher(doc):
            start, end = _origin(news, olds, s), _origin(news, olds, e - 1) + 1
            found.append(ConceptMatch(concept, start, end, text[start:end], locator.citation(start), via))
    found.sort(key=lambda c: (c.start, -c.end, c.concept))
    return found, description


#: Whitespace inside a paragraph: a line break of the print, or the double spaces of justified text.
_INNER_SPACE = re.compile(r"[ \t\r\f\v\u00a0]*\n[ \t\r\f\v\u00a0]*(?!\n)"  # one line break
                          # a blank line inside a sentence: text hard-wrapped with a blank line after
                          # every printed line (common in laws converted to Markdown), where the line
                          # before does not end a sentence or clause and the next goes on with a word
                          rf"|{SOFT_BREAK}"
                          r"|[ \t\f\v\u00a0]{2,}|[\t\r\f\v\u00a0]")  # runs of spaces, tabs


def _compact(text: str, start: int, end: int) -> tuple[str, list[int], list[int]]:
    """The piece with whitespace inside paragraphs reduced to one space, and where each kept run
    of characters came from (runs start at `news[i]` here and at `olds[i]` in the document).

    spaCy keeps "\n" and extra spaces as tokens of their own, which would break every phrase they
    fall in ("financial or other\nmaterial benefit", "directly  or  indirectly"); a blank line
    still separates paragraphs, so no phrase is matched across two provisions.
    """
    out: list[str] = []
    news: list[int] = []
    olds: list[int] = []
    at, length = start, 0
    for match in _INNER_SPACE.finditer(text, start, end):
        a, b = match.span()
        out.append(text[at:a])
        news.append(length)
        olds.append(at)
        length += a - at
        out.append(" ")
        news.append(length)
        olds.append(a)
        length += 1
        at = b
    out.append(text[at:end])
    news.append(length)
    olds.append(at)
    return "".join(out), news, olds


def _origin(news: list[int], olds: list[int], position: int) -> int:
    i = bisect_right(news, position) - 1
    return olds[i] + (position - news[i])


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
