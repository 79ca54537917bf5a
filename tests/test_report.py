"""The report stage: HTML gap report, Markdown, SARIF, corpus matrix and revision diff, all read from
the audit JSON of real subjects. The browser checks are in test_browser.py."""

from __future__ import annotations

import csv
import io
import re

from click.testing import CliRunner
from conftest import CORPUS, audited, write_audits

from auditor.audit import audit
from auditor.cli import main
from auditor.report import render, report_sarif
from auditor.report.compare import compare
from auditor.report.matrix import matrix_csv, matrix_html

HOSTILE = ("1. Smuggling\n\n(1) A person who organises the entry of a non-citizen into the State "
           "<script>window.__pwned = 1</script> [click](javascript:alert(1)) *bold* commits an offence "
           "and is liable to imprisonment for 10 years.\n")


def test_gap_report_is_self_contained_and_puts_critical_gaps_first():
    html = render(audited("BB"), "html")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # no network, works offline
    assert "<style>" in html and "<script>" in html
    assert html.index('id="fix-first"') < html.index('id="findings"')
    # one card per item, each with a stable anchor
    assert len(re.findall(r'<article class="card', html)) == 45
    assert 'id="SOM-6-1a-offence"' in html and 'href="#SOM-6-1a-offence"' in html
    # the decisive words are highlighted inside the quoted provision
    card = html[html.index('id="SOM-6-1a-offence"'):]
    card = card[:card.index("</article>")]
    # the inserted section is cited under the Act it goes into and the bill's section that inserts it
    assert "<mark>by sea</mark>" in card and "s. 29A(1) Immigration Act, inserted by s. 3, p. 4" in card
    # the treaty's own words for the article, from corpus/un, with the article they are
    assert "Each State Party shall adopt such legislative and other measures" in html
    assert "The treaty's words: Smuggling Protocol, arts. 6(1)(a), 3(a)-(b)</summary>" in card
    assert "<b>Smuggling Protocol, art. 6(1)</b>" in card


def test_law_text_is_escaped_everywhere(tmp_path):
    law = tmp_path / "hostile.txt"
    law.write_text(HOSTILE, encoding="utf-8")
    data = audit([str(law)], jurisdiction="X<b>", label="<img src=x onerror=alert(1)>").data
    html = render(data, "html")
    assert "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    md = render(data, "md")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\[click\\](javascript:" in md and not re.search(r"(?<!\\)\]\(javascript:", md)
    matrix = matrix_html([data])
    assert "<img src=x" not in matrix


def test_markdown_export_quotes_and_cites():
    md = render(audited("CA"), "md")
    assert md.startswith("# Gap report: CA")
    block = md[md.index("): Financial or other material benefit element in the base smuggling offence\n"):]
    block = block[:block.index("\n### ")]
    assert "s. 117(1) of Immigration and Refugee Protection Act" in block
    # a text file has no pages: none is cited under a quote
    assert "> — s. 117(3.1)(a)(ii), Immigration and Refugee Protection Act\n" in block
    assert not re.search(r"^> — .*, p\. \d", block, re.M)
    assert "**for profit**" in block


def test_sarif_is_a_thin_converter_over_the_audit():
    data = audited("US")
    sarif = report_sarif(data)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) == 45 and len(run["results"]) == 45
    kinds = {r["ruleId"]: r["kind"] for r in run["results"]}
    expected = {"deviation": "fail", "missing": "fail", "needs_review": "review", "satisfied": "pass",
                "not_applicable": "notApplicable"}
    assert all(kinds[f["item"]] == expected[f["status"]] for f in data["findings"])
    benefit = next(r for r in run["results"] if r["ruleId"] == "SOM-3a-benefit")
    location = benefit["locations"][0]
    uri = location["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("8-usc-1324-1328-alien-smuggling.txt")
    # the line where § 1324(a)(1)(A) begins in the file as stored
    lines = (CORPUS / "us/8-usc-1324-1328-alien-smuggling.txt").read_text().splitlines()
    line = location["physicalLocation"]["region"]["startLine"]
    assert lines[line - 1].startswith("(A) Any person who")
    assert benefit["level"] == "error" and benefit["properties"]["provision"] == "§ 1324(a)(1)(A)"


def test_matrix_from_audit_jsons(tmp_path):
    audits = [audited(c) for c in ("BB", "CA", "FR", "US")]
    rows = list(csv.reader(io.StringIO(matrix_csv(audits))))
    assert rows[0][:3] == ["jurisdiction", "label", "SOM-6-1a-offence"] and len(rows[0]) == 47
    by_code = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_code["CA"]["SOM-3a-benefit"] == "deviation" and by_code["BB"]["SOM-3a-benefit"] == "satisfied"
    # the CLI writes the matrix and a report per subject, linked cell by cell
    paths = write_audits(tmp_path, audits)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["matrix", *paths, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["BB.html", "CA.html", "FR.html", "US.html",
                                                     "index.html", "matrix.csv"]
    index = (out / "index.html").read_text()
    assert 'href="CA.html#SOM-3a-benefit"' in index
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert CliRunner().invoke(main, ["matrix", str(bad), "-o", str(out)]).exit_code == 2


def test_revision_diff_matches_renumbered_sections_by_content(tmp_path):
    """A revision made from the real 8 U.S.C. 1324-1328 by structural edits only: § 1325 (improper
    entry) repealed and § 1327 renumbered § 1326. Nothing is reworded by hand."""
    old_path = CORPUS / "us/8-usc-1324-1328-alien-smuggling.txt"
    text = old_path.read_text(encoding="utf-8")
    # the US Code puts a narrow no-break space (U+202F) after "§"
    start, end = text.index("§\u202f1325. Improper entry"), text.index("§\u202f1327. Aiding")
    revised = text[:start] + text[end:].replace("§\u202f1327.", "§\u202f1326.", 1)
    new_path = tmp_path / "revised.txt"
    new_path.write_text(revised, encoding="utf-8")
    diff = compare(audit([str(old_path)]), audit([str(new_path)]))
    changes = {(p["change"], p["old"] and p["old"]["citation"], p["new"] and p["new"]["citation"])
               for p in diff["provisions"]}
    assert ("removed", "§ 1325", None) in changes
    assert ("renumbered", "§ 1327", "§ 1326") in changes
    assert diff["provision_counts"]["added"] == 0 and diff["provision_counts"]["unchanged"] == 2
    migrant = next(i for i in diff["items"] if i["item"] == "SOM-5-migrant-nonliability")
    assert (migrant["old_status"], migrant["new_status"]) == ("needs_review", "missing")
    # the migrant's own illegal-entry offence was deleted: not a "gap opened" (there was no
    # protection before either), a move a reader must judge
    assert migrant["changed"] and migrant["trend"] == "needs review → missing: not satisfied before either"
    assert migrant["old_evidence"][0]["provision"] == "§ 1325"
    result = CliRunner().invoke(main, ["compare", str(old_path), str(new_path)])
    html = result.stdout
    assert "Renumbered" in html and "§ 1327 → § 1326" in html and "SOM-5-migrant-nonliability" in html
    assert "comparing two laws" in result.stderr
    assert "Same words" in html and "similarity" not in html
    removed = next(p for p in diff["provisions"] if p["change"] == "removed")
    assert removed["text"].endswith(" …") and removed["text"][:-2] in " ".join(text.split())
