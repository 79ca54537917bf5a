"""Checklist rules on single wordings, and the checklists' own integrity.

Accuracy on real laws is measured against the independent expert reading in
tests/test_reference.py (shared/reference/labels.yaml), not against a table of my own: the table
that used to live in tests/expected/verdicts.yaml was one reader's reading written together with the
rules, so it could not tell where both were wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from auditor.check import all_checklists

# --- single rules on illustrative wording (the spec's [I-*] near-misses), never standing in for a law ---


def _audit_text(tmp_path, text: str, name: str = "bill.txt") -> dict:
    from auditor.audit import audit

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {f["item"]: f for f in audit([str(path)], checklists=["som"]).data["findings"]}


@pytest.mark.parametrize(("route", "status"), [
    ("by sea or air", "deviation"),
    ("by land or sea", "deviation"),
    ("by land, sea or air", "satisfied"),
])
def test_a_smuggling_offence_limited_to_some_routes_deviates(tmp_path, route, status):
    findings = _audit_text(tmp_path, (
        "1. Smuggling of migrants\n\n(1) A person commits an offence who, in order to obtain a financial or "
        f"other material benefit, organises the illegal entry of a non-citizen into the State {route}.\n\n"
        "(2) A person who commits an offence under subsection (1) is liable to imprisonment for 10 years.\n"))
    assert findings["SOM-6-1a-offence"]["status"] == status


def test_a_smuggling_offence_limited_to_groups_deviates(tmp_path):
    findings = _audit_text(tmp_path, (
        "1. Smuggling\n\n(1) A person who organises the bringing to the State of a group of 5 or more "
        "non-citizens who have no lawful right to enter commits an offence and is liable to imprisonment "
        "for 10 years.\n"))
    assert findings["SOM-6-1a-offence"]["status"] == "deviation"
    single = _audit_text(tmp_path, (
        "1. Smuggling\n\n(1) A person who organises the bringing to the State of one or more non-citizens "
        "who have no lawful right to enter commits an offence and is liable to imprisonment for 10 years.\n"),
        name="single.txt")
    assert single["SOM-6-1a-offence"]["status"] == "satisfied"


def test_every_smuggling_offence_has_a_benefit_only_if_none_escaped_the_tool(tmp_path):
    """Open world: the recognised smuggling offence requires a benefit, but a harbouring offence
    about foreign nationals who entered illegally has none and is not read as smuggling; "every
    smuggling offence has the benefit" cannot be vouched for (needs_review, never satisfied)."""
    smuggling = ("1. Smuggling of migrants\n\n(1) A person who smuggles a migrant in order to obtain, "
                 "directly or indirectly, a financial or other material benefit commits an offence and is "
                 "liable on conviction to imprisonment for ten years.\n\n")
    harbouring = ("2. Harbouring\n\n(1) A person who conceals or shelters a foreign national knowing that "
                  "the foreign national entered the country illegally commits an offence and is liable on "
                  "conviction to imprisonment for five years.\n")
    assert _audit_text(tmp_path, smuggling)["SOM-3a-benefit"]["status"] == "satisfied"
    both = _audit_text(tmp_path, smuggling + harbouring, name="both.txt")["SOM-3a-benefit"]
    assert both["status"] == "needs_review"
    assert "could not classify" in both["message"]


def test_a_section_another_act_repeals_is_not_judged(tmp_path):
    """"Section 5 of the Smuggling of Migrants Act 2019 is repealed": the no-benefit offence of s. 5
    is no longer law, so the benefit element of the offence left (s. 6) is the law's."""
    from auditor.audit import audit

    act = tmp_path / "act.txt"
    act.write_text(
        "Smuggling of Migrants Act 2019\n\n1. Short title\nThis Act may be cited as the Smuggling of "
        "Migrants Act 2019.\n\n5. Smuggling of migrants\n(1) A person who organises the illegal entry of a "
        "non-citizen into the State commits an offence and is liable to imprisonment for 10 years.\n\n"
        "6. Smuggling for profit\n(1) A person who, in order to obtain a financial or other material "
        "benefit, organises the illegal entry of a non-citizen into the State commits an offence and is "
        "liable to imprisonment for 15 years.\n", encoding="utf-8")
    amendment = tmp_path / "amendment.txt"
    amendment.write_text(
        "Smuggling of Migrants (Amendment) Act 2021\n\n1. Short title\nThis Act may be cited as the "
        "Smuggling of Migrants (Amendment) Act 2021.\n\n2. Repeal\nSection 5 of the Smuggling of Migrants "
        "Act 2019 is repealed.\n", encoding="utf-8")

    def benefit(paths: list) -> str:
        findings = audit([str(p) for p in paths], checklists=["som"]).data["findings"]
        return next(f["status"] for f in findings if f["item"] == "SOM-3a-benefit")

    assert benefit([act]) == "deviation"
    assert benefit([act, amendment]) == "satisfied"


def test_every_item_is_judged_by_its_parts():
    """Every finding shows its parts (issue: judge laws the tool has never seen): the spec gives
    each of the 45 items its Parts, and the checklist states them, or names the single part."""
    items = [item for checklist in all_checklists() for item in checklist.items]
    assert len(items) == 45
    assert [i.id for i in items if not (i.parts or i.single_part)] == []
    from conftest import CORPUS

    from auditor.audit import audit

    data = audit([str(CORPUS / "gb/modern-slavery-act-2015-ss1-5-part5-excerpt.md")], jurisdiction="GB").data
    assert all(f["parts"] for f in data["findings"])


def test_checklists_name_treaty_texts_the_wheel_carries():
    """pyproject maps corpus/un and corpus/coe into the package; a checklist citing any other folder
    would lose its treaty text once installed."""
    for checklist in all_checklists():
        head = yaml.safe_load(Path(checklist.path).read_text(encoding="utf-8"))["checklist"]
        assert head["source"].split("/")[0] in ("un", "coe"), checklist.id


def test_every_concept_a_rule_names_exists_in_every_lexicon():
    """A misspelt concept would never match and quietly turn a rule off."""
    from auditor.analyse.lexicon import load_lexicon

    def names(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, inner in value.items():
                if key not in ("roles", "kinds", "select_roles", "within", "own", "named_targets",
                               "penalty_at_least", "penalty_below", "duties_only"):
                    yield from names(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from names(inner)

    cases = [case for c in all_checklists() for i in c.items
             for case in (*i.cases, *(pc for part in i.parts for pc in part.cases))]
    used = {n for case in cases for n in names(case.params)}
    for language in ("en", "fr", "es"):
        known = set(load_lexicon(language).concepts)
        assert not used - known, (language, sorted(used - known))


def test_a_subject_may_mix_languages():
    """Each document is read with its own language: an English and a Spanish law audited together."""
    from conftest import CORPUS

    from auditor.audit import audit

    data = audit([str(CORPUS / "us/8-usc-1324-1328-alien-smuggling.txt"),
                  str(CORPUS / "uy/ley-19643-trata-2018.md")], checklists=["good-practice"]).data
    assert [d["language"] for d in data["documents"]] == ["en", "es"]
    hr = next(f for f in data["findings"] if f["item"] == "HR-P7-nonpunishment")
    first = hr["evidence"][0]
    assert (hr["status"], first["document"], first["provision"]) == ("satisfied", 1, "art. 40")


def test_no_reassurance_from_a_text_whose_sections_could_not_be_read():
    """The pool's text rendering of Pakistan's 2018 Act lost every section number and runs some
    provisions together (s. 4 sits inside s. 3): it is cut at its headings, which the findings cite,
    but no finding on it is ever satisfied."""
    from conftest import CORPUS

    from auditor import load, segment
    from auditor.audit import audit

    path = CORPUS / "pk/prevention-of-trafficking-in-persons-act-2018.txt"
    law = segment(load(path))
    assert law.scheme == "headed"
    headings = [s.heading for s in law.sections()]
    # separate heading lines, and headings run into their text ("Victims of trafficking in persons -
    # A victim shall not be criminally liable …", s. 6 of the Act)
    for heading in ("Definitions", "Trafficking in persons", "Abetment and criminal conspiracy",
                    "Victims of trafficking in persons", "Compensation to Victims", "Repeal"):
        assert heading in headings
    assert law.find("“Victims of trafficking in persons”") is not None
    data = audit([str(path)]).data
    statuses = {f["item"]: f["status"] for f in data["findings"]}
    assert "satisfied" not in statuses.values()
    offence = next(f for f in data["findings"] if f["item"] == "TIP-5-1-offence")
    assert offence["status"] == "needs_review" and "numbering could not be read" in offence["message"]
    assert offence["evidence"][0]["provision"].startswith("“Trafficking in persons”")
