"""One spaCy pipeline per language, built without any download.

`spacy.blank(lang)` + sentencizer + lookup lemmatizer over the spacy-lookups-data tables (spaCy's
lookup rule, applied through word hashes: see lemmas.py). Initialising the lookup tables takes
seconds, so the initialised pipeline is saved once to a cache folder and loaded from there
afterwards (spaCy's own advice: initialise, `to_disk`, load). A trained pipeline for the language,
when one is installed, is used instead and named in the report.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from auditor.analyse.lemmas import FACTORY

#: Trained pipelines preferred when installed (never downloaded by the auditor).
TRAINED = {"en": "en_core_web_sm", "fr": "fr_core_news_sm", "es": "es_core_news_sm",
           "nl": "nl_core_news_sm", "de": "de_core_news_sm", "pt": "pt_core_news_sm",
           "it": "it_core_news_sm"}
#: Components of a trained pipeline the auditor does not use; disabling them keeps it fast.
UNUSED = ("ner", "parser", "textcat")


def cache_dir() -> Path:
    root = os.environ.get("AUDITOR_CACHE") or os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(root).expanduser() / "auditor"


@cache
def get_pipeline(language: str) -> tuple[Language, str]:
    """(nlp, description) for an ISO 639-1 code; unknown languages fall back to English rules."""
    trained = TRAINED.get(language)
    if trained and spacy.util.is_package(trained):
        nlp = spacy.load(trained, exclude=list(UNUSED))
        if "senter" in nlp.pipe_names:
            nlp.enable_pipe("senter")
        elif "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return _split_dashes(nlp), f"{trained} {nlp.meta.get('version', '')}".strip()
    lang = language if language in TRAINED else "en"
    description = (f"spacy.blank('{lang}') + sentencizer + lookup lemmatizer "
                   f"(spaCy {spacy.__version__}, spacy-lookups-data)")
    return _split_dashes(_blank(lang)), description


def _split_dashes(nlp: Language) -> Language:
    """Split at em and en dashes, with the stop before them: Commonwealth headings run into their
    text ("Presumption in case of child victim.—Where the victim is a child", "persons—(1) Any
    person"), and spaCy's rules would keep "victim.—Where" as one token, hiding both words."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"[.,:;]?[—–]+"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def cached_folder(lang: str) -> Path:
    """Where the initialised blank pipeline of `lang` is kept (by spaCy's and the tables' versions)."""
    import spacy_lookups_data

    version = getattr(spacy_lookups_data, "__version__", "0")
    return cache_dir() / f"spacy-{lang}-{spacy.__version__}-lookups-{version}-hash2"


def _blank(lang: str) -> Language:
    folder = cached_folder(lang)
    if (folder / "config.cfg").exists():
        try:
            # The tokenizer is the language's default, never changed before it was saved: built
            # from the language's defaults as the pipeline is made, it is the same (byte for byte,
            # tests/test_analyse.py), and reading it from disk again added its 1,300 exceptions a
            # second time (English: 0.22 -> 0.15 s in a new process; French and Spanish spend
            # theirs importing spaCy's language module, which this does not change).
            return spacy.load(folder, exclude=["tokenizer"])
        except Exception:  # a damaged cache is rebuilt, never trusted
            shutil.rmtree(folder, ignore_errors=True)
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(FACTORY)
    nlp.initialize()
    _save(nlp, folder)
    return nlp


def _save(nlp: Language, folder: Path) -> None:
    """Write the initialised pipeline atomically; a read-only home just means no cache."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=folder.parent))
    except OSError:
        return
    try:
        nlp.to_disk(tmp)
        os.replace(tmp, folder)
    except OSError:  # another process finished first, or the disk is read-only
        shutil.rmtree(tmp, ignore_errors=True)
