"""Check: checklist items (data) judged by one engine over annotated laws.

The engine's names are imported on first use (PEP 562): the engine imports the analyse stage and
so spaCy, which `auditor checklists` and `auditor explain` (checklists only) never need.
"""

from typing import Any

from auditor.check.checklist import Checklist, ChecklistError, Item, all_checklists, find_item, select

_ENGINE = ("Evidence", "Finding", "Subject", "evaluate")


def __getattr__(name: str) -> Any:
    if name in _ENGINE:
        from auditor.check import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'auditor.check' has no attribute {name!r}")


__all__ = ["Checklist", "ChecklistError", "Evidence", "Finding", "Item", "Subject", "all_checklists",
           "evaluate", "find_item", "select"]
