"""Read OCR's misspelt words as the words of the law, and say so: "vietim" -> "victim",
"ofthe" -> "of the", "Inthisseetion" -> "In this section".

Why words, not phrases: matching lexicon phrases approximately against OCR text (rapidfuzz
partial ratios) was measured on the Pakistan gazette and found mostly wrong: "an offence" for
"any offence", "nor proceeding" for "no proceedings". A phrase one letter away is usually another
phrase. So only a word that is no word at all is ever changed (not in the language's dictionary,
the project's lexicons or the treaties' own vocabulary), and only to a word that OCR's usual
confusions explain (c/e, rn/m, l/1/i, a missing space) better than any other word. Real words are
never touched, so OCR cannot turn "an" into "any".

Every change is recorded as a `Reading` with the OCR's characters, the word taken and its similarity
(rapidfuzz ratio, 0-100), so evidence built on it can say how it was read and the check stage can
refuse to reassure on a weak reading (`bench/bench_ocr_words.py` measures precision by similarity).

Dictionaries: wordfreq's word lists (part of the `[ocr]` extra); without them nothing is changed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from auditor.data import checklists_dir, treaty_texts
from auditor.ingest.document import Reading

#: Substitutions OCR makes on printed Latin text, each costing less than an arbitrary edit.
CONFUSABLE = frozenset({
    ("c", "e"), ("e", "c"), ("l", "i"), ("i", "l"), ("l", "1"), ("1", "l"), ("i", "1"), ("1", "i"),
    ("o", "0"), ("0", "o"), ("t", "f"), ("f", "t"), ("h", "b"), ("b", "h"), ("n", "u"), ("u", "n"),
    ("a", "o"), ("o", "a"), ("s", "5"), ("5", "s"), ("i", "t"), ("t", "i"), ("j", "i"), ("i", "j"),
    ("r", "t"), ("t", "r"), ("g", "q"), ("q", "g"), ("c", "o"), ("o", "c"), ("v", "y"), ("y", "v"),
})
CONFUSION_COST = 0.4
MAX_COST = 1.4  # one arbitrary edit plus one OCR confusion at most
LOST_SPACE = 1.0  # log10 price of a space OCR lost between two words
EDIT = 3.0  # log10 price of one arbitrary edit (an OCR confusion costs CONFUSION_COST of it)
AMBIGUOUS = 0.5  # two readings closer than this (log10) are a tie: neither is taken
WORD_PENALTY = 1.5  # what a run-together word pays per extra word to count as two words
KNOWN_ZIPF = 1.0  # seen at least once in 100 million words: a word, left as it is
MIN_ZIPF = 2.5  # a word rarer than this is never offered as a reading unless a lexicon uses it
DOMAIN_ZIPF = 3.0  # the lexicons' and treaties' words count as this common at least
FUNCTION_ZIPF = 6.0  # "of", "the", "in", "or", "a": the short words OCR runs into their neighbours
PIECE_ZIPF = 3.0  # a longer piece of a run-together word must be a common word
#: How much likelier (log10) two short words must be than the word they spell together: "ofthe"
#: (1.3), "inthe" (1.9) are joined, "ado" (0.0), "tome" (0.2), Spanish "quede" (0.2) are words.
JOINED_MARGIN = 1.0
#: Words of one letter, by language: anything else alone is a fragment ("o force", "a gene y").
SINGLE_LETTER_WORDS = {"en": frozenset("ai"), "fr": frozenset("aày"), "es": frozenset("ayoeu")}
MIN_SIMILARITY = 75.0  # below this a "correction" is a different word (measured: bench_ocr_words.py)
#: A word: letters, with an inner apostrophe ("n'est", "l’entrée").
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class _Choice:
    text: str
    cost: float
    similarity: float
    score: float = 0.0


def available() -> bool:
    try:
        import wordfreq  # noqa: F401
    except ImportError:
        return False
    return True


class Vocabulary:
    """The words of one language with their frequencies (wordfreq's "large" lists, which include
    British legal spelling and Spanish and French inflections), plus the words of the project's
    lexicons and of the treaties, which count as common whatever their frequency."""

    def __init__(self, language: str) -> None:
        import wordfreq

        self.language = language
        try:
            frequency = wordfreq.get_frequency_dict(language, wordlist="large")
        except (LookupError, ValueError, OSError):  # a language wordfreq does not carry
            frequency = {}
        self.zipfs: dict[str, float] = {w: math.log10(f) + 9 for w, f in frequency.items()
                                        if f > 0 and _WORD.fullmatch(w)}
        self.domain = frozenset(_domain_words(language))
        for word in self.domain:
            self.zipfs[word] = max(self.zipfs.get(word, 0.0), DOMAIN_ZIPF)
        self.by_length: dict[int, list[str]] = {}
        for word, zipf in self.zipfs.items():
            if zipf >= MIN_ZIPF:
                self.by_length.setdefault(len(word), []).append(word)

    def zipf(self, word: str) -> float:
        """log10 of the word's frequency per billion words (wordfreq's Zipf scale), 0 if unseen."""
        return self.zipfs.get(word.lower(), 0.0)

    def log_probability(self, word: str) -> float:
        return self.zipf(word) - 9

    def known(self, word: str) -> bool:
        """A word of the language: seen often enough, and not two common words that OCR ran
        together (web text has "ofthe" and "Itis" too, so frequency alone cannot say)."""
        return self.zipf(word) >= KNOWN_ZIPF and not self.joined(word.lower())

    def joined(self, low: str) -> bool:
        """Whether two frequent short words explain `low` better than itself ("ofthe", "Itis";
        never "into", "today")."""
        if len(low) > 6:
            return False  # "therewith", "hereby": legal compounds of two frequent words are words
        for i in range(1, len(low)):
            head, tail = low[:i], low[i:]
            if not (self.short(head) and self.short(tail)):
                continue
            split = self.log_probability(head) + self.log_probability(tail) - WORD_PENALTY
            if split > self.log_probability(low) + JOINED_MARGIN:
                return True
        return False

    def short(self, piece: str) -> bool:
        """A frequent word of three letters at most ("of", "the", "a"), a piece of a joined word."""
        single = SINGLE_LETTER_WORDS.get(self.language, frozenset("a"))
        return len(piece) <= 3 and (len(piece) >= 2 or piece in single) and self.zipf(piece) >= FUNCTION_ZIPF


@cache
def _domain_words(language: str) -> frozenset[str]:
    import yaml

    words: set[str] = set()
    path = checklists_dir() / "lexicons" / f"{language}.yaml"
    if path.is_file():
        for value in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            words.update(w.lower() for w in _WORD.findall(value))
    if language == "en":
        for treaty in treaty_texts():
            words.update(w.lower() for w in _WORD.findall(treaty.read_text(encoding="utf-8")))
    return frozenset(w for w in words if len(w) > 1 or w in ("a", "i", "y", "o", "à"))


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@cache
def vocabulary(language: str) -> Vocabulary:
    return Vocabulary(language)


@cache
def reader_for(language: str) -> Reader:
    return Reader(vocabulary(language))


def _cost(ocr: str, word: str) -> float:
    from rapidfuzz.distance import Levenshtein

    a, b = ocr.replace("rn", "m"), word.replace("rn", "m")
    cost = 0.0 if (a, b) == (ocr, word) else CONFUSION_COST * (ocr.count("rn") != word.count("rn"))
    for op, i, j in Levenshtein.editops(a, b):
        cost += CONFUSION_COST if op == "replace" and (a[i], b[j]) in CONFUSABLE else 1.0
    return cost


class Reader:
    """Finds the word an unknown OCR word stands for, or says there is none it can trust."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._memo: dict[str, _Choice | None] = {}

    def choose(self, word: str) -> _Choice | None:
        low = word.lower()
        strict = word[:1].isupper()
        key = low + ("^" if strict else "")
        if key not in self._memo:
            self._memo[key] = self._choose(low, strict)
        choice = self._memo[key]
        if choice is None:
            return None
        if choice.text.replace(" ", "") == low:  # words run together: keep OCR's own letters and case
            out, at = [], 0
            for part in choice.text.split(" "):
                out.append(word[at: at + len(part)])
                at += len(part)
            return _Choice(" ".join(out), choice.cost, choice.similarity, choice.score)
        return _Choice(_like(word, choice.text), choice.cost, choice.similarity, choice.score)

    def _choose(self, low: str, strict: bool) -> _Choice | None:
        """The likeliest reading, split or single word, by one noisy-channel score."""
        split = self._split(low)
        if strict and split is not None and not _opens_with_short_word(split.text, self.vocabulary):
            split = None  # "Barbado" is no "Barb a do"; "Inthe" is "In the"
        options = [c for c in (split, self._nearest(low, strict)) if c is not None]
        return max(options, key=lambda c: c.score) if options else None

    def _score(self, parts: list[str], cost: float) -> float:
        """log10 P(words) + log10 P(what OCR printed | words): a unigram model of the language, a
        price for each space OCR lost and for each edit ("situaciones" beats "si raciones", "their"
        beats "the it", "cause a" beats "cause")."""
        return (sum(self.vocabulary.log_probability(p) for p in parts) - LOST_SPACE * (len(parts) - 1)
                - EDIT * cost)

    def _nearest(self, low: str, strict: bool = False) -> _Choice | None:
        """The likeliest word within a few OCR-weighted edits; None when two words are about as
        likely, since then the scan, not the tool, must decide. `strict` (a capitalised word,
        perhaps a name: "Shoora", "Legis") allows OCR confusions only."""
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import Levenshtein

        if len(low) < 4:
            return None
        limit = CONFUSION_COST * 2 if strict else MAX_COST
        scored: list[tuple[float, float, str]] = []
        for length in range(len(low) - 2, len(low) + 3):
            words = self.vocabulary.by_length.get(length, ())
            for word, _, _ in process.extract(low, words, scorer=Levenshtein.distance, score_cutoff=3,
                                              limit=None):
                if word == low or not self.vocabulary.known(word):
                    continue  # OCR's own misreading is in web text too ("ofthe")
                cost = _cost(low, word)
                if cost <= limit:
                    scored.append((self._score([word], cost), cost, word))
        if not scored:
            return None
        scored.sort(reverse=True)
        score, cost, word = scored[0]
        if len(scored) > 1 and score - scored[1][0] < AMBIGUOUS:
            return None  # "pernit": permit or peril? a near tie is left as OCR read it
        similarity = round(fuzz.ratio(low, word), 1)
        return _Choice(word, cost, similarity, score) if similarity >= MIN_SIMILARITY else None

    def _split(self, low: str) -> _Choice | None:
        """Words run together ("ofthe", "foraperiod", "Inthisseetion"): two or three known words, the
        last of which may itself be one OCR confusion away ("seetion")."""
        from rapidfuzz import fuzz

        best: _Choice | None = None
        for parts, cost in self._splits(low, 3):
            choice = _Choice(" ".join(parts), cost, round(fuzz.ratio(low, "".join(parts)), 1),
                             self._score(parts, cost))
            if best is None or choice.score > best.score:  # "for a period", never "fora period"
                best = choice
        if best is None or not any(self.vocabulary.short(p) for p in best.text.split(" ")):
            # OCR loses the space beside "of", "the", "a": "tans ported" or "lost income" is a
            # misread long word more often than two words run together, so it is left as read
            return None
        return best

    def _splits(self, low: str, pieces: int) -> Iterable[tuple[list[str], float]]:
        for i in range(1, len(low)):
            head, tail = low[:i], low[i:]
            if not self._joinable(head):
                continue
            if self._joinable(tail):
                yield [head, tail], 0.0
            elif len(tail) >= 5:
                near = self._nearest(tail, strict=True)  # "Inthisseetion": one OCR confusion at most
                if near is not None and near.cost <= CONFUSION_COST:
                    yield [head, near.text], near.cost
            if pieces > 2:
                for rest, cost in self._splits(tail, pieces - 1):
                    yield [head, *rest], cost

    def _joinable(self, piece: str) -> bool:
        """A piece of a run-together word: a frequent short word or a known longer one."""
        if len(piece) <= 3:
            return self.vocabulary.short(piece)
        return self.vocabulary.zipf(piece) >= PIECE_ZIPF


def _opens_with_short_word(text: str, vocab: Vocabulary) -> bool:
    """A capitalised word (perhaps a name) is split only after a frequent word of three letters at
    most: "It is", "In the", "In this section"."""
    first = text.split(" ")[0]
    return len(first) <= 3 and vocab.zipf(first) >= FUNCTION_ZIPF


def _like(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def read(text: str, language: str) -> tuple[str, tuple[Reading, ...]]:
    """The text with misread words replaced, and the readings (offsets in the new text)."""
    if not available():
        return text, ()
    vocab = vocabulary(language)
    reader = reader_for(language)
    out: list[str] = []
    readings: list[Reading] = []
    at, delta = 0, 0
    for match in _WORD.finditer(text):
        word = match.group()
        if not _candidate(word, vocab) or _fragment(text, *match.span()):
            continue
        choice = reader.choose(word)
        if choice is None:
            continue
        start, end = match.span()
        out.append(text[at:start])
        new_start = start + delta
        out.append(choice.text)
        readings.append(Reading(new_start, new_start + len(choice.text), word, choice.text,
                                choice.similarity))
        delta += len(choice.text) - len(word)
        at = end
    out.append(text[at:])
    return "".join(out), tuple(readings)


def _fragment(text: str, start: int, end: int) -> bool:
    """Part of a word: hyphenated across a line ("estab-" / "lished"), or cut by the edge of a
    column or of the scan ("ause", "atus", "repris", "informat"), which is what an unknown word
    first or last on its line usually is (measured: bench_ocr_words.py)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() or not text[end:line_end].strip()


def _candidate(word: str, vocab: Vocabulary) -> bool:
    """A word worth reading again: letters only, not an acronym or a Roman number, not known."""
    if len(word) < 3 or "'" in word or "’" in word or word.isupper():
        return False
    return not vocab.known(word)
