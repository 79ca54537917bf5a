"""Scanned gazettes: the real Pakistan Act of 2018 (five image-only pages) read through OCR.

OCRmyPDF and Tesseract are an optional extra; `.ci/run` installs them and sets
AUDITOR_REQUIRE_OCR=1, elsewhere these tests are skipped when they are missing.
"""

from __future__ import annotations

import hashlib
import os

import pytest
from conftest import CORPUS

from auditor import load, segment
from auditor.audit import audit
from auditor.errors import InputError
from auditor.ingest import ocr
from auditor.report import render

SCAN = CORPUS / "pk/prevention-of-trafficking-in-persons-act-2018.pdf"

if not ocr.available() and not os.environ.get("AUDITOR_REQUIRE_OCR"):
    pytest.skip("OCRmyPDF or Tesseract not installed", allow_module_level=True)


def test_a_scan_is_read_through_ocr_with_its_provenance():
    document = load(SCAN)
    assert document.meta.pages == 5
    assert document.meta.sha256 == hashlib.sha256(SCAN.read_bytes()).hexdigest()  # the original file
    assert document.meta.fields["ocr_pages"] == "1,2,3,4,5"
    assert document.meta.fields["ocr_engine"].startswith("OCRmyPDF ")
    assert any("comes from OCR" in w for w in document.meta.warnings)
    assert "Any person who recruits, harbours" in " ".join(document.text.split())
    law = segment(document)
    # every section of the scan, read off the page images: "6 Victims" lost its period to OCR
    assert [s.number for s in law.sections()] == [str(n) for n in range(1, 17)]
    assert law.section("3").heading.startswith("Trafficking in persons")
    assert law.section("6").heading.startswith("Victims")
    assert any("section 6 has no period" in w for w in law.warnings)
    # s. 3: "(1) Any person who recruits …" runs on after the heading's dash; "3) Inthisseetion:" lost
    # its parenthesis; its lettered definitions and the means under "coercion"
    assert [p.citation for p in law.section("3").walk()] == [
        "s. 3", "s. 3(1)", "s. 3(2)", "s. 3(3)", "s. 3(3)(a)", "s. 3(3)(a)(i)", "s. 3(3)(a)(iv)",
        "s. 3(3)(b)"]
    # s. 2 and s. 4: OCR read "(b)" as "(6)", "(f)" as "(8)", "(c)" as "(©)" and "(d)" as "(4)"
    assert [p.citation for p in law.section("2").walk()][1:] == [f"s. 2({c})" for c in "abcdefg"]
    assert [p.citation for p in law.section("4").walk()][1:] == [f"s. 4({c})" for c in "abcd"]
    assert law.section("4").heading == "Aggravating circumstances"  # OCR: "cireumstances"
    assert document.meta.title == ("An Act to prevent and combat trafficking in persons especially women "
                                   "and children")  # not the preamble OCR ran on after it


def test_misspelt_words_are_read_again_and_say_so():
    from auditor.analyse import analyse

    document = load(SCAN)
    taken = {(r.ocr, r.read_as) for r in document.readings}
    assert {("Inthisseetion", "In this section"), ("cireumstances", "circumstances"),
            ("vietim", "victim"), ("ofthe", "of the")} <= taken
    assert all(document.text[r.start:r.end] == r.read_as for r in document.readings)
    assert document.meta.fields["ocr_readings"] == str(len(document.readings))
    # "In this section" read again is what limits "coercion" and "compelled labour" to s. 3
    definitions = {d.term: d for d in analyse(segment(document)).definitions}
    coercion = definitions["coercion"]
    assert (coercion.citation, coercion.scope.citation) == ("s. 3(3)(a)", "s. 3")
    assert definitions["coercion"].scope.words == "In this section"


def test_the_audit_says_which_quotes_come_from_ocr():
    data = audit([str(SCAN)], jurisdiction="PK", label="Pakistan").data
    assert data["errors"] == []
    assert data["documents"][0]["ocr"]["pages"] == [1, 2, 3, 4, 5]
    offence = next(f for f in data["findings"] if f["item"] == "TIP-5-1-offence")
    assert offence["status"] == "satisfied" and offence["evidence"][0]["provision"] == "s. 3"
    html = render(data, "html")
    assert "text read by OCR (OCRmyPDF" in html
    # s. 13 quoted as read again: "convieted" -> "convicted" (88.9 %), shown beside the quote
    compensation = next(f for f in data["findings"] if f["item"] == "TIP-6-6-compensation")
    assert compensation["status"] == "satisfied" and compensation["evidence"][0]["provision"] == "s. 13"
    readings = {(r["ocr"], r["read_as"]) for e in compensation["evidence"] for r in e.get("ocr_readings", [])}
    assert ("convieted", "convicted") in readings
    assert "Words OCR misspelt, as quoted: “convieted” read as “convicted”" in html
    # s. 6: "A victim shall not be criminally liable for an offence under this Act": only offences
    # under this Act, not every offence a victim was compelled to commit: a reader must check
    victims = next(f for f in data["findings"] if f["item"] == "HR-P7-nonpunishment")
    assert victims["status"] == "needs_review" and victims["evidence"][0]["provision"] == "s. 6"
    # s. 14 "Awareness raising and prevention", not the Act's name in s. 1 ("Prevention of …")
    prevention = next(f for f in data["findings"] if f["item"] == "TIP-9-prevention")
    assert prevention["status"] == "satisfied" and prevention["evidence"][0]["provision"] == "s. 14"
    assert "A victim shall not be criminally liable" in " ".join(victims["evidence"][0]["quote"].split())


def test_without_ocr_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(InputError) as error:
        load(SCAN)
    assert error.value.code == "no-text-layer" and "run OCR" in error.value.message
    with pytest.raises(InputError) as error:
        ocr.ocr_pdf(SCAN.read_bytes(), str(SCAN), ["en"])
    assert "pip install 'auditor[ocr]'" in error.value.message


def test_ocr_numbering_repairs_keep_every_offset():
    """Real confusions from the Pakistan gazette, repaired one character for one."""
    from auditor.ingest.ocr_repair import repair

    garbled = ("i. Short title, extent and commencement.—{1) This Act may be\n"
               "(3) _It shall come into force\n(@) “coercion” means use\n{|) Subject to sub-section (2)\n"
               "10, Cognizance of offences.—Notwithstanding")
    repaired = repair(garbled)
    assert len(repaired) == len(garbled)
    assert repaired.splitlines() == [
        "1. Short title, extent and commencement.—(1) This Act may be", "(3)  It shall come into force",
        "(a) “coercion” means use", "(1) Subject to sub-section (2)",
        "10. Cognizance of offences.—Notwithstanding"]
    assert repair("(a) born-digital text {1} stays") == "(a) born-digital text {1} stays"
