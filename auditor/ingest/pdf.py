"""Born-digital PDFs through PDFium.

PDFium (pypdfium2, already a dependency of pdfplumber) gives positioned text segments at a fraction
of pdfminer's cost; `pdf_layout` rebuilds the reading order from their geometry. A PDF whose pages
hold images but no text is a scan: it is refused with advice to run OCR, never read as an empty law.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from auditor.errors import InputError
from auditor.ingest.build import make_document
from auditor.ingest.document import Document
from auditor.ingest.pdf_layout import (
    Line,
    PageLayout,
    Segment,
    find_running_lines,
    group_lines,
    page_text,
)

#: A page with fewer characters than this and an image on it is taken as scanned.
MIN_PAGE_CHARS = 20
DEFAULT_MAX_PAGES = 5000


def _open(raw: bytes, path: str, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(raw, password=password)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise InputError("encrypted", path, "the PDF needs a password to open") from exc
        raise InputError("corrupt-pdf", path, f"PDFium cannot open it ({exc})") from exc


def page_segments(page: pdfium.PdfPage) -> PageLayout:
    """Positioned text runs of one page, in top-left coordinates.

    Runs are cut from PDFium's character stream wherever it breaks a line, the pen moves back or
    jumps vertically, or a wide horizontal gap opens (a column gutter). Characters are taken one by
    one (not with `get_text_bounded`, whose rectangles pick up neighbouring italic glyphs twice).
    """
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        # PDFium marks a hyphen it takes for a line-end hyphenation as U+FFFE.
        text = textpage.get_text_range(0, count).replace("\ufffe", "-") if count else ""
        boxes = [textpage.get_charbox(i, loose=True) for i in range(len(text))]
    finally:
        textpage.close()
    segments: list[Segment] = []
    run: list[str] = []
    box: list[float] = []  # x0, top, x1, bottom of the current run

    def flush() -> None:
        if box and "".join(run).strip():
            segments.append(Segment(box[0], box[1], box[2], box[3], "".join(run)))
        run.clear()
        box.clear()

    for ch, (left, bottom, right, top) in zip(text, boxes, strict=False):
        if ch in "\r\n":
            flush()
            continue
        if right - left <= 0 and top - bottom <= 0:  # generated character without a glyph
            if run:
                run.append(ch)
            continue
        y0, y1 = height - top, height - bottom
        if box:
            mid = (y0 + y1) / 2
            jumped = mid < box[1] or mid > box[3]
            if jumped or left < box[2] - 2 or left - box[2] > 12:
                flush()
        if not box:
            box.extend((left, y0, right, y1))
        else:
            box[0], box[1] = min(box[0], left), min(box[1], y0)
            box[2], box[3] = max(box[2], right), max(box[3], y1)
        run.append(ch)
    flush()
    return PageLayout(width=width, height=height, segments=tuple(segments))


def _has_image(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def load_pdf(raw: bytes, path: str, *, password: str | None = None,
             max_pages: int = DEFAULT_MAX_PAGES) -> Document:
    pdf = _open(raw, path, password)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise InputError("corrupt-pdf", path, "the PDF has no pages")
        if n_pages > max_pages:
            raise InputError("too-large", path, f"{n_pages} pages, limit is {max_pages}")
        layouts: list[PageLayout] = []
        scanned: list[int] = []
        for index in range(n_pages):
            page = pdf[index]
            try:
                layout = page_segments(page)
                chars = sum(len(s.text.strip()) for s in layout.segments)
                if chars < MIN_PAGE_CHARS and _has_image(page):
                    scanned.append(index + 1)
                layouts.append(layout)
            finally:
                page.close()
        metadata = pdf.get_metadata_dict()
    except pdfium.PdfiumError as exc:
        raise InputError("corrupt-pdf", path, f"PDFium failed while reading ({exc})") from exc
    finally:
        pdf.close()

    total_chars = sum(len(s.text.strip()) for lay in layouts for s in lay.segments)
    if total_chars < MIN_PAGE_CHARS * max(1, n_pages - len(scanned)) and scanned:
        raise InputError(
            "no-text-layer", path,
            f"no text layer on {len(scanned)} of {n_pages} pages (a scanned document)",
        )
    if total_chars == 0:
        raise InputError("no-text", path, "the PDF has no text and no images")

    lines: list[list[Line]] = [group_lines(lay.segments) for lay in layouts]
    running = find_running_lines(lines, max((lay.height for lay in layouts), default=792.0))
    pages = [page_text(lay, drop, page_lines)
             for lay, drop, page_lines in zip(layouts, running, lines, strict=True)]
    warnings = []
    if scanned:
        warnings.append(f"pages without a text layer (scanned; run OCR to read them): "
                        f"{', '.join(map(str, scanned))}")
    title = (metadata.get("Title") or "").strip() or None
    return make_document(path=path, raw=raw, fmt="pdf", pages=pages, title=title,
                         fields={k: v for k, v in metadata.items() if v}, warnings=warnings)
