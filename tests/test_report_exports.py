"""References and exports read back: the treaty words each of the 45 items shows are that article's
words in the treaty file; Markdown and Word keep every quote byte for byte; `auditor report`
renders an audit JSON in every format; `compare` takes two audit JSONs and says so."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import ROOT, audited

from auditor.check import all_checklists
from auditor.check.treaty import GAP, cite, passages
from auditor.cli import main
from auditor.report import render
from auditor.report.markdown import quote_lines, unquote
from auditor.report.view import report_view
from auditor.report.word import report_docx

ITEMS = [item for checklist in all_checklists() for item in checklist.items]
FILES = {"Smuggling Protocol": "un/smuggling-of-migrants-protocol-2000.txt",
         "Trafficking Protocol": "un/trafficking-in-persons-protocol-2000.txt",
         "UNTOC": "un/convention-transnational-organized-crime-2000.txt",
         "CoE Convention": "coe/convention-action-against-trafficking-2005.txt"}


def _article_in_file(instrument: str, number: str) -> str:
    """Article N of a treaty file, cut by its own "Article N" heading lines (not by the segmenter)."""
    text = (ROOT / "corpus" / FILES[instrument]).read_text(encoding="utf-8")
    heads = list(re.finditer(r"^Article\s+(\d+)\s*$", text, re.M))
    for i, m in enumerate(heads):
        if m.group(1) == number:
            return text[m.start(): heads[i + 1].start() if i + 1 < len(heads) else len(text)]
    raise AssertionError(f"{instrument}: no Article {number}")


def _same(text: str) -> str:
    """The words as reading normalises them: `` as an opening quote mark, runs of spaces as one."""
    return " ".join(text.replace("``", "“").split())


def test_all_45_items_show_the_words_of_the_article_they_cite():
    assert len(ITEMS) == 45
    for item in ITEMS:
        reference = cite(item.instrument, item.article)
        shown = passages(item.instrument, item.article)
        assert shown, item.id
        for passage in shown:
            instrument, citation = passage.label.split(", ")
            number, paragraph = re.fullmatch(r"art\. (\d+)((?:\([^)]+\))?)", citation).groups()
            # the article is one the item cites, and the words are that article's, exactly
            assert f"art. {number}" in reference or re.search(rf"arts\. [^;]*\b{number}\b", reference), \
                (item.id, passage.label, reference)
            article = _article_in_file(instrument, number)
            for piece in passage.text.removesuffix(" …").split(GAP):
                assert _same(piece) in _same(article), (item.id, passage.label)
            if paragraph:  # a paragraph starts with its own number or letter
                label = re.escape(paragraph.strip("()"))
                assert re.match(rf"{label}[.)]", passage.text.split(GAP)[-1]), (item.id, passage.label)


def test_the_references_the_issue_found_wrong():
    by_id = {item.id: item for item in ITEMS}
    # non-punishment: CoE art. 26 ("Non-punishment provision"), never art. 7 (Border measures)
    for item_id in ("HR-P7-nonpunishment", "HR-nonpunishment-scope"):
        shown = passages(by_id[item_id].instrument, by_id[item_id].article)
        assert [p.label for p in shown] == ["CoE Convention, art. 26"]
        assert "Non-punishment provision" in shown[0].text
    assert cite(by_id["HR-P7-nonpunishment"].instrument, by_id["HR-P7-nonpunishment"].article).startswith(
        "OHCHR Principles, Principle 7; Guideline 4(5); CoE Convention, art. 26")
    humanitarian = by_id["RGP-humanitarian-exemption"]
    assert [p.label for p in passages(humanitarian.instrument, humanitarian.article)] == [
        "Smuggling Protocol, art. 3(a)", "Smuggling Protocol, art. 6(1)"]
    withholding = by_id["COE-20-document-withholding"]
    shown = passages(withholding.instrument, withholding.article)
    assert cite(withholding.instrument, withholding.article) == "CoE Convention, art. 20(c)"
    assert shown[0].text.split(GAP)[-1].startswith("c) retaining, removing, concealing, damaging")
    assert shown[0].text.startswith("Article  20\n\nCriminalisation of acts relating to travel or identity")
    # older audit JSONs carry the old forms: they print in the one format
    assert cite("Council of Europe Convention on Action against Trafficking in Human Beings", "CoE 20(c)") \
        == "CoE Convention, art. 20(c)"
    assert cite("Smuggling Protocol art. 3(a)/6(1); Directive 2002/90/EC art. 1(2)",
                "SOM 3(a), 6(1); Directive 2002/90/EC 1(2)") \
        == "Smuggling Protocol, arts. 3(a), 6(1); Directive 2002/90/EC, art. 1(2)"
    assert cite("Protocol against the Smuggling of Migrants by Land, Sea and Air (2000)", "5, 6(4)") \
        == "Smuggling Protocol, arts. 5, 6(4)"


def _quotes(data):
    return [q for c in report_view(data).cards for q in c.quotes]


@pytest.mark.parametrize("code", ["BB", "UY"])
def test_markdown_keeps_every_quote_byte_for_byte(code):
    data = audited(code)
    quotes = _quotes(data)
    assert len(quotes) > 20
    md = render(data, "md")
    for q in quotes:
        lines = quote_lines(q)
        assert unquote(lines) == q.text
        assert "\n".join(lines) in md
    # the spaces around highlighted words stay outside the markers (the issue's "of**smuggling")
    assert not re.search(r"\w\*\*\w", md)
    if code == "BB":
        assert "> (1) A person is guilty of the offence of **smuggling of persons**\n" in md
    # and a Markdown renderer reads the markers as emphasis, not as text
    from markdown_it import MarkdownIt
    assert "**" not in MarkdownIt().render(md)


def test_word_export_opens_and_keeps_quotes():
    data = audited("BB")
    document = docx.Document(io.BytesIO(report_docx(data)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Documents audited", "Fix first"]
    for checklist in data["checklists"]:
        assert checklist["title"] in headings
    fix = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    gaps = [f for f in data["findings"] if f["status"] in ("deviation", "missing")
            and f["severity"] in ("critical", "major")]
    assert len(fix) == len(report_view(data).fix_first) == len(gaps) > 0
    assert fix[0].startswith("Smuggling of migrants is a criminal offence (deviation, critical).")
    shown = [p.text.removesuffix(" …") for p in document.paragraphs if p.style.name == "Quote"]
    assert sorted(shown) == sorted(q.text for q in _quotes(data))  # grouped by instrument in Word
    bold = [r.text for p in document.paragraphs if p.style.name == "Quote" for r in p.runs if r.bold]
    assert "smuggling of persons" in bold and "by sea" in bold
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Item", "Status", "Severity", "Provisions relied on",
                                                     "Measured against"]
    assert len(table.rows) == 46


def _parts(data):
    """The audit JSON with `parts` on SOM-6-1a-offence, as the judging change writes them."""
    data = json.loads(json.dumps(data))
    finding = next(f for f in data["findings"] if f["item"] == "SOM-6-1a-offence")
    evidence = finding["evidence"][:1]
    finding["status"] = "deviation"
    finding["parts"] = [
        {"id": "1", "text": "procuring illegal entry", "status": "found", "evidence": evidence},
        {"id": "2", "text": "of a person who is not a national", "status": "found", "evidence": evidence},
        {"id": "3", "text": "by any route", "status": "absent", "evidence": []},
        {"id": "4", "text": "of a single person", "status": "unknown", "evidence": []},
    ]
    return data


def test_report_command_renders_an_audit_json_in_every_format(tmp_path):
    data = _parts(audited("BB"))
    path = tmp_path / "BB.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    runner = CliRunner()
    out = {}
    for fmt in ("html", "md", "csv", "sarif", "text", "json"):
        result = runner.invoke(main, ["report", str(path), "--format", fmt])
        assert result.exit_code == 0, result.output
        out[fmt] = result.stdout
    assert out["html"] == render(data, "html")
    assert json.loads(out["json"]) == data
    summary = "2 of 4 parts; absent: (3) by any route; unknown: (4) of a single person"
    assert summary in out["html"] and summary in out["md"] and summary in out["text"]
    assert "- [ ] (3) by any route *absent*" in out["md"]
    rows = {r["item"]: r for r in csv.DictReader(io.StringIO(out["csv"]))}
    # every item is judged by parts; Barbados s. 29A(1) has all three of SOM-3a-benefit's
    assert rows["SOM-6-1a-offence"]["parts"] == summary and rows["SOM-3a-benefit"]["parts"] == "3 of 3 parts"
    assert rows["SOM-6-1a-offence"]["quote"] == " ".join(data["findings"][0]["evidence"][0]["quote"].split())
    sarif = json.loads(out["sarif"])
    message = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "SOM-6-1a-offence")["message"]
    assert message["text"].endswith(f"Parts: {summary}.")
    docx_path = tmp_path / "BB.docx"
    result = runner.invoke(main, ["report", str(path), "--format", "docx", "-o", str(docx_path)])
    assert result.exit_code == 0 and f"wrote {docx_path}" in result.stderr
    assert any(summary in p.text for p in docx.Document(str(docx_path)).paragraphs)
    # written to a file, the report links each quote from a PDF to its page
    html_path = tmp_path / "out" / "BB.html"
    html_path.parent.mkdir()
    assert runner.invoke(main, ["report", str(path), "-o", str(html_path)]).exit_code == 0
    pdf = Path(data["documents"][0]["path"])
    link = Path(os.path.relpath(pdf, html_path.parent)).as_posix()
    html = html_path.read_text(encoding="utf-8")
    assert f'<a href="{link}#page=4">s. 29A(1) Immigration Act, inserted by s. 3, p. 4</a>' in html
    # so do the summary to read and the Markdown to paste (issue 19: an inserted provision is cited
    # under the law it goes into); the one-line summary of a satisfied item keeps the short form
    assert "  > s. 29A(1) Immigration Act, inserted by s. 3, p. 4: “" in render(data, "text")
    assert "> — s. 29A(1) Immigration Act, inserted by s. 3, p. 4, " in render(data, "md")
    # without parts (an older JSON) nothing is drawn
    old = json.loads(json.dumps(data))
    for f in old["findings"]:
        f.pop("parts", None)
    assert "Parts:" not in render(old, "md") and 'class="parts"' not in render(old, "html")
    # what is not an audit JSON is refused, naming the file
    law = ROOT / "corpus/us/8-usc-1324-1328-alien-smuggling.txt"
    result = runner.invoke(main, ["report", str(law)])
    assert result.exit_code == 2 and "not an audit JSON" in result.stderr
    assert runner.invoke(main, ["report", str(path), "--format", "docx"]).exit_code == 2


def test_compare_takes_two_audit_jsons_and_says_so(tmp_path):
    old = _parts(audited("BB"))
    new = json.loads(json.dumps(old))
    finding = next(f for f in new["findings"] if f["item"] == "COE-13-reflection")
    finding["status"], finding["message"] = "satisfied", "A reflection period is given."
    paths = []
    for name, data in (("old.json", old), ("new.json", new)):
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = CliRunner().invoke(main, ["compare", *paths, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "comparing two audit JSONs" in result.stderr
    diff = json.loads(result.stdout)
    assert diff["inputs"] == {"old": "audit JSON", "new": "audit JSON"} and not diff["provisions_compared"]
    changed = [(i["item"], i["trend"]) for i in diff["items"] if i["changed"]]
    assert changed == [("COE-13-reflection", "gap closed")]
    html = CliRunner().invoke(main, ["compare", *paths]).stdout
    assert "Provisions were not compared" in html and "Gap closed" in html
    # a law and an audit JSON together are refused, saying which is which
    law = str(ROOT / "corpus/us/8-usc-1324-1328-alien-smuggling.txt")
    result = CliRunner().invoke(main, ["compare", law, paths[0]])
    assert result.exit_code == 2 and "is a law" in result.stderr and "is an audit JSON" in result.stderr


def test_explain_is_plain_words_and_python_m_runs():
    result = CliRunner().invoke(main, ["explain", "HR-P7-nonpunishment"])
    assert result.exit_code == 0
    assert "{" not in result.stdout and "CoE Convention, art. 26:\nArticle  26" in result.stdout
    assert "Border measures" not in result.stdout
    import subprocess
    import sys
    run = subprocess.run([sys.executable, "-m", "auditor", "--version"], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0 and "auditor" in run.stdout
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


@pytest.mark.parametrize("code", ["BB", "CA"])
def test_a_provision_quoted_inside_a_wider_one_is_shown_once(code):
    """A definition's paragraphs quoted under two definitions, or a subsection under its section,
    appear once: inside the widest quote, with their decisive words highlighted there."""
    data = audited(code)
    nested = 0
    for finding in data["findings"]:
        spans = [(e["document"], e["start"], e["end"]) for e in finding["evidence"]
                 if e["role"] in ("offence", "provision", "exemption", "definition")]
        nested += sum(any(o != s and o[0] == s[0] and o[1] <= s[1] and s[2] <= o[2] for o in spans)
                      for s in spans)
    assert nested  # the audits do quote nested provisions
    for c in report_view(data).cards:
        spans = [q.span for q in c.quotes]
        assert len(set(spans)) == len(spans), c.item
        assert not [s for s in spans if any(o != s and o[0] == s[0] and o[1] <= s[1] and s[2] <= o[2]
                                            for o in spans)], c.item
