"""Audit a subject (one or more documents of one State's law) against the checklists.

Produces the audit JSON of the contract (`auditor.audit/1`, shared/DESIGN.md). A document that
cannot be read is listed with its error and the others are still audited; only when nothing can be
read does the caller get no findings at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.analyse import AnnotatedLaw, analyse
from auditor.check.checklist import select
from auditor.check.engine import Finding, Subject, evaluate
from auditor.errors import InputError
from auditor.ingest import load
from auditor.structure import segment

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


def _sha256(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def audit(paths: Sequence[str], *, jurisdiction: str = "", label: str = "",
          checklists: Sequence[str] = (), language: str | None = None,
          progress: Callable[[str], None] | None = None) -> AuditResult:
    """Audit the documents of one subject. `progress`, if given, is called with each document's
    path once it has been read and analysed (a progress bar's hook)."""
    chosen = select(tuple(checklists))
    documents: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    laws: list[AnnotatedLaw] = []
    index_of_law: list[int] = []
    for index, path in enumerate(paths):
        try:
            law = segment(load(path, language=language))
        except InputError as error:
            documents.append({"path": str(path), "sha256": _sha256(str(path)), "title": "",
                              "language": "", "pages": 0, "provisions": 0})
            errors.append(error.to_json(index))
            if progress is not None:
                progress(str(path))
            continue
        annotated = analyse(law, language=language)
        meta = law.document.meta
        documents.append({"path": str(path), "sha256": meta.sha256, "title": meta.title,
                          "language": annotated.language, "pages": meta.pages,
                          "provisions": sum(1 for _ in law.provisions()),
                          "format": meta.format, "pipeline": annotated.pipeline})
        laws.append(annotated)
        index_of_law.append(index)
        if progress is not None:
            progress(str(path))
    findings: list[Finding] = []
    if laws:
        subject = Subject(laws)
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


def _finding_json(finding: Finding, index_of_law: list[int]) -> dict[str, Any]:
    item = finding.item
    return {
        "item": item.id,
        "checklist": item.checklist,
        "status": finding.status,
        "severity": finding.severity,
        "title": item.title,
        "message": finding.message,
        "evidence": [
            {"document": index_of_law[e.document], "provision": e.provision, "page": e.page,
             "start": e.start, "end": e.end, "quote": e.quote, "role": e.role}
            for e in finding.evidence
        ],
        "reference": {"instrument": item.instrument, "article": item.article},
        "requirement": item.requirement,
        "recommendation": item.recommendation,
    }
