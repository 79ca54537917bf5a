"""Time of a full audit of each corpus subject, next to ingestion alone, in the same run.

A subject is the `law` rows of corpus/manifest.csv that share a jurisdiction. Pipelines are warmed
first (their load is a one-off cost per process, reported by bench_analyse.py).

    python bench/bench_audit.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import resource
from collections import defaultdict
from pathlib import Path

from timing import best_of

from auditor import load
from auditor.audit import audit
from auditor.errors import InputError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    subjects: dict[str, list[str]] = defaultdict(list)
    with open(CORPUS / "manifest.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["role"] == "law":
                subjects[row["jurisdiction"]].append(str(CORPUS / row["path"]))
    for paths in subjects.values():
        audit(paths)  # warm the pipelines of every language
    print(f"{'subject':8} {'docs':>4} {'chars':>9} {'ingest':>9} {'audit':>9} {'ratio':>6}")
    largest = ("", 0.0, 0)
    for code, paths in subjects.items():
        def ingest(paths: list[str] = paths) -> int:
            total = 0
            for p in paths:
                with contextlib.suppress(InputError):
                    total += len(load(p).text)
            return total

        chars = ingest()
        t_ingest = best_of(args.repeat, ingest)
        t_audit = best_of(args.repeat, audit, paths)
        if chars > largest[2]:
            largest = (code, t_audit, chars)
        print(f"{code:8} {len(paths):4d} {chars:9,d} {t_ingest * 1000:7.0f}ms {t_audit * 1000:7.0f}ms "
              f"{t_audit / t_ingest:5.1f}x")
    print(f"\nlargest subject: {largest[0]} ({largest[2]:,} characters), full audit {largest[1]:.2f} s")
    # peak resident memory of this process over every audit above (pipelines of every language loaded)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
