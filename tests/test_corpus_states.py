"""The corpus's States in languages the auditor does not read: recognised, named, never judged.

Every law here is a real file of corpus/ (the Dutch Wetboek van Strafrecht, the Czech, Slovak,
Estonian, Greek, Liechtenstein and Andorran codes; Spanish, English and French laws for the
subjects that are audited). A law with no lexicon is an `unsupported-language` error, never 45
"missing" findings; a subject with nothing else is "not assessed" in batch.json, matrix.csv (empty
cells) and index.html (one grey row naming the language).
"""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import CORPUS

from auditor.audit import audit
from auditor.batch import read_manifest, run_batch
from auditor.cli import main
from auditor.ingest import load
from auditor.ingest.language import guess_language, is_read
from auditor.report.matrix import coverage

DUTCH = "nl/wetboek-van-strafrecht-197a-273f-excerpt.txt"
NOT_READ = {"NL": "Dutch", "CZ": "Czech", "SK": "Slovak", "LI": "German", "GR": "Greek", "EE": "Estonian",
            "AD": "Catalan"}


def _manifest_rows() -> list[dict[str, str]]:
    with open(CORPUS / "manifest.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# the scanned gazette is read by OCR (slow on a cold cache, and tested in test_ocr.py)
GUESSABLE = [r for r in _manifest_rows() if r["role"] in ("law", "parallel") and not (
    r["path"].endswith(".pdf") and r["jurisdiction"] == "PK")]


@pytest.mark.parametrize("row", GUESSABLE, ids=[r["path"] for r in GUESSABLE])
def test_the_language_guess_names_every_corpus_law_as_its_manifest_does(row):
    """Guessed from the text alone (no manifest value): Czech is Czech, Greek is Greek, Catalan is
    not Spanish, and the English, French and Spanish laws keep their language."""
    assert guess_language(load(CORPUS / row["path"]).text) == row["language"]


def test_the_corpus_has_seventeen_states_and_seven_are_in_languages_not_read():
    subjects = read_manifest(CORPUS)
    assert len(subjects) == 17
    not_read = {s.jurisdiction for s in subjects if not any(is_read(lang) for lang in s.languages)}
    assert not_read == set(NOT_READ)
    pakistan = next(s for s in subjects if s.jurisdiction == "PK")
    assert [p.rsplit("/", 1)[-1] for p in pakistan.paths] == [
        "prevention-of-trafficking-in-persons-act-2018.pdf"]


def test_a_dutch_law_is_not_audited_and_nothing_is_reported_missing():
    data = audit([str(CORPUS / DUTCH)], jurisdiction="NL", label="Netherlands").data
    assert data["findings"] == []
    assert set(data["summary"].values()) == {0}
    [error] = data["errors"]
    assert error["document"] == 0 and error["code"] == "unsupported-language"
    assert "written in Dutch (nl, guessed from its text); the auditor reads English, French and Spanish" \
        in error["message"]
    [document] = data["documents"]
    assert document["language"] == "nl" and document["title"] == "Wet van 3 maart 1881"
    # the manifest's value is taken as declared, however it is written
    declared = audit([str(CORPUS / DUTCH)], languages=["NL_nl"]).data
    assert "written in Dutch (nl, as declared)" in declared["errors"][0]["message"]
    spanish = audit([str(CORPUS / "co/ley-747-2002-trafico-migrantes-trata.md")], languages=["ES-co"]).data
    assert spanish["errors"] == [] and spanish["documents"][0]["language"] == "es"


def test_the_cli_exits_3_with_the_language_named_when_nothing_else_could_be_audited():
    result = CliRunner().invoke(main, ["audit", str(CORPUS / DUTCH), "--format", "json"])
    assert result.exit_code == 3
    assert "written in Dutch (nl" in result.stderr and "unsupported-language" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("value", ["nl", "de", "english"])
def test_language_option_takes_only_the_languages_read(value):
    result = CliRunner().invoke(main, ["audit", str(CORPUS / DUTCH), "--language", value])
    assert result.exit_code == 2
    assert f"'{value}' is not one of 'en', 'fr', 'es'" in result.output


def test_a_subject_with_a_dutch_and_a_spanish_law_is_judged_on_the_spanish_one():
    paths = [str(CORPUS / DUTCH), str(CORPUS / "co/ley-747-2002-trafico-migrantes-trata.md")]
    data = audit(paths, jurisdiction="XX", label="Mixed").data
    assert [e["code"] for e in data["errors"]] == ["unsupported-language"]
    assert [d["language"] for d in data["documents"]] == ["nl", "es"]
    assert len(data["findings"]) == 45
    assert all(e["document"] == 1 for f in data["findings"] for e in f["evidence"])
    cov = coverage(data)
    assert (cov.documents, cov.listed, cov.languages, cov.unsupported, cov.not_assessed) == (
        1, 2, ("es",), ("Dutch",), "")


def test_german_czech_and_greek_laws_are_recognised_and_not_judged():
    for code, files in (("LI", ["li/strafgesetzbuch-3-abschnitt-freiheit-excerpt.md",
                                "li/auslaendergesetz-xv-strafbestimmungen-excerpt.md"]),
                        ("CZ", ["cz/trestni-zakonik-168-339-341a-excerpt.md"]),
                        ("GR", ["gr/nomos-4198-2013-emporia-anthropon.md",
                                "gr/poinikos-kodikas-2019-arthra-315-324-excerpt.md",
                                "gr/nomos-5038-2023-kodikas-metanastefsis-arthra-24-25-excerpt.md"])):
        data = audit([str(CORPUS / f) for f in files], jurisdiction=code, label=code).data
        assert data["findings"] == [], code
        assert [e["code"] for e in data["errors"]] == ["unsupported-language"] * len(files), code
        assert all(f"written in {NOT_READ[code]} (" in e["message"] for e in data["errors"]), code
        assert coverage(data).not_assessed == NOT_READ[code]


def test_too_little_text_to_tell_is_read_as_english_and_says_so(tmp_path):
    """A schedule of figures: no language can be told from it; it is read as English, not refused."""
    path = tmp_path / "schedule.txt"
    path.write_text("1. 2005/12 — 3.400\n2. 2006/01 — 7.150\n", encoding="utf-8")
    data = audit([str(path)]).data
    assert data["errors"] == [] and len(data["findings"]) == 45
    assert data["documents"][0]["language"] == "en"
    assert data["documents"][0]["language_note"].startswith(
        "too little text to tell its language; read as English")


def test_a_batch_shows_states_in_other_languages_as_not_assessed_never_missing(tmp_path):
    folder = tmp_path / "corpus"
    chosen = [r for r in _manifest_rows() if r["jurisdiction"] in ("CZ", "GR", "CO")]
    for row in chosen:
        (folder / row["path"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / row["path"], folder / row["path"])
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(chosen[0]))
        writer.writeheader()
        for row in chosen:  # Greece's language left to the guess, Czechia's declared
            writer.writerow({**row, "language": "" if row["jurisdiction"] == "GR" else row["language"]})
    out = tmp_path / "out"
    result = run_batch(folder, out, jobs=1)
    batch = {s["jurisdiction"]: s for s in json.loads((out / "batch.json").read_text())["subjects"]}
    assert {k: v["not_assessed"] for k, v in batch.items()} == {"CZ": "Czech", "GR": "Greek", "CO": ""}
    assert {o.jurisdiction: o.status for o in result.outcomes} == {"CZ": "audited", "GR": "audited",
                                                                   "CO": "audited"}
    assert "2 not assessed (CZ: Czech, GR: Greek)" in result.summary()
    rows = {r[0]: r for r in csv.reader((out / "matrix.csv").open(encoding="utf-8"))}
    assert len(rows["CZ"]) == len(rows["CO"]) == 2 + 45
    assert rows["CZ"][2:] == [""] * 45 and rows["GR"][2:] == [""] * 45
    assert "missing" in rows["CO"][2:]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "not assessed — Czech: the auditor reads English, French and Spanish" in index
    assert "not assessed — Greek: the auditor reads English, French and Spanish" in index
    assert "3 subjects × 45 checklist items (2 not assessed" in index
    czech_row = index[index.index('data-label="czech republic"'):]
    czech_row = czech_row[:czech_row.index("</tr>")]
    assert "s-missing" not in czech_row and "1 not read (Czech)" in czech_row
    # a re-run takes the subjects from the cache and still names why they are not assessed
    again = run_batch(folder, out, jobs=1)
    assert {o.jurisdiction: (o.status, o.not_assessed) for o in again.outcomes} == {
        "CZ": ("cached", "Czech"), "GR": ("cached", "Greek"), "CO": ("cached", "")}


def test_a_trafficking_act_alone_does_not_address_smuggling():
    """Pakistan's 2018 Act (the text rendering) is a trafficking act: its smuggling items are all
    missing, and the matrix says that the documents do not address smuggling at all."""
    data = audit([str(CORPUS / "pk/prevention-of-trafficking-in-persons-act-2018.txt")],
                 jurisdiction="PK", label="Pakistan").data
    cov = coverage(data)
    assert cov.addressed == ("trafficking",) and cov.not_addressed == ("smuggling",)
    assert cov.summary == "1 document · en · trafficking"
    assert cov.gaps_note == "smuggling not addressed in these documents"


def test_the_not_assessed_row_in_a_browser(tmp_path):
    """The grey row in Chromium: it spans the item columns, names the language, sorting keeps working
    and nothing is logged as an error."""
    import os

    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = os.environ.get("AUDITOR_CHROMIUM", "/usr/bin/chromium")
    if not shutil.which(chromium):
        pytest.skip("Chromium not installed")
    from auditor.report.matrix import matrix_html

    czech = audit([str(CORPUS / "cz/trestni-zakonik-168-339-341a-excerpt.md")], jurisdiction="CZ",
                  label="Czech Republic").data
    colombia = audit([str(CORPUS / f) for f in ("co/ley-985-2005-trata-de-personas.md",
                                                "co/ley-747-2002-trafico-migrantes-trata.md")],
                     jurisdiction="CO", label="Colombia").data
    index = tmp_path / "index.html"
    index.write_text(matrix_html([czech, colombia]), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(index.as_uri())
        note = page.locator("tr.not-assessed td.not-assessed-note")
        assert note.inner_text() == "not assessed — Czech: the auditor reads English, French and Spanish"
        assert note.get_attribute("colspan") == "45"
        assert page.locator("tr.not-assessed td.cell").count() == 0
        background = note.evaluate("e => getComputedStyle(e).backgroundColor")
        assert background == "rgb(236, 239, 243)"  # --na-bg, the grey of 'not applicable'
        page.click('th[data-sort="label"]')
        assert [r.get_attribute("data-label") for r in page.locator("#matrix tbody tr").all()] == [
            "colombia", "czech republic"]
        assert errors == []
        browser.close()
