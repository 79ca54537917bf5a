"""What a report shows, computed from an audit JSON (`auditor.audit/1`) alone.

Reports read the contract, not the engine's objects, so an audit written yesterday, by another
machine of a batch, or by another version of the tool can be rendered, compared and put in a matrix.
The checklists add what the contract does not carry: the rationale and the treaty's own words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

STATUS_ORDER = ("deviation", "missing", "needs_review", "satisfied", "not_applicable")
SEVERITY_ORDER = ("critical", "major", "minor")
STATUS_LABEL = {"deviation": "Deviation", "missing": "Missing", "needs_review": "Needs review",
                "satisfied": "Satisfied", "not_applicable": "Not applicable"}
GAPS = ("deviation", "missing")
#: Evidence that quotes a whole provision; the other roles are words inside it.
CONTAINER_ROLES = ("offence", "provision", "exemption", "definition")


@dataclass(frozen=True)
class Quote:
    """A quoted provision, cut into runs of plain and decisive (highlighted) text."""

    provision: str
    page: int
    document: str
    role: str
    runs: tuple[tuple[str, bool], ...]
    cut: bool = False  # the quote stops before the provision does (long provisions are quoted in part)
    ocr: str = ""  # the OCR engine, when the quoted page was read by OCR
    readings: tuple[str, ...] = ()  # words OCR misspelt, as the quote reads them ("“vietim” read as …")


@dataclass(frozen=True)
class Card:
    item: str
    checklist: str
    checklist_title: str
    status: str
    status_label: str
    severity: str
    title: str
    instrument: str
    article: str
    treaty_words: str
    message: str
    requirement: str
    rationale: str
    recommendation: str
    quotes: tuple[Quote, ...]
    search_text: str


@dataclass
class ReportView:
    label: str
    jurisdiction: str
    tool: str
    documents: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    checklists: list[dict[str, Any]]
    summary: dict[str, int]
    by_severity: dict[str, dict[str, int]]
    critical_gaps: list[Card]
    cards: list[Card]
    statuses: tuple[str, ...] = STATUS_ORDER
    severities: tuple[str, ...] = SEVERITY_ORDER
    status_label: dict[str, str] = field(default_factory=lambda: dict(STATUS_LABEL))


@cache
def _items() -> dict[str, Any]:
    from auditor.check import all_checklists

    return {item.id: (item, checklist) for checklist in all_checklists() for item in checklist.items}


@cache
def _treaty_words(item_id: str) -> str:
    from auditor.check.treaty import treaty_text

    found = _items().get(item_id)
    return treaty_text(found[0]) if found else ""


def sort_key(finding: dict[str, Any]) -> tuple[int, int, str]:
    """Gaps first, critical first: what a reader must see before anything else."""
    return (STATUS_ORDER.index(finding["status"]), SEVERITY_ORDER.index(finding["severity"]), finding["item"])


def quotes(finding: dict[str, Any], documents: list[dict[str, Any]]) -> tuple[Quote, ...]:
    """Each provision quoted once, with the decisive words found inside it highlighted; decisive
    words that fall outside every quoted provision are shown as quotes of their own."""
    evidence = finding["evidence"]
    containers = [e for e in evidence if e["role"] in CONTAINER_ROLES]
    words = [e for e in evidence if e["role"] not in CONTAINER_ROLES]
    out: list[Quote] = []
    used: set[int] = set()
    seen: set[tuple[int, int, int]] = set()
    for c in containers:
        key = (c["document"], c["start"], c["end"])
        if key in seen:
            continue
        seen.add(key)
        inside = [i for i, w in enumerate(words) if w["document"] == c["document"]
                  and c["start"] <= w["start"] and w["end"] <= c["end"]]
        used.update(inside)
        marks = sorted({(words[i]["start"], words[i]["end"]) for i in inside})
        out.append(Quote(c["provision"], c["page"], _doc_title(documents, c["document"]), c["role"],
                         _runs(c["quote"], c["start"], marks), _cut(c["quote"]),
                         _ocr(documents, c["document"], c["page"]), _readings(c)))
    for i, w in enumerate(words):
        key = (w["document"], w["start"], w["end"])
        if i in used or key in seen:
            continue
        seen.add(key)
        out.append(Quote(w["provision"], w["page"], _doc_title(documents, w["document"]), w["role"],
                         ((w["quote"], True),), ocr=_ocr(documents, w["document"], w["page"]),
                         readings=_readings(w)))
    return tuple(out)


def _cut(quote: str) -> bool:
    from auditor.check.engine import QUOTE_LIMIT

    return len(quote) >= QUOTE_LIMIT - 40 and not quote.rstrip().endswith((".", ";", ":", "”", "\"", ")"))


def _runs(text: str, start: int, marks: list[tuple[int, int]]) -> tuple[tuple[str, bool], ...]:
    runs: list[tuple[str, bool]] = []
    at = 0
    for a, b in marks:
        a, b = a - start, b - start
        if a < at:  # overlapping marks: extend the previous one
            if b > at:
                runs[-1] = (runs[-1][0] + text[at:b], True)
                at = b
            continue
        if a > at:
            runs.append((text[at:a], False))
        runs.append((text[a:b], True))
        at = b
    if at < len(text):
        runs.append((text[at:], False))
    return tuple(runs)


def _readings(evidence: dict[str, Any]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f"“{r['ocr']}” read as “{r['read_as']}” ({r['similarity']:g}%)"
                               for r in evidence.get("ocr_readings") or ()))


def _ocr(documents: list[dict[str, Any]], index: int, page: int) -> str:
    if 0 <= index < len(documents):
        ocr = documents[index].get("ocr") or {}
        if page in ocr.get("pages", []):
            return ocr.get("engine") or "OCR"
    return ""


def _doc_title(documents: list[dict[str, Any]], index: int) -> str:
    if 0 <= index < len(documents):
        doc = documents[index]
        return doc.get("title") or Path(doc.get("path", "")).name
    return ""


def card(finding: dict[str, Any], documents: list[dict[str, Any]]) -> Card:
    found = _items().get(finding["item"])
    item, checklist = found if found else (None, None)
    qs = quotes(finding, documents)
    search = " ".join([finding["item"], finding["title"], finding["message"],
                       *(text for q in qs for text, _ in q.runs), *(q.provision for q in qs)])
    return Card(
        item=finding["item"], checklist=finding["checklist"],
        checklist_title=checklist.title if checklist else finding["checklist"],
        status=finding["status"], status_label=STATUS_LABEL[finding["status"]],
        severity=finding["severity"], title=finding["title"],
        instrument=finding["reference"]["instrument"], article=finding["reference"]["article"],
        treaty_words=_treaty_words(finding["item"]), message=finding["message"],
        requirement=finding["requirement"], rationale=item.rationale if item else "",
        recommendation=finding["recommendation"], quotes=qs, search_text=" ".join(search.split()).lower(),
    )


def report_view(data: dict[str, Any]) -> ReportView:
    findings = sorted(data["findings"], key=sort_key)
    cards = [card(f, data["documents"]) for f in findings]
    by_severity = {s: {st: 0 for st in STATUS_ORDER} for s in SEVERITY_ORDER}
    for f in findings:
        by_severity[f["severity"]][f["status"]] += 1
    subject = data["subject"]
    return ReportView(
        label=subject.get("label") or subject.get("jurisdiction") or "the law",
        jurisdiction=subject.get("jurisdiction", ""),
        tool=f"{data['tool']['name']} {data['tool']['version']}",
        documents=data["documents"], errors=data.get("errors", []), checklists=data["checklists"],
        summary={s: data["summary"].get(s, 0) for s in STATUS_ORDER}, by_severity=by_severity,
        critical_gaps=[c for c in cards if c.status in GAPS and c.severity == "critical"],
        cards=cards,
    )
