"""Label-free structure check over a pool of laws from many publishers.

No verdicts and no expert labels: each measure is something a correct segmentation must show on
any law, so a failure points at the segmenter, not at a reader's opinion.

* sections: section-level provisions of the law itself (not text quoted in an amendment);
* gaps: sections the segmenter missed: the next section's whole number jumps by more than one and
  the skipped number is printed at the start of a line in between; jumps: every such jump, missed
  or not (a consolidation that drops repealed sections has honest ones);
* rejected: lines numbered like sections but out of sequence, kept as text;
* toc: tables of contents recognised (kept out of the tree as a `toc` node); toc_body: sections
  with no text of their own beyond a heading, the mark of an arrangement of sections read as body;
* body%: share of the text (non-blank characters after the first section) inside sections;
* inserted: section-level provisions recognised as inserted into another law (amendments);
* repealed: whole sections and articles of a law the document repeals (`Law.repeals`);
* title: the title the document carries into every citation.

    python bench/bench_structure.py [--pool ../shared/structure-pool] [--cache /tmp/pool-docs]
        [--only PATTERN] [--csv out.csv]

Documents are read once and cached with pickle (keyed by file size and mtime, and by the content
of the reading code, `auditor/ingest/`, so a change to a title or layout rule is never measured on
documents read before it) because PDF reading, not segmentation, is the slow part; the segmenter is
run afresh every time.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import pickle
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from auditor import load
from auditor.errors import InputError
from auditor.ingest.document import Document
from auditor.structure import Law, segment
from auditor.structure.labels import number_key

ROOT = Path(__file__).resolve().parent.parent
POOL = ROOT.parent / "shared" / "structure-pool"
_REJECTED = re.compile(r"(\d+) line\(s\) that look like section numbers are out of sequence")


@dataclass(frozen=True)
class Row:
    file: str
    scheme: str
    sections: int
    gaps: int
    jumps: int
    rejected: int
    toc: int
    toc_body: int
    body: float
    inserted: int
    title: str
    error: str = ""
    repealed: int = 0

    @property
    def clean(self) -> bool:
        """No numbering gap and no numbered line left out of sequence."""
        return not self.error and self.gaps == 0 and self.rejected == 0


@functools.cache
def _reader_hash() -> str:
    """sha1 over the reading code (every file of auditor/ingest/): part of each cached document's key."""
    digest = hashlib.sha1()
    for source in sorted((Path(__file__).resolve().parent.parent / "auditor" / "ingest").rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def read(path: Path, cache: Path | None) -> Document:
    """The document of `path`, from the cache when the file has not changed since."""
    if cache is None:
        return load(path, ocr="never")
    stat = path.stat()
    identity = f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}:{_reader_hash()}"
    key = hashlib.sha1(identity.encode()).hexdigest()[:16]
    cached = cache / f"{key}.pickle"
    if cached.exists():
        with open(cached, "rb") as handle:
            document: Document = pickle.load(handle)
        return document
    document = load(path, ocr="never")
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp")
    with open(tmp, "wb") as handle:
        pickle.dump(document, handle)
    tmp.replace(cached)
    return document


def gaps(law: Law) -> tuple[int, int]:
    """(missed, jumps) over consecutive sections of the law itself.

    A jump is a whole number more than one past the last; a consolidation that leaves out repealed
    sections has honest jumps. A jump is a *missed* section when the skipped number is printed at
    the start of a line between the two (after at most three words of a marginal note, perhaps
    after "Article"/"Art."/"Section"/"§"): a provision that is in the text but not in the tree.
    Numbering starts afresh in a schedule, so a step back is no jump."""
    text = law.document.text
    missed = jumps = 0
    previous: tuple[int, int] | None = None
    for section in law.sections(inserted=False):
        if not section.number[:1].isdigit():
            previous = None
            continue
        whole = number_key(section.number)[0]
        if previous is not None and whole > previous[0] + 1:
            jumps += 1
            skipped = re.compile(
                rf"(?m)^(?:\**[A-Za-z][\w,]*[ \t]){{0,3}}\**(?:Article|ARTICLE|Art\.|ART\.|Artículo|ARTÍCULO"
                rf"|Section|SECTION|Sec\.|§)?[ \t]*{previous[0] + 1}(?:[.°º:]|[ \t]*[-–—.]|[ \t]+[A-Z(])")
            if skipped.search(text, previous[1], section.start):
                missed += 1
        previous = (whole, section.start)
    return missed, jumps


def empty_sections(law: Law) -> int:
    """Sections with no words of their own beyond their label and heading."""
    text = law.document.text
    count = 0
    for section in law.sections(inserted=False):
        body = text[section.start:section.end]
        for part in (section.label, section.heading):
            body = body.replace(part, "", 1) if part else body
        if len(re.findall(r"\w{2,}", body)) < 2:
            count += 1
    return count


def body_share(law: Law) -> float:
    """Non-blank characters from the first section on that lie inside a section."""
    sections = law.sections(inserted=False)
    if not sections:
        return 0.0
    text = law.document.text
    first = sections[0].start
    covered = [False] * (len(text) - first)
    for section in sections:
        for i in range(section.start - first, section.end - first):
            covered[i] = True
    total = inside = 0
    for i, ch in enumerate(text[first:]):
        if not ch.isspace():
            total += 1
            inside += covered[i]
    return inside / total if total else 0.0


def measure(path: Path, cache: Path | None) -> Row:
    try:
        document = read(path, cache)
    except InputError as error:
        return Row(path.name, "-", 0, 0, 0, 0, 0, 0, 0.0, 0, "", error=error.code)
    law = segment(document)
    rejected = sum(int(m.group(1)) for w in law.warnings if (m := _REJECTED.search(w)))
    missed, jumps = gaps(law)
    return Row(
        file=path.name,
        scheme=law.scheme,
        sections=len(law.sections(inserted=False)),
        gaps=missed,
        jumps=jumps,
        rejected=rejected,
        toc=sum(1 for p in law.provisions() if p.kind == "toc"),
        toc_body=empty_sections(law),
        body=body_share(law),
        inserted=len(law.sections(inserted=True)),
        title=document.meta.title,
        repealed=len(law.repeals),
    )


def pool_files(pool: Path, only: str | None) -> list[Path]:
    files = sorted(p for p in pool.iterdir() if p.is_file() and p.name not in ("README.md", "SOURCES.tsv"))
    return [p for p in files if not only or re.search(only, p.name)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", type=Path, default=POOL)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/auditor-structure-pool-cache"))
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--only", help="regular expression on file names")
    parser.add_argument("--csv", type=Path, help="also write the rows as CSV")
    args = parser.parse_args()
    if not args.pool.is_dir():
        sys.exit(f"no structure pool at {args.pool}")
    cache = None if args.no_cache else args.cache
    rows = [measure(path, cache) for path in pool_files(args.pool, args.only)]
    header = (f"{'file':58} {'scheme':9} {'sect':>5} {'gaps':>4} {'jump':>4} {'rej':>4} {'toc':>3} "
              f"{'empty':>5} {'body%':>5} {'ins':>4} {'rep':>3}  title")
    print(header)
    for row in rows:
        if row.error:
            print(f"{row.file:58} refused: {row.error}")
            continue
        print(f"{row.file[:58]:58} {row.scheme:9} {row.sections:5} {row.gaps:4} {row.jumps:4} "
              f"{row.rejected:4} {row.toc:3} {row.toc_body:5} {100 * row.body:5.1f} {row.inserted:4} "
              f"{row.repealed:3}  "
              f"{row.title[:70]}")
    read_rows = [r for r in rows if not r.error]
    n = len(read_rows)
    print()
    print(f"files {len(rows)}, read {n}, refused {len(rows) - n}")
    if n:
        print(f"clean (no gap, nothing out of sequence): {sum(r.clean for r in read_rows)}/{n} "
              f"({100 * sum(r.clean for r in read_rows) / n:.1f}%)")
        print(f"no numbering recognised: {sum(r.scheme in ('none', 'headed') for r in read_rows)}")
        print(f"sections {sum(r.sections for r in read_rows)}, gaps (missed sections) "
              f"{sum(r.gaps for r in read_rows)}, jumps {sum(r.jumps for r in read_rows)}, "
              f"rejected {sum(r.rejected for r in read_rows)}, empty sections "
              f"{sum(r.toc_body for r in read_rows)}")
        print(f"tables of contents recognised {sum(r.toc for r in read_rows)} "
              f"(in {sum(r.toc > 0 for r in read_rows)} files); inserted sections "
              f"{sum(r.inserted for r in read_rows)} (in {sum(r.inserted > 0 for r in read_rows)} files)")
        print(f"repealed sections {sum(r.repealed for r in read_rows)} "
              f"(in {sum(r.repealed > 0 for r in read_rows)} files)")
        print(f"mean body share {100 * sum(r.body for r in read_rows) / n:.1f}%")
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["file", "scheme", "sections", "gaps", "jumps", "rejected", "toc", "empty",
                             "body", "inserted", "title", "error", "repealed"])
            for r in rows:
                writer.writerow([r.file, r.scheme, r.sections, r.gaps, r.jumps, r.rejected, r.toc, r.toc_body,
                                 f"{r.body:.3f}", r.inserted, r.title, r.error, r.repealed])


if __name__ == "__main__":
    main()
