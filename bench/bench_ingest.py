"""Ingestion and segmentation speed against a baseline measured in the same run.

Baseline: PDFium's raw text extraction (pypdfium2: open the file, `get_text_range` on every page),
the cheapest way to get any text out of a PDF. Our PDF path reads the same characters plus their
positions, rebuilds the reading order and drops running lines, so the ratio shows what layout costs.
For text formats the baseline is reading and decoding the file.

    python bench/bench_ingest.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pypdfium2 as pdfium
from timing import best_of

from auditor import load
from auditor.errors import InputError
from auditor.structure import segment

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def raw_pdfium(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    chars = 0
    for page in pdf:
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
    return chars


def raw_text(path: Path) -> int:
    return len(path.read_bytes().decode("utf-8", errors="replace"))



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    load(CORPUS / "un/smuggling-of-migrants-protocol-2000.txt")  # warm the language model
    with open(CORPUS / "manifest.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    totals = {"pdf": [0.0, 0.0, 0.0, 0], "text": [0.0, 0.0, 0.0, 0]}
    print(f"{'file':58} {'pages':>5} {'baseline':>9} {'ingest':>9} {'+segment':>9} {'ratio':>6}")
    for row in rows:
        path = CORPUS / row["path"]
        kind = "pdf" if path.suffix == ".pdf" else "text"
        try:
            doc = load(path)
        except InputError as error:
            print(f"{row['path']:58} skipped: {error.code}")
            continue
        base = best_of(args.repeat, raw_pdfium if kind == "pdf" else raw_text, path)
        ingest = best_of(args.repeat, load, path)
        full = best_of(args.repeat, lambda p: segment(load(p)), path)
        pages = doc.meta.pages
        t = totals[kind]
        t[0] += base
        t[1] += ingest
        t[2] += full
        t[3] += pages
        print(f"{row['path']:58} {pages:5d} {base * 1000:8.1f}ms {ingest * 1000:8.1f}ms "
              f"{full * 1000:8.1f}ms {full / base:6.1f}x")
    for kind, (base, ingest, full, pages) in totals.items():
        if not pages:
            continue
        print(f"\n{kind}: {pages} pages; baseline {pages / base:,.0f} pages/s; ingest {pages / ingest:,.0f} "
              f"pages/s; ingest+segment {pages / full:,.0f} pages/s; ratio to baseline "
              f"{ingest / base:.2f}x (ingest), {full / base:.2f}x (ingest+segment)")


if __name__ == "__main__":
    main()
