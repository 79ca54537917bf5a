"""Shared fixtures: the real laws in corpus/ and a cache of their segmentation."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from auditor import Law, segment

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@cache
def law(relative: str) -> Law:
    """Segment a corpus file once per test session."""
    return segment(CORPUS / relative)


@pytest.fixture
def corpus() -> Path:
    return CORPUS


def section_text(law_: Law, number: str, **kw: object) -> str:
    provision = law_.section(number, **kw)
    assert provision is not None, f"section {number} not found"
    return law_.document.text[provision.start : provision.end]


def squash(text: str) -> str:
    return " ".join(text.split())
