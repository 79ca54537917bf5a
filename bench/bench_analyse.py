"""Analysis throughput against spaCy's bare tokenizer over the same texts, in the same run.

For every corpus law: segment once (not timed), then time (a) `spacy.blank(lang)` tokenizing the
same section-sized pieces the analyser feeds spaCy, and (b) the whole analyse stage (pipeline,
concept matchers, definitions, references, offences, exemptions). Pipelines are loaded before
timing: loading is a one-off cost per process (see the note printed at the end).

    python bench/bench_analyse.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import spacy
from timing import best_of

from auditor import segment
from auditor.analyse import analyse
from auditor.analyse.locate import chunks
from auditor.analyse.pipeline import get_pipeline
from auditor.errors import InputError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with open(CORPUS / "manifest.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["role"] in ("law", "parallel")]
    loads: dict[str, float] = {}
    total_chars = total_tok = total_full = 0.0
    print(f"{'file':55} {'chars':>9} {'tokenizer':>10} {'analyse':>10} {'ratio':>6}")
    for row in rows:
        try:
            law = segment(CORPUS / row["path"])
        except InputError as error:
            print(f"{row['path']:55} skipped: {error.code}")
            continue
        lang = law.document.meta.language
        if lang not in loads:
            started = time.perf_counter()
            get_pipeline(lang)
            analyse(law)  # compiles the lexicon matchers
            loads[lang] = time.perf_counter() - started
        blank = spacy.blank(lang if lang in ("en", "fr", "es", "nl", "de") else "en")
        text = law.document.text
        pieces = [text[s:e] for s, e in chunks(law)]
        tok = best_of(args.repeat, lambda: list(blank.pipe(pieces, batch_size=64)))  # noqa: B023
        full = best_of(args.repeat, lambda: analyse(law))  # noqa: B023
        chars = len(text)
        total_chars += chars
        total_tok += tok
        total_full += full
        print(f"{row['path']:55} {chars:9,d} {tok * 1000:8.1f}ms {full * 1000:8.1f}ms {full / tok:6.2f}x")
    print(f"\nall: {total_chars:,.0f} characters; bare tokenizer {total_chars / total_tok:,.0f} chars/s; "
          f"analyse {total_chars / total_full:,.0f} chars/s; ratio {total_full / total_tok:.2f}x")
    print("one-off pipeline load + matcher compile per process: "
          + ", ".join(f"{lang} {seconds:.1f}s" for lang, seconds in loads.items()))


if __name__ == "__main__":
    main()
