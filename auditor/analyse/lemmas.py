"""spaCy's lookup lemmatizer, vectorised.

Same data (the `lemma_lookup` table of spacy-lookups-data) and the same rule (a word's written
form looked up as it is, unknown words are their own lemma) as spaCy's `lemmatizer` in `lookup`
mode, but applied to the whole document at once through word hashes instead of building a Token
object per word: on a 300,000-character act this is the difference between the lemmatizer costing
more than tokenisation and costing a fraction of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy
import srsly
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

FACTORY = "auditor_lookup_lemmatizer"


class HashLemmatizer:
    def __init__(self, vocab: Vocab, name: str = FACTORY) -> None:
        self.vocab = vocab
        self.name = name
        self.table: dict[int, int] = {}

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        from spacy.lookups import load_lookups

        lang = nlp.lang if nlp is not None else "en"
        table = load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup")
        # Some tables list several lemmas for a form; spaCy's lookup mode takes the first.
        self._fill({int(key): str(value[0] if isinstance(value, list) else value)
                    for key, value in table.items() if value})

    def _fill(self, entries: dict[int, str]) -> None:
        add = self.vocab.strings.add
        self.table = {key: add(value) for key, value in entries.items()}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self.table:
            return doc
        orths = doc.to_array(ORTH).tolist()
        get = self.table.get
        lemmas = numpy.fromiter((get(o, o) for o in orths), dtype=numpy.uint64, count=len(orths))
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    # -- serialisation: the pipeline is initialised once and saved (see pipeline.py) --------

    def _entries(self) -> dict[int, str]:
        strings = self.vocab.strings
        return {key: strings[value] for key, value in self.table.items()}

    def to_bytes(self, *, exclude: tuple[str, ...] = ()) -> bytes:
        return srsly.msgpack_dumps(self._entries())

    def from_bytes(self, data: bytes, *, exclude: tuple[str, ...] = ()) -> HashLemmatizer:
        self._fill({int(k): v for k, v in srsly.msgpack_loads(data).items()})
        return self

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "table.msgpack").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> HashLemmatizer:
        return self.from_bytes((Path(path) / "table.msgpack").read_bytes())


@Language.factory(FACTORY)
def make_hash_lemmatizer(nlp: Language, name: str) -> HashLemmatizer:
    return HashLemmatizer(nlp.vocab, name)
