"""Every checklist item on every real subject, against the table in tests/expected/verdicts.yaml.

The table was written from reading the laws, item by item; this test says where the tool and that
reading part ways. A status must match; a provision named in `at` must be among the evidence, so a
right status reached on the wrong provision still fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import audited

from auditor.check import all_checklists

EXPECTED = yaml.safe_load((Path(__file__).parent / "expected/verdicts.yaml").read_text(encoding="utf-8"))
ITEMS = [i.id for c in all_checklists() for i in c.items]


def test_the_table_covers_every_item_of_every_subject():
    for code, table in EXPECTED.items():
        assert sorted(table) == sorted(ITEMS), code
        for item, row in table.items():
            assert row["status"] in ("satisfied", "deviation", "missing", "needs_review", "not_applicable")
            assert row.get("why"), (code, item)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_verdicts_match_my_reading(code):
    findings = {f["item"]: f for f in audited(code)["findings"]}
    wrong = []
    for item, row in EXPECTED[code].items():
        f = findings[item]
        cited = [e["provision"] for e in f["evidence"]]
        if f["status"] != row["status"]:
            wrong.append(f"{item}: {f['status']} (expected {row['status']}: {row['why']})")
        elif row.get("at") and row["at"] not in cited:
            wrong.append(f"{item}: cites {cited[:4]}, expected {row['at']}")
        elif f["status"] in ("satisfied", "deviation") and not f["evidence"]:
            wrong.append(f"{item}: {f['status']} without evidence")
    assert not wrong, "\n".join(wrong)


def test_never_satisfied_where_i_read_otherwise():
    """The error that matters most: reassurance the law does not give."""
    for code, table in EXPECTED.items():
        findings = {f["item"]: f["status"] for f in audited(code)["findings"]}
        false = [i for i, row in table.items() if findings[i] == "satisfied" and row["status"] != "satisfied"]
        assert not false, (code, false)
