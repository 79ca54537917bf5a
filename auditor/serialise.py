"""Plain-data views of the stage outputs, for JSON output and for tests."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from auditor.ingest.document import Document
from auditor.structure.provision import Law, Provision

if TYPE_CHECKING:  # importing auditor.analyse loads spaCy, which `auditor segment` never needs
    from auditor.analyse.model import AnnotatedLaw

SEGMENT_SCHEMA = "auditor.segment/1"
ANALYSE_SCHEMA = "auditor.analyse/1"


def document_json(document: Document) -> dict[str, Any]:
    meta = document.meta
    return {
        "path": meta.path,
        "sha256": meta.sha256,
        "format": meta.format,
        "title": meta.title,
        "language": meta.language,
        "pages": meta.pages,
        "characters": len(document.text),
        "warnings": list(meta.warnings),
    }


def provision_json(provision: Provision, document: Document) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": provision.kind,
        "label": provision.label,
        "number": provision.number,
        "citation": provision.citation,
        "heading": provision.heading,
        "page": provision.page,
        "start": provision.start,
        "end": provision.end,
    }
    if provision.inserted:
        out["inserted"] = True
        if provision.target or provision.amended_by:  # "s. 29A Immigration Act, inserted by s. 3"
            out.update(target=provision.target, change=provision.change, amended_by=provision.amended_by,
                       cited_as=provision.cited_as)
    if provision.children:
        out["children"] = [provision_json(child, document) for child in provision.children]
    return out


def law_json(law: Law) -> dict[str, Any]:
    return {
        "schema": SEGMENT_SCHEMA,
        "document": document_json(law.document),
        "scheme": law.scheme,
        "sections": len(law.sections()),
        "provisions": [provision_json(p, law.document) for p in law.root.children],
        "warnings": list(law.warnings),
    }


def annotated_json(annotated: AnnotatedLaw, *, concepts: bool = False) -> dict[str, Any]:
    """Definitions, offences, exemptions and references with page numbers and exact quotes.
    Concept matches are many; they are included only on request."""
    doc = annotated.law.document

    def located(record: Any) -> dict[str, Any]:
        data = asdict(record)
        data["page"] = doc.page_at(record.start)
        data["quote"] = doc.quote(record.start, record.end)
        return data

    out: dict[str, Any] = {
        "schema": ANALYSE_SCHEMA,
        "document": document_json(doc),
        "language": annotated.language,
        "pipeline": annotated.pipeline,
        "definitions": [located(d) for d in annotated.definitions],
        "offences": [],
        "exemptions": [located(e) for e in annotated.exemptions],
        "references": [located(r) for r in annotated.references],
    }
    for offence in annotated.offences:
        data = located(offence)
        data["elements"] = [located(e) for e in offence.elements]
        data["penalties"] = [located(p) for p in offence.penalties]
        out["offences"].append(data)
    if concepts:
        out["concepts"] = [located(c) for c in annotated.concepts]
    return out
