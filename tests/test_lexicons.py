"""The concept lexicons describe how laws are drafted, not how one law reads.

Every concept states where its words come from (`source:` a treaty, a model law, or the laws of at
least two States). A phrase used by the laws of one State only, and not by the treaties, is a sign
that it was lifted from that law: such phrases are counted over the laws of corpus/ and of
shared/structure-pool/ (18 publishers), and may only be the ones listed in
tests/lexicon_single_state.yaml, a list of known debt that only ever shrinks: a new single-State
phrase fails, and so does a listed phrase that is gone or now used by two States (take it off).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from auditor.analyse.spacing import SOFT_BREAK
from auditor.ingest import load

ROOT = Path(__file__).resolve().parent.parent
POOL = ROOT.parent / "shared" / "structure-pool"
LANGUAGES = ("en", "fr", "es")
DEBT = ROOT / "tests" / "lexicon_single_state.yaml"


def _lexicon(language: str) -> dict:
    path = ROOT / f"checklists/lexicons/{language}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["concepts"]


def _uses(text: str, phrase: str) -> bool:
    """Whether the phrase occurs as whole words (str.find, far faster than a regex on megabytes)."""
    at = text.find(phrase)
    while at != -1:
        end = at + len(phrase)
        if not (text[at - 1:at].isalnum() or text[end:end + 1].isalnum()):
            return True
        at = text.find(phrase, at + 1)
    return False


def _normal(text: str) -> str:
    # a blank line inside a sentence (laws converted to Markdown) joins, as the concept matcher does
    text = re.sub(SOFT_BREAK, " ", text)
    return " " + " ".join(text.lower().split()) + " "


@cache
def _texts() -> tuple[dict[str, str], str]:
    """The laws' text by State, and the treaties' text."""
    by_state: dict[str, list[str]] = {}
    treaties: list[str] = []
    files: list[tuple[str, Path]] = []
    with (ROOT / "corpus/manifest.csv").open(encoding="utf-8") as handle:
        files += [(row["jurisdiction"], ROOT / "corpus" / row["path"]) for row in csv.DictReader(handle)]
    if POOL.is_dir():
        files += [(p.name.split("__")[0], p) for p in sorted(POOL.iterdir()) if "__" in p.name]
    for state, path in files:
        try:
            text = _normal(load(path, ocr="never").text)
        except Exception:  # a scan without OCR, or a file this machine cannot read: not counted
            continue
        state = state.split("-")[0].upper()
        if state in ("UN", "COE"):
            treaties.append(text)
        else:
            by_state.setdefault(state, []).append(text)
    return {s: " ".join(t) for s, t in by_state.items()}, " ".join(treaties)


@cache
def _words() -> dict[str, frozenset[str]]:
    """Which States' laws use each word: a phrase can only occur where all its words do."""
    states, _ = _texts()
    index: dict[str, set[str]] = {}
    for state, text in states.items():
        for word in set(re.findall(r"\w+", text)):
            index.setdefault(word, set()).add(state)
    return {w: frozenset(s) for w, s in index.items()}


def single_state_phrases(language: str) -> dict[str, str]:
    """Each phrase of the lexicon that the laws of exactly one State use, and the treaties do not."""
    states, treaties = _texts()
    words = _words()
    out: dict[str, str] = {}
    for name, concept in _lexicon(language).items():
        for phrase in concept.get("phrases") or ():
            lowered = str(phrase).lower()
            candidates = set(states)
            for word in re.findall(r"\w+", lowered):
                candidates &= words.get(word, frozenset())
            if not candidates:
                continue
            users = [s for s in sorted(candidates) if _uses(states[s], lowered)]
            if len(users) == 1 and not _uses(treaties, lowered):
                out[f"{name}: {phrase}"] = users[0]
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_concept_says_where_its_words_come_from(language):
    missing = [name for name, concept in _lexicon(language).items()
               if not str(concept.get("source", "")).strip()]
    assert not missing, f"{language}: concepts without a source: {missing}"


@pytest.mark.skipif(not POOL.is_dir(), reason="shared/structure-pool is not beside the checkout")
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_new_phrase_from_one_state_only(language):
    debt = (yaml.safe_load(DEBT.read_text(encoding="utf-8")) or {}).get(language) or {}
    found = single_state_phrases(language)
    new = sorted(set(found) - set(debt))
    assert not new, (f"{language}: phrases used by one State's law only (make them a general pattern, or "
                     "find them in a second State's law): " + "; ".join(f"{p} ({found[p]})" for p in new))
    settled = sorted(set(debt) - set(found))
    assert not settled, f"{language}: no longer single-State (or gone): take them off {DEBT.name}: {settled}"
