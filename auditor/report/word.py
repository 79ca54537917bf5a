"""Word export (`--format docx`) for shadow reports: an NGO pastes findings into its own document.

Built with python-docx from the same view as the HTML report: the subject and documents, a "Fix
first" list, a findings table, then one heading per instrument with each finding's message, parts,
quotes and recommended wording. Quotes keep the law's words exactly: each line break of the quote
is a line break in the paragraph (so `paragraph.text` gives the quote back), decisive words are bold
and highlighted, and the citation follows on its own line.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

from auditor.report.view import STATUS_LABEL, Card, Quote, ReportView, report_view

GROUP_TITLE = {"som": "Smuggling of Migrants Protocol", "tip": "Trafficking in Persons Protocol",
               "untoc": "Convention against Transnational Organized Crime",
               "good-practice": "Human rights and regional good practice"}


def report_docx(data: dict[str, Any]) -> bytes:
    """The gap report of one audit JSON as a .docx file's bytes."""
    view = report_view(data)
    doc = Document()
    doc.core_properties.title = f"Gap report: {view.label}"
    doc.core_properties.subject = view.label
    doc.add_heading(f"Gap report: {view.label}", level=0)
    doc.add_paragraph(f"Measured against the Smuggling and Trafficking Protocols, the Organized Crime "
                      f"Convention and regional good practice · {view.tool}"
                      + (f" · {view.date}" if view.date else ""))
    _summary(doc, view)
    _documents(doc, view)
    _fix_first(doc, view)
    _table(doc, view)
    titles = {c["id"]: c.get("title") or GROUP_TITLE.get(c["id"], c["id"]) for c in view.checklists}
    order = list(titles) + [c.checklist for c in view.cards if c.checklist not in titles]
    for checklist in dict.fromkeys(order):
        cards = [c for c in view.cards if c.checklist == checklist]
        if not cards:
            continue
        doc.add_heading(titles.get(checklist, GROUP_TITLE.get(checklist, checklist)), level=1)
        for c in cards:
            _card(doc, c)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _summary(doc: Any, view: ReportView) -> None:
    gaps = view.summary["deviation"] + view.summary["missing"]
    by = ", ".join(f"{view.by_severity[s]['deviation'] + view.by_severity[s]['missing']} {s}"
                   for s in view.severities)
    doc.add_paragraph(f"{gaps} gaps ({by}) · {view.summary['needs_review']} need review · "
                      f"{view.summary['satisfied']} satisfied · "
                      f"{view.summary['not_applicable']} not applicable.")


def _documents(doc: Any, view: ReportView) -> None:
    doc.add_heading("Documents audited", level=1)
    for d in view.documents:
        doc.add_paragraph(f"{d.get('title') or Path(str(d.get('path', ''))).name} "
                          f"({Path(str(d.get('path', ''))).name}, {d.get('pages', '?')} pages, "
                          f"sha256 {str(d.get('sha256', ''))[:16]}…)", style="List Bullet")
    for e in view.errors:
        doc.add_paragraph(f"Not read: {e.get('message', '')}", style="List Bullet")


def _fix_first(doc: Any, view: ReportView) -> None:
    doc.add_heading("Fix first", level=1)
    if not view.fix_first:
        doc.add_paragraph("No critical or major item is missing or deviating.")
    for c in view.fix_first:
        p = doc.add_paragraph(style="List Number")
        p.add_run(f"{c.title} ({STATUS_LABEL[c.status].lower()}, {c.severity}). ").bold = True
        p.add_run(c.message + " ")
        p.add_run("Recommended wording: ").italic = True
        p.add_run(c.recommendation)


def _table(doc: Any, view: ReportView) -> None:
    doc.add_heading("Findings", level=1)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Item", "Status", "Severity", "Provisions relied on",
                                                 "Measured against"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for c in view.cards:
        row = table.add_row().cells
        row[0].text = c.title
        row[1].text = STATUS_LABEL[c.status]
        row[2].text = c.severity
        row[3].text = "; ".join(dict.fromkeys(q.where for q in c.quotes)) or "—"
        row[4].text = c.reference


def _card(doc: Any, c: Card) -> None:
    doc.add_heading(f"{STATUS_LABEL[c.status]} ({c.severity}): {c.title}", level=2)
    meta = doc.add_paragraph()
    meta.add_run(c.item).italic = True
    meta.add_run(f" · measured against {c.reference}")
    doc.add_paragraph(c.message)
    if c.parts:
        doc.add_paragraph(f"Parts: {c.parts_summary}")
        for part in c.parts:
            mark = {"found": "✓", "absent": "✗"}.get(part.status, "?")
            doc.add_paragraph(f"{mark} ({part.id}) {part.text} — {part.status}"
                              + (f" ({part.where_label})" if part.where else ""), style="List Bullet")
    for q in c.quotes:
        _quote(doc, q)
    if c.status in ("deviation", "missing", "needs_review"):
        p = doc.add_paragraph()
        p.add_run("Recommended wording: ").bold = True
        p.add_run(c.recommendation)


def _quote(doc: Any, q: Quote) -> None:
    p = doc.add_paragraph(style="Quote")
    for text, marked in q.runs:
        lines = text.split("\n")
        for n, line in enumerate(lines):
            if n:
                p.add_run().add_break()
            if line:
                run = p.add_run(line)
                if marked:
                    run.bold = True
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    if q.cut:
        p.add_run(" …")
    cite = doc.add_paragraph(f"— {q.where}, {q.document}"
                             + (f" (text read by OCR, {q.ocr}: check the original)" if q.ocr else ""))
    cite.runs[0].font.size = Pt(9)


def write_docx(path: str | os.PathLike[str], payload: bytes) -> int:
    """Write the file atomically (a temporary file in the same folder, then a rename), never into a
    folder that does not exist."""
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(f"folder {target.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)  # a document like any other, not mkstemp's private 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(payload)
