"""Verdicts gained and lost against an earlier batch: every change to a rule or a lexicon shows its
effect on the whole corpus before it lands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _load(folder: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted(folder.glob("*.json")):
        if path.name == "batch.json":
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if isinstance(data, dict) and data.get("schema") == "auditor.audit/1":
            out[path.stem] = data
    return out


def _seconds(folder: Path) -> dict[str, float]:
    try:
        batch = json.loads((folder / "batch.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return {s["jurisdiction"]: s["seconds"] for s in batch.get("subjects", []) if s.get("seconds")}


def regression(baseline: str | Path, current: str | Path) -> dict[str, Any]:
    """Per subject and item, the status before and after; and the audit time of each subject."""
    old, new = _load(Path(baseline)), _load(Path(current))
    t_old, t_new = _seconds(Path(baseline)), _seconds(Path(current))
    changes = []
    for stem in sorted(set(old) | set(new)):
        a = {f["item"]: f["status"] for f in old.get(stem, {}).get("findings", [])}
        b = {f["item"]: f["status"] for f in new.get(stem, {}).get("findings", [])}
        for item in sorted(set(a) | set(b)):
            if a.get(item) != b.get(item):
                changes.append({"subject": stem, "item": item, "before": a.get(item), "after": b.get(item)})
    timing = [{"subject": s, "before": t_old.get(s), "after": t_new.get(s)}
              for s in sorted(set(t_old) | set(t_new))]
    return {"changes": changes, "timing": timing, "subjects_before": sorted(old),
            "subjects_after": sorted(new)}


def regression_markdown(report: dict[str, Any]) -> str:
    lines = ["# Verdicts against the baseline", ""]
    if not report["changes"]:
        lines.append("No verdict changed.")
    else:
        lines += ["| subject | item | before | after |", "|---|---|---|---|"]
        lines += [f"| {c['subject']} | {c['item']} | {c['before'] or '-'} | {c['after'] or '-'} |"
                  for c in report["changes"]]
    lines += ["", "## Audit time per subject (seconds)", "", "| subject | before | after |", "|---|---|---|"]
    for t in report["timing"]:
        before = f"{t['before']:.2f}" if t["before"] is not None else "-"
        after = f"{t['after']:.2f}" if t["after"] is not None else "- (cached or absent)"
        lines.append(f"| {t['subject']} | {before} | {after} |")
    return "\n".join(lines) + "\n"
