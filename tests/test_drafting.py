"""The language packs (checklists/languages/*.yaml): what is particular to a language lives there,
not in the offence analyser's code."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from auditor.analyse.drafting import drafting
from auditor.data import checklists_dir

ROOT = Path(__file__).resolve().parent.parent
PACKS = sorted((checklists_dir() / "languages").glob("*.yaml"))


def test_every_pack_states_every_formula():
    """A language adding a pack fills the same slots (an empty list is allowed: a formula the
    language's drafting does not use), and every alternative compiles on its own."""
    keys = None
    for path in PACKS:
        pack = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert pack["language"] == path.stem
        shape = {section: set(pack[section]) for section in ("offences", "penalties")}
        keys = keys or shape
        assert shape == keys, path.name
        for section in ("offences", "penalties"):
            for key, alts in pack[section].items():
                if key != "numbers":
                    for alt in alts:
                        re.compile(alt)
    assert [p.stem for p in PACKS] == ["en", "es", "fr"]


def test_the_offence_analyser_names_no_language():
    """Its only pattern of its own is the full stop that ends a sentence."""
    source = (ROOT / "auditor/analyse/offences.py").read_text(encoding="utf-8")
    assert len(re.findall(r"re\.compile\(", source)) == 1


def test_formulas_of_the_three_languages_read_real_penalties():
    """Penalty phrasing from each pack, on words of corpus laws: "imprisonment for a term not
    exceeding 14 years" (GB), "sept ans d'emprisonnement" (FR), "seis (6) meses a dos (2) años de
    prisión" (AR)."""
    d = drafting()
    assert d.years.search("imprisonment for a term not exceeding 14 years").group("n") == "14"
    assert d.years.search("est puni de sept ans d'emprisonnement").group("unit") == "ans"
    found = d.years.search("prisión de seis (6) meses")
    assert found.group("n") == "seis" and d.months.match(found.group("unit"))
    assert d.numbers["seis"] == 6 and d.numbers["sept"] == 7 and d.numbers["fourteen"] == 14
    assert d.contravene.search("Quiconque contrevient au paragraphe (1)")
    assert d.contravene.search("En los supuestos del artículo 145 bis la pena será")
