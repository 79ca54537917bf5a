"""Audit a subject (one or more documents of one State's law) against the checklists.

Produces the audit JSON of the contract (`auditor.audit/1`, shared/DESIGN.md). A document that
cannot be read is listed with its error and the others are still audited; only when nothing can be
read does the caller get no findings at all. A document in a language the auditor has no lexicon
for is one that cannot be read (`unsupported-language`): judging it with another language's lexicon
would report as silences of the law what are only the tool's.
"""

from __future__ import annotations

import hashlib
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor import __version__
from auditor.analyse import AnnotatedLaw
from auditor.check.checklist import select
from auditor.check.engine import Evidence, Finding, PartResult, Subject, evaluate
from auditor.errors import InputError
from auditor.ingest import Document, load
from auditor.ingest.language import DEFAULT, is_read, language_name, normalise, read_languages
from auditor.structure import segment
from auditor.structure.provision import Law

if TYPE_CHECKING:
    from auditor.readahead import ReadAhead

SCHEMA = "auditor.audit/1"
STATUSES = ("satisfied", "deviation", "missing", "needs_review", "not_applicable")


@dataclass
class AuditResult:
    data: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    laws: list[AnnotatedLaw] = field(default_factory=list)

    @property
    def audited(self) -> bool:
        return bool(self.laws)


@contextmanager
def time_limit(seconds: float | None, path: str) -> Iterator[None]:
    """Raise InputError("time-limit") if the block runs longer than `seconds`.

    Uses a real-time interval timer, so it works only in a process's main thread on a POSIX system
    (a batch worker process); elsewhere (threads of a Dask worker, Windows) it does nothing and the
    scheduler's own timeouts apply.
    """
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise InputError("time-limit", path, f"not finished after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _sha256(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


UNDETERMINED_NOTE = (f"too little text to tell its language; read as {language_name(DEFAULT)} "
                     f"(give --language or the manifest's language to choose another)")


class UnsupportedLanguage(InputError):
    """A document in a language the auditor has no lexicon for. Reading it with another language's
    lexicon would turn every item into a silence of the law that is only the tool's, so it is not
    audited: it is listed in `errors` (`unsupported-language`) and never judged."""

    def __init__(self, document: Document, language: str, declared: bool) -> None:
        how = "as declared" if declared else "guessed from its text"
        super().__init__("unsupported-language", document.meta.path,
                         f"written in {language_name(language)} ({language}, {how}); "
                         f"the auditor reads {read_languages()}")
        self.document = document
        self.language = language
        self.declared = declared


def _language_gate(document: Document, declared: str | None) -> None:
    """Raise `UnsupportedLanguage` unless the document's language (the declared one, else the
    guess) is one the auditor has a lexicon for."""
    language = declared or document.meta.language
    if not is_read(language):
        raise UnsupportedLanguage(document, language, bool(declared))


def audit(paths: Sequence[str], *, jurisdiction: str = "", label: str = "",
          checklists: Sequence[str] = (), language: str | None = None,
          languages: Sequence[str | None] | None = None,
          progress: Callable[[str], None] | None = None,
          per_document: float | None = None, max_pages: int | None = None,
          max_chars: int | None = None, ocr: str = "auto", read_ahead: bool = False) -> AuditResult:
    """Audit the documents of one subject. `progress`, if given, is called with each document's
    path once it has been read and analysed (a progress bar's hook); `per_document` is a time limit
    in seconds for reading and analysing one document (a document over it is reported as
    `time-limit` in `errors`, and the others are audited); `max_pages` and `max_chars` bound one
    document's size (`too-large`). `languages` gives each document its own
    language (a corpus manifest's column), `language` one for all. `read_ahead` reads and
    segments the documents in a second process while this one loads the language pipelines
    (`auditor.readahead`: a fresh process's start-up overlapped with reading; same result), where
    that can gain anything and no time limit is set."""
    chosen = select(tuple(checklists))
    documents: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    laws: list[AnnotatedLaw] = []
    index_of_law: list[int] = []
    langs = [(languages[index] if languages and index < len(languages) else None) or language
             for index in range(len(paths))]
    langs = [normalise(lang) if lang and lang.strip() else None for lang in langs]
    jobs = [(str(path), lang, max_pages, max_chars, ocr) for path, lang in zip(paths, langs, strict=True)]
    ahead = None
    try:
        if read_ahead and paths and not per_document:
            from auditor import readahead

            if readahead.usable():
                ahead = readahead.ReadAhead(read_law, jobs)
                from auditor.analyse import warm  # spaCy is imported here, while the worker reads

                expected = (langs[0] or ahead.language_if_read(0)
                            or readahead.expected_language(str(paths[0])))
                if expected:
                    warm(expected)
        _read_all(paths, langs, jobs, ahead, per_document, progress, documents, errors, laws, index_of_law)
    finally:
        if ahead is not None:
            ahead.close()
    findings: list[Finding] = []
    if laws:
        subject = Subject(laws, jurisdiction)
        for checklist in chosen:
            findings.extend(evaluate(item, subject) for item in checklist.items)
    data = {
        "schema": SCHEMA,
        "tool": {"name": "auditor", "version": __version__},
        "subject": {"jurisdiction": jurisdiction, "label": label},
        "documents": documents,
        "checklists": [{"id": c.id, "title": c.title, "version": c.version} for c in chosen],
        "findings": [_finding_json(f, index_of_law) for f in findings],
        "summary": {s: sum(1 for f in findings if f.status == s) for s in STATUSES},
        "errors": errors,
    }
    return AuditResult(data=data, findings=findings, laws=laws)


def analyse(law: Law, *, language: str | None = None) -> AnnotatedLaw:
    """`auditor.analyse.analyse`, imported on first use: spaCy comes with it (see `read_ahead`)."""
    from auditor.analyse import analyse as annotate

    return annotate(law, language=language)


def read_law(path: str, language: str | None, max_pages: int | None, max_chars: int | None,
             ocr: str) -> Law:
    """Read and segment one document: the part of an audit that needs no language pipeline (and so
    can run in another process, `auditor.readahead`)."""
    document = load(path, language=language, max_pages=max_pages, max_chars=max_chars, ocr=ocr)
    _language_gate(document, language)
    try:
        return segment(document)
    except MemoryError:
        raise InputError("too-large", path, "ran out of memory while analysing it") from None


def _read_all(paths: Sequence[str], langs: list[str | None], jobs: list[tuple[Any, ...]],
              ahead: ReadAhead | None, per_document: float | None, progress: Callable[[str], None] | None,
              documents: list[dict[str, Any]], errors: list[dict[str, Any]], laws: list[AnnotatedLaw],
              index_of_law: list[int]) -> None:
    """Read and analyse each document in turn, listing it (and its error, if it has one)."""
    for index, path in enumerate(paths):
        lang = langs[index]
        try:
            with time_limit(per_document, str(path)):
                law = ahead.law(index) if ahead is not None else read_law(*jobs[index])
                try:
                    annotated = analyse(law, language=lang)
                except MemoryError:
                    # reading bounds every input, but a law can still be too large to analyse on this
                    # machine: say so, and go on with the subject's other documents
                    raise InputError("too-large", str(path),
                                     "ran out of memory while analysing it") from None
        except UnsupportedLanguage as error:
            meta = error.document.meta
            documents.append({"path": str(path), "sha256": meta.sha256, "title": meta.title,
                              "language": error.language, "pages": meta.pages, "provisions": 0,
                              "format": meta.format})
            errors.append(error.to_json(index))
            if progress is not None:
                progress(str(path))
            continue
        except InputError as error:
            documents.append({"path": str(path), "sha256": _sha256(str(path)), "title": "",
                              "language": "", "pages": 0, "provisions": 0})
            errors.append(error.to_json(index))
            if progress is not None:
                progress(str(path))
            continue
        meta = law.document.meta
        entry = {"path": str(path), "sha256": meta.sha256, "title": meta.title,
                 "language": annotated.language, "pages": meta.pages,
                 "provisions": sum(1 for _ in law.provisions()),
                 "format": meta.format, "pipeline": annotated.pipeline}
        if not lang and meta.language == "und":
            entry["language_note"] = UNDETERMINED_NOTE
        if meta.fields.get("ocr_pages"):
            # provenance: which pages were read by OCR, and with what, so a reader checks the original
            entry["ocr"] = {"engine": meta.fields.get("ocr_engine", ""),
                            "pages": [int(p) for p in meta.fields["ocr_pages"].split(",") if p]}
        documents.append(entry)
        laws.append(annotated)
        index_of_law.append(index)
        if progress is not None:
            progress(str(path))


def _finding_json(finding: Finding, index_of_law: list[int]) -> dict[str, Any]:
    item = finding.item
    return {
        "item": item.id,
        "checklist": item.checklist,
        "status": finding.status,
        "severity": finding.severity,
        "title": item.title,
        "message": finding.message,
        "evidence": [_evidence_json(e, index_of_law) for e in finding.evidence],
        "reference": {"instrument": item.instrument, "article": item.article},
        "requirement": item.requirement,
        "recommendation": item.recommendation,
        **({"parts": [_part_json(r, index_of_law) for r in finding.parts]} if finding.parts else {}),
    }


def _part_json(result: PartResult, index_of_law: list[int]) -> dict[str, Any]:
    """A part as the contract gives it: found, absent or unknown. A narrowed part is present but
    limited, so it is `absent` with `narrowed: true` and the evidence of what is there."""
    out: dict[str, Any] = {"id": result.part.id, "text": result.part.text,
                           "status": "absent" if result.status == "narrowed" else result.status,
                           "evidence": [_evidence_json(e, index_of_law) for e in result.evidence]}
    if result.status == "narrowed":
        out["narrowed"] = True
    if result.note:
        out["note"] = result.note
    return out


def _evidence_json(e: Evidence, index_of_law: list[int]) -> dict[str, Any]:
    out: dict[str, Any] = {"document": index_of_law[e.document], "provision": e.provision, "page": e.page,
                           "start": e.start, "end": e.end, "quote": e.quote, "role": e.role}
    if e.cited_as:
        # text an amending act inserts into another law, cited in that law and by the amending provision
        out["cited_as"] = e.cited_as
    if e.readings:
        # words of an OCR'd page that OCR misspelt, as the quote now reads them
        out["ocr_readings"] = [{"start": r.start, "end": r.end, "ocr": r.ocr, "read_as": r.read_as,
                                "similarity": r.similarity} for r in e.readings]
    return out
