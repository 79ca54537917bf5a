"""Write the sample outputs in reports/samples/ and their screenshots (needs Playwright and Chromium).

    python reports/make_samples.py

Samples: the gap report of Barbados (HTML in matrix/BB.html, Markdown, SARIF, Word, its first printed
page and a phone screenshot), the corpus matrix of every subject of corpus/manifest.csv (17 States;
those in languages the auditor does not read are shown "not assessed") with a report per subject,
and a revision diff. No two versions of one law are in the
corpus yet, so the diff compares 8 U.S.C. 1324-1328 with a revision made by structural edits only
(§ 1325 repealed, § 1327 renumbered § 1326): every word in it is the statute's own.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.audit import audit  # noqa: E402
from auditor.batch.manifest import read_manifest  # noqa: E402
from auditor.batch.run import audit_subject  # noqa: E402
from auditor.fileio import write_atomic  # noqa: E402
from auditor.report import render  # noqa: E402
from auditor.report.compare import compare, compare_html  # noqa: E402
from auditor.report.html import report_html  # noqa: E402
from auditor.report.matrix import matrix_csv, matrix_html, subject_key  # noqa: E402
from auditor.report.word import report_docx, write_docx  # noqa: E402

OUT = ROOT / "reports" / "samples"


def main() -> None:
    corpus = ROOT / "corpus"
    audits = {}
    for spec in read_manifest(Path("corpus")):  # relative, so the samples do not show this machine's folders
        audits[spec.jurisdiction] = audit_subject(spec, (), None)[0]
    bb = audits["BB"]
    write_atomic(OUT / "BB-report.md", render(bb, "md"))
    write_atomic(OUT / "BB.sarif.json", render(bb, "sarif"))
    write_atomic(OUT / "BB.json", json.dumps(bb, ensure_ascii=False, indent=2) + "\n")
    write_docx(OUT / "BB.docx", report_docx(bb))
    matrix = OUT / "matrix"
    for data in audits.values():
        write_atomic(matrix / f"{subject_key(data)}.html", report_html(data, matrix))
    write_atomic(matrix / "index.html", matrix_html(list(audits.values())))
    write_atomic(matrix / "matrix.csv", matrix_csv(list(audits.values())))
    old = Path("corpus/us/8-usc-1324-1328-alien-smuggling.txt")
    text = (corpus / "us/8-usc-1324-1328-alien-smuggling.txt").read_text(encoding="utf-8")
    start, end = text.index("§\u202f1325. Improper entry"), text.index("§\u202f1327. Aiding")
    with tempfile.TemporaryDirectory() as tmp:
        new = Path(tmp) / "8-usc-1324-1328-revised.txt"
        revised = text[:start] + text[end:].replace("§\u202f1327.", "§\u202f1326.", 1)
        new.write_text(revised, encoding="utf-8")
        diff = compare(audit([str(old)]), audit([str(new)]))
    write_atomic(OUT / "diff.html", compare_html(diff))
    screenshots()


def screenshots() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((OUT / "matrix" / "BB.html").as_uri())
        page.screenshot(path=str(OUT / "report.png"))
        page.goto((OUT / "matrix" / "BB.html").as_uri() + "#SOM-6-1a-offence")
        page.screenshot(path=str(OUT / "report-card.png"))
        with tempfile.TemporaryDirectory() as tmp:  # the first printed page, as the printer gets it
            import pypdfium2 as pdfium

            page.pdf(path=f"{tmp}/BB.pdf", prefer_css_page_size=True)
            pdfium.PdfDocument(f"{tmp}/BB.pdf")[0].render(scale=1.2).to_pil().save(OUT / "report-print.png")
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto((OUT / "matrix" / "BB.html").as_uri())
        page.screenshot(path=str(OUT / "report-phone.png"))
        page.set_viewport_size({"width": 1500, "height": 900})
        page.goto((OUT / "matrix" / "index.html").as_uri())
        page.screenshot(path=str(OUT / "matrix.png"))
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto((OUT / "diff.html").as_uri())
        page.screenshot(path=str(OUT / "diff.png"))
        browser.close()


if __name__ == "__main__":
    main()
