"""Segment: `Document` -> `Law` (the provision tree)."""

from auditor.structure.build import segment
from auditor.structure.provision import Law, Provision

__all__ = ["Law", "Provision", "segment"]
