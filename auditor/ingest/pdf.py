"""Born-digital PDFs through PDFium.

PDFium (pypdfium2) gives positioned text segments at a fraction
of pdfminer's cost; `pdf_layout` rebuilds the reading order from their geometry. A PDF whose pages
hold images but no text is a scan: it is refused with advice to run OCR, never read as an empty law.
"""

from __future__ import annotations

import hashlib
import math
import re
import statistics
from dataclasses import replace
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from auditor.errors import InputError
from auditor.ingest.build import make_document
from auditor.ingest.document import Document, Reading
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


_WORD = re.compile(r"\S+")
#: PDFium's lines: cut at each line break, and after a line-end hyphenation mark (U+FFFE).
_LINES = re.compile(r"(?<=\ufffe)|\n")


def _hyphen(text: str) -> str:
    return text.replace("\ufffe", "-")


def page_segments(page: pdfium.PdfPage) -> PageLayout:
    """Positioned text runs of one page, in top-left coordinates.

    PDFium's character stream is split into its lines, each line into words; a run is cut where
    the pen moves back, jumps vertically or opens a wide gap (a column gutter). Only the first and
    last character of each word are measured: positions inside a word never decide anything, and
    skipping them makes this several times cheaper than measuring every character. (Not
    `get_text_bounded`: its rectangles pick up neighbouring italic glyphs twice.)
    """
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        # PDFium marks a line-end hyphenation as U+FFFE and drops the line break after it: the
        # text is cut into lines there too, and the mark becomes a hyphen again.
        text = textpage.get_text_range(0, count) if count else ""
        rect = pdfium_c.FS_RECTF()
        handle = textpage.raw
        get_box = pdfium_c.FPDFText_GetLooseCharBox
        segments: list[Segment] = []
        offset = 0
        words = _WORD.finditer
        for line in _LINES.split(text):
            # Loose boxes span the font's full height, so a word's first character gives its
            # vertical extent and its last character its right edge. (Comparisons written out, not
            # min() and max(): this loop runs once per word of the document.)
            start = end = -1
            bx0 = by0 = bx1 = by1 = 0.0
            for word in words(line):
                ws, we = word.span()
                get_box(handle, offset + ws, rect)
                x0, y0, y1 = rect.left, height - rect.top, height - rect.bottom
                if we - ws > 1:
                    get_box(handle, offset + we - 1, rect)
                x1 = rect.right
                if not x1 > x0:  # as `x1 if x1 > x0 else x0`
                    x1 = x0
                if start >= 0:
                    mid = (y0 + y1) / 2
                    if mid < by0 or mid > by1 or x0 < bx1 - 2 or x0 - bx1 > 12:
                        segments.append(Segment(bx0, by0, bx1, by1, _hyphen(line[start:end])))
                        start = -1
                if start < 0:
                    start, bx0, by0, bx1, by1 = ws, x0, y0, x1, y1
                else:
                    if x0 < bx0:
                        bx0 = x0
                    if y0 < by0:
                        by0 = y0
                    if x1 > bx1:
                        bx1 = x1
                    if y1 > by1:
                        by1 = y1
                end = we
            if start >= 0:
                segments.append(Segment(bx0, by0, bx1, by1, _hyphen(line[start:end])))
            offset += len(line) + (0 if line.endswith("\ufffe") else 1)
    finally:
        textpage.close()
    return PageLayout(width=width, height=height, segments=tuple(segments))


def _has_image(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def ocr_megapixels(page: pdfium.PdfPage) -> float:
    """Megapixels OCR will handle for this page, from what the file declares (nothing is decoded).
    OCRmyPDF renders a page at the resolution of its sharpest image, or at the area-weighted
    (harmonic) mean when that image is a small detail (under 0.8 of the sharpest and covering
    under 90 % of the page), so a small page holding one huge image is rendered huge. Returns the
    larger of that rendering and the largest image itself."""
    width, height = page.get_size()
    dpis: list[float] = []
    areas: list[float] = []
    largest = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        px_w, px_h = image.get_px_size()
        left, bottom, right, top = image.get_bounds()
        shown_w, shown_h = max(right - left, 1.0), max(top - bottom, 1.0)
        largest = max(largest, float(px_w) * px_h)
        dpis.append(max(px_w / shown_w, px_h / shown_h) * 72)
        areas.append(shown_w * shown_h / 72 / 72)
    if not dpis:
        return largest / 1e6
    sharpest = max(dpis)
    weighted = statistics.harmonic_mean(dpis, [a / sum(areas) for a in areas]) if sharpest else 0.0
    page_area = width * height / 72 / 72
    coverage = min(1.0, sum(a for d, a in zip(dpis, areas, strict=True)
                            if math.isclose(d, sharpest, rel_tol=0.01)) / max(page_area, 1e-9))
    dpi = weighted if sharpest and weighted / sharpest < 0.8 and coverage < 0.9 else sharpest
    rendered = (width / 72 * dpi) * (height / 72 * dpi)
    return max(rendered, largest) / 1e6


def _check_ocr_size(raw: bytes, path: str, password: str | None, pages: list[int], max_pages: int) -> None:
    """Refuse, before OCR starts, a page that would take gigabytes to render and recognise (and,
    with `--ocr always`, a document over the page limit)."""
    from auditor.ingest.ocr import MAX_MEGAPIXELS

    pdf = _open(raw, path, password)
    try:
        if len(pdf) > max_pages:
            raise InputError("too-large", path, f"{len(pdf)} pages, limit is {max_pages}")
        for number in pages:
            if number > len(pdf):
                break
            page = pdf[number - 1]
            try:
                megapixels = ocr_megapixels(page)
            finally:
                page.close()
            if megapixels > MAX_MEGAPIXELS:
                raise InputError("image-too-large", path, f"page {number} would be read by OCR as "
                                 f"{megapixels:,.0f} megapixels, limit is {MAX_MEGAPIXELS:,.0f}")
    except pdfium.PdfiumError as exc:
        raise InputError("corrupt-pdf", path, f"PDFium failed while reading ({exc})") from exc
    finally:
        pdf.close()


def load_pdf(raw: bytes, path: str, *, password: str | None = None,
             max_pages: int = DEFAULT_MAX_PAGES, ocr: str = "auto",
             languages: list[str] | None = None) -> Document:
    """Read a PDF's text layer. Pages without one (a scan) are recognised by OCR when `ocr` is
    "auto" and the OCR extra is installed ("always" recognises every page; "never" refuses a scan);
    the document then says which pages came from OCR and with what engine."""
    if ocr == "always":
        return _with_ocr(raw, path, password, max_pages, languages, "always", list(range(1, 10**6)))
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
    if scanned and ocr == "auto":
        from auditor.ingest import ocr as ocr_engine

        if ocr_engine.available():
            return _with_ocr(raw, path, password, max_pages, languages, "auto", scanned)
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


def _with_ocr(raw: bytes, path: str, password: str | None, max_pages: int, languages: list[str] | None,
              mode: str, pages: list[int]) -> Document:
    """Recognise the scanned pages, read the result, and keep the original file's identity."""

    from auditor.ingest import ocr as ocr_engine

    if password:
        raise InputError("encrypted", path, "OCR of a password-protected PDF is not supported")
    _check_ocr_size(raw, path, password, pages, max_pages)
    done = ocr_engine.recognise(raw, path, languages or ["en"], mode)
    try:
        document = load_pdf(done.data, path, max_pages=max_pages, ocr="never")
    except InputError as error:
        if error.code != "no-text-layer":
            raise
        # OCR ran and found nothing: advising to "run OCR first" would send the user in a circle
        raise InputError("no-text", path, f"OCR ({ocr_engine.engine()}) found no text on the scanned "
                         f"page(s): blank pages, images too faint or too coarse to read, or pages over "
                         f"{ocr_engine.PAGE_SECONDS:g} s of OCR each") from error
    ocr_pages = [p for p in pages if p <= document.meta.pages]
    fields = {**document.meta.fields, "ocr_engine": ocr_engine.engine(),
              "ocr_pages": ",".join(map(str, ocr_pages)),
              "ocr_seconds": f"{done.seconds:.1f}", "ocr_cached": "yes" if done.cached else "no"}
    note = (f"text of page(s) {', '.join(map(str, ocr_pages))} comes from OCR ({ocr_engine.engine()}): "
            "check quotes against the original")
    meta = replace(document.meta, sha256=hashlib.sha256(raw).hexdigest(), fields=fields,
                   warnings=(*document.meta.warnings, note))
    from auditor.ingest.ocr_repair import repair

    repaired = repair(document.text)
    assert len(repaired) == len(document.text)  # repairs are one for one: page offsets stay valid
    language = (languages or [document.meta.language or "en"])[0]
    text, starts, readings = _read_pages(repaired, document.page_starts, set(ocr_pages), language)
    if readings:
        meta = replace(meta, fields={**meta.fields, "ocr_readings": str(len(readings))},
                       warnings=(*meta.warnings, f"{len(readings)} word(s) OCR misread were read as words "
                                 "of the language (each quote that holds one says so)"))
    return replace(document, text=text, page_starts=starts, readings=readings, meta=meta)


def _read_pages(text: str, starts: tuple[int, ...], pages: set[int],
                language: str) -> tuple[str, tuple[int, ...], tuple[Reading, ...]]:
    """Read again the misspelt words of OCR'd pages, page by page so page starts can be moved."""
    from auditor.ingest.ocr_words import read

    bounds = [*starts, len(text)] if starts else [0, len(text)]
    out: list[str] = []
    new_starts: list[int] = []
    readings: list[Reading] = []
    length = 0
    for number, (a, b) in enumerate(pairwise(bounds), start=1):
        page = text[a:b]
        found: tuple[Reading, ...] = ()
        if number in pages:
            page, found = read(page, language)
        new_starts.append(length)
        readings.extend(replace(r, start=r.start + length, end=r.end + length) for r in found)
        out.append(page)
        length += len(page)
    return "".join(out), tuple(new_starts) if starts else (), tuple(readings)
