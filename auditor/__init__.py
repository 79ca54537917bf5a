"""Audit national law on migrant smuggling and trafficking in persons against the Palermo Protocols.

Public API: `load()` reads a file into a `Document`; `segment()` builds its provision tree.
"""

from __future__ import annotations

import os

__version__ = "0.1.0"

from auditor.errors import InputError
from auditor.ingest import Document, load
from auditor.structure import Law, Provision
from auditor.structure import segment as _segment_document


def segment(source: str | os.PathLike[str] | Document, *, language: str | None = None) -> Law:
    """Read a law (a path or an already loaded `Document`) and return its provision tree."""
    document = source if isinstance(source, Document) else load(source, language=language)
    return _segment_document(document)


__all__ = ["Document", "InputError", "Law", "Provision", "__version__", "load", "segment"]
