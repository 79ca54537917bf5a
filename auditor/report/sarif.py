"""SARIF 2.1.0: a thin converter over the audit JSON, so findings show inline in code review.

One rule per checklist item, one result per finding, located at the first quoted provision (file,
line for text formats, provision and page always). deviation/missing -> fail, needs_review -> review,
satisfied -> pass, not_applicable -> notApplicable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
KIND = {"deviation": "fail", "missing": "fail", "needs_review": "review", "satisfied": "pass",
        "not_applicable": "notApplicable"}
LEVEL = {"critical": "error", "major": "warning", "minor": "note"}


def _line(path: str, quote: str, cache: dict[str, str | None]) -> int | None:
    """1-based line where a quote starts in the file as stored, for text formats (the audit's offsets
    are into the normalised text, so the quote itself is looked up)."""
    if path not in cache:
        try:
            cache[path] = Path(path).read_text(encoding="utf-8-sig") if Path(path).suffix.lower() in (
                ".txt", ".md", ".markdown") else None
        except (OSError, UnicodeDecodeError):
            cache[path] = None
    text = cache[path]
    head = quote.split("\n", 1)[0][:80]
    at = text.find(head) if text is not None and head else -1
    return text.count("\n", 0, at) + 1 if text is not None and at >= 0 else None


def report_sarif(data: dict[str, Any]) -> dict[str, Any]:
    from auditor.report.tabular import parts_text
    from auditor.report.view import _items, reference

    items = _items()
    rules, index = [], {}
    for f in data["findings"]:
        if f["item"] in index:
            continue
        index[f["item"]] = len(rules)
        item = items.get(f["item"], (None, None))[0]
        rules.append({
            "id": f["item"], "name": f["item"],
            "shortDescription": {"text": f["title"]},
            "fullDescription": {"text": f["requirement"]},
            "help": {"text": f"{f['recommendation']}" + (f"\n\nWhy: {item.rationale}" if item else "")},
            "properties": {"instrument": f["reference"]["instrument"], "article": f["reference"]["article"],
                           "reference": reference(f),
                           "severity": f["severity"], "checklist": f["checklist"]},
        })
    texts: dict[str, str | None] = {}
    results = []
    for f in data["findings"]:
        result: dict[str, Any] = {
            "ruleId": f["item"], "ruleIndex": index[f["item"]], "kind": KIND[f["status"]],
            "message": {"text": f["message"] + (f" Parts: {parts_text(f)}." if f.get("parts") else "")},
            "properties": {"status": f["status"], "severity": f["severity"]},
        }
        if KIND[f["status"]] == "fail":
            result["level"] = LEVEL[f["severity"]]
        elif KIND[f["status"]] == "review":
            result["level"] = "warning"
        else:
            result["level"] = "none"
        if f["evidence"]:
            e = f["evidence"][0]
            doc = data["documents"][e["document"]]
            region: dict[str, Any] = {"snippet": {"text": e["quote"]}}
            line = _line(doc["path"], e["quote"], texts)
            if line is not None:
                region["startLine"] = line
            result["properties"].update({"provision": e["provision"], "page": e["page"]})
            result["locations"] = [{
                "physicalLocation": {"artifactLocation": {"uri": Path(doc["path"]).as_posix()},
                                     "region": region},
                "logicalLocations": [{"name": e["provision"], "kind": "member",
                                      "fullyQualifiedName": f"{e['provision']} (p. {e['page']})"}],
            }]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": data["tool"]["name"], "version": data["tool"]["version"],
                                "rules": rules}},
            "artifacts": [{"location": {"uri": Path(d["path"]).as_posix()},
                           "hashes": {"sha-256": d["sha256"]}} for d in data["documents"]],
            "results": results,
            "properties": {"subject": data["subject"]},
        }],
    }
