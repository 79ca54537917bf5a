"""Check: checklist items (data) judged by one engine over annotated laws."""

from auditor.check.checklist import Checklist, ChecklistError, Item, all_checklists, find_item, select
from auditor.check.engine import Evidence, Finding, Subject, evaluate

__all__ = ["Checklist", "ChecklistError", "Evidence", "Finding", "Item", "Subject", "all_checklists",
           "evaluate", "find_item", "select"]
