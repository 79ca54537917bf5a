"""Audit a whole corpus: one audit per subject, on local worker processes or a Dask cluster.

Work is one task per subject (a State's documents are audited together, so a subject is the unit of
work). Every output is written atomically as soon as its subject is done, so an interrupted batch
leaves finished subjects complete and nothing half-written; a re-run skips every subject whose
inputs, tool version and checklists are unchanged (a content-hash key stored beside its JSON).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.batch.manifest import SubjectSpec, read_manifest
from auditor.data import checklists_dir
from auditor.fileio import write_atomic

BATCH_SCHEMA = "auditor.batch/1"


@dataclass
class Outcome:
    jurisdiction: str
    status: str  # audited | cached | failed
    seconds: float = 0.0
    pages: int = 0
    documents: int = 0
    errors: int = 0
    message: str = ""
    #: why a subject could not be judged at all ("Czech": every document in a language without a
    #: lexicon; "no document could be read"); "" when it was judged. Never reported as "missing".
    not_assessed: str = ""


@dataclass
class BatchResult:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        done = [o for o in self.outcomes if o.status == "audited"]
        pages = sum(o.pages for o in done)
        rate = f"{pages / self.seconds:.1f} pages/s" if self.seconds > 0 and pages else "no pages read"
        return (f"{len(self.outcomes)} subjects: {len(done)} audited, "
                f"{sum(o.status == 'cached' for o in self.outcomes)} unchanged (cache), "
                f"{sum(o.status == 'failed' for o in self.outcomes)} failed; "
                f"{sum(o.errors for o in self.outcomes)} document(s) not read; "
                f"{self._not_assessed()}; "
                f"{pages} pages in {self.seconds:.1f} s ({rate})")


    def _not_assessed(self) -> str:
        """'2 not assessed (CZ: Czech, GR: Greek)': which subjects could not be judged, and why."""
        skipped = [f"{o.jurisdiction}: {o.not_assessed}" for o in self.outcomes if o.not_assessed]
        return f"{len(skipped)} not assessed" + (f" ({', '.join(skipped)})" if skipped else "")


def _file_hash(path: str) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return "unreadable"
    return digest.hexdigest()


def _checklists_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(checklists_dir().rglob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(spec: SubjectSpec, checklists: tuple[str, ...], limits: str = "") -> str:
    """Everything an audit depends on: tool version, checklists and lexicons, the selection, the
    limits, and each input file's content."""
    parts = [__version__, _checklists_hash(), ",".join(checklists), limits, spec.label,
             *[f"{p}|{lang}|{_file_hash(p)}" for p, lang in zip(spec.paths, spec.languages, strict=True)],
             *[f"{path}|{why}" for path, why in spec.refused]]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def audit_subject(spec: SubjectSpec, checklists: tuple[str, ...], time_limit: float | None,
                  max_pages: int | None = None, max_chars: int | None = None,
                  ocr: str = "auto") -> tuple[dict[str, Any], float]:
    """The task a worker runs: the audit JSON of one subject, with refused manifest rows listed,
    and the seconds it took in the worker."""
    from auditor.audit import audit

    started = time.perf_counter()
    data = audit(spec.paths, jurisdiction=spec.jurisdiction, label=spec.label, checklists=checklists,
                 languages=spec.languages, per_document=time_limit, max_pages=max_pages,
                 max_chars=max_chars, ocr=ocr).data
    for document, title in zip(data["documents"], spec.titles, strict=False):
        if title:  # a manifest names its laws: that title wins over what the file carries
            document["title"] = title
    for path, why in spec.refused:
        data["documents"].append({"path": path, "sha256": "", "title": "", "language": "", "pages": 0,
                                  "provisions": 0})
        data["errors"].append({"document": len(data["documents"]) - 1, "code": "path-outside",
                               "message": f"{path}: {why} (path-outside)"})
    return data, time.perf_counter() - started


class LocalPool:
    """Worker processes on this machine."""

    def __init__(self, jobs: int) -> None:
        self.pool = ProcessPoolExecutor(max_workers=jobs)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        return self.pool.submit(fn, *args)

    def completed(self, futures: list[Any]) -> Iterator[Any]:
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from done

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskPool:
    """An existing Dask distributed cluster (`pip install auditor[dask]`)."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError as error:  # pragma: no cover - depends on the extra
            raise RuntimeError("--scheduler needs Dask: pip install 'auditor[dask]'") from error
        self.client = Client(address)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def completed(self, futures: list[Any]) -> Iterator[Any]:
        from distributed import as_completed

        yield from as_completed(futures)

    def close(self) -> None:
        self.client.close()


def run_batch(folder: str | Path, out: str | Path, *, jobs: int | None = None, scheduler: str | None = None,
              force: bool = False, checklists: tuple[str, ...] = (), time_limit: float | None = 600.0,
              max_pages: int | None = None, max_chars: int | None = None, ocr: str = "auto",
              on_done: Callable[[Outcome], None] | None = None) -> BatchResult:
    from auditor.check.checklist import select
    from auditor.report.html import report_html
    from auditor.report.matrix import matrix_csv, matrix_html, subject_key

    select(checklists)  # an unknown checklist is an error before any work starts
    started = time.perf_counter()
    out = Path(out)
    specs = read_manifest(folder)
    limits = f"{max_pages}|{max_chars}|{time_limit}|{ocr}"
    keys = {s.jurisdiction: cache_key(s, checklists, limits) for s in specs}
    earlier = _earlier_seconds(out)
    result = BatchResult()
    todo: list[SubjectSpec] = []
    for spec in specs:
        stem = subject_key({"subject": {"jurisdiction": spec.jurisdiction, "label": spec.label}})
        key_file, json_file = out / ".cache" / f"{stem}.key", out / f"{stem}.json"
        if not force and json_file.exists() and key_file.exists() and \
                key_file.read_text(encoding="utf-8") == keys[spec.jurisdiction]:
            # the time it took when it was audited, so a regression report can still compare it
            outcome = Outcome(spec.jurisdiction, "cached", earlier.get(spec.jurisdiction, 0.0),
                              documents=len(spec.paths), not_assessed=_not_assessed(json_file))
            result.outcomes.append(outcome)
            if on_done:
                on_done(outcome)
        else:
            todo.append(spec)
    if todo:
        pool: LocalPool | DaskPool = (DaskPool(scheduler) if scheduler
                                      else LocalPool(jobs or os.cpu_count() or 1))
        try:
            futures = {}
            for spec in todo:
                futures[pool.submit(audit_subject, spec, checklists, time_limit, max_pages, max_chars,
                                    ocr)] = spec
            for future in pool.completed(list(futures)):
                spec = futures[future]
                outcome = _finish(future, spec, keys[spec.jurisdiction], out, report_html, subject_key)
                result.outcomes.append(outcome)
                if on_done:
                    on_done(outcome)
        finally:
            pool.close()
    audits = []
    for spec in specs:
        stem = subject_key({"subject": {"jurisdiction": spec.jurisdiction, "label": spec.label}})
        path = out / f"{stem}.json"
        if path.exists():
            audits.append(json.loads(path.read_text(encoding="utf-8")))
    write_atomic(out / "matrix.csv", matrix_csv(audits))
    write_atomic(out / "index.html", matrix_html(audits))
    result.seconds = time.perf_counter() - started
    order = {s.jurisdiction: i for i, s in enumerate(specs)}
    result.outcomes.sort(key=lambda o: order.get(o.jurisdiction, 0))
    write_atomic(out / "batch.json", json.dumps({
        "schema": BATCH_SCHEMA, "tool": {"name": "auditor", "version": __version__},
        "seconds": round(result.seconds, 3),
        "subjects": [o.__dict__ for o in result.outcomes]}, ensure_ascii=False, indent=2) + "\n")
    return result


def _earlier_seconds(out: Path) -> dict[str, float]:
    try:
        batch = json.loads((out / "batch.json").read_text(encoding="utf-8"))
        return {s["jurisdiction"]: float(s["seconds"]) for s in batch.get("subjects", [])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _finish(future: Any, spec: SubjectSpec, key: str, out: Path, report_html: Callable[[dict[str, Any]], str],
            subject_key: Callable[[dict[str, Any]], str]) -> Outcome:
    try:
        data, seconds = future.result()
    except Exception as error:  # a worker that died or a bug: report it, the batch goes on
        return Outcome(spec.jurisdiction, "failed", documents=len(spec.paths),
                       message=f"{type(error).__name__}: {error}")
    stem = subject_key(data)
    write_atomic(out / f"{stem}.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    write_atomic(out / f"{stem}.html", report_html(data))
    write_atomic(out / ".cache" / f"{stem}.key", key)  # last: a subject is cached only once complete
    from auditor.report.matrix import coverage

    return Outcome(spec.jurisdiction, "audited", round(seconds, 3),
                   pages=sum(d.get("pages", 0) for d in data["documents"]), documents=len(data["documents"]),
                   errors=len(data["errors"]), not_assessed=coverage(data).not_assessed)


def _not_assessed(json_file: Path) -> str:
    """The not-assessed reason of a subject audited by an earlier run (its JSON is on disk)."""
    from auditor.report.matrix import coverage

    try:
        return coverage(json.loads(json_file.read_text(encoding="utf-8"))).not_assessed
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return ""
