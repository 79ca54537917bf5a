"""Where the project's data lives: checklists, lexicons, treaty texts and report templates.

They are kept outside the code (`checklists/`, `corpus/un`, `corpus/coe` in a source checkout) so that
lawyers can read and change them without touching Python; a wheel carries the same files inside the
package (see `[tool.setuptools.package-dir]` in pyproject.toml). `AUDITOR_CHECKLISTS` points the tool at
another checklist folder, for an organisation that keeps its own.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE.parent


def checklists_dir() -> Path:
    if os.environ.get("AUDITOR_CHECKLISTS"):
        return Path(os.environ["AUDITOR_CHECKLISTS"])
    if (SOURCE_ROOT / "checklists").is_dir():
        return SOURCE_ROOT / "checklists"
    return PACKAGE / "checklists"


def treaty_texts() -> list[Path]:
    """Every treaty text the project carries (the Protocols, UNTOC, the CoE Convention ...)."""
    roots = [SOURCE_ROOT / "corpus" / "un", SOURCE_ROOT / "corpus" / "coe"]
    if not all(r.is_dir() for r in roots):
        roots = [PACKAGE / "treaties"]
    return sorted(p for r in roots if r.is_dir() for p in r.rglob("*.txt"))


def templates_dir() -> Path:
    """Report templates: `reports/templates` in a checkout, `auditor/templates` in a wheel."""
    if (SOURCE_ROOT / "reports" / "templates").is_dir():
        return SOURCE_ROOT / "reports" / "templates"
    return PACKAGE / "templates"


def treaty_path(source: str) -> Path | None:
    """The text of an instrument named by a checklist's `source` ("un/smuggling-…-2000.txt")."""
    if not source:
        return None
    in_tree = SOURCE_ROOT / "corpus" / source
    if in_tree.is_file():
        return in_tree
    packaged = PACKAGE / "treaties" / source
    return packaged if packaged.is_file() else None
