"""Throughput of a whole-corpus batch at 1 and 2 worker processes, peak memory per worker, the cost
of a re-run with a warm cache, and a projection to 10,000 laws. The workers' CPU seconds are printed
beside the wall-clock times: on a shared machine they are the figure that load does not change.

    python bench/bench_batch.py

Each run starts cold (new worker processes, so every worker pays its one-off pipeline load, as a
real batch does). The baseline measured in the same run is ingestion alone (load + segment, one
process) of the same documents: the batch's ratio to it says what analysis and judging cost.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor import load, segment  # noqa: E402
from auditor.batch import read_manifest, run_batch  # noqa: E402
from auditor.ingest.language import is_read  # noqa: E402


def _children_cpu() -> float:
    """User + system CPU seconds of the finished child processes (the batch's workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    corpus = ROOT / "corpus"
    specs = read_manifest(corpus)
    paths = [p for s in specs for p in s.paths]
    # documents in a language without a lexicon are read (to name their language) but not audited
    read = {p for s in specs for p, lang in zip(s.paths, s.languages, strict=True) if is_read(lang or "und")}
    assessed = [s for s in specs if any(p in read for p in s.paths)]
    started = time.perf_counter()
    pages = chars = audited_chars = 0
    for path in paths:
        document = load(path)
        segment(document)
        pages += document.meta.pages
        chars += len(document.text)
        audited_chars += len(document.text) if path in read else 0
    ingest = time.perf_counter() - started
    print(f"corpus: {len(specs)} subjects, {len(paths)} documents, {pages} pages, {chars:,} characters")
    print(f"audited: {len(assessed)} subjects, {len(read)} documents, {audited_chars:,} characters "
          f"(the others are in languages without a lexicon: not assessed)")
    print(f"baseline, ingestion alone (1 process): {ingest:.2f} s")
    print()
    print(f"{'jobs':>4} {'seconds':>8} {'pages/s':>8} {'chars/s':>10} {'subjects/min':>13} {'vs ingest':>9} "
          f"{'CPU s':>7}")
    measured = {}
    for jobs in (1, 2):
        with tempfile.TemporaryDirectory() as out:
            before = _children_cpu()
            result = run_batch(corpus, out, jobs=jobs, force=True)
            cpu = _children_cpu() - before  # the workers' CPU time: what a busy machine does not change
            seconds = result.seconds
            measured[jobs] = seconds
            print(f"{jobs:>4} {seconds:>8.2f} {pages / seconds:>8.1f} {chars / seconds:>10,.0f} "
                  f"{len(specs) / seconds * 60:>13.1f} {seconds / ingest:>8.1f}x {cpu:>7.1f}")
            if jobs == 2:
                warm = run_batch(corpus, out, jobs=jobs).seconds
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    print()
    share = warm / measured[2] * 100
    print(f"re-run with a warm cache (nothing changed): {warm:.2f} s ({share:.0f}% of a cold run)")
    print(f"peak memory of the largest worker process: {peak:.0f} MiB")
    # projection: a batch of thousands of laws runs at the steady rate of a worker whose pipelines
    # are loaded (the one-off loads, 2-8 s per language per worker, dominate a 7-subject corpus);
    # that rate is measured here, in this process, after a warm-up
    from auditor.audit import audit

    for spec in assessed:
        audit(spec.paths[:1], languages=spec.languages[:1])  # load every language's pipeline
    started, cpu_started = time.perf_counter(), time.process_time()
    for spec in assessed:
        audit(spec.paths, languages=spec.languages)
    steady = audited_chars / (time.perf_counter() - started)
    steady_cpu = audited_chars / (time.process_time() - cpu_started)
    print(f"steady rate per CPU second (load-independent): {steady_cpu:,.0f} characters")
    mean_chars = audited_chars / len(read)
    print(f"steady rate of one worker with pipelines loaded: {steady:,.0f} characters/s")
    # parallel efficiency as measured from 1 to 2 jobs (conservative: it includes the loads)
    efficiency = min(1.0, measured[1] / measured[2] / 2)
    print(f"parallel efficiency at 2 jobs: {efficiency:.2f}")
    for cores in (2, 16, 64):
        hours = 10_000 * mean_chars / (steady * cores * efficiency) / 3600
        print(f"projection: 10,000 laws of {mean_chars:,.0f} characters on {cores} cores: {hours:.2f} h")
    cpu_hours = 10_000 * mean_chars / steady_cpu / 3600
    print(f"projection from CPU time: 10,000 laws need {cpu_hours:.2f} CPU-hours "
          f"({cpu_hours / 2:.2f} h on 2 idle cores, {cpu_hours / 16:.2f} h on 16)")

if __name__ == "__main__":
    main()
