"""Concept lexicons: data in `checklists/lexicons/<lang>.yaml`, compiled into spaCy matchers.

Phrases are matched twice, on lower-case forms (exact wording) and on lemmas (inflected wording:
"recruits" for "recruit", "étrangers" for "étranger"); `lemmas` lists single words matched on
their lemma or written form; `near` pairs words that must stand close to each other ("organize …
the coming", "aider … l'entrée"); `patterns` takes spaCy Matcher token patterns for anything else.
Phrase, lemma and proximity matching are hash lookups (PhraseMatcher, sets); the token Matcher,
whose cost grows with every pattern and token, is used only for `patterns`. Pattern documents
for lemma matching are made with the same pipeline as the text, so that lemmas line up (spaCy
issue 4100).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy
import yaml
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from auditor.cache import parsed
from auditor.data import checklists_dir


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Concept:
    name: str
    description: str
    phrases: tuple[str, ...]
    lemmas: tuple[str, ...]
    patterns: tuple[tuple[dict[str, Any], ...], ...]
    exact: bool = False  # phrases matched on their written form only, never on lemmas
    near: tuple[tuple[frozenset[str], frozenset[str], int], ...] = ()  # (first, then, within)


@dataclass(frozen=True)
class Lexicon:
    language: str
    version: str
    path: str
    concepts: dict[str, Concept]

    def phrases(self, name: str) -> tuple[str, ...]:
        concept = self.concepts.get(name)
        return concept.phrases if concept else ()


def _node_line(loader_node: Any) -> int:
    return getattr(getattr(loader_node, "start_mark", None), "line", -1) + 1


@cache
def load_lexicon(language: str) -> Lexicon:
    path = checklists_dir() / "lexicons" / f"{language}.yaml"
    if not path.exists():
        path = checklists_dir() / "lexicons" / "en.yaml"
    text = path.read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's when PyYAML has it
    try:  # the lexicons are large: parsed once per text, then read from the cache (auditor.cache)
        data = parsed(text, f"lexicon/{loader.__name__}", lambda t: yaml.load(t, Loader=loader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise LexiconError(f"{path}:{line}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), dict):
        raise LexiconError(f"{path}: expected a mapping with a 'concepts' mapping")
    concepts: dict[str, Concept] = {}
    for name, body in data["concepts"].items():
        if not isinstance(body, dict):
            raise LexiconError(f"{path}: concept {name!r} must be a mapping")
        unknown = set(body) - {"description", "source", "phrases", "lemmas", "patterns", "exact", "near"}
        if unknown:
            raise LexiconError(f"{path}: concept {name!r} has unknown keys {sorted(unknown)}")
        concepts[name] = Concept(
            name=name,
            description=str(body.get("description", "")),
            phrases=tuple(str(p) for p in body.get("phrases") or ()),
            lemmas=tuple(str(p) for p in body.get("lemmas") or ()),
            patterns=tuple(tuple(step) for step in body.get("patterns") or ()),
            exact=bool(body.get("exact", False)),
            near=tuple(_near(path, name, spec) for spec in body.get("near") or ()),
        )
    return Lexicon(language=str(data.get("language", language)), version=str(data.get("version", "1")),
                   path=str(path), concepts=concepts)


def _near(path: Path, name: str, spec: Any) -> tuple[frozenset[str], frozenset[str], int]:
    if not isinstance(spec, dict) or not spec.get("first") or not spec.get("then"):
        raise LexiconError(f"{path}: concept {name!r}: each 'near' entry needs 'first' and 'then' lists")
    lower = lambda words: frozenset(str(w).lower() for w in words)  # noqa: E731
    return lower(spec["first"]), lower(spec["then"]), int(spec.get("within", 5))


def _apostrophe_variants(phrases: tuple[str, ...]) -> list[str]:
    """Each phrase with a straight apostrophe also in its typographic form (l'entrée, l’entrée)."""
    out = list(phrases)
    out.extend(p.replace("'", "’") for p in phrases if "'" in p)
    return out


class ConceptMatcher:
    """All concepts of one lexicon, compiled for one pipeline."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.tokens = Matcher(nlp.vocab)
        self.strings = nlp.vocab.strings
        self._id_cache: dict[frozenset[str], numpy.ndarray] = {}
        self.near: list[tuple[str, tuple[frozenset[str], frozenset[str], int]]] = []
        for concept in lexicon.concepts.values():
            phrases = _apostrophe_variants(concept.phrases)
            if phrases:
                self.lower.add(concept.name, [nlp.make_doc(p) for p in phrases])
                if not concept.exact:
                    self.lemma.add(concept.name, list(nlp.pipe(phrases)))
            if concept.lemmas:
                words = _apostrophe_variants(concept.lemmas)
                self.lower.add(concept.name, [nlp.make_doc(w) for w in words])
                self.lemma.add(concept.name, list(nlp.pipe(words)))
            if concept.patterns:
                self.tokens.add(concept.name, [list(p) for p in concept.patterns])
            self.near.extend((concept.name, spec) for spec in concept.near)

    def _ids(self, words: frozenset[str]) -> numpy.ndarray:
        cached = self._id_cache.get(words)
        if cached is None:
            cached = numpy.array([self.strings.add(w) for w in words], dtype=numpy.uint64)
            self._id_cache[words] = cached
        return cached

    def __call__(self, doc: Doc) -> list[tuple[str, int, int, str]]:
        """(concept, start_char, end_char, via) for every match, longest first per position."""
        strings = doc.vocab.strings
        found: dict[tuple[str, int, int], str] = {}
        matchers = [("phrase", self.lower), ("lemma", self.lemma)]
        if len(self.tokens):
            matchers.append(("pattern", self.tokens))
        for via, matcher in matchers:
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                key = (strings[match_id], span.start_char, span.end_char)
                found.setdefault(key, via)
        if self.near and len(doc):
            # Word hashes, not Token objects: building a Token per word costs more than matching.
            forms = doc.to_array([LOWER, LEMMA])
            lowers, lemmas = forms[:, 0], forms[:, 1]
            for name, (first, then, within) in self.near:
                first_ids, then_ids = self._ids(first), self._ids(then)
                starts = numpy.flatnonzero(numpy.isin(lowers, first_ids) | numpy.isin(lemmas, first_ids))
                if not len(starts):
                    continue
                ends = numpy.flatnonzero(numpy.isin(lowers, then_ids) | numpy.isin(lemmas, then_ids))
                for i in starts.tolist():
                    k = int(numpy.searchsorted(ends, i + 1))
                    if k >= len(ends) or ends[k] > i + within + 1:
                        continue
                    last = doc[int(ends[k])]
                    found.setdefault((name, doc[i].idx, last.idx + len(last.text)), "near")
        return [(name, s, e, via) for (name, s, e), via in found.items()]
