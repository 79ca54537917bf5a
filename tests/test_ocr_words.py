"""Reading OCR's misspelt words again (auditor.ingest.ocr_words) and the limit it puts on verdicts.

The OCR lines below are Tesseract's output for the scanned Pakistan Act of 2018 in corpus/ (pages 2
to 5); the words they stand for were checked on the page images. wordfreq comes with the `[ocr]`
extra: without it these tests are skipped, except in CI (AUDITOR_REQUIRE_OCR=1).
"""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from auditor.ingest import ocr_words
from auditor.ingest.build import make_document
from auditor.ingest.document import Reading

if not ocr_words.available() and not os.environ.get("AUDITOR_REQUIRE_OCR"):
    pytest.skip("wordfreq (extra [ocr]) not installed", allow_module_level=True)

GAZETTE = (
    "3) Inthisseetion:\n"
    "(i) any scheme, plan or pattem intended to causea person to believe\n"
    "4. Aggravating cireumstances—Where an offence under section 3 involves:\n"
    "the Government oraProvincial Government may relocate the vietim or witness\n"
    "and acting in concert foraperiod of time, in order to obiain, directly or\n"
    "Where an offender is convieted of an offence under this Act, the Court may\n"
)


def test_misread_words_are_read_as_the_words_on_the_page():
    text, readings = ocr_words.read(GAZETTE, "en")
    taken = {(r.ocr, r.read_as) for r in readings}
    assert taken >= {("Inthisseetion", "In this section"), ("pattem", "pattern"), ("causea", "cause a"),
                     ("cireumstances", "circumstances"), ("oraProvincial", "or a Provincial"),
                     ("vietim", "victim"), ("foraperiod", "for a period"), ("obiain", "obtain"),
                     ("convieted", "convicted")}
    for r in readings:  # every reading points at the words it put in the text
        assert text[r.start:r.end] == r.read_as
        assert 0 < r.similarity <= 100
    # a split keeps OCR's letters and only adds spaces: similarity 100; a changed letter costs
    assert next(r for r in readings if r.ocr == "causea").similarity == 100
    assert next(r for r in readings if r.ocr == "vietim").similarity < 90


def test_real_words_are_never_changed():
    """A phrase one letter from a lexicon phrase is another phrase: "an offence" is not "any
    offence", and British, French and Spanish legal words are words."""
    keep = {
        "en": "No person shall be liable for an offence nor proceeding, whether he harbours a migrant "
              "for labour or therewith, into the country; the defence is hereby given",
        "fr": "Le fait de recruter une personne n'est pas puni lorsque les infractions sont commises",
        "es": "Los extranjeros deben y pueden denunciar; tienen derecho a que el acto sea investigado",
    }
    for language, sentence in keep.items():
        text, readings = ocr_words.read(sentence, language)
        assert readings == () and text == sentence, language


def test_names_and_words_cut_at_a_line_edge_are_left_as_read():
    sentence = ("The following Act of Majlis-e-Shoora received assent, Published for general informat\n"
                "ause of the repris\n")
    text, readings = ocr_words.read(sentence, "en")
    assert readings == () and text == sentence


def test_a_satisfied_verdict_needs_decisive_words_read_with_enough_certainty():
    """The child rule rests on the words "under eighteen years": when OCR had to be read again to
    find them, the verdict depends on how sure that reading is (threshold measured in
    bench/bench_ocr_words.py)."""
    from auditor.analyse import analyse
    from auditor.check.checklist import find_item
    from auditor.check.engine import OCR_TRUSTED_SIMILARITY, Subject, evaluate
    from auditor.structure import segment

    text = ("1. Short title.—This Act may be called the Example Act.\n\n"
            "2. Definitions.—In this Act,—\n\n(a) “child” means a person under eighteen years of age;\n\n"
            "(b) “Code” means the Code of Criminal Procedure.\n")
    document = make_document(path="scan.pdf", raw=text.encode(), fmt="pdf", pages=[text], language="en")
    at = text.index("eighteen")
    item = find_item("TIP-3d-child-under-18")

    def verdict(similarity: float) -> tuple[str, str]:
        reading = Reading(at, at + len("eighteen"), "eightecn", "eighteen", similarity)
        annotated = analyse(segment(replace(document, readings=(reading,))), language="en")
        finding = evaluate(item, Subject([annotated]))
        assert finding.evidence[0].readings == (reading,)
        return finding.status, finding.message

    assert verdict(OCR_TRUSTED_SIMILARITY)[0] == "satisfied"
    status, message = verdict(OCR_TRUSTED_SIMILARITY - 5)
    assert status == "needs_review"
    assert "“eightecn” read as “eighteen”" in message and "Check them against the scan" in message
