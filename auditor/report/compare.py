"""Compare two versions of a law: which items changed status, and which provisions were added,
removed, renumbered or reworded.

Provisions are aligned by content, not by number: a drafter who inserts a section renumbers every
section after it, and a diff by number would report them all as deleted and re-added. Section texts
(without their own number) are scored pairwise with rapidfuzz and paired greedily, best pair first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from auditor.audit import AuditResult
from auditor.report.view import STATUS_ORDER, quotes

COMPARE_SCHEMA = "auditor.compare/1"
SAME = 99.0  # at or above: the same words (whitespace and numbering aside)
MATCH = 60.0  # at or above: the same provision, reworded


@dataclass(frozen=True)
class Section:
    document: int
    citation: str
    number: str
    heading: str
    text: str
    body: str  # the text without its own number, for alignment


def sections(result: AuditResult) -> list[Section]:
    out: list[Section] = []
    for doc, annotated in enumerate(result.laws):
        law = annotated.law
        for s in law.sections():
            if any(c is not s and c.kind in ("section", "article") for c in s.walk()):
                continue  # an amending section that holds inserted sections: compare those instead
            text = " ".join(law.document.text[s.start:s.end].split())
            body = re.sub(rf"^\W*(?:section|article|art\.?|§)?\s*{re.escape(s.number)}\W*", "", text,
                          flags=re.IGNORECASE) if s.number else text
            out.append(Section(doc, s.citation, s.number, s.heading, text, body))
    return out


def align(old: Sequence[Section], new: Sequence[Section]) -> list[dict[str, Any]]:
    """Pair sections by content and say what happened to each."""
    pairs: list[tuple[float, int, int]] = []
    if old and new:
        scores = process.cdist([s.body for s in old], [s.body for s in new], scorer=fuzz.ratio,
                               score_cutoff=MATCH, workers=1)
        for i in range(len(old)):
            for j in range(len(new)):
                if scores[i][j] >= MATCH:
                    # equal scores: prefer the pair whose numbers agree, then document order
                    tie = 0.001 if old[i].number == new[j].number else 0.0
                    pairs.append((float(scores[i][j]) + tie, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    old_to_new: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for score, i, j in pairs:
        if i in old_to_new or j in taken:
            continue
        old_to_new[i] = (j, min(score, 100.0))
        taken.add(j)
    changes: list[dict[str, Any]] = []
    for i, s in enumerate(old):
        if i not in old_to_new:
            changes.append(_change("removed", s, None, 0.0))
            continue
        j, score = old_to_new[i]
        t = new[j]
        renumbered = s.number != t.number
        kind = ("renumbered" if renumbered else "unchanged") if score >= SAME else "reworded"
        changes.append(_change(kind, s, t, score, renumbered))
    for j, t in enumerate(new):
        if j not in taken:
            changes.append(_change("added", None, t, 0.0))
    return changes


def _change(kind: str, old: Section | None, new: Section | None, score: float,
            renumbered: bool = False) -> dict[str, Any]:
    change: dict[str, Any] = {
        "change": kind, "similarity": round(score, 1), "renumbered": renumbered,
        "old": {"document": old.document, "citation": old.citation, "heading": old.heading} if old else None,
        "new": {"document": new.document, "citation": new.citation, "heading": new.heading} if new else None,
    }
    if kind == "reworded" and old and new:
        change["words"] = word_diff(old.body, new.body)
    elif kind in ("added", "removed"):
        text = (new or old).text  # type: ignore[union-attr]
        change["text"] = text if len(text) <= 600 else text[:600].rsplit(" ", 1)[0] + " …"
    return change


def word_diff(old: str, new: str) -> list[list[str]]:
    """Runs of [kind, text], kind in same|del|ins, over words."""
    a, b = old.split(), new.split()
    runs: list[list[str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(["same", " ".join(a[i1:i2])])
        if tag in ("delete", "replace"):
            runs.append(["del", " ".join(a[i1:i2])])
        if tag in ("insert", "replace"):
            runs.append(["ins", " ".join(b[j1:j2])])
    return runs


def _evidence(finding: dict[str, Any], documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"provision": q.provision, "page": q.page, "runs": [list(r) for r in q.runs], "cut": q.cut}
            for q in quotes(finding, documents)[:2]]


def compare(old: AuditResult | dict[str, Any], new: AuditResult | dict[str, Any]) -> dict[str, Any]:
    """The comparison of two audits of two versions of a law, as JSON (`auditor.compare/1`).

    Each side is an audit just made (with the laws, so provisions are aligned too) or an audit
    JSON read from a file (findings and quotes only: provisions cannot be compared without the
    laws' text, and the result says so in `inputs` and `provisions_compared`)."""
    old_data = old.data if isinstance(old, AuditResult) else old
    new_data = new.data if isinstance(new, AuditResult) else new
    before = {f["item"]: f for f in old_data["findings"]}
    after = {f["item"]: f for f in new_data["findings"]}
    items = []
    for item in list(before) + [i for i in after if i not in before]:
        a, b = before.get(item), after.get(item)
        ref = b or a
        assert ref is not None
        items.append({
            "item": item, "title": ref["title"], "severity": ref["severity"],
            "old_status": a["status"] if a else None, "new_status": b["status"] if b else None,
            "changed": (a and a["status"]) != (b and b["status"]),
            "evidence_changed": bool(a and b and a["status"] == b["status"] and _cited(a) != _cited(b)),
            "trend": _trend(a["status"] if a else None, b["status"] if b else None,
                            bool(a and b and _cited(a) != _cited(b))),
            "old_message": a["message"] if a else "", "new_message": b["message"] if b else "",
            "old_evidence": _evidence(a, old_data["documents"]) if a else [],
            "new_evidence": _evidence(b, new_data["documents"]) if b else [],
        })
    items.sort(key=lambda i: (not i["changed"], not i["evidence_changed"], i["item"]))
    both_laws = isinstance(old, AuditResult) and isinstance(new, AuditResult)
    provisions = align(sections(old), sections(new)) if both_laws else []  # type: ignore[arg-type]
    counts = {k: sum(1 for p in provisions if p["change"] == k)
              for k in ("added", "removed", "renumbered", "reworded", "unchanged")}
    return {
        "schema": COMPARE_SCHEMA,
        "inputs": {"old": "law" if isinstance(old, AuditResult) else "audit JSON",
                   "new": "law" if isinstance(new, AuditResult) else "audit JSON"},
        "old": _side(old_data), "new": _side(new_data),
        "items": items,
        "items_changed": sum(1 for i in items if i["changed"]),
        "items_evidence_changed": sum(1 for i in items if i["evidence_changed"]),
        "provisions_compared": both_laws,
        "provisions": [p for p in provisions if p["change"] != "unchanged"],
        "provision_counts": counts,
    }


def _cited(finding: dict[str, Any]) -> list[str]:
    """The provisions a finding relies on (its evidence, in order, each once)."""
    return list(dict.fromkeys(str(e.get("provision", "")) for e in finding.get("evidence") or ()))


def _side(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data.get(k, [] if k != "summary" else {}) for k in ("documents", "summary", "errors")}


GAP = ("deviation", "missing")
PASS = ("satisfied", "not_applicable")


def _trend(old: str | None, new: str | None, evidence_moved: bool = False) -> str:
    """What the revision did to an item, in words that cannot be misread: "gap closed" (a gap is
    now satisfied), "gap opened" (a satisfied item is now a gap), "evidence changed" (same status,
    other provisions relied on); a move to or from needs_review says both statuses, because the
    tool is then unsure on one side and the reader must judge."""
    label = {"satisfied": "satisfied", "not_applicable": "not applicable", "needs_review": "needs review",
             "deviation": "deviation", "missing": "missing"}
    if old == new:
        return "evidence changed" if evidence_moved else "same"
    if old is None or new is None:
        return "only in the new audit" if old is None else "only in the old audit"
    if old in GAP and new in PASS:
        return "gap closed"
    if old in PASS and new in GAP:
        return "gap opened"
    if old in GAP and new in GAP:
        return f"still a gap ({label[old]} → {label[new]})"
    if new in PASS:
        return f"{label[old]} → {label[new]}: check the new text"
    if old in PASS:
        return f"{label[old]} → {label[new]}: check the new text"
    if new in GAP:  # needs review → a gap: it was not satisfied before either
        return f"{label[old]} → {label[new]}: not satisfied before either"
    return f"{label[old]} → {label[new]}: still not satisfied"


def compare_html(result: dict[str, Any]) -> str:
    from auditor.report.html import render
    from auditor.report.view import STATUS_LABEL

    return render("diff.html.j2", d=result, label=STATUS_LABEL, statuses=STATUS_ORDER)
