"""The data of the corpus matrix: each subject's stacked bar, the subjects with a gap per item, the
instrument groups, the date, and matrix.csv's contract, on real audit JSON.

The exact figures come from the audit of Barbados's two bills frozen on 2026-11-29
(tests/data/BB-audit-layout.json: 14 deviations, 6 missing, 1 needs review, 23 satisfied, 1 not
applicable), so they do not move when the judging does; the shipped sample audit of Barbados
(reports/samples/BB.json) is the second assessed subject, and the Czech criminal code of the corpus,
which the auditor cannot read, the subject that is not assessed."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

from auditor.audit import audit
from auditor.report.matrix import (
    Segment,
    group_gaps,
    item_gaps,
    made_on,
    matrix_csv,
    matrix_html,
    matrix_view,
    short_name,
    status_bar,
)

FROZEN = Path(__file__).parent / "data" / "BB-audit-layout.json"
SAMPLE = ROOT / "reports" / "samples" / "BB.json"


@pytest.fixture(scope="module")
def audits() -> list[dict]:
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    sample["subject"] = {"jurisdiction": "BB-sample", "label": "Barbados (sample)"}
    czech = audit([str(CORPUS / "cz/trestni-zakonik-168-339-341a-excerpt.md")], jurisdiction="CZ",
                  label="Czech Republic").data
    return [frozen, sample, czech]


def test_the_bar_puts_gaps_first_and_shares_add_up():
    data = json.loads(FROZEN.read_text(encoding="utf-8"))
    assert status_bar(data["summary"]) == (
        Segment("deviation", 14, 31.1), Segment("missing", 6, 13.3), Segment("needs_review", 1, 2.2),
        Segment("satisfied", 23, 51.1), Segment("not_applicable", 1, 2.2))
    assert abs(sum(s.share for s in status_bar(data["summary"])) - 100) < 0.2
    # empty statuses take no room; nothing judged, no bar
    bar = status_bar({"satisfied": 3, "missing": 1, "deviation": 0})
    assert [s.status for s in bar] == ["missing", "satisfied"]
    assert status_bar({s: 0 for s in data["summary"]}) == ()


def test_each_row_carries_its_bar_and_gaps_per_instrument(audits):
    m = matrix_view(audits, made="2026-11-29")
    frozen, sample, czech = m["rows"]
    assert frozen["bar"] == status_bar(frozen["counts"]) and frozen["judged"] == 45 and frozen["gaps"] == 20
    assert [(g.checklist, g.short, g.start, g.span) for g in m["groups"]] == [
        ("som", "SOM", 0, 14), ("tip", "TIP", 14, 18), ("untoc", "UNTOC", 32, 5),
        ("good-practice", "Good practice", 37, 8)]
    assert m["groups"][0].title == "Smuggling of Migrants Protocol"
    assert frozen["group_gaps"] == [5, 8, 3, 4] and sum(frozen["group_gaps"]) == frozen["gaps"]
    assert sum(sample["group_gaps"]) == sample["gaps"]
    # the subject nobody could read has no bar and no gap: "not assessed", never "missing"
    assert czech["not_assessed"].startswith("not assessed — Czech") and czech["bar"] == ()
    assert czech["group_gaps"] == [0, 0, 0, 0] and czech["cells"] == [""] * 45
    assert group_gaps(frozen["cells"], m["groups"][3]) == 4


def test_subjects_with_a_gap_per_item_count_only_assessed_subjects(audits):
    m = matrix_view(audits, made="2026-11-29")
    assert m["assessed"] == 2 and m["not_assessed"] == 1
    per_item = {p.item: p for p in m["per_item"]}
    assert len(per_item) == 45 and all(p.assessed == 2 for p in per_item.values())
    # Barbados (frozen): SOM-6-1a-offence deviation; SOM-3a-benefit satisfied; RGP-humanitarian-exemption
    # not applicable in the frozen audit (so it is no gap there)
    frozen = {f["item"]: f["status"] for f in audits[0]["findings"]}
    sample = {f["item"]: f["status"] for f in audits[1]["findings"]}
    assert frozen["SOM-6-1a-offence"] == "deviation" and frozen["SOM-3a-benefit"] == "satisfied"
    assert frozen["RGP-humanitarian-exemption"] == "not_applicable"
    for item, p in per_item.items():
        expected = (frozen[item] in ("deviation", "missing")) + (sample[item] in ("deviation", "missing"))
        assert p.gaps == expected, item
    assert per_item["RGP-humanitarian-exemption"].gaps == (sample["RGP-humanitarian-exemption"] == "missing")
    # the group columns: subjects with at least one gap among the group's items
    assert m["per_group"] == [2, 2, 2, 2]
    # a column where no subject has a status counts nobody
    assert item_gaps(m["columns"][:1], [[""], [""]])[0].share == 0.0


def test_headers_name_items_in_plain_words_and_the_page_links_the_csv(audits):
    html = matrix_html(audits, made="2026-11-29")
    # the titles the audit JSON carries (from checklists/*.yaml when the audit was made)
    titles = {f["item"]: f["title"] for f in audits[0]["findings"]}
    header = r'<th scope="col" class="mx-item [^"]*"[^>]*title="([^"]+)"><span class="mx-name">([^<]*)</span>'
    names = re.findall(header, html)
    assert len(names) == 45
    for tip, name in names:
        item = tip.split(" · ")[0]
        assert unescape(name) == titles[item] and name != item, item
    assert '<a href="matrix.csv" download>' in html and '<time datetime="2026-11-29"' in html
    assert 'id="first-subject"' in html and 'href="#first-subject"' in html
    # the coverage note stays under each subject
    assert "2 documents · en · smuggling and trafficking" in html
    assert "not assessed — Czech: the auditor reads English, French and Spanish" in html


def test_matrix_csv_keeps_the_batch_contract(audits):
    rows = list(csv.reader(io.StringIO(matrix_csv(audits))))
    ids = [f["item"] for f in audits[0]["findings"]]
    assert rows[0] == ["jurisdiction", "label", *ids]
    assert [r[:2] for r in rows[1:]] == [["BB", "BB"], ["BB-sample", "Barbados (sample)"],
                                         ["CZ", "Czech Republic"]]
    statuses = {f["item"]: f["status"] for f in audits[0]["findings"]}
    assert rows[1][2:] == [statuses[i] for i in ids]
    assert rows[3][2:] == [""] * 45  # not assessed: no status, never "missing"


def test_the_date_is_the_audits_own_else_today():
    assert made_on([{"date": "2026-10-01T12:00:00Z"}, {"created": "2026-11-02"}, {}]) == "2026-11-02"
    assert made_on([{}]) == datetime.now(UTC).date().isoformat()
    assert short_name("untoc") == "UNTOC" and short_name("good-practice") == "Good practice"
