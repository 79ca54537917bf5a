"""Audit national law on migrant smuggling and trafficking in persons against the Palermo Protocols.

Public API: `load()` reads a file into a `Document`; `segment()` builds its provision tree.

The names are imported on first use (PEP 562 `__getattr__`), so `import auditor` for its version,
or a command that needs only part of the tool, does not pay for the rest.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from auditor.errors import InputError
    from auditor.ingest import Document, load
    from auditor.structure import Law, Provision

#: name -> module it is imported from on first use.
_LAZY = {"InputError": "auditor.errors", "Document": "auditor.ingest", "load": "auditor.ingest",
         "Law": "auditor.structure", "Provision": "auditor.structure"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'auditor' has no attribute {name!r}")


def segment(source: str | os.PathLike[str] | Document, *, language: str | None = None) -> Law:
    """Read a law (a path or an already loaded `Document`) and return its provision tree."""
    from auditor.ingest import Document, load
    from auditor.structure import segment as segment_document

    document = source if isinstance(source, Document) else load(source, language=language)
    return segment_document(document)


__all__ = ["Document", "InputError", "Law", "Provision", "__version__", "load", "segment"]
