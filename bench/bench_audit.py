"""A full audit of each PDF against PDFium's raw text extraction of the same file, in the same run.

The baseline is the cheapest way to get any text out of a PDF: open it with pypdfium2 and call
`get_text_range` on every page. Every PDF of corpus/ and the structure pool's long codes (100 pages
or more) are timed, each the median of `--repeat` runs:

* raw: the baseline in this process; raw cold: the same in a new Python process (a script that
  imports pypdfium2 and extracts every page: start-up included, as a user would time it);
* warm: `audit([FILE])` in this process once the pipelines are loaded (start-up apart);
* cold: `auditor audit FILE --format json` in a new process, start-up included.

Printed: warm / raw, cold / raw cold in wall-clock time and in CPU time (user + system, column
CPU: the figure a machine shared with other work changes least), pages per second (warm) and the
peak memory of the cold process. Barbados's two bills are also timed as the one subject they are.
Scanned PDFs (no text layer) are skipped: their cost is OCR's. Last, the start-up of
`auditor --version` and `auditor segment` on a two-line text file (median of 5 new processes).

With `--before CMD` (an older auditor: a script or a command line, say an `auditor` installed from
an earlier commit in another virtual environment), each cold audit is also timed with it,
alternating run by run with this one so that a busy machine weighs on both alike: columns
"before" and "now/before".

    python bench/bench_audit.py [--repeat 5] [--quick] [--before CMD]
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
POOL = ROOT.parent / "shared" / "structure-pool"
LONG = 100


def raw_pdfium(*paths: Path) -> int:
    """Characters of every page as PDFium gives them: the baseline."""
    chars = 0
    for path in paths:
        pdf = pdfium.PdfDocument(str(path))
        for page in pdf:
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
        pdf.close()
    return chars


def pages(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def median_time(repeat: int, fn: Callable[..., Any], *args: Any) -> float:
    """Median wall-clock seconds of `repeat` calls in this process."""
    walls = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def command() -> list[str]:
    """The installed `auditor` script, as a user runs it (else `python -m auditor`)."""
    script = shutil.which("auditor") or str(Path(sys.executable).with_name("auditor"))
    return [script] if os.path.exists(script) else [sys.executable, "-m", "auditor"]


RAW_SCRIPT = ("import sys, pypdfium2\n"
              "for path in sys.argv[1:]:\n"
              "    pdf = pypdfium2.PdfDocument(path)\n"
              "    for page in pdf:\n"
              "        textpage = page.get_textpage()\n"
              "        textpage.get_text_range()\n"
              "        textpage.close()\n"
              "        page.close()\n"
              "    pdf.close()\n")


#: Runs a command and reports its wall-clock seconds, CPU seconds and peak resident KiB. A small
#: process of its own: on Linux a child started from this large one (pipelines loaded) would
#: inherit its parent's memory high-water mark and report it as its own peak.
PROBE = ("import resource, subprocess, sys, time\n"
         "start = time.perf_counter()\n"
         "quiet = {'stdout': subprocess.DEVNULL, 'stderr': subprocess.DEVNULL}\n"
         "code = subprocess.run(sys.argv[1:], **quiet).returncode\n"
         "wall = time.perf_counter() - start\n"
         "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
         "print(code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)\n")


def cold(args: list[str], program: list[str] | None = None) -> tuple[float, float, float]:
    """Wall-clock seconds, CPU seconds and peak resident MiB of one new `auditor` process (or of
    `program`)."""
    out = subprocess.run([sys.executable, "-c", PROBE, *(program or command()), *args],
                         capture_output=True, text=True, check=True).stdout.split()
    code, wall, cpu, peak = int(out[0]), float(out[1]), float(out[2]), float(out[3])
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed with exit status {code}")
    return wall, cpu, peak / 1024


def summary(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Median wall-clock and CPU seconds of some runs, and their highest peak memory."""
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            max(r[2] for r in runs))


def cold_median(repeat: int, args: list[str], program: list[str] | None = None) -> tuple[float, float, float]:
    return summary([cold(args, program) for _ in range(repeat)])


def cold_pair(repeat: int, args: list[str], before: list[str]) -> tuple[tuple[float, float, float],
                                                                       tuple[float, float, float]]:
    """Medians (wall, CPU, peak) of this auditor and of `before`, their runs alternating."""
    now_runs, before_runs = [], []
    for _ in range(repeat):
        now_runs.append(cold(args))
        before_runs.append(cold(args, before))
    return summary(now_runs), summary(before_runs)


def subjects(quick: bool) -> list[tuple[str, list[Path]]]:
    """(name, PDFs) audited together: Barbados's two bills, then every PDF alone."""
    found = sorted(CORPUS.rglob("*.pdf"))
    if POOL.is_dir():
        found += [p for p in sorted(POOL.glob("*.pdf")) if pages(p) >= LONG]
    if quick:
        found = [p for p in found if pages(p) <= 250]
    bills = sorted((CORPUS / "bb").glob("*.pdf"))
    return [("Barbados, 2 bills (corpus/bb)", bills)] + [(p.name, [p]) for p in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="leave out the PDFs over 250 pages")
    parser.add_argument("--before", help="an older auditor command to time beside this one")
    args = parser.parse_args()
    before = shlex.split(args.before) if args.before else None
    from auditor.audit import audit

    print(f"{'PDF':40} {'pages':>5} {'raw':>5} {'warm':>6} {'warm/raw':>8} {'raw cold':>8} {'cold':>6} "
          f"{'cold/raw cold':>13} {'CPU':>6} {'pages/s':>7} {'peak':>7}"
          + (f" {'before':>6} {'now/before':>10}" if before else ""))
    gains: list[float] = []
    ratios: dict[str, list[float]] = {"long": [], "short": []}
    cpu_ratios: dict[str, list[float]] = {"long": [], "short": []}
    for name, paths in subjects(args.quick):
        n = sum(pages(p) for p in paths)
        chars = raw_pdfium(*paths)
        if chars < 20 * n:
            print(f"{name[:40]:40} {n:5d} skipped: scanned (no text layer), its cost is OCR's")
            continue
        files = [str(p) for p in paths]
        audit(files)  # warm: this language's pipeline, the checklists
        t_raw = median_time(args.repeat, raw_pdfium, *paths)
        t_warm = median_time(args.repeat, audit, files)
        argv = ["audit", *files, "--format", "json", "-o", os.devnull]
        if before:
            (t_cold, c_cold, peak), (t_before, _, _) = cold_pair(args.repeat, argv, before)
        else:
            t_cold, c_cold, peak = cold_median(args.repeat, argv)
        t_rawc, c_rawc, _ = cold_median(args.repeat, files, [sys.executable, "-c", RAW_SCRIPT])
        kind = "long" if n >= LONG else "short"
        if len(paths) == 1:  # the medians are over single PDFs; the Barbados subject is shown only
            ratios[kind].append(t_cold / t_rawc)
            cpu_ratios[kind].append(c_cold / c_rawc)
        print(f"{name[:40]:40} {n:5d} {t_raw:4.2f}s {t_warm:5.2f}s {t_warm / t_raw:7.1f}x {t_rawc:7.2f}s "
              f"{t_cold:5.2f}s {t_cold / t_rawc:12.1f}x {c_cold / c_rawc:5.1f}x {n / t_warm:7.0f} "
              f"{peak:4.0f}MiB" + (f" {t_before:5.2f}s {t_cold / t_before:9.2f}x" if before else ""))
        if before and len(paths) == 1:
            gains.append(t_cold / t_before)
    for kind, values in ratios.items():
        if values:
            print(f"median cold / raw cold, {kind} PDFs ({'100+' if kind == 'long' else 'under 100'} pages): "
                  f"{statistics.median(values):.1f}x wall-clock, "
                  f"{statistics.median(cpu_ratios[kind]):.1f}x CPU, over {len(values)}")
    if gains:
        print(f"median cold now / before: {statistics.median(gains):.2f}x over {len(gains)} PDFs")
    with tempfile.TemporaryDirectory() as folder:
        two_lines = Path(folder) / "two-lines.txt"
        law = (CORPUS / "ca" / "immigration-and-refugee-protection-act.txt").read_text(encoding="utf-8")
        two_lines.write_text("\n".join([line for line in law.splitlines() if line.strip()][:2]) + "\n",
                             encoding="utf-8")
        for label, argv in (("auditor --version", ["--version"]),
                            ("auditor segment (two-line text file)", ["segment", str(two_lines)])):
            t, cpu, peak = cold_median(5, argv)
            print(f"start-up, {label}: {t:.2f} s wall-clock, {cpu:.2f} s CPU (median of 5), "
                  f"peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
