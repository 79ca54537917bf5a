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

from bisect import bisect_right
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
        self._anchors: list[tuple[int, numpy.ndarray, int]] = []  # (step, word hashes, steps)
        self._unanchored = False
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
                for pattern in concept.patterns:
                    anchor = _anchor(pattern)
                    if anchor is None or any(step.get("OP") not in (None, "1", "?", "!") for step in pattern):
                        # no fixed step, or a step that may repeat ("+", "*", "{2,}"): a match's
                        # length is not bounded by the pattern's, so the whole document is searched
                        self._unanchored = True
                        continue
                    step, words = anchor
                    ids = numpy.array(sorted({self.strings.add(w) for w in words}), dtype=numpy.uint64)
                    self._anchors.append((step, ids, len(pattern)))
            self.near.extend((concept.name, spec) for spec in concept.near)
        # One lookup per document instead of one per pair: every word of every `near` pair, with
        # the pairs (and the side) it belongs to.
        self._near_roles: dict[int, list[tuple[int, int]]] = {}
        for index, (_, (first, then, _within)) in enumerate(self.near):
            for side, words in ((0, first), (1, then)):
                for word in words:
                    roles = self._near_roles.setdefault(self.strings.add(word), [])
                    if (index, side) not in roles:
                        roles.append((index, side))
        self._near_ids = numpy.array(sorted(self._near_roles), dtype=numpy.uint64)

    def __call__(self, doc: Doc) -> list[tuple[str, int, int, str]]:
        """(concept, start_char, end_char, via) for every match, longest first per position."""
        strings = doc.vocab.strings
        found: dict[tuple[str, int, int], str] = {}
        # Word hashes, not Token objects: building a Token per word costs more than matching.
        forms = doc.to_array([LOWER, LEMMA]) if len(doc) else None
        for via, matcher in (("phrase", self.lower), ("lemma", self.lemma)):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                key = (strings[match_id], span.start_char, span.end_char)
                found.setdefault(key, via)
        if len(self.tokens) and forms is not None:
            for first, last in self._token_windows(forms[:, 0]):
                for match_id, start, end in self.tokens(doc[first:last]):
                    span = doc[first + start:first + end]
                    key = (strings[match_id], span.start_char, span.end_char)
                    found.setdefault(key, "pattern")
        if self.near and forms is not None:
            for name, start_char, end_char in self._near_matches(doc, forms):
                found.setdefault((name, start_char, end_char), "near")
        return [(name, s, e, via) for (name, s, e), via in found.items()]

    def _token_windows(self, lowers: numpy.ndarray) -> list[tuple[int, int]]:
        """Stretches of the document (token offsets) that hold every match of the token patterns:
        around each word that a pattern's anchor step matches, as long as the pattern. The token
        Matcher, whose cost grows with every token it walks, runs on these alone; a pattern
        matches the same tokens in a stretch as in the whole document (no step looks outside its
        match), and the stretches are merged, so no match is found twice."""
        n = len(lowers)
        if self._unanchored:
            return [(0, n)]
        spans = []
        for step, ids, length in self._anchors:
            for position in numpy.flatnonzero(numpy.isin(lowers, ids)).tolist():
                if position >= step:
                    spans.append((position - step, min(n, position - step + length)))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for first, last in spans:
            if merged and first <= merged[-1][1]:
                if last > merged[-1][1]:
                    merged[-1] = (merged[-1][0], last)
            else:
                merged.append((first, last))
        return merged

    def _near_matches(self, doc: Doc, forms: numpy.ndarray) -> list[tuple[str, int, int]]:
        """(concept, start_char, end_char) of every `near` pair in the document: a word of `first`
        followed, within `within` words, by a word of `then` (the nearest one), pairs in lexicon
        order and starts left to right."""
        lowers, lemmas = forms[:, 0], forms[:, 1]
        hits = numpy.flatnonzero(numpy.isin(lowers, self._near_ids) | numpy.isin(lemmas, self._near_ids))
        if not len(hits):
            return []
        starts: dict[int, list[int]] = {}
        ends: dict[int, list[int]] = {}
        lower_list, lemma_list = lowers[hits].tolist(), lemmas[hits].tolist()
        for i, lower, lemma in zip(hits.tolist(), lower_list, lemma_list, strict=True):
            roles = self._near_roles.get(lower, [])
            if lemma != lower:
                roles = roles + [r for r in self._near_roles.get(lemma, []) if r not in roles]
            for index, side in roles:
                (ends if side else starts).setdefault(index, []).append(i)
        out: list[tuple[str, int, int]] = []
        for index, (name, (_first, _then, within)) in enumerate(self.near):
            firsts, thens = starts.get(index), ends.get(index)
            if not firsts or not thens:
                continue
            for i in firsts:
                k = bisect_right(thens, i)
                if k >= len(thens) or thens[k] > i + within + 1:
                    continue
                last = doc[thens[k]]
                out.append((name, doc[i].idx, last.idx + len(last.text)))
        return out


def _anchor(pattern: tuple[dict[str, Any], ...]) -> tuple[int, set[str]] | None:
    """A step every match of the pattern has at a fixed offset from its start, and the words it
    takes (a LOWER literal or IN list): the step before any optional or repeated one whose words
    are longest (a rough proxy for rarest: "least" rather than "at"); None if there is none."""
    best: tuple[float, int, set[str]] | None = None
    for index, step in enumerate(pattern):
        if step.get("OP") not in (None, "1"):
            break
        lower = step.get("LOWER")
        words = {lower} if isinstance(lower, str) else set(lower["IN"]) \
            if isinstance(lower, dict) and set(lower) == {"IN"} else None
        if not words:
            continue
        rarity = min(len(w) for w in words)
        if best is None or rarity > best[0]:
            best = (rarity, index, {str(w) for w in words})
    return None if best is None else (best[1], best[2])
