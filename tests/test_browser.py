"""The reports in a real browser: headless Chromium from Debian (`/usr/bin/chromium`) driven by
Playwright. `.ci/run` installs both; elsewhere these tests are skipped unless
AUDITOR_REQUIRE_BROWSER=1 makes a missing browser a failure."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import audited

from auditor.audit import audit
from auditor.cli import main
from auditor.report import render

CHROMIUM = os.environ.get("AUDITOR_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 800}

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

if (sync_playwright is None or not shutil.which(CHROMIUM)) and not os.environ.get("AUDITOR_REQUIRE_BROWSER"):
    pytest.skip("Chromium or Playwright not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    if sync_playwright is None or not shutil.which(CHROMIUM):
        pytest.fail(f"AUDITOR_REQUIRE_BROWSER is set but {CHROMIUM} or Playwright is missing")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path.as_uri()


def _in_viewport(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and 0 <= box["y"] < VIEWPORT["height"]


def test_report_opens_with_critical_gaps_above_the_fold(page, tmp_path):
    url = _write(tmp_path, "BB.html", render(audited("BB"), "html"))
    page.goto(url)
    assert page.errors == []
    assert _in_viewport(page, "#critical-gaps")
    assert page.locator("#critical-gaps li").count() == 2  # SOM-6-1a-offence, SOM-5-migrant-nonliability
    page.screenshot(path=str(tmp_path / "report.png"))


def test_filters_and_search_hide_and_show_cards(page, tmp_path):
    page.goto(_write(tmp_path, "BB.html", render(audited("BB"), "html")))
    satisfied = page.locator('article.card[data-status="satisfied"]')
    assert satisfied.count() == 32 and satisfied.first.is_visible()
    page.click('button[data-group="status"][data-value="satisfied"]')
    assert all(not satisfied.nth(i).is_visible() for i in range(satisfied.count()))
    assert page.inner_text("#visible-count") == "13 of 45 findings shown"
    page.click('button[data-group="status"][data-value="satisfied"]')
    assert satisfied.first.is_visible()
    page.fill("#search", "29A(4)")
    visible = [c for c in page.locator("article.card").all() if c.is_visible()]
    assert [c.get_attribute("id") for c in visible] == ["SOM-3c-document-definition"]
    page.fill("#search", "")
    page.click('button[data-group="checklist"][data-value="tip"]')
    assert not page.locator("#TIP-5-1-offence").is_visible() and page.locator("#SOM-3a-benefit").is_visible()


def test_anchor_scrolls_to_its_card_even_when_filtered_out(page, tmp_path):
    url = _write(tmp_path, "BB.html", render(audited("BB"), "html"))
    page.goto(url + "#UNTOC-24-25-victims-witnesses")
    assert _in_viewport(page, "#UNTOC-24-25-victims-witnesses")
    page.click('button[data-group="status"][data-value="satisfied"]')
    assert not page.locator("#TIP-9-prevention").is_visible()
    page.evaluate("location.hash = 'TIP-9-prevention'")
    page.wait_for_function("document.getElementById('TIP-9-prevention').getBoundingClientRect().top < 800")
    assert page.locator("#TIP-9-prevention").is_visible()
    assert page.errors == []


def test_law_text_with_a_script_is_shown_as_text(page, tmp_path):
    law = tmp_path / "hostile.txt"
    law.write_text("1. Smuggling\n\n(1) A person who organises the entry of a non-citizen "
                   "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> "
                   "commits an offence.\n", encoding="utf-8")
    data = audit([str(law)], label="<b>hostile</b>").data
    page.goto(_write(tmp_path, "hostile.html", render(data, "html")))
    assert page.evaluate("window.__pwned") is None
    body = page.inner_text("body")
    assert "<script>window.__pwned = 1</script>" in body and "<img src=x" in body
    assert page.locator("h1").inner_text() == "Gap report: <b>hostile</b>"
    assert page.errors == []


def test_matrix_sorts_and_links_to_cards(page, tmp_path):
    paths = []
    for code in ("BB", "CA", "FR", "US"):
        path = tmp_path / f"{code}.json"
        path.write_text(json.dumps(audited(code)))
        paths.append(str(path))
    out = tmp_path / "matrix"
    assert CliRunner().invoke(main, ["matrix", *paths, "-o", str(out)]).exit_code == 0
    page.goto((out / "index.html").as_uri())
    assert page.errors == []
    rows = lambda: [r.get_attribute("data-label") for r in page.locator("#matrix tbody tr").all()]  # noqa: E731
    assert rows() == ["bb", "ca", "fr", "us"]
    page.click('th[data-sort="gaps"]')
    gaps = [int(r.get_attribute("data-gaps")) for r in page.locator("#matrix tbody tr").all()]
    assert gaps == sorted(gaps)
    page.click('th[data-sort="gaps"]')
    gaps = [int(r.get_attribute("data-gaps")) for r in page.locator("#matrix tbody tr").all()]
    assert gaps == sorted(gaps, reverse=True)
    page.click('a[href="CA.html#SOM-3a-benefit"]')
    page.wait_for_url("**/CA.html#SOM-3a-benefit")
    assert _in_viewport(page, "#SOM-3a-benefit")
    assert page.errors == []


def test_diff_opens_without_errors(page, tmp_path):
    from conftest import CORPUS

    old = CORPUS / "us/8-usc-1324-1328-alien-smuggling.txt"
    text = old.read_text(encoding="utf-8")
    start, end = text.index("§\u202f1325. Improper entry"), text.index("§\u202f1327. Aiding")
    new = tmp_path / "revised.txt"
    new.write_text(text[:start] + text[end:], encoding="utf-8")
    out = tmp_path / "diff.html"
    assert CliRunner().invoke(main, ["compare", str(old), str(new), "-o", str(out)]).exit_code == 0
    page.goto(out.as_uri())
    assert page.errors == []
    assert page.locator("#SOM-5-migrant-nonliability").is_visible()
    assert "Removed: § 1325" in page.inner_text("body")
