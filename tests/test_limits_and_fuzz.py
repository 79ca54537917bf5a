"""Bad input beyond single files (see test_bad_input.py for the file matrix): very large and very
long inputs, the configured limits, and property-based fuzzing of the analysis on legal text.

The texts are built from real laws in corpus/ (cut, repeated or shuffled); only layout is made up.
"""

from __future__ import annotations

import time

import pytest
from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfmaker import make_pdf
from test_segment_rules import doc_of

from auditor import load, segment
from auditor.analyse import analyse
from auditor.audit import audit
from auditor.errors import InputError

IRPA = (CORPUS / "ca/immigration-and-refugee-protection-act.txt").read_text(encoding="utf-8")
S117 = IRPA[IRPA.index("117 Organizing entry into Canada"):IRPA.index("118 Offence")]
SENTENCES = [s.strip() + "." for s in " ".join(S117.split()).split(".") if len(s.strip()) > 20]


def test_a_two_thousand_page_pdf_is_read_and_limits_apply(tmp_path):
    latin = [s.encode("latin-1", "ignore").decode("latin-1") for s in SENTENCES]  # the PDF core font
    pdf = make_pdf(tmp_path / "code.pdf", [[(72, 100, f"{n}. {latin[n % len(latin)][:90]}", 10)]
                                          for n in range(1, 2001)])
    started = time.perf_counter()
    document = load(pdf)
    law = segment(document)
    elapsed = time.perf_counter() - started
    assert document.meta.pages == 2000
    assert len(law.sections()) >= 1900  # numbered "1." to "2000."
    print(f"2,000-page PDF loaded and segmented in {elapsed:.1f} s")
    with pytest.raises(InputError, match="2000 pages, limit is 1000"):
        load(pdf, max_pages=1000)
    with pytest.raises(InputError) as error:
        load(pdf, max_chars=10_000)
    assert error.value.code == "too-large" and "limit is 10,000" in error.value.message


def test_markdown_with_fifty_thousand_character_lines_is_audited(tmp_path):
    line = " ".join(SENTENCES)
    while len(line) < 50_000:
        line += " " + line
    path = tmp_path / "long-lines.md"
    path.write_text("# Immigration and Refugee Protection Act\n\n" + "\n\n".join([line[:50_000]] * 3) + "\n",
                    encoding="utf-8")
    data = audit([str(path)], checklists=["som"]).data
    assert data["errors"] == [] and len(data["findings"]) == 14
    for finding in data["findings"]:
        for e in finding["evidence"]:
            assert e["end"] - e["start"] <= 400 + 1


def test_a_one_megabyte_line_is_analysed():
    line = " ".join(IRPA.split())
    while len(line) < 1_000_000:
        line += " " + line
    annotated = analyse(segment(doc_of(line[:1_000_000])))
    text = annotated.law.document.text
    assert len(text) == 1_000_000 and annotated.concepts
    assert all(text[c.start:c.end] == c.text for c in annotated.concepts)


def test_time_limit_per_document_is_reported_and_the_rest_goes_on():
    data = audit([str(CORPUS / "ca/immigration-and-refugee-protection-act.txt"),
                  str(CORPUS / "nl/wetboek-van-strafrecht-197a-273f-excerpt.txt")],
                 per_document=0.05, checklists=["som"]).data
    assert [e["code"] for e in data["errors"]][:1] == ["time-limit"]
    assert "not finished after 0.05 s" in data["errors"][0]["message"]


PIECES = st.sampled_from([*SENTENCES, "(1) ", "(a) ", "(i) ", "\n\n", "\n", "means ", "“smuggling” ",
                          "is guilty of an offence and liable to imprisonment for 10 years", "; and",
                          "for the purpose of exploitation", "for profit", "117 ", "118 ", "In this Act,",
                          "Subsection (1) does not apply to", "section 117", "No person shall "])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.text(max_size=10)), min_size=1, max_size=40))
def test_analysis_never_fails_and_every_span_quotes_the_text(pieces):
    text = "".join(pieces)
    try:
        document = doc_of(text)
    except InputError as error:
        assert error.code == "no-text"
        return
    annotated = analyse(segment(document))
    t = annotated.law.document.text
    for c in annotated.concepts:
        assert 0 <= c.start <= c.end <= len(t) and t[c.start:c.end] == c.text
    for d in annotated.definitions:
        assert 0 <= d.start <= d.term_start <= d.term_end <= d.end <= len(t)
    for o in annotated.offences:
        assert 0 <= o.start <= o.end <= len(t)
        for e in o.elements:
            assert t[e.start:e.end] == e.text
    for x in annotated.exemptions:
        assert 0 <= x.start <= x.end <= len(t)
    for r in annotated.references:
        assert t[r.start:r.end] == r.text
