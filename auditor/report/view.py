"""What a report shows, computed from an audit JSON (`auditor.audit/1`) alone.

Reports read the contract, not the engine's objects, so an audit written yesterday, by another
machine of a batch, or by another version of the tool can be rendered, compared and put in a matrix.
The checklists add what the contract does not carry: the rationale and the treaty's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

STATUS_ORDER = ("deviation", "missing", "needs_review", "satisfied", "not_applicable")
#: How findings are read: the gaps (deviation and missing together), then what needs a reader, then
#: what the law satisfies; critical first inside each group, so a critical missing item is never
#: below a minor deviation.
GROUP = {"deviation": 0, "missing": 0, "needs_review": 1, "satisfied": 2, "not_applicable": 3}
SEVERITY_ORDER = ("critical", "major", "minor")
STATUS_LABEL = {"deviation": "Deviation", "missing": "Missing", "needs_review": "Needs review",
                "satisfied": "Satisfied", "not_applicable": "Not applicable"}
GAPS = ("deviation", "missing")
#: Formats whose documents have pages; a page is never cited for a text file.
PAGED = ("pdf",)
PART_LABEL = {"found": "found", "absent": "absent", "unknown": "unknown"}
#: Evidence that quotes a whole provision; the other roles are words inside it.
CONTAINER_ROLES = ("offence", "provision", "exemption", "definition")


@dataclass(frozen=True)
class Quote:
    """A quoted provision, cut into runs of plain and decisive (highlighted) text."""

    provision: str
    page: int  # 0 for documents without pages (text, Markdown, HTML, Word)
    document: str
    role: str
    runs: tuple[tuple[str, bool], ...]
    cut: bool = False  # the quote stops before the provision does (long provisions are quoted in part)
    ocr: str = ""  # the OCR engine, when the quoted page was read by OCR
    readings: tuple[str, ...] = ()  # words OCR misspelt, as the quote reads them ("“vietim” read as …")
    lang: str = ""  # the document's language, so a Spanish quote is read (and spoken) as Spanish
    span: tuple[int, int, int] = (-1, 0, 0)  # document, start, end of the quote in that document's text
    href: str = ""  # the PDF at the quoted page ("../bb/bill.pdf#page=4"), when the report knows where
    # an inserted provision under its law and inserting one: "s. 29A(1) Immigration Act, inserted by s. 3"
    cited_as: str = ""

    @property
    def text(self) -> str:
        """The quote exactly as the law has it."""
        return "".join(t for t, _ in self.runs)

    @property
    def excerpt(self) -> tuple[tuple[str, bool], ...]:
        """The paragraphs of the quote that decide (those holding highlighted words, and the opening
        words that say who commits what), with "…" where paragraphs are left out. The whole
        provision stays one click away; Markdown, CSV and Word always carry the whole quote."""
        return excerpt(self.runs)

    @property
    def fragment(self) -> bool:
        """Decisive words quoted without their provision (a word, a phrase): shown between "…" so no
        reader takes them for the whole provision."""
        return self.role not in CONTAINER_ROLES

    @property
    def shortened(self) -> bool:
        return self.excerpt != self.runs

    @property
    def where(self) -> str:
        """"s. 29A(1) Immigration Act, inserted by s. 3, p. 4" — the provision as a reader cites it
        (an inserted one under the law it goes into and the provision that inserts it), the page
        only where the document has pages."""
        cited = self.cited_as or self.provision
        return f"{cited}, p. {self.page}" if self.page else cited

    @property
    def brief(self) -> str:
        """"s. 29A(1), p. 4": the short form, for a one-line summary."""
        return f"{self.provision}, p. {self.page}" if self.page else self.provision


@dataclass(frozen=True)
class Part:
    """One part of an item (the `parts` of the audit JSON): found, absent or unknown."""

    id: str
    text: str
    status: str
    where: str  # the provisions that show a found part, or that were read for one not found

    @property
    def where_label(self) -> str:
        """"s. 7, p. 10" for a found part; "read: s. 18, p. 15" for one the provisions read lack."""
        if not self.where:
            return ""
        return self.where if self.status == "found" else f"read: {self.where}"


@dataclass(frozen=True)
class Passage:
    label: str
    text: str


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
    reference: str  # "Trafficking Protocol, art. 6(1); CoE Convention, arts. 11, 30"
    treaty: tuple[Passage, ...]
    message: str
    requirement: str
    rationale: str
    recommendation: str
    quotes: tuple[Quote, ...]
    search_text: str
    parts: tuple[Part, ...] = ()

    @property
    def gap(self) -> bool:
        return self.status in GAPS

    @property
    def collapsed(self) -> bool:
        """Passes take one line each; a reader opens the one they doubt."""
        return self.status in ("satisfied", "not_applicable")

    @property
    def parts_summary(self) -> str:
        """"3 of 4 parts; absent: public official" — what the parts add up to, in one line."""
        if not self.parts:
            return ""
        found = sum(p.status == "found" for p in self.parts)
        out = f"{found} of {len(self.parts)} parts"
        others = dict.fromkeys(["absent", "narrowed", "unknown", *(p.status for p in self.parts)])
        for status in (s for s in others if s != "found"):
            named = [f"({p.id}) {p.text}" for p in self.parts if p.status == status]
            if named:
                out += f"; {status}: " + ", ".join(named)
        return out


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
    fix_first: list[Card] = field(default_factory=list)  # every critical and major gap
    date: str = ""  # when the audit was made, when the JSON says
    statuses: tuple[str, ...] = STATUS_ORDER
    severities: tuple[str, ...] = SEVERITY_ORDER
    status_label: dict[str, str] = field(default_factory=lambda: dict(STATUS_LABEL))


@cache
def _items() -> dict[str, Any]:
    from auditor.check import all_checklists

    return {item.id: (item, checklist) for checklist in all_checklists() for item in checklist.items}


@cache
def _treaty(instrument: str, article: str) -> tuple[Passage, ...]:
    from auditor.check.treaty import passages

    return tuple(Passage(p.label, p.text) for p in passages(instrument, article))


def reference(finding: dict[str, Any]) -> str:
    """The citation of the treaty article an item is measured against, in the one format."""
    from auditor.check.treaty import cite

    ref = finding.get("reference") or {}
    return cite(str(ref.get("instrument", "")), str(ref.get("article", "")))


def sort_key(finding: dict[str, Any]) -> tuple[int, int, int, str]:
    """Gaps first, critical first: what a reader must see before anything else."""
    return (GROUP[finding["status"]], SEVERITY_ORDER.index(finding["severity"]),
            STATUS_ORDER.index(finding["status"]), finding["item"])


def parts(finding: dict[str, Any], documents: list[dict[str, Any]]) -> tuple[Part, ...]:
    out = []
    for p in finding.get("parts") or ():
        where = "; ".join(dict.fromkeys(_where(documents, e) for e in p.get("evidence") or ()))
        # a narrowed part is "absent" in the contract, with narrowed: true: a reader needs the difference
        status = "narrowed" if p.get("narrowed") else str(p.get("status", "unknown"))
        out.append(Part(str(p.get("id", "")), str(p.get("text", "")), status, where))
    return tuple(out)


def _cited(evidence: dict[str, Any]) -> str:
    """The provision as a reader cites it: a provision an amending act inserts into or substitutes
    in another law under both ("s. 29A(1) Immigration Act, inserted by s. 3"), else its own citation."""
    return str(evidence.get("cited_as") or evidence["provision"])


def _where(documents: list[dict[str, Any]], evidence: dict[str, Any]) -> str:
    page = _page(documents, evidence)
    return f"{_cited(evidence)}, p. {page}" if page else _cited(evidence)


def _page(documents: list[dict[str, Any]], evidence: dict[str, Any]) -> int:
    index = evidence.get("document", 0)
    fmt = documents[index].get("format") if 0 <= index < len(documents) else None
    if fmt is None:  # older JSONs: guess from the file name
        path = documents[index].get("path", "") if 0 <= index < len(documents) else ""
        fmt = Path(path).suffix.lower().lstrip(".")
    return int(evidence.get("page") or 0) if fmt in PAGED else 0


def _href(links: dict[int, str] | None, evidence: dict[str, Any], documents: list[dict[str, Any]]) -> str:
    page = _page(documents, evidence)
    link = (links or {}).get(evidence.get("document", -1), "")
    return f"{link}#page={page}" if link and page else ""


def document_links(documents: list[dict[str, Any]], base: str | Path | None) -> dict[int, str]:
    """Where each PDF is, seen from the folder the report is written to (`base`), for links that
    open the page a quote is on. Only files that exist here are linked: an audit from another
    machine names files this one does not have."""
    if base is None:
        return {}
    import os

    out = {}
    for i, doc in enumerate(documents):
        path = Path(str(doc.get("path", "")))
        if path.suffix.lower() == ".pdf" and path.is_file():
            out[i] = Path(os.path.relpath(path.resolve(), Path(base).resolve())).as_posix()
    return out


def _lang(documents: list[dict[str, Any]], index: int) -> str:
    return str(documents[index].get("language") or "") if 0 <= index < len(documents) else ""


def quotes(finding: dict[str, Any], documents: list[dict[str, Any]],
           links: dict[int, str] | None = None) -> tuple[Quote, ...]:
    """Each provision quoted once, with the decisive words found inside it highlighted; decisive
    words that fall outside every quoted provision are shown as quotes of their own."""
    evidence = finding["evidence"]
    containers = [e for e in evidence if e["role"] in CONTAINER_ROLES]
    words = [e for e in evidence if e["role"] not in CONTAINER_ROLES]
    out: list[Quote] = []
    used: set[int] = set()
    seen: set[tuple[int, int, int]] = set()
    # a provision quoted inside a wider quoted one (a definition's paragraphs under two definitions,
    # a subsection under its section) is shown once, in the wider quote
    containers = [c for c in containers if not any(
        o is not c and o["document"] == c["document"] and o["start"] <= c["start"] and c["end"] <= o["end"]
        and (o["end"] - o["start"]) > (c["end"] - c["start"]) for o in containers)]
    for c in containers:
        key = (c["document"], c["start"], c["end"])
        if key in seen:
            continue
        seen.add(key)
        inside = [i for i, w in enumerate(words) if w["document"] == c["document"]
                  and c["start"] <= w["start"] and w["end"] <= c["end"]]
        used.update(inside)
        marks = sorted({(words[i]["start"], words[i]["end"]) for i in inside})
        out.append(Quote(c["provision"], _page(documents, c), _doc_title(documents, c["document"]), c["role"],
                         _runs(c["quote"], c["start"], marks), _cut(c["quote"]),
                         _ocr(documents, c["document"], c["page"]), _readings(c),
                         _lang(documents, c["document"]), (c["document"], c["start"], c["end"]),
                         _href(links, c, documents), str(c.get("cited_as") or "")))
    alone = [w for i, w in enumerate(words) if i not in used]
    for w in alone:
        key = (w["document"], w["start"], w["end"])
        if key in seen or any(o is not w and o["document"] == w["document"] and o["start"] <= w["start"]
                              and w["end"] <= o["end"] and (o["end"] - o["start"]) > (w["end"] - w["start"])
                              for o in alone):
            continue  # the same words, or words inside wider decisive words, are quoted once
        seen.add(key)
        out.append(Quote(w["provision"], _page(documents, w), _doc_title(documents, w["document"]), w["role"],
                         ((w["quote"], True),), ocr=_ocr(documents, w["document"], w["page"]),
                         readings=_readings(w), lang=_lang(documents, w["document"]),
                         span=(w["document"], w["start"], w["end"]), href=_href(links, w, documents),
                         cited_as=str(w.get("cited_as") or "")))
    return tuple(out)


#: Paragraphs of a quoted provision are separated by a blank line (list items, subsections).
PARAGRAPH = re.compile(r"\n[ \t]*\n")
OPENING = 200  # characters: a first paragraph this short is the chapeau, kept for context
MAX_PARAGRAPHS = 2  # decisive paragraphs shown at most; the rest is behind "show the whole provision"


def _slice(runs: tuple[tuple[str, bool], ...], a: int, b: int) -> list[tuple[str, bool]]:
    out, at = [], 0
    for text, marked in runs:
        lo, hi = max(a, at), min(b, at + len(text))
        if lo < hi:
            out.append((text[lo - at:hi - at], marked))
        at += len(text)
    return out


def excerpt(runs: tuple[tuple[str, bool], ...]) -> tuple[tuple[str, bool], ...]:
    """See Quote.excerpt."""
    text = "".join(t for t, _ in runs)
    bounds, start = [], 0
    for m in PARAGRAPH.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    if len(bounds) <= 2:
        return runs
    marks, at = [], 0
    for t, marked in runs:
        if marked and t.strip():
            marks.append((at, at + len(t)))
        at += len(t)
    keep = [i for i, (a, b) in enumerate(bounds) if any(x < b and a < y for x, y in marks)][:MAX_PARAGRAPHS]
    if not keep:
        keep = [0]
    if bounds[0][1] - bounds[0][0] <= OPENING and 0 not in keep:
        keep.insert(0, 0)
    if len(keep) == len(bounds):
        return runs
    out: list[tuple[str, bool]] = []
    previous = -1
    for i in keep:
        if out:
            out.append(("\n\n" if i == previous + 1 else "\n…\n", False))
        elif i > 0:
            out.append(("…\n", False))
        out += _slice(runs, *bounds[i])
        previous = i
    if keep[-1] < len(bounds) - 1:
        out.append(("\n…", False))
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


SHORT_TITLE = 70  # characters: a longer title is a long title, not a name to repeat in every citation


def short_title(doc: dict[str, Any]) -> str:
    """The name a citation gives a document: its short title or manifest title when the JSON has one,
    its title when that is short, else its file name in words ("trafficking-in-persons-prevention-
    bill-2016.pdf" → "Trafficking in persons prevention bill 2016"). Never a long title cut mid-word."""
    for key in ("short_title", "manifest_title"):
        if doc.get(key):
            return str(doc[key])
    title = " ".join(str(doc.get("title") or "").split())
    if title and len(title) <= SHORT_TITLE:
        return title
    stem = Path(str(doc.get("path", ""))).stem
    words = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return (words[:1].upper() + words[1:]) if words else title


def short_titles(message: str, documents: list[dict[str, Any]]) -> str:
    """A message with each document's long title, whole or cut ("An Act to give effect to the United
    Nations Protocol to…"), replaced by the document's short name."""
    for doc in documents:
        title = " ".join(str(doc.get("title") or "").split())
        short = short_title(doc)
        if not title or short == title:
            continue
        for m in reversed(list(re.finditer(r"(?<![\w])An? [^()]*?…|" + re.escape(title), message))):
            found = m.group().rstrip("…")
            if len(found) >= 20 and title.startswith(found):
                message = message[:m.start()] + short + message[m.end():]
    return message


def _doc_title(documents: list[dict[str, Any]], index: int) -> str:
    return short_title(documents[index]) if 0 <= index < len(documents) else ""


def card(finding: dict[str, Any], documents: list[dict[str, Any]],
         links: dict[int, str] | None = None) -> Card:
    found = _items().get(finding["item"])
    item, checklist = found if found else (None, None)
    qs = quotes(finding, documents, links)
    search = " ".join([finding["item"], finding["title"], finding["message"],
                       *(text for q in qs for text, _ in q.runs), *(q.provision for q in qs)])
    return Card(
        item=finding["item"], checklist=finding["checklist"],
        checklist_title=checklist.title if checklist else finding["checklist"],
        status=finding["status"], status_label=STATUS_LABEL[finding["status"]],
        severity=finding["severity"], title=finding["title"],
        instrument=finding["reference"]["instrument"], article=finding["reference"]["article"],
        reference=reference(finding),
        treaty=_treaty(str(finding["reference"]["instrument"]), str(finding["reference"]["article"])),
        message=short_titles(finding["message"], documents),
        requirement=finding["requirement"], rationale=item.rationale if item else "",
        recommendation=finding["recommendation"], quotes=qs, search_text=" ".join(search.split()).lower(),
        parts=parts(finding, documents),
    )


def _today() -> str:
    """The day a report is made, for audit JSONs that do not say when the audit was."""
    from datetime import UTC, datetime

    return datetime.now(UTC).date().isoformat()


def report_view(data: dict[str, Any], base: str | Path | None = None) -> ReportView:
    """What a report shows; `base` is the folder the report goes to, so quotes can link to the
    PDF page they are on."""
    findings = sorted(data["findings"], key=sort_key)
    links = document_links(data["documents"], base)
    cards = [card(f, data["documents"], links) for f in findings]
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
        fix_first=[c for c in cards if c.status in GAPS and c.severity in ("critical", "major")],
        date=str(data.get("date") or data.get("created") or "") or _today(),
    )
