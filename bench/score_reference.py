"""Score the auditor against the independent reference reading, in-process.

The same figures as shared/tools/score.py (agreement, informative agreement, false "satisfied",
false alarm), computed without a subprocess per subject, so a rule change can be judged on every
subject in seconds. `tests/test_reference.py` holds the per-subject floors; this prints the detail.

    python bench/score_reference.py [--subject CA]... [--quiet] [--labels PATH] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LABELS = SHARED / "reference" / "labels.yaml"
POOL = SHARED / "corpus-pool"


@dataclass
class SubjectScore:
    subject: str
    scored: int = 0
    agreed: int = 0
    informative: int = 0
    informative_agreed: int = 0
    false_satisfied: int = 0
    false_alarm: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def agreement(self) -> float:
        return 100.0 * self.agreed / self.scored if self.scored else 0.0


def load_labels(path: Path = LABELS) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["subjects"]


def score_subject(sid: str, spec: dict, corpus: Path = POOL) -> SubjectScore:
    from auditor.audit import audit

    result = audit([str(corpus / f) for f in spec["files"]], jurisdiction=sid, label=spec.get("label", sid))
    got = {f["item"]: f for f in result.data["findings"]}
    out = SubjectScore(sid)
    for item, ref in spec["items"].items():
        want, finding = ref["status"], got.get(item, {})
        have = finding.get("status", "absent")
        out.scored += 1
        if want != "missing":
            out.informative += 1
            out.informative_agreed += want == have
        if want == have:
            out.agreed += 1
            continue
        if have == "satisfied" and want in ("deviation", "missing"):
            out.false_satisfied += 1
            tag = "FALSE SATISFIED"
        elif want == "satisfied" and have in ("deviation", "missing"):
            out.false_alarm += 1
            tag = "false alarm"
        else:
            tag = "differs"
        out.lines.append(f"{tag} {sid} {item}: reference {want} {ref.get('provisions')} — {ref.get('reason')}"
                         f"\n    tool {have}: {finding.get('message', '')}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--corpus", type=Path, default=POOL)
    ap.add_argument("--subject", action="append")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    total = Counter()
    for sid, spec in load_labels(args.labels).items():
        if args.subject and sid not in args.subject:
            continue
        s = score_subject(sid, spec, args.corpus)
        if not args.quiet:
            print("\n".join(s.lines))
        print(f"{sid}: {s.agreed}/{s.scored} ({s.agreement:.1f}%) false_satisfied={s.false_satisfied}")
        for key in ("scored", "agreed", "informative", "informative_agreed", "false_satisfied",
                    "false_alarm"):
            total[key] += getattr(s, key)
    if total["scored"]:
        print(f"agreement={100 * total['agreed'] / total['scored']:.1f}% "
              f"informative={100 * total['informative_agreed'] / max(1, total['informative']):.1f}% "
              f"false_satisfied={total['false_satisfied']} false_alarm={total['false_alarm']} "
              f"scored={total['scored']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
