"""Structure of laws from publishers the segmenter was not built on (../shared/structure-pool).

Each rule of drafting the segmenter learnt from the pool is checked here on a real file of the pool,
read in place (never copied into the repository), with outcomes verified by reading the file. The
whole pool is also measured as bench/bench_structure.py does, against the floor reached so far.
Segmentation only: no spaCy, so the file stays well under a minute.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

from auditor import load
from auditor.structure import Law, segment

POOL = Path(__file__).resolve().parents[2] / "shared" / "structure-pool"
pytestmark = pytest.mark.skipif(not POOL.is_dir(), reason="the structure pool is not next to the repository")


@cache
def law(name: str) -> Law:
    return segment(load(POOL / name, ocr="never"))


def tocs(pool_law: Law) -> list[str]:
    return [p.heading for p in pool_law.provisions() if p.kind == "toc"]


def opening(pool_law: Law, number: str, chars: int = 40) -> str:
    section = pool_law.section(number, inserted=False)
    assert section is not None, number
    return pool_law.document.text[section.start:section.start + chars]


# --- tables of contents ------------------------------------------------------------------------


def test_arrangement_of_clauses_in_markdown_is_kept_out_of_the_body():
    bill = law("my__companies-bill-2015.md")
    assert tocs(bill) == ["ARRANGEMENT OF CLAUSES"]
    toc = next(p for p in bill.provisions() if p.kind == "toc")
    first = bill.section("1", inserted=False)
    assert first.start > toc.end and first.heading == "Short title and commencement"
    assert opening(bill, "1", 60).startswith("Short title and commencement\n\n1. (1) This Act may be cited")
    # the table's 'Part I' … 'Part V' are not Parts of the bill: the body's are
    assert [p.label for p in bill.root.children if p.kind == "part"][:2] == ["Part I", "Part II"]
    assert len(bill.sections(inserted=False)) > 700


def test_arrangement_of_sections_in_pdfs_ends_where_the_body_begins():
    insurance = law("zm__insurance-act-2021.pdf")  # body begins with the enacting words
    assert tocs(insurance) == ["ARRANGEMENT OF SECTIONS"] and not insurance.warnings
    assert opening(insurance, "1", 70).endswith("1. This Act may be cited ")
    crpc = law("in__code-of-criminal-procedure-1973.pdf")  # body begins at 'CHAPTER I' again
    assert tocs(crpc) == ["ARRANGEMENT OF SECTIONS"]
    assert crpc.section("2").heading == "Definitions"
    assert opening(crpc, "2", 30) == "2. Definitions.—In this Code, "
    companies = law("lk__companies-act-7-2007.pdf")  # a 'TABLE OF SECTIONS' with page numbers
    assert tocs(companies) == ["TABLE OF SECTIONS"]
    assert opening(companies, "1", 45) == "1. (1) This Act may be cited as the Companies"


def test_an_index_of_groups_is_a_table_of_contents():
    assert tocs(law("pe__ley-26887-general-sociedades.md")) == ["INDICE"]


# --- numbered headings and numbers that do not open their line --------------------------------


def test_a_numbered_heading_then_the_same_number_is_one_section():
    # "##### 1. **Interpretation (*Part 1*)**" then "**1.** In this Part"
    act = law("ie__finance-act-2024.md")
    assert act.section("1").heading == "Interpretation (*Part 1*)"
    assert act.document.text[act.section("1").start:].startswith(
        "1. Interpretation (*Part 1*)\n\n1. In this Part, “Principal Act” means")
    assert [s.number for s in act.sections(inserted=False)][:4] == ["1", "2", "3", "4"]
    assert not act.warnings


def test_a_marginal_note_in_front_of_the_number_and_a_lost_period():
    insurance = law("zm__insurance-act-2021.pdf")  # "Categories 8. Subject to section 9 …"
    assert opening(insurance, "8", 30) == "8. Subject to section 9, a per"
    assert opening(insurance, "15", 26) == "15. (1) Where a licence is"
    # "… in the enforcement notice.\nVariation or 162. (1) The Authority may …": the marginal note's
    # first words open the line of the next section, with no blank line before it
    assert opening(insurance, "162", 30) == "162. (1) The Authority may, on"
    assert [s.number for s in insurance.sections(inserted=False)][160:166] == [
        "161", "162", "163", "164", "165", "166"]
    companies = law("lk__companies-act-7-2007.pdf")
    assert opening(companies, "99", 30) == "99. (1) A company shall not ta"  # "of 99. (1) …"
    assert opening(companies, "245", 30) == "245 On the date shown in a cer"  # between 244. and 246.


def test_editors_footnotes_and_footnote_calls_are_not_sections():
    crpc = law("in__code-of-criminal-procedure-1973.pdf")  # "2[24. Public Prosecutors.—", "1. Ins. by Act …"
    assert crpc.section("24").heading == "Public Prosecutors"
    assert crpc.section("54").heading == "Examination of arrested person by medical officer"
    numbers = [s.number for s in crpc.sections(inserted=False)]
    assert numbers.index("25") == numbers.index("24") + 1


def test_a_number_after_a_sentence_broken_at_section_is_a_reference():
    bill = law("my__companies-bill-2015.md")  # "… in accordance with section\n\n344."
    s341 = bill.section("341", inserted=False)
    assert "in accordance with section\n\n344." in bill.document.text[s341.start:s341.end]
    assert [s.number for s in bill.sections(inserted=False)].count("344") == 1


def test_bold_marks_left_by_a_converter_do_not_hide_an_article():
    ley = law("pe__ley-26887-general-sociedades.md")  # "**Artículo 22.- Los aportes **"
    assert opening(ley, "22", 30) == "Artículo 22.- Los aportes **\nC"


def test_decimal_numbers_compare_as_decimals():
    code = law("ca-fr__code-canadien-du-travail.md")  # 12.001 then 12.01
    assert code.section("12.001").heading == "Nomination d’arbitres externes"
    assert code.section("12.01").heading == "Fonctions du président"


# --- what is not the law's own provisions ------------------------------------------------------


def test_an_explanatory_statement_after_the_bill_is_no_part_of_it():
    bill = law("my__road-transport-amendment-bill-2010.md")
    assert [p.heading for p in bill.root.children if p.kind == "note"] == ["EXPLANATORY STATEMENT"]
    assert not bill.warnings  # its "2. Clause 1 contains …" paragraphs were out of sequence
    assembly = law("my__peaceful-assembly-bill-2011.md")  # it repeats the Parts it explains
    assert [p.label for p in assembly.root.children if p.kind == "part"] == [
        "PART I", "PART II", "PART III", "PART IV", "PART V", "PART VI"]


def test_a_consolidations_related_provisions_are_not_its_sections():
    act = law("ca__canada-business-corporations-act.md")  # "— 1994, c. 24, s. 33" / "33 Review of …"
    assert [p.heading for p in act.root.children if p.kind == "note"][-1:] == ["RELATED PROVISIONS"]
    assert not act.warnings


def test_a_list_of_definitions_is_not_quoted_amending_text():
    assembly = law("my__peaceful-assembly-bill-2011.md")  # "requires—\n\n“rights and freedoms …” includes—"
    s3 = assembly.section("3")
    assert not s3.inserted and not any(p.inserted for p in s3.walk())


# --- titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "title"), [
    ("lk__companies-act-7-2007.pdf", "COMPANIES ACT, No. 07 OF 2007"),  # metadata: "Untitled-1"
    ("lk__computer-crimes-act-24-2007.pdf", "COMPUTER CRIME ACT, No. 24 OF 2007"),  # on two lines
    ("lk__civil-procedure-code-amendment-act-11-2010.pdf",  # metadata: "… Cover 2010.pmd"
     "CIVIL PROCEDURE CODE (AMENDMENT) ACT, NO. 11 OF 2010"),
    ("zm__insurance-act-2021.pdf", "THE INSURANCE ACT, 2021"),  # metadata: "….pmd"
    ("zm__standards-act-1994.html", "Standards Act, 1994"),  # page title "…\n – ZambiaLII"
    ("ar__codigo-civil-y-comercial-ley-26994.md", "CODIGO CIVIL Y COMERCIAL DE LA NACION"),
    ("my__road-transport-amendment-bill-2010.md",  # front matter "Title:", first line "Reading:"
     "D.R.35/2010 - Road Transport (Amendment) Bill 2010 (Passed)"),
])
def test_the_title_is_the_laws_own(name, title):
    assert law(name).document.meta.title == title


def test_a_short_title_split_by_its_marginal_note_and_an_ocr_year():
    # OCR: "This Act may be cited as the National Assembly Speaker's Short Lille\nRetirement Benefits
    # Act, i 997." (the marginal note "Short title" read into the line, the year's 1 read as "i")
    assert law("zm__speakers-retirement-benefits-act-1997.pdf").document.meta.title == \
        "National Assembly Speaker's Retirement Benefits Act, 1997"


def test_a_gazette_is_titled_by_the_first_law_it_prints_never_by_its_masthead():
    # masthead "RÉPUBLIQUE DU CONGO … JOURNAL / OFFICIEL / DE LA REPUBLIQUE DU CONGO"; the PDF's two
    # columns put the law's own heading past the head, so its contents entry gives it
    # ("28 mai Loi n° 10-2025 relative au titre, … en République du Congo......"); the OCR twin
    # prints the heading itself ("Loi n° 10-2025 du 28 mai 2025 relative au titre, …")
    pdf = law("cg__journal-officiel-2025-26.pdf").document.meta.title
    ocr = law("cg__journal-officiel-2025-26-ocr.md").document.meta.title
    assert pdf == ("Loi n° 10-2025 relative au titre, à l’exercice de la profession d’architecte et à "
                   "l’architecture en République du Congo")
    assert ocr == ("Loi n° 10-2025 du 28 mai 2025 relative au titre, à l'exercice de la profession "
                   "d'architecte et à l'architecture en République du Congo")


def test_a_publishers_credit_is_never_a_title():
    # the text layer starts with a credit paragraph ("La bibliothèque juridique numérique a été
    # réalisée par JURISCONSULT …", "Copyright JURISCONSULT@ mail : …") and then "TITRE PREMIER";
    # the title "CODE DU TRAVAIL" is only in the cover's image, so the file's name gives it
    assert law("sn__code-du-travail-loi-97-17.pdf").document.meta.title == "Code du travail loi 97-17"


# --- the whole pool ----------------------------------------------------------------------------


def test_the_pool_measured_as_the_bench_does(monkeypatch):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import bench_structure
    from bench_structure import measure, pool_files

    def read(path: Path, cache: Path | None):  # the documents this file has read already
        return law(path.name).document

    monkeypatch.setattr(bench_structure, "read", read)
    rows = [measure(path, None) for path in pool_files(POOL, None)]
    got = [r for r in rows if not r.error]
    assert [r.file for r in rows if r.error] == ["sn__decret-2020-2072-application-code-travail.pdf"]
    clean = sum(r.clean for r in got)
    assert clean >= 85, [r.file for r in got if not r.clean]  # 54 of 87 before this work
    assert sum(r.rejected for r in got) <= 4  # 2,375 before
    assert not [r.file for r in got if r.scheme in ("none", "headed")]  # 6 files before
    # every table of contents the pool holds is recognised, and none is taken as the body
    assert {r.file for r in got if r.toc} >= {
        "my__companies-bill-2015.md", "my__competition-bill-2010.md",
        "my__land-public-transport-bill-2010.md", "my__peaceful-assembly-bill-2011.md",
        "in__code-of-criminal-procedure-1973.pdf",
        "lk__companies-act-7-2007.pdf", "zm__insurance-act-2021.pdf", "pe__ley-26887-general-sociedades.md",
        "pe__ds-016-2009-mtc-reglamento-transito.md"}


# --- amending acts: inserted and substituted text is law of the target ------------------------


def test_spanish_text_substituted_without_quotes_is_the_target_laws():
    # "Modifícanse … los artículos … de la Ley N° 26702, Ley General del Sistema Financiero …, los
    # cuales quedan redactados de la siguiente manera:" then "Artículo 16.- CAPITAL MÍNIMO" unquoted
    decree = law("pe__dleg-1531-2022-modifica-sistema-financiero.md")
    assert [s.number for s in decree.sections(inserted=False)] == ["1", "2", "3", "4"]
    assert [s.number for s in decree.sections(inserted=True)][:6] == ["16", "17", "21", "27", "28", "30"]
    art16 = decree.section("16", inserted=True)
    assert art16.cited_as == ("art. 16 Ley General del Sistema Financiero y del Sistema de Seguros, "
                              "substituted by art. 2")


def test_spanish_law_printed_in_quotes_after_its_enacting_words():
    # "… ha dado su aprobación al siguiente\nProyecto de ley:\n\n\"Artículo 1º.- Introdúcense las
    # siguientes modificaciones en la ley Nº 18.290 …": the law's own articles, not quoted text
    ley = law("cl__ley-20068-modifica-transito.md")
    assert ley.scheme == "article"
    assert [s.number for s in ley.sections(inserted=False)] == ["1", "2", "3", "4"]
    art18 = next(s for s in ley.sections(inserted=True) if s.number == "18")
    assert art18.cited_as == "art. 18 ley Nº 18.290, substituted by art. 1(8)"


def test_french_text_that_takes_a_new_wording_is_the_codes():
    # "Art 1er. Le Titre Premier du Livre IV du Code du travail prend la teneur suivante:" then
    # "TITRE PREMIER - Délégations" … "Art. L. 411-1 ."
    loi = law("lu__loi-2015-07-23-dialogue-social.md")
    assert [s.number for s in loi.sections(inserted=False)] == ["1", "2", "3", "4", "5"]
    article = loi.section("L411-1", inserted=True)
    assert (article.target, article.change, article.amended_by) == (
        "Code du travail", "substituted", "art. 1")
    assert article.cited_as == "art. L411-1 Code du travail, substituted by art. 1"


def test_english_bill_substituting_a_section_of_its_principal_act():
    bill = law("my__road-transport-amendment-bill-2010.md")
    s38 = bill.sections(inserted=True)[0]
    assert s38.cited_as == "s. 38 Road Transport Act 1987, substituted by s. 19"
    assert bill.document.text[s38.start:s38.start + 40] == "38. (1) The Director General shall, upon"


def test_english_amending_text_after_a_dash_without_quotes():
    # "49. The following new section is hereby inserted immediately after section 157 of the
    # principal enactment and shall have effect as section 157A of that enactment —" then
    # "157A. (1) No person shall travel …": the opening quote went into the marginal note
    motor = law("lk__motor-traffic-amendment-act-8-2009.pdf")
    assert [s.number for s in motor.sections(inserted=False)] == [str(n) for n in range(1, 73)]
    assert not motor.warnings  # its ss. 50-72 were out of sequence after a section 157A of its own
    s157a = motor.section("157A", inserted=True)
    assert s157a.amended_by == "s. 49" and s157a.change == "inserted"
    assert motor.document.text[s157a.start:s157a.start + 38] == "157A. (1) No person shall travel in a\n"
    # "After section 293A of\nITEPA 2003 insert—" then the new section, which the converter numbered
    # "10." like the section that inserts it; its section 11 is not in the file, so the inserted
    # text runs to section 12
    finance = law("gb__finance-act-2013.html")
    assert not finance.warnings
    s10 = finance.section("10", inserted=True)
    assert s10.amended_by == "s. 10" and finance.document.text[s10.start:s10.start + 40] == (
        "10. UK travel expenses of other elected ")
    assert [s.number for s in finance.sections(inserted=False)][8:12] == ["9", "10", "12", "13"]
    assert finance.section("288", inserted=True).amended_by == "s. 100"


def test_a_quoted_term_opening_a_sentence_opens_no_quoted_text():
    # "The relevant fraction is— N Y where—\n\n“N” is the number of days …": the term's quotes close
    # at once; a quote balancing at "121. “Adjusted chargeable amount”" had hidden ss. 116-122
    finance = law("gb__finance-act-2013.html")
    numbers = [s.number for s in finance.sections(inserted=False)]
    assert numbers[numbers.index("115"):numbers.index("115") + 9] == [str(n) for n in range(115, 124)]
    assert opening(finance, "116", 20) == "116. Interim relief\n"
    # "“registered overseas company” means …" in a list of definitions: ss. 489-512 of the Act are
    # its own, not text inserted into another law
    companies = law("lk__companies-act-7-2007.pdf")
    assert not companies.sections(inserted=True)
    assert opening(companies, "489", 30) == "489. (1) Every company incorpo"


def test_a_running_head_between_the_introduction_and_the_quote():
    # "(1) by the substitution for Form 82 thereof of the\nfollowing Form:—" ends page 3; page 4
    # opens with its running head "4 Civil Procedure Code (Amendment)\nAct, No. 11 of 2010", then
    # "“No. 82 (Section 517/524)": the form's numbered lines are the Code's, not the act's
    act = law("lk__civil-procedure-code-amendment-act-11-2010.pdf")
    assert not act.warnings  # its "1. A. B. late of…" to "5. Your petitioner claims…" were out of sequence
    assert [s.number for s in act.sections(inserted=False)] == [str(n) for n in range(1, 15)]
    assert opening(act, "14", 50) == "14. In the event of any inconsistency between the\n"
    form = [s for s in act.sections(inserted=True) if s.amended_by == "s. 13(1)"]
    assert [s.number for s in form] == ["1", "2", "3", "4", "5"]
    assert form[1].cited_as == "s. 2 Civil Procedure Code, substituted by s. 13(1)"


def test_a_schedule_heading_with_its_title_in_the_same_paragraph():
    # "TWELFTH SCHEDULE [Section 443 (2)]\nPOWERS OF RECEIVERS\n1. Every receiver appointed …"
    companies = law("lk__companies-act-7-2007.pdf")
    schedules = [p for p in companies.provisions() if p.kind == "schedule"]
    assert [p.label for p in schedules][-2:] == ["TWELFTH SCHEDULE", "THIRTEENTH SCHEDULE"]
    twelfth = schedules[-2]
    assert twelfth.heading == "[Section 443 (2)]"
    paragraphs = [p for p in twelfth.walk() if p.kind == "section"]
    assert [p.number for p in paragraphs] == ["1", "2"]
    first = paragraphs[0].start
    assert companies.document.text[first:first + 30] == "1. Every receiver appointed un"
    assert len(companies.warnings) == 1  # only "section 245 has no period after its number"


def test_a_consolidations_amendment_notes_bound_the_quoted_text():
    # "(*) Artículo modificado por el Artículo 2 de la Ley N° 29403, …, cuyo texto es el siguiente:"
    # then the new text in quotes, closed by "” (*)" (the mark that it was amended again); a quote
    # that never closes must not run on over the next note and the articles after it (arts. 18-121
    # had been read as text inserted into another law)
    ley = law("pe__ley-26859-organica-elecciones.md")
    assert opening(ley, "18", 44) == "Artículo 18.- Si no se hubiese alcanzado la "
    assert [s.cited_as for s in ley.sections(inserted=True) if s.number == "21"] == [
        "art. 21 Ley N° 29403, substituted by art. 21", "art. 21 Ley Nº 32245, substituted by art. 21"]
    own = [s.number for s in ley.sections(inserted=False)]
    assert {str(n) for n in range(18, 123)} <= set(own) and "229" in own


def test_a_footnote_among_editors_footnotes_whatever_its_wording():
    # "2. Subs. by s. 20, ibid., …\n3. Now the Motor Vehicles Act, 1988 (59 of 1988).\n4. Ins. by Act
    # 45 of 1978 …" and "1. Provisions of this Chapter shall not apply …, see the Economic Offences
    # (Inapplicability of Limitation) Act, 1974 …\n2. Ins. by Act 45 of 1978, s. 33"
    crpc = law("in__code-of-criminal-procedure-1973.pdf")
    assert not crpc.warnings
    numbers = [s.number for s in crpc.sections(inserted=False)]
    assert "3" in numbers and numbers.count("3") == 1
    s208 = crpc.section("208")
    assert "3. Now the Motor Vehicles Act, 1988 (59 of 1988).\n" in crpc.document.text[s208.start:s208.end]


def test_a_law_of_one_article_numbers_its_points():
    # "### Article unique." then "Le Code du travail est modifié comme suit :" and points "1. …",
    # "2. Le paragraphe 2 de l’article L. 542-7 est abrogé.": the points are no sections of the law
    loi = law("lu__loi-2017-08-29-modif-code-travail.md")
    assert loi.scheme == "article" and not loi.warnings
    assert [s.label for s in loi.sections(inserted=False)] == ["Article unique"]
    points = loi.sections(inserted=False)[0].children
    assert [p.citation for p in points[:3]] == ["art. 1(1)", "art. 1(2)", "art. 1(3)"]
    assert loi.document.text[points[1].start:points[1].end].startswith(
        "2. Le paragraphe 2 de l’article L. 542-7 est abrogé.")


def test_words_after_the_number_continued_in_lower_case_are_no_heading():
    # "Artículo 81.- El decreto establece … el tipo de elección o consulta\n\npopular.": a converter's
    # blank line inside the first sentence; the sentence goes on, so it is no heading
    ley = law("pe__ley-26859-organica-elecciones.md")
    assert ley.section("81", inserted=False).heading == ""
    assert ley.section("82", inserted=False).heading == ""
    assert opening(ley, "81", 117).endswith("consulta\n\npopular.")


# --- repeals: what an amending act takes away -------------------------------------------------


def repealed(pool_law: Law) -> list[tuple[str, str, str]]:
    return [(r.target, r.number, r.by) for r in pool_law.repeals]


def test_spanish_repeals_of_whole_articles_of_the_law_the_chapeau_names():
    # "Artículo 1º.- Introdúcense las siguientes modificaciones en la ley Nº 18.290 …: … 20)
    # Deróganse los artículos 65, 66, 67, 68, 69, 70, 74, 75, 76 y 77. … 31) Derógase el artículo
    # 93."; "Artículo 2º.- Derógase el artículo 1º de la ley Nº13.937."; "9) En el artículo 19: a)
    # Derógase el inciso primero." repeals no whole article
    ley = law("cl__ley-20068-modifica-transito.md")
    got = repealed(ley)
    assert got[:10] == [("ley Nº 18.290", n, "art. 1(20)")
                        for n in ("65", "66", "67", "68", "69", "70", "74", "75", "76", "77")]
    assert got[10:] == [("ley Nº 18.290", "93", "art. 1(31)"), ("ley Nº 18.290", "116", "art. 1(46)"),
                        ("ley Nº 18.290", "149", "art. 1(55)"), ("ley Nº 18.290", "158", "art. 1(59)"),
                        ("ley Nº 18.290", "196G", "art. 1(86)"), ("ley Nº13.937", "1", "art. 2")]


def test_english_repeals_with_ranges_and_the_law_they_name():
    # "39. Sections 657A, 657B and 669A to 669F of the Principal Act are repealed." and "53. Section
    # 46 of the Finance (No. 2) Act 2023 is repealed."
    finance = law("ie__finance-act-2024.md")
    assert repealed(finance) == [("Principal Act", n, "s. 39") for n in
                                 ("657A", "657B", "669A", "669B", "669C", "669D", "669E", "669F")] + [
        ("Finance (No. 2) Act 2023", "46", "s. 53")]
    # "(2) Section 19 of the Act of 2006 is repealed. (3) Sections 5 to 15 of the Electoral Act 1997
    # are repealed."; "(4) The Referendum Act 1998 is repealed." repeals a whole Act, no section
    reform = law("ie__electoral-reform-act-2022.md")
    assert repealed(reform) == [("Act of 2006", "19", "s. 4(2)")] + [
        ("Electoral Act 1997", str(n), "s. 4(3)") for n in range(5, 16)]
    # "57. Section 199 of the principal enactment is hereby repealed." but not "50. Section 160 …
    # is hereby repealed and the following section substituted therefor", a substitution
    motor = law("lk__motor-traffic-amendment-act-8-2009.pdf")
    assert repealed(motor) == [("the principal Act", "199", "s. 57"), ("the principal Act", "201", "s. 59")]


def test_french_repeal_of_an_article_of_the_same_regulation():
    # "Art. 4. L’article 4 du même règlement est abrogé.": "the same regulation" names no law again
    rgd = law("lu__rgd-2022-06-09-mise-en-decharge-dechets.md")
    assert repealed(rgd) == [("", "4", "art. 4")]
    # "2. Le paragraphe 2 de l’article L. 542-7 est abrogé.": a paragraph, not the article
    assert repealed(law("lu__loi-2017-08-29-modif-code-travail.md")) == []


# --- scanned and typed amending acts ----------------------------------------------------------


def test_an_ocr_d_amending_act_keeps_its_own_articles():
    decree = law("gt__decreto-13-2013-reformas-ley-presupuesto.pdf")
    own = [s.number for s in decree.sections(inserted=False)]
    # "ARTÍCULO 37. Se ádiciona· el artículo 61 Bis …": an accent OCR put on the verb; the quote
    # after "operativos.•" (read as a bullet) never closed, and art. 61's quoted text ran over it
    assert opening(decree, "37", 30) == "ARTÍCULO 37. Se ádiciona· el a"
    s61 = next(s for s in decree.sections(inserted=True) if s.number == "61")
    assert s61.cited_as == "art. 61 Ley Orgánica del Presupuesto, substituted by art. 36"  # "Se reforma"
    assert decree.document.text[s61.end - 25:s61.end] == "corrientes u operativos.•"
    # "… control y fiscalización.''": two apostrophes close the quote, so arts. 76-80 are the decree's
    assert own[own.index("75"):own.index("75") + 6] == ["75", "76", "77", "78", "79", "80"]
    # "Artículo 57 Bis." is article 57bis, as "77 bis" is 77bis
    s57 = next(s for s in decree.sections(inserted=True) if s.amended_by == "art. 35")
    assert s57.cited_as == "art. 57bis Ley Orgánica del Presupuesto, inserted by art. 35"


def test_a_capitalised_bis_numbers_an_article_of_its_own():
    code = law("mx__codigo-fiscal-federacion.pdf")  # "Artículo 111 Bis.- Se impondrá sanción de 3 a 8 años"
    assert opening(code, "111bis", 40) == "Artículo 111 Bis.- Se impondrá sanción d"
    assert "111 Bis" not in code.document.text[code.section("111").start:code.section("111").end]
