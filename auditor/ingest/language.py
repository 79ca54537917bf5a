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

Speed: the model ships LZMA-compressed (4.5 MB) and decompressing it cost about half a second on
every start. The first load keeps its arrays, restricted to `CANDIDATES`, uncompressed under the
auditor's cache folder (keyed by the model file and the candidates), and later loads map them from
disk in a few milliseconds; scores are those of the restricted model either way. When the language
is given (`--language`, a manifest), `declared_language` makes the guess return it without
loading the model at all: the given language always wins, so the guess was wasted work.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor.cache import cache_root

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


#: The language the caller gave for the document being read (see `declared_language`).
_DECLARED: ContextVar[str | None] = ContextVar("declared_language", default=None)


@contextlib.contextmanager
def declared_language(language: str | None) -> Iterator[None]:
    """Within the block, `guess_language` answers `language` (when given) without the model: a
    language given by the user or a manifest replaces the guess anyway."""
    token = _DECLARED.set(language or None)
    try:
        yield
    finally:
        _DECLARED.reset(token)


_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _cached_arrays(model: Path) -> dict[str, Any]:
    """The model's arrays restricted to `CANDIDATES`, memory-mapped from the cache folder; made
    there on first use (written in a temporary folder, then renamed, so a reader never sees half)."""
    import numpy as np

    stat = model.stat()
    key = hashlib.sha256(f"{model}|{stat.st_size}|{stat.st_mtime_ns}|{','.join(CANDIDATES)}".encode())
    folder = cache_root() / f"langid-{key.hexdigest()[:16]}"
    if not (folder / "done").exists():
        from py3langid.modelio import load_model

        ptc, pc, classes, nextmove, row, output = load_model(model)
        keep = [i for i, c in enumerate(classes) if c in set(CANDIDATES)]
        arrays = {"ptc": np.ascontiguousarray(np.asarray(ptc)[:, keep]), "pc": np.asarray(pc)[keep],
                  "classes": np.array([classes[i] for i in keep]),
                  "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
                  "nextmove_row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
                  "out_feat": np.asarray(output, dtype=np.int32)}
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".langid-"))
        try:
            for name in _ARRAYS:
                np.save(work / f"{name}.npy", arrays[name], allow_pickle=False)
            (work / "done").write_text("", encoding="utf-8")
            work.rename(folder)
        except OSError:  # another process made it first, or the disk is full: nothing is left behind
            shutil.rmtree(work, ignore_errors=True)
            if not (folder / "done").exists():
                raise
    return {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS}


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    """py3langid's identifier over `CANDIDATES`, from the cache when it can be made or read."""
    from py3langid import langid

    model = langid.MODEL_DIR / langid.MODEL_FILE
    try:
        a = _cached_arrays(model)
        return langid.LanguageIdentifier(a["ptc"], a["pc"], a["classes"].tolist(), a["nextmove"],
                                         a["out_feat"].tolist(), tk_row=a["nextmove_row"].tolist())
    except (OSError, ValueError, KeyError, TypeError, AttributeError, ImportError):
        # an unwritable cache or another py3langid layout: the package's own, slower, load
        identifier = langid.LanguageIdentifier.from_model_file(model)
        identifier.set_languages(list(CANDIDATES))
        return identifier


def guess_language(text: str) -> str:
    """ISO 639-1 code of the most likely language, or "und" when there is too little text (or the
    declared language, see `declared_language`)."""
    given = _DECLARED.get()
    if given:
        return given
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
