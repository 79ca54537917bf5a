"""Text, Markdown, HTML and Word inputs read as faithfully as PDFs."""

from __future__ import annotations

import docx
import pytest
from conftest import CORPUS, squash

from auditor import load, segment

CESEDA = CORPUS / "fr/ceseda-2017-livre-vi-sanctions-excerpt.txt"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_text_encodings_decode_to_the_same_law(tmp_path, encoding):
    original = CESEDA.read_text(encoding="utf-8").replace("€", "EUR").replace("œ", "oe")
    path = tmp_path / f"ceseda-{encoding}.txt"
    path.write_bytes(original.encode(encoding))
    doc = load(path)
    assert doc.text == load_text_of(original, tmp_path)
    assert "Aide à l'entrée et au séjour irréguliers" in doc.text
    assert doc.meta.language == "fr"


def load_text_of(text: str, tmp_path) -> str:
    path = tmp_path / "reference.txt"
    path.write_text(text, encoding="utf-8")
    return load(path).text


def test_mixed_utf8_and_cp1252_bytes(tmp_path):
    raw = "Article L622-1 : l'entrée ou le séjour irréguliers d'un étranger".encode()
    raw += " — aide au séjour".encode("cp1252")
    path = tmp_path / "mixed.txt"
    path.write_bytes(raw)
    doc = load(path)
    assert doc.text == "Article L622-1 : l'entrée ou le séjour irréguliers d'un étranger — aide au séjour"


def test_form_feeds_are_page_breaks(tmp_path):
    pdf = load(CORPUS / "bb/immigration-amendment-bill-2016.pdf")
    path = tmp_path / "bill.txt"
    path.write_text("\f".join(pdf.page_text(n) for n in range(1, pdf.meta.pages + 1)))
    doc = load(path)
    assert doc.meta.pages == 10
    assert doc.page_at(doc.text.index("endangers the lives of the persons concerned")) == 5


def test_markdown_front_matter_and_decoration(tmp_path):
    doc = load(CORPUS / "uy/ley-19643-trata-2018.md")
    assert doc.meta.fields["identifier"] == "UY-ley-19643"
    assert doc.meta.language == "es"
    assert "#" not in doc.text[:200]
    md = tmp_path / "decorated.md"
    md.write_text(
        "# Immigration and Refugee Protection Act\n\n## Human Smuggling and Trafficking\n\n"
        "**117** Organizing entry into Canada\n\n"
        "\\(1\\) No person shall organize, induce, aid or abet the coming into Canada of one or "
        "more persons knowing that, or being reckless as to whether, their coming into Canada is "
        "or would be in contravention of [this Act](https://example.org/act).\n\n"
        "1\\. *Penalties* — see (\\*) above\n", encoding="utf-8")
    text = load(md).text
    assert "117 Organizing entry into Canada" in text
    assert "(1) No person shall organize" in text
    assert "contravention of this Act." in text
    assert "1. Penalties — see (*) above" in text


def test_html_blocks_become_paragraphs_and_scripts_vanish(tmp_path):
    page = tmp_path / "act.html"
    page.write_text(
        "<html><head><title>Immigration and Refugee Protection Act</title>"
        "<script>var x = '117 (1) fake';</script><style>p{}</style></head><body>"
        "<nav>Home | Laws</nav><h2>117 Organizing entry into Canada</h2>"
        "<p>(1) No person shall <b>organize</b>, induce, aid or abet the coming into Canada of one "
        "or more persons knowing that, or being reckless as to whether, their coming into Canada "
        "is or would be in contravention of this Act.</p>"
        "<p>(2) A person who contravenes subsection (1) with respect to fewer than 10 persons is "
        "guilty of an offence.<br>&lt;script&gt; stays text</p></body></html>", encoding="utf-8")
    doc = load(page)
    assert doc.meta.title == "Immigration and Refugee Protection Act"
    assert "fake" not in doc.text and "Home | Laws" not in doc.text
    assert "<script> stays text" in doc.text
    law = segment(doc)
    assert law.section("117").heading == "Organizing entry into Canada"
    assert [c.citation for c in law.section("117").children] == ["s. 117(1)", "s. 117(2)"]


def test_docx_automatic_numbering_and_tracked_changes(tmp_path):
    """Word bills number provisions automatically; the numbers must reach the text."""
    document = docx.Document()
    document.add_paragraph("Offences re smuggling of persons")
    document.add_paragraph("29A. A person is guilty of the offence of smuggling of persons who "
                           "with intent to obtain directly or indirectly a financial or other "
                           "material benefit")
    for words in ("engages in conduct preliminary to or takes part in the smuggling of persons;",
                  "arranges for a person who is not a national or permanent resident of "
                  "Barbados to remain in Barbados."):
        document.add_paragraph(words, style="List Number")
    path = tmp_path / "bill.docx"
    document.save(path)
    doc = load(path)
    assert "1. engages in conduct preliminary" in doc.text
    assert "2. arranges for a person" in doc.text
    assert doc.meta.format == "docx"
    assert squash(doc.text).startswith("Offences re smuggling of persons 29A. A person is guilty")


def test_markdown_glued_cross_headed_subsections_are_split():
    """An export that glued "*Sexual exploitation*3Something … under—isection 1(1)(a) …, oriiPart 1
    …, orbwhich …" together: read as the Act prints s. 3(3) of the Modern Slavery Act 2015."""

    law = segment(CORPUS / "gb/modern-slavery-act-2015-ss1-5-part5-excerpt.md")
    cited = {p.citation: p for p in law.root.walk()}
    assert [c for c in cited if c.startswith("s. 3(")] == [
        "s. 3(1)", "s. 3(2)", "s. 3(2)(a)", "s. 3(2)(b)", "s. 3(3)", "s. 3(3)(a)", "s. 3(3)(a)(i)",
        "s. 3(3)(a)(ii)", "s. 3(3)(b)", "s. 3(4)", "s. 3(4)(a)", "s. 3(4)(b)", "s. 3(5)", "s. 3(5)(a)",
        "s. 3(5)(b)", "s. 3(5)(c)", "s. 3(6)", "s. 3(6)(a)", "s. 3(6)(b)"]
    assert cited["s. 3(3)"].heading == "Sexual exploitation"
    assert cited["s. 3(3)(a)(ii)"].text(law.document).startswith(
        "(ii) Part 1 of the Sexual Offences Act 2003 (sexual offences)")
    assert cited["s. 3(6)(b)"].text(law.document).startswith("(b) an adult, or a person without the illness")


def test_glued_repair_leaves_ordinary_text_alone():
    from auditor.ingest.glued import repair_glued

    text = "*Note*3The person—any person, orbit.\n\nA person—awhich, orb"
    assert repair_glued(text) == "Note\n\n(3) The person—any person, orbit.\n\nA person—awhich, orb"
