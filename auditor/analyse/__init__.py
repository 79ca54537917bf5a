"""Analyse: `Law` -> `AnnotatedLaw` (concepts, definitions, references, offences, exemptions).

The stage's data classes are imported here at once; `analyse` and `warm` (in `annotate`, with
spaCy behind them) only when first used. Importing spaCy costs most of a second, and the checklist
engine, the reports and `auditor segment` read the analysis's classes without ever running spaCy;
an audit that reads its PDF in another process meanwhile (`auditor.readahead`) imports spaCy while
that process works.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.analyse.model import (
    AnnotatedLaw,
    ConceptMatch,
    Definition,
    Element,
    Exemption,
    Offence,
    Penalty,
    Reference,
    Scope,
)

if TYPE_CHECKING:
    from auditor.analyse.annotate import analyse, warm

__all__ = ["AnnotatedLaw", "ConceptMatch", "Definition", "Element", "Exemption", "Offence",
           "Penalty", "Reference", "Scope", "analyse", "warm"]


def __getattr__(name: str) -> Any:
    if name in ("analyse", "warm"):
        from auditor.analyse import annotate

        return getattr(annotate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
