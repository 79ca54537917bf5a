"""Single segmentation rules, on short excerpts of real laws, plus property tests on any text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.errors import InputError
from auditor.ingest.build import make_document
from auditor.structure import segment
from auditor.structure.labels import Label, follows, number_key, resolve_format


def doc_of(text: str):
    return make_document(path="excerpt.txt", raw=text.encode(), fmt="text", pages=[text],
                         language="en")


def lab(value: str, fmt: str) -> Label:
    return Label(f"({value})", fmt, value, 0, len(value) + 2)


def test_i_after_h_is_a_letter_and_fresh_i_is_roman():
    assert resolve_format(lab("i", "paren-lower|roman"), {"paren-lower": "h"}) == "paren-lower"
    assert resolve_format(lab("i", "paren-lower|roman"), {"paren-lower": "b"}) == "paren-roman"
    assert resolve_format(lab("ii", "paren-lower|roman"), {"paren-lower": "b",
                                                           "paren-roman": "i"}) == "paren-roman"
    assert resolve_format(lab("v", "paren-lower|roman"), {"paren-lower": "u"}) == "paren-lower"
    assert resolve_format(lab("I", "paren-upper|roman"), {"paren-upper": "H"}) == "paren-upper"
    assert resolve_format(lab("I", "paren-upper|roman"), {"paren-roman": "v"}) == "paren-roman-upper"


def test_section_number_order():
    assert number_key("29A") > number_key("29") and number_key("30") > number_key("29C")
    assert follows(number_key("10.02"), number_key("10.1"))  # Canadian decimal numbering
    assert follows(number_key("279.01"), number_key("279.011"))
    assert not follows(number_key("30"), number_key("1"))  # a restart: table of contents
    assert not follows(number_key("12"), number_key("12"))


def test_letters_run_past_h_into_i_and_j():
    # Barbados Trafficking in Persons Prevention Bill 2016, s. 2, definition of "exploitation".
    text = ("Short title\n1. This Act may be cited as the Trafficking in Persons Prevention Act, "
            "2016.\n\nInterpretation\n\n2. In this Act,\n“exploitation” includes\n"
            "(g) child pornography;\n(h) the illicit removal of human organs;\n"
            "(i) causing a person to transport illegal items within or across borders; and\n"
            "(j) deriving a benefit through the abuse of another person;")
    law = segment(doc_of(text))
    assert [c.citation for c in law.section("2").children] == ["s. 2(g)", "s. 2(h)", "s. 2(i)",
                                                                "s. 2(j)"]


def test_reference_at_line_start_is_not_a_label():
    # IRPA s. 117(3.1): "... under paragraph\n(a) ..." would otherwise open a paragraph.
    text = ("117 Organizing entry into Canada\n\n(1) No person shall organize the coming into "
            "Canada of one or more persons in contravention of this Act.\n\n(2) A person who "
            "contravenes subsection\n(1) with respect to fewer than 10 persons is guilty of an offence.")
    law = segment(doc_of(text))
    assert [c.citation for c in law.section("117").children] == ["s. 117(1)", "s. 117(2)"]


def test_year_wrapped_to_line_start_is_not_a_section():
    # Barbados bill s. 1: "... Prevention Act,\n2016." must not become section 2016.
    text = ("Short title\n1. This Act may be cited as the Trafficking in Persons Prevention Act,\n"
            "2016.\n\nInterpretation\n2. In this Act, “child” means a person under the age of 18 "
            "years;")
    law = segment(doc_of(text))
    assert [s.number for s in law.sections()] == ["1", "2"]
    assert [s.heading for s in law.sections()] == ["Short title", "Interpretation"]


def test_quoted_amendment_is_inserted_text():
    # Barbados Immigration (Amendment) Bill 2016, s. 5.
    text = ("4. The principal Act is amended by deleting section 30.\n\n"
            "5. The Extradition Act, Cap. 189, is amended in the Schedule by adding the following "
            "as paragraph 40:\n\n“40. Any offence concerning the smuggling of persons.”.\n\n"
            "EXPLANATORY MEMORANDUM\n\nSUMMARY")
    law = segment(doc_of(text))
    assert [s.number for s in law.sections(inserted=False)] == ["4", "5"]
    inserted = law.sections(inserted=True)
    assert [(s.number, s.inserted) for s in inserted] == [("40", True)]
    assert inserted[0] in law.section("5", inserted=False).children
    memo = law.root.children[-1]
    assert (memo.kind, memo.heading) == ("note", "EXPLANATORY MEMORANDUM")


LEGAL_PIECES = st.sampled_from([
    "117 ", "(1) ", "(a) ", "(i) ", "(A) ", "(I) ", "§ 1324. ", "Article 3\n", "Art. 225-4-1 ",
    "29A.(1) ", "1. ", "1° ", "a) ", "I. - ", "PART 3\n", "CHAPTER V\n", "Sección I - ",
    "SCHEDULE\n", "“", "”.", "\n", "\n\n", "No person shall organize ", "means ", "the following:",
    "Short title\n", "Historical Note\n", "Arrangement of Sections\n", "EXPLANATORY MEMORANDUM\n",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LEGAL_PIECES, st.text(max_size=12)), max_size=60))
def test_segment_never_fails_and_spans_nest(pieces):
    text = "".join(pieces)
    try:
        document = doc_of(text)
    except InputError as error:  # nothing left once invisible characters are folded
        assert error.code == "no-text"
        return
    law = segment(document)
    doc_text = law.document.text
    stack = [(child, law.root) for child in law.root.children]
    while stack:
        node, parent = stack.pop()
        assert parent.start <= node.start <= node.end <= parent.end <= len(doc_text)
        assert node.page == 1
        stack.extend((child, node) for child in node.children)


def test_one_megabyte_line_completes():
    """Every pattern is anchored and linear: a 1 MB line (a Markdown export with no line breaks)
    is segmented, not stuck in backtracking."""
    line = "(1) " + "no person shall organize the coming into Canada (a) or (b) " * 17000
    law = segment(doc_of("117 Organizing entry into Canada\n\n" + line))
    assert len(law.document.text) > 1_000_000
    assert [c.citation for c in law.section("117").children] == ["s. 117(1)"]


def test_spanish_drafting_styles():
    """Spanish numbering (layout made up around words of Ley 18.250): "ARTÍCULO 1°.- (Objeto).-",
    "Art. 77 bis.-" with a consolidation mark "(*)" after its sentence, lists "1)"."""
    text = ("CAPÍTULO XV - DE LOS DELITOS\n\nSección I - Tráfico de personas\n\n"
            "ARTÍCULO 1°.- (Objeto).- Esta ley regula la migración.\n\n"
            "Art. 77 bis.- Quien promoviere el ingreso ilegal de personas será castigado con una pena de dos "
            "a ocho años. (*)\n\nArt. 78.- Son agravantes:\n1) Cuando se hubiere puesto en peligro la vida.\n"
            "2) Cuando la víctima sea un niño.\n")
    law = segment(doc_of(text))
    rows = [(p.kind, p.citation, p.heading) for p in law.provisions()]
    assert rows == [("chapter", "CAPÍTULO XV", "DE LOS DELITOS"),
                    ("group", "Sección I", "Tráfico de personas"), ("article", "art. 1", "Objeto"),
                    ("article", "art. 77bis", ""), ("article", "art. 78", ""),
                    ("item", "art. 78(1)", ""), ("item", "art. 78(2)", "")]
