"""Rules of scope and time added for laws the tool has never seen, each on a real law of the corpus.

Every outcome here was checked by reading the law: the provision, the words that decide, the status.
"""

from __future__ import annotations

from functools import cache

from conftest import CORPUS

from auditor.audit import audit

COLOMBIA = ["co/ley-747-2002-trafico-migrantes-trata.md", "co/ley-985-2005-trata-de-personas.md"]


@cache
def findings(*paths: str, jurisdiction: str) -> dict[str, dict]:
    data = audit([str(CORPUS / p) for p in paths], jurisdiction=jurisdiction).data
    return {f["item"]: f for f in data["findings"]}


def test_the_substituted_text_of_a_code_article_is_judged_not_the_one_it_replaced():
    """Ley 747 de 2002 art. 2 inserted art. 188A into the Penal Code with means ("mediante
    violencia o amenaza, o engaño"); Ley 985 de 2005 art. 3 says "El artículo 188A … quedará así:
    El que capte, traslade, acoja o reciba a una persona … con fines de explotación, incurrirá
    enprisión …": no means. Only the 2005 text is in force."""
    found = findings(*COLOMBIA, jurisdiction="CO")
    means = found["TIP-3a-means"]
    assert means["status"] == "needs_review"
    assert "requires no means at all" in means["message"]
    assert means["evidence"][0]["quote"].startswith("Artículo 188A. Trata de personas")
    assert "substituted by art. 3" in means["message"]
    assert found["TIP-3a-acts"]["status"] == "satisfied"


def test_counselling_without_a_language_the_victim_understands_is_narrowed():
    """Ley 985 art. 9 gives child victims "asesoramiento", but nothing in the Act says in what
    language: TIP art. 6(3)(b) asks for it "in a language that they can understand"."""
    found = findings(*COLOMBIA, jurisdiction="CO")
    parts = {p["id"]: p for p in found["TIP-6-3-recovery"]["parts"]}
    assert parts["2"]["status"] == "absent" and parts["2"].get("narrowed") is True
    assert "language the victim understands" in parts["2"]["note"]
    assert found["TIP-6-3-recovery"]["status"] == "deviation"


def test_argentina_gives_information_in_the_victims_language():
    """Ley 26.364 art. 6(a): "Recibir información sobre los derechos que le asisten en su idioma"."""
    found = findings("ar/ley-26364-trata-de-personas.md", "ar/ley-25871-migraciones.md",
                     "ar/codigo-penal-titulo-v-cap-i-libertad-individual-excerpt.md", jurisdiction="AR")
    parts = {p["id"]: p for p in found["TIP-6-3-recovery"]["parts"]}
    assert parts["2"]["status"] == "found"
    assert found["TIP-6-3-recovery"]["status"] == "satisfied"
    # "perspectiva de género" in the Committee's training tasks (art. 21) is no victim measure
    gender = {p["id"]: p for p in found["TIP-6-4-5-special-needs-safety"]["parts"]}["2"]
    assert gender["status"] == "absent"
    # art. 121: "Las penas establecidas en el presente capítulo se agravarán … cuando se hubiere
    # puesto en peligro la vida, la salud o la integridad de los migrantes"
    danger = found["SOM-6-3a-aggravation-danger"]
    assert danger["status"] == "satisfied"
    assert any(e["provision"] == "art. 121" for e in danger["evidence"])


def test_mexico_bars_proceedings_against_victims_and_makes_consent_irrelevant():
    """Ley General art. 37: "No se procederá en contra de la víctima de los delitos previstos en esta
    Ley por delitos que hubiesen cometido mientras estuvieran sujetas al control o amenaza de sus
    victimarios …"; art. 40: "El consentimiento otorgado por la víctima, cualquiera que sea su edad
    … no constituirá causa excluyente de responsabilidad penal"."""
    found = findings("mx/ley-general-trata-de-personas-2012.pdf", "mx/ley-de-migracion-2011.pdf",
                     jurisdiction="MX")
    assert found["HR-P7-nonpunishment"]["status"] == "satisfied"
    assert found["HR-P7-nonpunishment"]["evidence"][0]["provision"] == "art. 37"
    assert found["TIP-3b-consent"]["status"] == "satisfied"
    assert found["TIP-3b-consent"]["evidence"][0]["provision"] == "art. 40"
    # Ley de Migración art. 160 raises "las penas previstas en el artículo anterior" (art. 159)
    # where the conduct puts "en peligro la salud, la integridad, la seguridad o la vida"
    assert found["SOM-6-3a-aggravation-danger"]["status"] == "satisfied"
