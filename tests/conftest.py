"""Shared fixtures: the real laws in corpus/ and a cache of their segmentation."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from auditor import Law, segment
from auditor.audit import audit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@cache
def law(relative: str) -> Law:
    """Segment a corpus file once per test session."""
    return segment(CORPUS / relative)


#: The audit subjects of the corpus: a country's laws audited together.
SUBJECTS = {
    "BB": ["bb/immigration-amendment-bill-2016.pdf", "bb/trafficking-in-persons-prevention-bill-2016.pdf"],
    "CA": ["ca/immigration-and-refugee-protection-act.txt", "ca/criminal-code-trafficking-excerpt.txt"],
    "US": ["us/8-usc-1324-1328-alien-smuggling.txt", "us/18-usc-ch77-peonage-slavery-trafficking.txt",
           "us/22-usc-7102-7105-tvpa.txt"],
    "FR": ["fr/ceseda-2017-livre-vi-sanctions-excerpt.txt", "fr/code-penal-traite-travail-force-excerpt.txt"],
    "UY": ["uy/ley-18250-migracion-2008.md", "uy/ley-19643-trata-2018.md"],
}


@cache
def audited(code: str) -> dict:
    """The audit JSON of one corpus subject, computed once per test session."""
    return audit([str(CORPUS / p) for p in SUBJECTS[code]], jurisdiction=code, label=code).data


@pytest.fixture
def corpus() -> Path:
    return CORPUS


def section_text(law_: Law, number: str, **kw: object) -> str:
    provision = law_.section(number, **kw)
    assert provision is not None, f"section {number} not found"
    return law_.document.text[provision.start : provision.end]


def squash(text: str) -> str:
    return " ".join(text.split())


def write_audits(folder: Path, audits: list[dict]) -> list[str]:
    """Each audit JSON written as `<jurisdiction>.json` in `folder`, as `auditor matrix` takes them."""
    import json

    paths = []
    for data in audits:
        path = folder / f"{data['subject']['jurisdiction']}.json"
        path.write_text(json.dumps(data))
        paths.append(str(path))
    return paths
