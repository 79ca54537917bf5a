"""Structure of real laws, checked against my own reading of each text."""

from __future__ import annotations

from conftest import law, squash


def citations(provision) -> list[str]:
    return [p.citation for p in provision.walk() if p.kind not in ("note", "heading")]


# --- Canada: consolidated act, "117 Heading" then "(1) ..." --------------------------------------


def test_irpa_smuggling_and_trafficking_sections_with_headings():
    irpa = law("ca/immigration-and-refugee-protection-act.txt")
    assert irpa.scheme == "numspace"
    got = {n: irpa.section(n).heading for n in ("117", "118", "119", "120", "121")}
    assert got == {
        "117": "Organizing entry into Canada",
        "118": "Offence — trafficking in persons",
        "119": "Disembarking persons at sea",
        "120": "Penalties",
        "121": "Aggravating factors",
    }
    numbers = [s.number for s in irpa.sections()]
    i = numbers.index("117")
    assert numbers[i - 2 : i + 6] == ["115", "116", "117", "118", "119", "120", "121", "121.1"]


def test_irpa_117_subsections_and_marginal_headings():
    s117 = law("ca/immigration-and-refugee-protection-act.txt").section("117")
    assert citations(s117) == [
        "s. 117", "s. 117(1)", "s. 117(2)", "s. 117(2)(a)", "s. 117(2)(a)(i)", "s. 117(2)(a)(ii)",
        "s. 117(2)(b)", "s. 117(3)", "s. 117(3.1)", "s. 117(3.1)(a)", "s. 117(3.1)(a)(i)",
        "s. 117(3.1)(a)(ii)", "s. 117(3.1)(b)", "s. 117(3.1)(b)(i)", "s. 117(3.1)(b)(ii)",
        "s. 117(3.2)", "s. 117(3.2)(a)", "s. 117(3.2)(a)(i)", "s. 117(3.2)(a)(ii)",
        "s. 117(3.2)(b)", "s. 117(3.2)(b)(i)", "s. 117(3.2)(b)(ii)", "s. 117(4)",
    ]
    by_cite = {p.citation: p for p in s117.walk()}
    assert by_cite["s. 117(2)"].heading == "Penalties — fewer than 10 persons"
    assert by_cite["s. 117(3.1)"].heading == "Minimum penalty — fewer than 50 persons"
    assert by_cite["s. 117(4)"].heading == "No proceedings without consent"
    assert by_cite["s. 117(1)"].kind == "subsection"
    assert by_cite["s. 117(2)(a)"].kind == "paragraph"
    assert by_cite["s. 117(2)(a)(i)"].kind == "subparagraph"


def test_irpa_subsection_span_is_exactly_its_text():
    irpa = law("ca/immigration-and-refugee-protection-act.txt")
    sub = irpa.find("s. 117(1)")
    text = irpa.document.text[sub.start : sub.end]
    assert text == (
        "(1) No person shall organize, induce, aid or abet the coming into Canada of one or more "
        "persons knowing that, or being reckless as to whether, their coming into Canada is or "
        "would be in contravention of this Act."
    )


def test_french_irpa_has_the_same_sections_as_english():
    en = law("ca/immigration-and-refugee-protection-act.txt")
    fr = law("ca/loi-immigration-protection-refugies.txt")
    assert [s.number for s in fr.sections()] == [s.number for s in en.sections()]
    assert fr.section("117").heading == "Entrée illégale"
    assert fr.section("118").heading == "Trafic de personnes"
    assert citations(fr.section("117")) == citations(en.section("117"))


def test_criminal_code_decimal_sections():
    cc = law("ca/criminal-code-trafficking-excerpt.txt")
    assert [s.number for s in cc.sections()] == [
        "7", "279", "279.01", "279.011", "279.02", "279.03", "279.04"]
    assert cc.section("279.01").heading == "Trafficking in persons"
    assert cc.find("s. 279.01(2)").heading == "Consent"
    assert cc.find("s. 7(4.11)") is not None


# --- United States Code --------------------------------------------------------------------------


def test_usc_1324_nested_lettering():
    usc = law("us/8-usc-1324-1328-alien-smuggling.txt")
    assert usc.scheme == "usc"
    assert [(s.number, s.heading) for s in usc.sections()] == [
        ("1324", "Bringing in and harboring certain aliens"),
        ("1325", "Improper entry by alien"),
        ("1327", "Aiding or assisting certain aliens to enter"),
        ("1328", "Importation of alien for immoral purpose"),
    ]
    a1a = usc.find("§ 1324(a)(1)(A)")
    assert a1a.kind == "subparagraph"
    assert [c.citation for c in a1a.children] == [
        f"§ 1324(a)(1)(A)({n})" for n in ("i", "ii", "iii", "iv", "v")]
    assert [c.citation for c in usc.find("§ 1324(a)(1)(A)(v)").children] == [
        "§ 1324(a)(1)(A)(v)(I)", "§ 1324(a)(1)(A)(v)(II)"]
    assert usc.find("§ 1324(a)").heading == "Criminal penalties"
    assert usc.find("§ 1324(a)(1)(A)").heading == ""  # "Any person who" opens a sentence
    assert usc.find("§ 1324(a)(1)(B)").heading == ""
    clause = usc.find("§ 1324(a)(1)(A)(iv)")
    assert squash(usc.document.text[clause.start : clause.end]).startswith(
        "(iv) encourages or induces an alien to come to, enter, or reside in the United States")
    title = usc.root.children[0]
    assert (title.kind, title.label, title.heading) == ("title", "Title 8", "ALIENS AND NATIONALITY")


def test_usc_definitions_paragraph_headings():
    tvpa = law("us/22-usc-7102-7105-tvpa.txt")
    assert tvpa.section("7102").heading == "Definitions"
    coercion = tvpa.find("§ 7102(3)")
    assert coercion.heading == "Coercion"
    assert [c.citation for c in coercion.children] == ["§ 7102(3)(A)", "§ 7102(3)(B)", "§ 7102(3)(C)"]
    assert tvpa.find("§ 7102(1)").heading == "Abuse or threatened abuse of law or legal process"


def test_usc_items_aa_bb_sit_below_subclauses():
    """22 U.S.C. 7105(b)(1)(E)(i)(II) has items "(aa)", "(bb)"; read as letters they used to close
    subsection (b) and misnumber the rest of the section ("§ 7105(iv)(A)")."""
    tvpa = law("us/22-usc-7102-7105-tvpa.txt")
    subclause = tvpa.find("§ 7105(b)(1)(E)(i)(II)")
    assert [(c.kind, c.citation) for c in subclause.children] == [
        ("item", "§ 7105(b)(1)(E)(i)(II)(aa)"), ("item", "§ 7105(b)(1)(E)(i)(II)(bb)")]
    assert tvpa.find("§ 7105(c)(1)(C)(ii)") is not None
    labels = [c.label for c in tvpa.section("7105").children]
    assert labels == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)"]


def test_usc_chapter_77_sections():
    ch77 = law("us/18-usc-ch77-peonage-slavery-trafficking.txt")
    assert [s.number for s in ch77.sections()] == [str(n) for n in range(1581, 1598)]
    assert ch77.section("1589").heading == "Forced labor"
    assert ch77.section("1591").heading == "Sex trafficking of children or by force, fraud, or coercion"


# --- Barbados bills, from the official PDFs -----------------------------------------------------


def test_barbados_amendment_bill_inserted_sections():
    bill = law("bb/immigration-amendment-bill-2016.pdf")
    assert [s.number for s in bill.sections(inserted=False)] == ["1", "2", "3", "4", "5"]
    inserted = bill.sections(inserted=True)
    assert [s.number for s in inserted] == ["29A", "29B", "29C", "30", "40"]
    s3 = bill.section("3", inserted=False)
    assert s3.heading == "Insertion of new section 29A in Cap. 190"
    assert [c.number for c in s3.children] == ["29A", "29B", "29C"]
    s29a = bill.section("29A")
    assert s29a.heading == "Offences re smuggling of persons"
    assert s29a.page == 4
    assert citations(s29a) == [
        "s. 29A", "s. 29A(1)", "s. 29A(1)(a)", "s. 29A(1)(b)", "s. 29A(1)(b)(i)",
        "s. 29A(1)(b)(ii)", "s. 29A(1)(c)", "s. 29A(2)", "s. 29A(2)(a)", "s. 29A(2)(b)",
        "s. 29A(3)", "s. 29A(4)", "s. 29A(4)(a)", "s. 29A(4)(b)", "s. 29A(4)(c)",
    ]
    sub1 = bill.find("s. 29A(1)")
    assert squash(bill.document.text[sub1.start : sub1.end]).startswith(
        "(1) A person is guilty of the offence of smuggling of persons who with intent to obtain "
        "directly or indirectly a financial or other material benefit (a) engages in conduct")
    assert bill.find("s. 29A(2)").page == 5
    assert [s.heading for s in inserted[:3]] == ["Offences re smuggling of persons", "Penalties",
                                                 "Forfeiture"]
    # cited in the law it amends and by the provision that put it there
    assert s29a.cited_as == "s. 29A Immigration Act, inserted by s. 3"
    assert bill.find("s. 29A(1)").cited_as == "s. 29A(1) Immigration Act, inserted by s. 3"
    assert bill.section("30", inserted=True).cited_as == "s. 30 Immigration Act, substituted by s. 4"
    assert bill.section("40", inserted=True).cited_as == "s. 40 Extradition Act, Cap. 189, inserted by s. 5"
    assert bill.document.meta.title == "Immigration (Amendment) Act, 2016"  # its short title


def test_a_section_number_alone_on_its_line_opens_the_section():
    # legislation.gov.uk Markdown: "#### Assisting illegal entry, and harbouring" / "##### 25" / "(1) …"
    act = law("gb/immigration-act-1971-part-iii-excerpt.md")
    assert act.scheme == "numspace"
    assert [(s.number, s.heading) for s in act.sections()][:3] == [
        ("24", "Illegal entry and similar offences"), ("25", "Assisting illegal entry, and harbouring"),
        ("26", "General offences in connection with administration of Act")]
    slavery = law("gb/modern-slavery-act-2015-ss1-5-part5-excerpt.md")
    assert [s.number for s in slavery.sections()] == ["1", "2", "3", "4", "5", *map(str, range(45, 54))]
    assert slavery.section("2").heading == "Human trafficking"
    assert citations(slavery.section("2"))[:3] == ["s. 2", "s. 2(1)", "s. 2(2)"]


def test_barbados_trafficking_bill_sections_headings_pages():
    bill = law("bb/trafficking-in-persons-prevention-bill-2016.pdf")
    own = bill.sections(inserted=False)
    assert [s.number for s in own] == [str(n) for n in range(1, 31)]
    heads = {s.number: s.heading for s in own}
    assert heads["2"] == "Interpretation"
    assert heads["3"] == "Offence of trafficking in persons"
    assert heads["6"] == "Unlawfully destroying or withholding travel document etc."
    assert heads["14"] == "Victim may offer a defence"
    assert bill.section("3").page == 7 and bill.section("14").page == 13
    assert [c.citation for c in bill.find("s. 3(2)").children] == [
        f"s. 3(2)({x})" for x in "abcde"]
    # The arrangement of sections is recognised as a table of contents, not as sections.
    assert any(p.kind == "toc" and p.page == 2 for p in bill.provisions())


# --- Civil-law codes and treaties ---------------------------------------------------------------


def test_ceseda_articles_and_groups():
    ceseda = law("fr/ceseda-2017-livre-vi-sanctions-excerpt.txt")
    assert ceseda.scheme == "article"
    numbers = [s.number for s in ceseda.sections()]
    assert numbers[:13] == ["L111-1", "L621-2", "L622-1", "L622-2", "L622-3", "L622-4", "L622-5",
                            "L622-6", "L622-7", "L622-8", "L622-9", "L622-10", "L623-1"]
    assert [c.citation for c in ceseda.section("L622-4").children] == [
        "art. L622-4(1)", "art. L622-4(2)", "art. L622-4(3)"]
    chapter = next(p for p in ceseda.provisions() if p.kind == "chapter" and p.label == "Chapitre II")
    assert chapter.heading == "Aide à l'entrée et au séjour irréguliers"
    assert "L622-1" in [c.number for c in chapter.children]
    book = next(p for p in ceseda.provisions() if p.kind == "book" and p.label == "LIVRE VI")
    assert chapter in list(book.walk())


def test_code_penal_degree_items():
    cp = law("fr/code-penal-traite-travail-force-excerpt.txt")
    art = cp.section("225-4-1")
    assert [c.citation for c in art.walk()][:7] == [
        "art. 225-4-1", "art. 225-4-1 I", "art. 225-4-1 I 1°", "art. 225-4-1 I 2°",
        "art. 225-4-1 I 3°", "art. 225-4-1 I 4°", "art. 225-4-1 II"]


def test_smuggling_protocol_articles_and_chapters():
    som = law("un/smuggling-of-migrants-protocol-2000.txt")
    assert [s.number for s in som.sections()] == [str(n) for n in range(1, 26)]
    assert som.section("3").heading == "Use of terms"
    assert som.section("5").heading == "Criminal liability of migrants"
    assert [c.citation for c in som.section("3").walk()] == [
        "art. 3", "art. 3(a)", "art. 3(b)", "art. 3(c)", "art. 3(c)(i)", "art. 3(c)(ii)",
        "art. 3(c)(iii)", "art. 3(d)"]
    chapters = [(p.label, p.heading) for p in som.root.children if p.kind == "chapter"]
    assert chapters == [("I", "General provisions"), ("II", "Smuggling of migrants by sea"),
                        ("III", "Prevention, cooperation and other measures"),
                        ("IV", "Final provisions")]
    assert [c.citation for c in som.section("6").children] == [f"art. 6({n})" for n in range(1, 5)]


def test_trafficking_protocol_articles():
    tip = law("un/trafficking-in-persons-protocol-2000.txt")
    assert [s.number for s in tip.sections()] == [str(n) for n in range(1, 21)]
    assert tip.section("3").heading == "Use of terms"
    assert [c.citation for c in tip.section("3").children] == [
        "art. 3(a)", "art. 3(b)", "art. 3(c)", "art. 3(d)"]


def test_uruguay_migration_law_chapter_xv():
    ley = law("uy/ley-18250-migracion-2008.md")
    assert ley.document.meta.title == "Ley Nº 18250 - LEY DE MIGRACIONES"
    assert ley.document.meta.fields["publication_date"] == "2008-01-17"
    assert not ley.document.text.startswith("---")
    assert [s.number for s in ley.sections()] == [str(n) for n in range(1, 85)]
    chapter = next(p for p in ley.provisions() if p.kind == "chapter" and p.number == "XV")
    assert chapter.heading == "DE LOS DELITOS"
    groups = [(g.label, g.heading) for g in chapter.children]
    assert groups == [("Sección I", "Tráfico de personas"), ("Sección II", "Trata de personas"),
                      ("Sección III", "Agravantes especiales")]
    assert [a.number for a in chapter.children[0].children] == ["77"]
    assert "con la finalidad de obtener un provecho para sí o para un tercero" in squash(
        ley.document.text[chapter.children[0].children[0].start : chapter.children[0].end])


def test_every_provision_span_nests_and_pages_are_valid():
    for name in ("ca/immigration-and-refugee-protection-act.txt", "bb/immigration-amendment-bill-2016.pdf",
                 "us/22-usc-7102-7105-tvpa.txt", "uy/ley-19643-trata-2018.md"):
        law_ = law(name)
        pages = law_.document.meta.pages
        text = law_.document.text
        stack = [(top, law_.root) for top in law_.root.children]
        while stack:
            node, parent = stack.pop()
            assert parent.start <= node.start <= node.end <= parent.end, node.citation
            assert 1 <= node.page <= pages
            assert text[node.start : node.start + 1].strip(), node.citation
            stack.extend((child, node) for child in node.children)


def test_uruguay_trafficking_law_article_headings_and_letters():
    """"##### Artículo 40" then "(No punibilidad).- Las víctimas …": the parenthesised words name the
    article; lettered items "A)" to "S)" are its subdivisions."""
    ley = law("uy/ley-19643-trata-2018.md")
    assert ley.document.meta.fields["status"] == "in_force"
    assert [s.number for s in ley.sections()] == [str(n) for n in range(1, 51)]
    assert ley.section("40").heading == "No punibilidad"
    assert ley.section("24").heading == ("Derechos migratorios de las víctimas de trata o explotación de "
                                         "personas de nacionalidad extranjera")
    four = ley.section("4")
    assert four.heading == "Definiciones"
    assert [c.label for c in four.children][:3] == ["A)", "B)", "C)"] and four.children[-1].label == "T)"
    assert [g.label for g in ley.root.children if g.kind == "chapter"][:2] == ["CAPÍTULO I", "CAPÍTULO II"]
