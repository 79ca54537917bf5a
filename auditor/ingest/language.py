"""Guess a document's language, so that later stages pick the right spaCy pipeline and lexicon.

py3langid ships its model inside the package (nothing is downloaded) and is restricted to the
languages legislation in the corpus is written in; an explicit `--language` or a manifest value always
wins over the guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LETTERS = re.compile(r"[^\W\d_]")
SUPPORTED = ("en", "fr", "es", "nl", "de", "pt", "it")
SAMPLE_CHARS = 6000


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    import py3langid

    py3langid.set_languages(list(SUPPORTED))
    return py3langid


def guess_language(text: str) -> str:
    """ISO 639-1 code of the most likely language, or "und" when there is too little text."""
    sample = _sample(text)
    if len(_LETTERS.findall(sample, 0, 2000)) < 20:
        return "und"
    lang, _score = _identifier().classify(sample)
    return str(lang)


def _sample(text: str) -> str:
    """Text from the start and the middle: title pages are often bilingual or mostly numbers."""
    if len(text) <= SAMPLE_CHARS:
        return text
    half = SAMPLE_CHARS // 2
    mid = len(text) // 2
    return text[:half] + "\n" + text[mid : mid + half]
