"""Definitions, offences, exemptions and references on real laws, as I read them."""

from __future__ import annotations

from functools import cache

from click.testing import CliRunner
from conftest import law, squash

from auditor.analyse import AnnotatedLaw, analyse
from auditor.cli import main


@cache
def annotated(name: str) -> AnnotatedLaw:
    return analyse(law(name))


def offence(a: AnnotatedLaw, citation: str):
    found = [o for o in a.offences if o.citation == citation]
    assert found, f"no offence at {citation}: {[o.citation for o in a.offences]}"
    return found[0]


def concepts(o, *roles: str) -> set[str]:
    return {e.concept for e in o.elements if e.role in roles}


# --- definitions ---------------------------------------------------------------------------------


def test_tvpa_7102_has_eighteen_definitions():
    a = annotated("us/22-usc-7102-7105-tvpa.txt")
    in_7102 = [d for d in a.definitions if d.citation.startswith("§ 7102")]
    assert [d.term for d in in_7102] == [
        "abuse or threatened abuse of the legal process", "appropriate congressional committees",
        "coercion", "commercial sex act", "concrete actions", "credible information",
        "debt bondage", "involuntary servitude",
        "minimum standards for the elimination of trafficking",
        "nonhumanitarian, nontrade-related foreign assistance",
        "severe forms of trafficking in persons", "sex trafficking", "State", "Task Force",
        "United States", "victim of a severe form of trafficking", "victim of trafficking",
        "grounds related to human trafficking",
    ]
    assert [d.citation for d in in_7102] == [f"§ 7102({n})" for n in range(1, 19)]
    assert {d.scope.kind for d in in_7102} == {"chapter"}  # "In this chapter:"
    coercion = in_7102[2]
    text = squash(a.law.document.text[coercion.start : coercion.end])
    assert text.startswith("The term “coercion” means (A) threats of serious harm")
    assert text.endswith("(C) the abuse or threatened abuse of the legal process.")
    assert in_7102[7].kind == "includes"


def test_barbados_trafficking_bill_section_2_definitions():
    a = annotated("bb/trafficking-in-persons-prevention-bill-2016.pdf")
    s2 = [d for d in a.definitions if d.citation == "s. 2"]
    assert [d.term for d in s2] == [
        "child", "Criminal Assets Recovery Fund", "debt bondage", "exploitation",
        "illicit removal of organs", "Minister", "offence of trafficking",
        "offence of trafficking in children", "offence of trafficking in persons", "slavery", "victim"]
    assert all(d.scope.kind == "act" for d in s2)  # "In this Act,"
    exploitation = s2[3]
    assert exploitation.kind == "includes"
    text = squash(a.law.document.text[exploitation.start : exploitation.end])
    assert text.startswith("“exploitation” includes (a) keeping a person in a state of slavery;")
    assert text.endswith("(j) deriving a benefit through the abuse of another person;")
    # section 6(2) defines "travel document" for that section only
    travel = next(d for d in a.definitions if d.term == "travel document")
    assert (travel.citation, travel.scope.kind, travel.scope.citation) == ("s. 6(2)", "section", "s. 6")


def test_irpa_unquoted_definitions_and_their_scope():
    a = annotated("ca/immigration-and-refugee-protection-act.txt")
    s2 = [d.term for d in a.definitions if d.citation == "s. 2(1)"]
    assert s2 == ["Board", "Convention Against Torture", "designated foreign national",
                  "foreign national", "permanent resident", "prescribed", "Refugee Convention"]
    foreign = next(d for d in a.definitions if d.term == "foreign national")
    assert squash(a.law.document.text[foreign.start : foreign.end]) == (
        "foreign national means a person who is not a Canadian citizen or a permanent resident, "
        "and includes a stateless person. (étranger)")
    s76 = [(d.term, d.scope.kind) for d in a.definitions if d.citation == "s. 76"]
    assert s76 == [("information", "division"), ("judge", "division")]


def test_french_irpa_bilingual_definitions():
    a = annotated("ca/loi-immigration-protection-refugies.txt")
    terms = [d.term for d in a.definitions if d.citation == "s. 2(1)"]
    assert terms == ["Commission", "Convention contre la torture", "Convention sur les réfugiés",
                     "étranger", "étranger désigné", "résident permanent"]


def test_ceseda_deeming_definition():
    a = annotated("fr/ceseda-2017-livre-vi-sanctions-excerpt.txt")
    (d,) = [d for d in a.definitions if d.citation == "art. L111-1"]
    assert (d.term, d.scope.kind) == ("étrangers", "act")  # "au sens du présent code"


# --- offences ------------------------------------------------------------------------------------


def test_irpa_117_profit_is_a_penalty_factor_not_an_element():
    a = annotated("ca/immigration-and-refugee-protection-act.txt")
    o = offence(a, "s. 117(1)")
    assert o.kind == "prohibition"
    assert o.penalty_provisions == ("s. 117(2)", "s. 117(3)", "s. 117(3.1)", "s. 117(3.2)")
    assert {"smuggling_conduct"} <= concepts(o, "conduct")
    assert "mental_element" in concepts(o, "mental")
    assert "illegal_entry" in concepts(o, "circumstance")
    assert "financial_benefit" not in concepts(o, "conduct", "purpose", "circumstance", "mental")
    factors = sorted({e.citation for e in o.elements if e.concept == "financial_benefit"})
    assert factors == ["s. 117(3.1)(a)(ii)", "s. 117(3.1)(b)(ii)", "s. 117(3.2)(a)(ii)",
                       "s. 117(3.2)(b)(ii)"]
    assert {e.role for e in o.elements if e.concept == "financial_benefit"} == {"penalty_factor"}
    minimums = sorted((p.citation, p.years) for p in o.penalties if p.minimum)
    assert minimums == [("s. 117(3.1)", 3.0), ("s. 117(3.2)", 5.0)]
    maxima = sorted(p.years for p in o.penalties if p.kind == "imprisonment" and not p.minimum)
    assert maxima == [2.0, 10.0, 14.0]
    assert any(p.kind == "life" and p.citation == "s. 117(3)" for p in o.penalties)


def test_irpa_trafficking_offence_and_its_penalty_section():
    a = annotated("ca/immigration-and-refugee-protection-act.txt")
    o = offence(a, "s. 118(1)")
    # s. 120 sets the penalty; s. 121 lists what the court must weigh "in determining the penalty to be
    # imposed under section 120": profit, a criminal organisation, endangering life, degrading treatment
    assert o.penalty_provisions == ("s. 120", "s. 121")
    assert {"financial_benefit", "endangerment", "inhuman_treatment"} <= concepts(o, "penalty_factor")
    assert {"means_force", "means_deception"} <= concepts(o, "means")
    ancillary = offence(a, "s. 131")  # "induces, aids or abets … to contravene section 117 …"
    assert ancillary.kind == "base" and "ancillary" in concepts(ancillary, "conduct")


def test_french_offence_with_the_penalty_first():
    """CESEDA L621-2: "Est puni d'une peine d'emprisonnement d'un an … l'étranger qui … 1. S'il a pénétré
    sur le territoire … sans remplir les conditions": the elements follow the penalty clause."""
    a = annotated("fr/ceseda-2017-livre-vi-sanctions-excerpt.txt")
    o = offence(a, "art. L621-2")
    assert {"non_national"} <= concepts(o, "object") and {"illegal_entry"} <= concepts(o, "circumstance")
    assert [(p.kind, p.years) for p in o.penalties][:1] == [("imprisonment", 1.0)]


def test_french_code_section_reference():
    """"La tentative des délits prévus à la présente section" (Code pénal 225-4-7) names Section 1 bis."""
    a = annotated("fr/code-penal-traite-travail-force-excerpt.txt")
    (ref,) = [r for r in a.references if r.text == "la présente section" and r.citation == "art. 225-4-7"]
    assert ref.targets == ("Section 1 bis",)


def test_barbados_29a_benefit_is_an_element():
    a = annotated("bb/immigration-amendment-bill-2016.pdf")
    o = offence(a, "s. 29A(1)")
    assert (o.kind, o.name) == ("base", "smuggling of persons")
    benefit = [e for e in o.elements if e.concept == "financial_benefit"]
    # the phrase runs over a line break of the PDF: "financial or other\nmaterial benefit"
    assert (benefit[0].role, " ".join(benefit[0].text.split()), benefit[0].citation) == (
        "purpose", "financial or other material benefit", "s. 29A(1)")
    assert "benefit_breadth" in concepts(o, "purpose")  # "directly or indirectly … financial or other"
    assert o.penalty_provisions == ("s. 29B(1)",)
    assert [(p.kind, p.years, p.amount) for p in o.penalties] == [
        ("fine", None, "$1 500 000"), ("imprisonment", 15.0, "")]
    aggravated = offence(a, "s. 29A(2)")
    assert (aggravated.kind, aggravated.base) == ("aggravated", ("s. 29A(1)",))
    assert {"endangerment", "inhuman_treatment"} <= concepts(aggravated, "circumstance")
    assert aggravated.penalty_provisions == ("s. 29B(2)",)


def test_usc_1324_commercial_advantage_only_sets_the_penalty():
    a = annotated("us/8-usc-1324-1328-alien-smuggling.txt")
    o = offence(a, "§ 1324(a)(1)(A)")
    assert o.penalty_provisions == ("§ 1324(a)(1)(B)",)
    benefit = {(e.role, e.citation) for e in o.elements if e.concept == "financial_benefit"}
    assert benefit == {("penalty_factor", "§ 1324(a)(1)(B)(i)")}
    assert offence(a, "§ 1325").kind == "base"  # improper entry: the migrant is the offender


def test_criminal_code_offence_inherits_exploitation_from_interpretive_section():
    a = annotated("ca/criminal-code-trafficking-excerpt.txt")
    o = offence(a, "s. 279.01(1)")
    inherited = {(e.concept, e.via) for e in o.elements if e.via}
    assert ("forced_labour", ("interpretation: s. 279.04(1)",)) in inherited
    assert "exploitation_purpose" in concepts(o, "purpose")
    assert any(p.kind == "life" for p in o.penalties)


def test_code_penal_trafficking_means_and_child_rule():
    a = annotated("fr/code-penal-traite-travail-force-excerpt.txt")
    base = offence(a, "art. 225-4-1 I")
    assert {"recruter", "transporter", "transférer", "héberger", "accueillir"} <= {
        e.text for e in base.elements if e.concept == "trafficking_acts"}
    assert {"means_force", "means_deception", "abuse_of_vulnerability", "means_payment"} <= \
        concepts(base, "means")
    assert [(p.kind, p.years) for p in base.penalties if p.kind == "imprisonment"] [:1] == [
        ("imprisonment", 7.0)]
    child = offence(a, "art. 225-4-1 II")
    assert "child" in concepts(child, "object")
    assert not concepts(child, "means")  # "même si elle n'est commise dans aucune des circonstances"


def test_english_and_french_irpa_give_the_same_offences():
    en = annotated("ca/immigration-and-refugee-protection-act.txt")
    fr = annotated("ca/loi-immigration-protection-refugies.txt")
    for citation in ("s. 117(1)", "s. 118(1)", "s. 119", "s. 131"):
        o_en, o_fr = offence(en, citation), offence(fr, citation)
        assert o_en.penalty_provisions == o_fr.penalty_provisions, citation
        for role in ("conduct", "means", "mental", "penalty_factor"):
            key = {"smuggling_conduct", "ancillary", "means_force", "means_deception",
                   "mental_element", "financial_benefit", "endangerment"}
            assert concepts(o_en, role) & key == concepts(o_fr, role) & key, (citation, role)


# --- exemptions ----------------------------------------------------------------------------------


def test_barbados_victim_defence():
    a = annotated("bb/trafficking-in-persons-prevention-bill-2016.pdf")
    (x,) = [x for x in a.exemptions if x.citation == "s. 14"]
    assert x.kind == "defence"
    assert x.beneficiaries == ("victim",)
    assert x.conditions[0].startswith("Where a victim has been compelled to engage in unlawful activities")


def test_ceseda_l622_4_humanitarian_exemption_and_its_scope():
    a = annotated("fr/ceseda-2017-livre-vi-sanctions-excerpt.txt")
    (x,) = [x for x in a.exemptions if x.citation == "art. L622-4"]
    assert x.kind == "non_liability"
    assert x.targets == ("art. L622-1", "art. L622-2", "art. L622-3")  # not L621-2: "sans préjudice"
    assert "humanitarian" in x.beneficiaries
    assert any("aucune contrepartie directe ou indirecte" in c for c in x.conditions)


def test_irpa_refugee_claimants_may_not_be_charged():
    a = annotated("ca/immigration-and-refugee-protection-act.txt")
    (x,) = [x for x in a.exemptions if x.citation == "s. 133"]
    assert x.kind == "non_liability"
    assert {"s. 122", "s. 127"} <= set(x.targets)


# --- references ----------------------------------------------------------------------------------


def test_references_resolve_relative_and_ranges():
    cc = annotated("ca/criminal-code-trafficking-excerpt.txt")
    ranged = next(r for r in cc.references if r.text == "sections 279.01 to 279.03")
    assert ranged.targets == ("s. 279.01", "s. 279.011", "s. 279.02", "s. 279.03")
    bb = annotated("bb/immigration-amendment-bill-2016.pdf")
    ref = next(r for r in bb.references if r.citation == "s. 29B(1)" and r.text.startswith("section"))
    assert (ref.text, ref.targets) == ("section 29A (1)", ("s. 29A(1)",))
    external = next(r for r in bb.references if r.text == "section 12A")  # "of Cap. 190"
    assert not external.resolved
    ceseda = annotated("fr/ceseda-2017-livre-vi-sanctions-excerpt.txt")
    fr = next(r for r in ceseda.references if r.text == "articles L. 622-1 à L. 622-3")
    assert fr.targets == ("art. L622-1", "art. L622-2", "art. L622-3")


# --- command line --------------------------------------------------------------------------------


def test_cli_analyse_text_and_json(tmp_path):
    result = CliRunner().invoke(main, ["analyse", "corpus/bb/immigration-amendment-bill-2016.pdf"])
    assert result.exit_code == 0, result.output
    # plain words (tests/test_analysis_text.py has more): s. 29B(1) "is liable … to a fine of
    # $1 500 000 or to imprisonment for 15 years or to both"
    assert "  s. 29A(1), p. 4: smuggling of persons — creates an offence\n" in result.output
    assert "      provisions that punish it: s. 29B(1)\n" in result.output
    assert "      penalty in s. 29B(1): a fine of up to $1 500 000; up to 15 years' imprisonment\n" \
        in result.output
    out = tmp_path / "analysis.json"
    result = CliRunner().invoke(main, ["analyse", "corpus/bb/immigration-amendment-bill-2016.pdf",
                                       "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(out.read_text())
    assert data["schema"] == "auditor.analyse/1"
    text = law("bb/immigration-amendment-bill-2016.pdf").document.text
    for o in data["offences"]:
        for e in o["elements"]:
            assert e["quote"] == text[e["start"] : e["end"]]


def test_worker_processes_give_the_same_analysis():
    one = annotated("ca/criminal-code-trafficking-excerpt.txt")
    two = analyse(law("ca/criminal-code-trafficking-excerpt.txt"), n_process=2)
    assert two.concepts == one.concepts
    assert two.offences == one.offences


def test_protocol_lettered_definitions_are_separate():
    som = annotated("un/smuggling-of-migrants-protocol-2000.txt")
    assert [(d.citation, d.term) for d in som.definitions] == [
        ("art. 3(a)", "Smuggling of migrants"), ("art. 3(b)", "Illegal entry"),
        ("art. 3(c)", "Fraudulent travel or identity document"), ("art. 3(d)", "Vessel")]
    fraudulent = som.definitions[2]
    text = squash(som.law.document.text[fraudulent.start : fraudulent.end])
    assert text.endswith("(iii)That is being used by a person other than the rightful holder;")
    tip = annotated("un/trafficking-in-persons-protocol-2000.txt")
    assert [(d.citation, d.term) for d in tip.definitions] == [
        ("art. 3(a)", "Trafficking in persons"), ("art. 3(d)", "Child")]


# --- Spanish: Uruguay, Ley 18.250 (migration, Chapter XV) and Ley 19.643 (trafficking) ---------


def test_uruguay_definitions_listed_by_letter():
    """Ley 19.643 art. 4 "(Definiciones).- A los efectos de la aplicación de esta ley se entenderá por:
    A) Trata de personas. La captación, …": each lettered item defines the term before its period."""
    a = annotated("uy/ley-19643-trata-2018.md")
    terms = [(d.term, d.citation) for d in a.definitions]
    assert terms[:4] == [("Trata de personas", "art. 4(A)"),
                         ("Delitos conexos a la trata de personas", "art. 4(B)"),
                         ("Tráfico de migrantes", "art. 4(C)"), ("Víctima", "art. 4(D)")]
    assert len(terms) == 20 and terms[-1] == (
        "Remoción, implante y transferencia de órganos, tejidos o fluidos", "art. 4(T)")
    assert all(d.scope.kind == "act" for d in a.definitions)  # "a los efectos de la aplicación de esta ley"


def test_uruguay_smuggling_offence_benefit_stay_and_penalty():
    a = annotated("uy/ley-18250-migracion-2008.md")
    o = offence(a, "art. 77")
    # art. 81: "agravantes especiales de los delitos descritos en los artículos 77, 78 y 79"
    assert o.kind == "base" and o.penalty_provisions == ("art. 81",)
    benefit = [e for e in o.elements if e.concept == "financial_benefit"]
    assert benefit[0].role == "purpose" and benefit[0].text == "obtener un provecho"
    # the second sentence, under the same penalty: "… favoreciera la permanencia irregular de migrantes"
    assert "stay_enabling" in concepts(o, "conduct") and "non_national" in concepts(o, "object")
    assert sorted(p.years for p in o.penalties) == [0.5, 3.0]  # "de seis meses de prisión a tres años"
    assert {"endangerment", "child", "means_force"} <= concepts(o, "penalty_factor")  # art. 81 A), B), D)


def test_uruguay_trafficking_offences_and_the_same_purposes():
    a = annotated("uy/ley-18250-migracion-2008.md")
    o78 = offence(a, "art. 78")
    # "Quien de cualquier manera o por cualquier medio participare en el reclutamiento, transporte …"
    assert {"trafficking_acts", "ancillary"} <= concepts(o78, "conduct")
    assert {"forced_labour", "slavery", "sexual_exploitation", "organ_removal"} <= concepts(o78, "purpose")
    assert not concepts(o78, "means")
    assert [p.years for p in o78.penalties] == [16.0]  # "de cuatro a dieciséis años de penitenciaría"
    # art. 79: "fuera de los casos previstos en el artículo 78 … y con los mismos fines": the purposes of
    # art. 78 come with the reference, its other elements do not
    o79 = offence(a, "art. 79")
    purposes = [e for e in o79.elements if e.role == "purpose"]
    assert purposes and all(e.via == ("reference: art. 78",) for e in purposes)
    assert "trafficking_acts" not in concepts(o79, "conduct")


def test_uruguay_non_punishment_of_victims():
    a = annotated("uy/ley-19643-trata-2018.md")
    (x,) = [x for x in a.exemptions if x.citation == "art. 40"]
    assert (x.kind, x.beneficiaries) == ("non_liability", ("victim",))
    assert "resultado directo de haber sido objeto de trata" in " ".join(x.text.split())
    assert not [e for e in a.exemptions if e.citation.startswith("art. 4(")]  # definitions are not exemptions


# --- the United Kingdom: an offence elaborated by the subsections after it ----------------------

MSA = "gb/modern-slavery-act-2015-ss1-5-part5-excerpt.md"


def test_msa_trafficking_acts_come_from_the_subsection_that_elaborates_the_offence():
    """s. 2(1) makes the offence ("arranges or facilitates the travel of another person … with a
    view to V being exploited"); s. 2(3) says how: "by recruiting V, transporting or transferring
    V, harbouring or receiving V"."""
    o = offence(annotated(MSA), "s. 2(1)")
    via = {e.concept for e in o.elements if e.via == ("interpretation: s. 2(3)",)}
    assert {"act_recruit", "act_transport", "act_transfer", "act_harbour", "act_receive"} <= via


def test_msa_exploitation_comes_from_all_the_subsections_s3_announces():
    """s. 3(1): "a person is exploited only if one or more of the following subsections apply";
    the forms are in s. 3(2)-(6). Force, threats and deception in s. 3(5) describe the exploitation
    of services, not means of the trafficking offence; "forced" in "forced or compulsory labour"
    is no means either."""
    o = offence(annotated(MSA), "s. 2(1)")
    purposes = {e.concept for e in o.elements
                if e.via == ("interpretation: s. 3(1)",) and e.role == "purpose"}
    assert {"slavery", "servitude", "forced_labour", "sexual_exploitation", "organ_removal"} <= purposes
    assert not concepts(o, "means")
    assert {"means_force", "means_deception"} <= concepts(o, "exploitation_detail")
    assert not concepts(offence(annotated(MSA), "s. 1(1)"), "means")


def test_immigration_act_list_offence_with_the_penalty_in_its_chapeau():
    """s. 24(1): "A person who is not a British citizen shall be guilty of an offence punishable on
    summary conviction … in any of the following cases:— (a) if … he knowingly enters the United
    Kingdom … without leave": the penalty is in the chapeau, the cases in the list."""
    o = offence(annotated("gb/immigration-act-1971-part-iii-excerpt.md"), "s. 24(1)")
    assert {"non_national"} <= concepts(o, "object")
    assert "illegal_entry" in concepts(o, "circumstance")
    assert [p.years for p in o.penalties if p.kind == "imprisonment"] == [0.5]


def test_codigo_penal_145_ter_raises_the_penalty_of_145_bis():
    """"ARTICULO 145 ter. - En los supuestos del artículo 145 bis la pena será de cinco (5) a diez
    (10) años de prisión, cuando: 1. Mediare engaño, fraude, violencia …": the reference is to
    art. 145 bis (not 145), and what 145 ter lists only raises the penalty of 145 bis."""
    a = annotated("ar/codigo-penal-titulo-v-cap-i-libertad-individual-excerpt.md")
    base = offence(a, "art. 145bis")
    assert base.penalty_provisions == ("art. 145ter",)
    factors = concepts(base, "penalty_factor")
    assert {"means_force", "means_deception", "abuse_of_vulnerability", "child"} <= factors
    assert not concepts(base, "means")
    assert "art. 145ter" not in {o.citation for o in a.offences}


def test_migraciones_121_raises_the_penalties_of_the_whole_chapter():
    """"ARTICULO 121.— Las penas establecidas en el presente capítulo se agravarán de CINCO (5) a
    QUINCE (15) años cuando se hubiere puesto en peligro la vida, la salud o la integridad de los
    migrantes …": a penalty provision for every offence of the chapter (arts. 116-120)."""
    a = annotated("ar/ley-25871-migraciones.md")
    for citation in ("art. 116", "art. 117", "art. 118"):
        o = offence(a, citation)
        assert "art. 121" in o.penalty_provisions
    assert "danger_to_life" in concepts(offence(a, "art. 116"), "penalty_factor")
    assert "art. 121" not in {o.citation for o in a.offences}


def test_ley_general_16_means_only_raise_the_penalty():
    """Art. 16 (Mexico): "… Si se hiciere uso de la fuerza, el engaño, la violencia física o
    psicológica, la coerción, el abuso de poder o de una situación de vulnerabilidad … o la concesión
    o recepción de pagos o beneficios … la pena prevista en el párrafo anterior se aumentará en una
    mitad." The means raise the penalty; they are no element of the offence (a page header with
    "DEL H. CONGRESO" in the middle of the sentence does not end it)."""
    o = offence(annotated("mx/ley-general-trata-de-personas-2012.pdf"), "art. 16")
    assert not concepts(o, "means")
    assert {"means_force", "means_deception", "abuse_of_vulnerability", "means_payment"} <= concepts(
        o, "penalty_factor")


def test_ley_de_migracion_160_raises_the_penalties_of_the_article_before():
    """Art. 160 (Mexico): "Se aumentarán hasta en una mitad las penas previstas en el artículo
    anterior, cuando … II. En condiciones o por medios que pongan o puedan poner en peligro la
    salud, la integridad, la seguridad o la vida o den lugar a un trato inhumano o degradante …":
    "el artículo anterior" is art. 159, the smuggling offence."""
    a = annotated("mx/ley-de-migracion-2011.pdf")
    o = offence(a, "art. 159")
    assert "art. 160" in o.penalty_provisions
    assert {"danger_to_life", "inhuman_treatment"} <= concepts(o, "penalty_factor")


def test_laundering_names_smuggling_as_a_source_of_proceeds_not_as_its_conduct():
    """Art. 323 Código Penal as Ley 747 de 2002 art. 8 writes it (Colombia): "El que adquiera … bienes
    que tengan su origen mediato o inmediato en actividades de tráfico de migrantes, trata de
    personas, extorsión …": laundering, not a smuggling or trafficking offence."""
    o = offence(annotated("co/ley-747-2002-trafico-migrantes-trata.md"), "art. 323")
    assert not {"smuggling_conduct", "smuggling_label", "trafficking_label", "non_national"} & {
        e.concept for e in o.elements}


# --- concept matching ------------------------------------------------------------------------------


def test_token_patterns_matched_in_windows_find_what_the_whole_document_holds():
    """Issue 18: the token Matcher runs only on stretches around each pattern's anchor word. On real
    laws of each language, those stretches give exactly the matches of the Matcher run over each
    whole piece of the law, and the laws hold some (so the comparison is not empty)."""
    from spacy.attrs import LOWER

    from auditor.analyse.annotate import _compact, _matcher
    from auditor.analyse.locate import chunks
    from auditor.analyse.pipeline import get_pipeline

    total = 0
    for name, language in (("bb/immigration-amendment-bill-2016.pdf", "en"),
                           ("gb/immigration-act-1971-part-iii-excerpt.md", "en"),
                           ("us/8-usc-1324-1328-alien-smuggling.txt", "en"),
                           ("mx/ley-general-trata-de-personas-2012.pdf", "es"),
                           ("fr/ceseda-2017-livre-vi-sanctions-excerpt.txt", "fr")):
        segmented = law(name)
        matcher, _ = _matcher(language)
        nlp, _ = get_pipeline(language)
        for start, end in chunks(segmented):
            doc = nlp(_compact(segmented.document.text, start, end)[0])
            if not len(doc):
                continue
            whole = set(matcher.tokens(doc))
            windowed = {(match_id, first + s, first + e)
                        for first, last in matcher._token_windows(doc.to_array([LOWER]))
                        for match_id, s, e in matcher.tokens(doc[first:last])}
            assert windowed == whole, (name, start)
            total += len(whole)
    assert total >= 10


def test_a_cached_pipeline_is_loaded_with_the_tokenizer_it_was_saved_with():
    """Issue 18: the cached blank pipelines are loaded without reading their tokenizer from disk
    (it is the language's default): the tokenizer they get is byte for byte the one saved."""
    import spacy

    from auditor.analyse.pipeline import _blank, cached_folder

    for language in ("en", "fr", "es"):
        nlp = _blank(language)  # saved to the cache if it was not there yet
        saved = spacy.load(cached_folder(language)).tokenizer
        assert nlp.tokenizer.to_bytes() == saved.to_bytes(), language


def test_a_token_pattern_with_a_repeated_step_is_searched_in_the_whole_document():
    """A unit test of one rule: a step that may repeat ("+") makes a match longer than the pattern,
    so no window around its anchor word can hold it; such a pattern is matched on the whole text."""
    from auditor.analyse.lexicon import Concept, ConceptMatcher, Lexicon
    from auditor.analyse.pipeline import get_pipeline

    nlp, _ = get_pipeline("en")
    pattern = ({"LOWER": "without"}, {"LOWER": "any", "OP": "+"}, {"LOWER": "leave"})
    lexicon = Lexicon("en", "1", "", {"x": Concept("x", "", (), (), (pattern,))})
    doc = nlp("entered without any any any any any any leave of an officer")
    assert [(c, doc.text[s:e]) for c, s, e, _ in ConceptMatcher(nlp, lexicon)(doc)] == [
        ("x", "without any any any any any any leave")]


def test_spanish_definitions_whose_meaning_opens_with_an_article():
    """"Se entiende por trata de personas el ofrecimiento …" and "A los fines de esta ley se entiende
    por explotación la configuración de cualquiera de los siguientes supuestos" (Ley 26.364 art. 2,
    Argentina; the verb cut by the Markdown's hard wrap), "se entenderá por explotación el obtener
    provecho económico" (Ley 985 art. 3, Colombia): the term ends where the meaning's article opens
    it, and "a los fines de esta ley" makes the definitions the law's."""
    ar = annotated("ar/ley-26364-trata-de-personas.md")
    assert [(d.term, d.citation, d.scope.kind) for d in ar.definitions[:2]] == [
        ("trata de personas", "art. 2", "act"), ("explotación", "art. 2", "act")]
    co = annotated("co/ley-985-2005-trata-de-personas.md")
    assert ("explotación", "art. 3") in [(d.term, d.citation) for d in co.definitions]
    # a term that runs past a preposition and its article is not cut there
    mx = annotated("mx/ley-general-trata-de-personas-2012.pdf")
    assert ("esclavitud", "art. 11") in [(d.term, d.citation) for d in mx.definitions]
    assert not any(d.term.endswith((" de", " a", " para")) for d in (*ar.definitions, *co.definitions))
