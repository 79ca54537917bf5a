"""PDF reading order, running lines, hyphenation and page mapping."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from conftest import CORPUS, law, squash
from pdfmaker import make_pdf, wrap

from auditor import load, segment
from auditor.errors import InputError

IRPA_117_1 = (
    "No person shall organize, induce, aid or abet the coming into Canada of one or more persons "
    "knowing that, or being reckless as to whether, their coming into Canada is or would be in "
    "contravention of this Act."
)
IRPA_117_2 = (
    "A person who contravenes subsection (1) with respect to fewer than 10 persons is guilty of an "
    "offence and liable on summary conviction to a fine of not more than $100,000."
)


def test_barbados_pdf_pages_and_no_running_page_numbers():
    doc = load(CORPUS / "bb/trafficking-in-persons-prevention-bill-2016.pdf")
    assert doc.meta.pages == 26
    assert doc.meta.format == "pdf"
    # Every page of the bill prints its number at the top; none survives as a line of text.
    for page in range(2, 21):
        first = doc.page_text(page).strip().split("\n")[0]
        assert not re.fullmatch(r"\d+", first), (page, first)


@pytest.mark.parametrize("name", ["bb/immigration-amendment-bill-2016.pdf",
                                  "bb/trafficking-in-persons-prevention-bill-2016.pdf"])
def test_pdf_quotes_match_the_text_of_their_page(name):
    """Each provision's text, from its own page, is found in pdfplumber's independent extraction
    of that same page (whitespace folded; pdfplumber also sorts lines by position)."""
    law_ = law(name)
    doc = law_.document
    with pdfplumber.open(CORPUS / name) as pdf:
        pages = {i + 1: squash(p.extract_text() or "") for i, p in enumerate(pdf.pages)}
    checked = 0
    for provision in law_.provisions():
        if provision.kind in ("toc", "note", "heading"):
            continue
        page = provision.page
        page_end = doc.page_starts[page] if page < len(doc.page_starts) else len(doc.text)
        quote = squash(doc.text[provision.start : min(provision.end, page_end)])[:120]
        assert quote, provision.citation
        assert quote in pages[page], (provision.citation, page, quote)
        checked += 1
    assert checked > 30


def test_page_of_every_character_follows_page_breaks():
    doc = load(CORPUS / "bb/immigration-amendment-bill-2016.pdf")
    i = doc.text.index("endangers the lives of the persons concerned")
    assert doc.page_at(i) == 5
    assert doc.page_at(0) == 1
    assert doc.page_at(len(doc.text) - 1) == doc.meta.pages


def test_real_scan_is_refused_with_ocr_advice():
    with pytest.raises(InputError) as err:
        load(CORPUS / "pk/prevention-of-trafficking-in-persons-act-2018.pdf", ocr="never")
    assert err.value.code == "no-text-layer"
    assert "5 of 5 pages" in err.value.message
    assert "ocrmypdf" in err.value.message


def _body_lines(words: str, x: float, y: float, width: int = 70, step: float = 14):
    return [(x, y + i * step, line, 10) for i, line in enumerate(wrap(words, width))]


def test_running_headers_and_footers_dropped(tmp_path):
    pages = []
    for n in range(1, 6):
        items = [
            (72, 40, f"Immigration (Amendment) Bill, 2016 - printed 2016-02-0{n}", 9),
            (500, 40, str(n + 2), 9),
            (280, 760, f"Page {n} of 5", 9),
        ]
        items += _body_lines(f"({n}) {IRPA_117_1}", 72, 130)
        pages.append(items)
    doc = load(make_pdf(tmp_path / "running.pdf", pages))
    assert "printed" not in doc.text
    assert "Page" not in doc.text
    assert doc.text.count("No person shall organize") == 5
    assert not re.search(r"^\d+$", doc.text, re.M)


def test_marginal_note_becomes_heading_not_spliced_into_sentence(tmp_path):
    # A Commonwealth layout: body from x=150, the section's marginal note at x=40..130.
    body = _body_lines(f"117. (1) {IRPA_117_1}", 150, 100, width=60)
    body += _body_lines(f"(2) {IRPA_117_2}", 150, 100 + 14 * (len(body) + 1), width=60)
    notes = [(40, 128, "Organizing", 8), (40, 138, "entry into", 8), (40, 148, "Canada", 8)]
    doc = load(make_pdf(tmp_path / "margin.pdf", [body + notes]))
    text = doc.text
    assert "Organizing\nentry into\nCanada" in text
    assert text.index("Organizing") < text.index("117. (1)")
    assert squash(IRPA_117_1) in squash(text)  # sentence intact
    law_ = segment(doc)
    assert law_.section("117").heading == "Organizing entry into Canada"
    assert law_.find("s. 117(2)") is not None


def test_two_columns_read_column_by_column(tmp_path):
    left = _body_lines(f"(1) {IRPA_117_1}", 50, 100, width=40)
    right = _body_lines(f"(2) {IRPA_117_2}", 330, 100, width=40)
    doc = load(make_pdf(tmp_path / "columns.pdf", [left + right]))
    flat = squash(doc.text)
    assert f"(1) {IRPA_117_1}" in flat
    assert f"(2) {IRPA_117_2}" in flat
    assert flat.index("(1) No person") < flat.index("(2) A person")


def test_words_hyphenated_across_lines_are_joined(tmp_path):
    items = [(72, 100, "No person shall organize, induce, aid or abet the com-", 10),
             (72, 114, "ing into Canada of one or more persons, including a non-", 10),
             (72, 128, "national, knowing that their coming is in contravention of this Act.", 10)]
    doc = load(make_pdf(tmp_path / "hyphen.pdf", [items]))
    assert "the coming into Canada" in doc.text
    assert "non-national" in doc.text
