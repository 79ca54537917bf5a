"""The speed work (issue 18) must not change a single verdict: the corpus subjects' findings (status,
message and the provisions their evidence cites) are compared with a snapshot taken before the first
optimisation (tests/data/verdicts-snapshot.json).

The snapshot is only valid for the rules, lexicons and segmenter it was taken with. Those change
often (checklists/, auditor/check/, auditor/structure/ belong to other work), so the snapshot keeps
the content hash of those folders and the test skips itself, saying so, once they differ: the
snapshot is then stale, not the speed work wrong. Regenerate it with

    python tests/test_speed_regression.py --write

only on a tree whose verdicts are known to be right (before an optimisation, never after one).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "data" / "verdicts-snapshot.json"
#: Folders whose change makes the snapshot stale (rules, lexicons, segmenter), not the speed work wrong.
WATCHED = ("checklists", "auditor/check", "auditor/structure")
SUBJECTS = ("BB", "CA", "US", "FR", "UY")


def watched_hash() -> str:
    """sha256 over the relative path and bytes of every file of the watched folders (caches left out)."""
    digest = hashlib.sha256()
    for folder in WATCHED:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def verdicts(code: str) -> list[dict]:
    """Each finding of one corpus subject as the snapshot keeps it."""
    from conftest import CORPUS
    from conftest import SUBJECTS as PATHS

    from auditor.audit import audit

    data = audit([str(CORPUS / p) for p in PATHS[code]], jurisdiction=code, label=code).data
    return [{"item": f["item"], "status": f["status"], "message": f["message"],
             "evidence": [[e["document"], e["provision"]] for e in f["evidence"]]}
            for f in data["findings"]]


def _snapshot() -> dict:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", SUBJECTS)
def test_verdicts_are_those_of_the_snapshot(code: str) -> None:
    snapshot = _snapshot()
    if snapshot["watched_sha256"] != watched_hash():
        pytest.skip(f"snapshot stale: {', '.join(WATCHED)} changed since it was taken "
                    f"({snapshot['taken']}); regenerate with `python tests/test_speed_regression.py --write`")
    assert verdicts(code) == snapshot["subjects"][code]


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python tests/test_speed_regression.py --write")
    import datetime

    sys.path.insert(0, str(ROOT / "tests"))
    data = {"taken": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "watched": list(WATCHED), "watched_sha256": watched_hash(),
            "subjects": {code: verdicts(code) for code in SUBJECTS}}
    tmp = SNAPSHOT.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(SNAPSHOT)
    print(f"wrote {SNAPSHOT}")
