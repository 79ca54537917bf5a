"""The corpus manifest: which files form which audit subject.

`DIR/manifest.csv` has at least the columns `jurisdiction,label,path,title,year,language,source,
licence` (the batch contract in DESIGN.md); rows sharing a jurisdiction form one subject. An
optional `role` column marks reference texts (`reference`: the Protocols, the Conventions) and other
renderings of a law already listed (`parallel`); only `law` rows (or rows without a role) are
audited. A path must stay inside DIR: a manifest cannot make the tool read or name files elsewhere.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

REQUIRED = ("jurisdiction", "label", "path", "title", "year", "language", "source", "licence")


class ManifestError(ValueError):
    """The manifest cannot be used at all; the message names the file and the line."""


@dataclass(frozen=True)
class Row:
    line: int
    jurisdiction: str
    label: str
    path: str
    language: str
    role: str


@dataclass
class SubjectSpec:
    """One subject of a batch: a State's documents, audited together."""

    jurisdiction: str
    label: str
    paths: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # the manifest's title of each path: it wins
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, why) of rows not read


def read_manifest(folder: str | Path) -> list[SubjectSpec]:
    folder = Path(folder)
    path = folder / "manifest.csv"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise ManifestError(f"{path}: no manifest.csv in {folder}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ManifestError(f"{path}: cannot be read ({error})") from error
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ManifestError(f"{path}: line 1: missing column(s) {', '.join(missing)}; "
                            f"needed: {', '.join(REQUIRED)}")
    subjects: dict[str, SubjectSpec] = {}
    root = folder.resolve()
    for number, raw in enumerate(reader, start=2):
        if None in raw or any(v is None for v in raw.values()):
            raise ManifestError(f"{path}: line {number}: expected {len(reader.fieldnames or [])} fields")
        row = Row(number, raw["jurisdiction"].strip(), raw["label"].strip(), raw["path"].strip(),
                  raw["language"].strip(), (raw.get("role") or "law").strip() or "law")
        if row.role != "law":
            continue
        if not row.jurisdiction:
            raise ManifestError(f"{path}: line {number}: empty jurisdiction")
        subject = subjects.setdefault(row.jurisdiction,
                                      SubjectSpec(row.jurisdiction, row.label or row.jurisdiction))
        target = (folder / row.path).resolve()
        if Path(row.path).is_absolute() or not target.is_relative_to(root):
            subject.refused.append((row.path, f"manifest line {number}: the path leaves {folder}; not read"))
            continue
        subject.paths.append(str(folder / row.path))
        subject.languages.append(row.language)
        subject.titles.append((raw.get("title") or "").strip())
    return list(subjects.values())
