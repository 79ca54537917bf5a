"""Guess a document's language, so that later stages pick the right spaCy pipeline and lexicon, and
so that a law in a language the auditor has no lexicon for is recognised as such instead of being
read with the English one.

py3langid ships its model inside the package (nothing is downloaded). It is restricted to the
languages of Europe and the Americas that legislation is published in, not only to the ones the
auditor reads: a guess limited to English, French and Spanish would call a Czech or Greek law
"English" and the audit would then report 45 silences that are only the tool's. An explicit
`--language` or a manifest value always wins over the guess.

A text with too few letters (a page number, a table of figures) cannot be told apart; it is
"und" (undetermined) and read as English (`DEFAULT`). A short text (fewer than `CONFIDENT_LETTERS`
letters) is only given one of the languages the auditor reads: on a few words the model's second
choices are noise, and refusing a short English schedule as "Irish" would lose it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LETTERS = re.compile(r"[^\W\d_]")

#: Languages with a concept lexicon (checklists/lexicons/<code>.yaml): the ones the auditor reads.
READ = ("en", "fr", "es")
#: What a text with too few letters is read as.
DEFAULT = "en"
#: Every language the guess may name: the ones read, and those of laws it must recognise as not read.
CANDIDATES = (*READ, "nl", "de", "pt", "it", "ca", "gl", "eu", "cs", "sk", "pl", "sl", "hr", "sr", "bs",
              "bg", "mk", "ro", "hu", "el", "et", "lv", "lt", "fi", "sv", "da", "no", "is", "ga", "mt",
              "sq", "tr", "ru", "uk", "be")
NAMES = {
    "en": "English", "fr": "French", "es": "Spanish", "nl": "Dutch", "de": "German", "pt": "Portuguese",
    "it": "Italian", "ca": "Catalan", "gl": "Galician", "eu": "Basque", "cs": "Czech", "sk": "Slovak",
    "pl": "Polish", "sl": "Slovenian", "hr": "Croatian", "sr": "Serbian", "bs": "Bosnian",
    "bg": "Bulgarian", "mk": "Macedonian", "ro": "Romanian", "hu": "Hungarian", "el": "Greek",
    "et": "Estonian", "lv": "Latvian", "lt": "Lithuanian", "fi": "Finnish", "sv": "Swedish",
    "da": "Danish", "no": "Norwegian", "is": "Icelandic", "ga": "Irish", "mt": "Maltese",
    "sq": "Albanian", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "be": "Belarusian",
    "und": "an undetermined language",
}
MIN_LETTERS = 20
CONFIDENT_LETTERS = 100
SAMPLE_CHARS = 6000


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    import py3langid

    py3langid.set_languages(list(CANDIDATES))
    return py3langid


def guess_language(text: str) -> str:
    """ISO 639-1 code of the most likely language, or "und" when there is too little text."""
    sample = _sample(text)
    letters = len(_LETTERS.findall(sample))
    if letters < MIN_LETTERS:
        return "und"
    ranked = _identifier().rank(sample)
    if letters < CONFIDENT_LETTERS:
        return next(str(lang) for lang, _score in ranked if lang in READ)
    return str(ranked[0][0])


def normalise(code: str) -> str:
    """'es' for 'ES', 'es-MX' or 'es_MX': manifests and options name languages in several ways."""
    return code.strip().lower().replace("_", "-").split("-")[0]


def is_read(language: str) -> bool:
    """Whether the auditor has a lexicon for `language` ("und" is read as `DEFAULT`)."""
    return language in READ or language == "und"


def language_name(code: str) -> str:
    """'Dutch' for 'nl'; an unknown code is shown as itself."""
    return NAMES.get(code, code)


def read_languages() -> str:
    """'English, French and Spanish': the languages the auditor reads, for messages."""
    names = [language_name(c) for c in READ]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _sample(text: str) -> str:
    """Text from the start and the middle: title pages are often bilingual or mostly numbers."""
    if len(text) <= SAMPLE_CHARS:
        return text
    half = SAMPLE_CHARS // 2
    mid = len(text) // 2
    return text[:half] + "\n" + text[mid : mid + half]
