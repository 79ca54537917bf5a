"""Plain-data views of the stage outputs, for JSON output and for tests."""

from __future__ import annotations

from typing import Any

from auditor.ingest.document import Document
from auditor.structure.provision import Law, Provision

SEGMENT_SCHEMA = "auditor.segment/1"


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
