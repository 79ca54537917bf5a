"""Reading an audit JSON back from a file, for `auditor report`, `compare` and `matrix`.

An audit made on another machine or by an older version renders the same way, so the file is
checked only for what the reports need (the contract's schema tag and its top-level fields); a file
that is not an audit JSON gets a clear error naming it, never a half-made report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA = "auditor.audit/1"
NEEDED = ("subject", "documents", "findings", "summary")


class NotAnAudit(ValueError):
    """The file is not an audit JSON of the contract; the message names the file and what is wrong."""


def looks_like_audit(path: str | Path) -> bool:
    """True when a file is an audit JSON (its schema tag), so `compare` can tell a law from an audit.
    Only `.json` files are opened: a law is never parsed as JSON."""
    if Path(path).suffix.lower() != ".json":
        return False
    try:
        read_audit(path)
    except NotAnAudit:
        return False
    return True


def read_audit(path: str | Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise NotAnAudit(f"{path}: no such file") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NotAnAudit(f"{path}: not an audit JSON ({error})") from error
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise NotAnAudit(f"{path}: not an audit JSON (no \"schema\": \"{SCHEMA}\")")
    missing = [k for k in NEEDED if k not in data]
    if missing:
        raise NotAnAudit(f"{path}: audit JSON without {', '.join(missing)}")
    data.setdefault("tool", {"name": "auditor", "version": "?"})
    data.setdefault("checklists", [])
    data.setdefault("errors", [])
    return data
