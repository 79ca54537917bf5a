"""Reading order for one PDF page, from positioned text segments.

PDF content streams are not in reading order (the Barbados bills draw every provision number after
the page's text), so the page is rebuilt from geometry: segments are grouped into lines, lines into
paragraphs by vertical gaps, two-column pages are read column by column, and marginal notes (the
section headings Commonwealth printers put in the margin) are lifted out of the body and placed, as
their own paragraph, before the paragraph they stand beside, never inside a sentence.

Pure functions over `Segment`s, so each step is testable without a PDF. Coordinates are in points
from the top-left corner of the page.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy
from rapidfuzz import fuzz, process


@dataclass(frozen=True)
class Segment:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class Line:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass(frozen=True)
class PageLayout:
    width: float
    height: float
    segments: tuple[Segment, ...]


# --- lines -------------------------------------------------------------------------------------


def group_lines(segments: Sequence[Segment]) -> list[Line]:
    """Segments that overlap vertically by half the smaller height form one line, read left to
    right. Small raised marks (an opening quote drawn as its own segment) join their line."""
    ordered = sorted(segments, key=lambda s: (s.top, s.x0))
    rows: list[list] = []  # [top, bottom, segments]
    # min() and max() written out as comparisons (same results): this runs for every segment
    for seg in ordered:
        top, bottom = seg.top, seg.bottom
        height = bottom - top
        if height < 0.1:
            height = 0.1  # as Segment.height
        for row in reversed(rows[-3:]):
            row_top, row_bottom = row[0], row[1]
            overlap = (bottom if bottom < row_bottom else row_bottom) - (top if top > row_top else row_top)
            row_height = row_bottom - row_top
            if overlap >= 0.5 * (row_height if row_height < height else height):
                row[2].append(seg)
                if top < row_top:
                    row[0] = top
                if bottom > row_bottom:
                    row[1] = bottom
                break
        else:
            rows.append([top, bottom, [seg]])
    rows.sort(key=lambda r: r[0])
    return [_make_line(row[2]) for row in rows]


def _make_line(row: list[Segment]) -> Line:
    row.sort(key=lambda s: s.x0)
    parts: list[str] = []
    prev: Segment | None = None
    for seg in row:
        text = seg.text.strip()
        if not text:
            continue
        if prev is not None and parts:
            gap = seg.x0 - prev.x1
            if gap > 1.0 or seg.text[:1].isspace() or prev.text[-1:].isspace():
                parts.append(" ")
        parts.append(text)
        prev = seg
    text = "".join(parts)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return Line(
        x0=row[0].x0,  # sorted by it
        top=min([s.top for s in row]),
        x1=max([s.x1 for s in row]),
        bottom=max([s.bottom for s in row]),
        text=text,
    )


_SPACES = re.compile(r" {2,}")


# --- running headers and footers ---------------------------------------------------------------

#: A line that is only the label of a provision ("Article 225-16", "Artículo 77 bis", "Section 5.",
#: "§ 1324."): with digits masked, such lines at the top of several pages look like a running head.
_LABEL_ONLY = re.compile(r"(?:Article|ARTICLE|Artículo|ARTÍCULO|Art\.|Section|SECTION|§{1,2})[ \t]*"
                         r"[LRD]?\.?[ \t]?\d[\w.-]*(?:[ \t](?:bis|ter|quater))?[ \t]*[.:]?$")
_PAGE_NUMBER = re.compile(
    r"^[-–—(\[]?\s*(?:page|p\.|pág(?:ina)?\.?|seite)?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*"
    r"(?:(?:of|de|sur|/|von)\s*\d{1,4})?\s*[-–—)\]]?$",
    re.I,
)
_EDGE_LINES = 2
_ZONE = 0.15


def _fingerprint(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def find_running_lines(pages: Sequence[list[Line]], height: float = 792.0) -> list[set[int]]:
    """Indices, per page, of lines that are running headers, footers or page numbers.

    A line is running when it sits among the first or last two lines of its page, within the top or
    bottom 15% of the page, and a similar line
    (rapidfuzz ratio >= 85 after digits are masked, so "Page 3 of 26" matches "Page 4 of 26" and a bill
    number with a changing date still matches) stands at a similar height on at least a third of the
    other pages. A lone page number at the edge of a page is always running.
    """
    edges: list[list[tuple[int, str, float, str]]] = []
    for lines in pages:
        picks: list[tuple[int, str, float, str]] = []
        n = len(lines)
        for i, line in enumerate(lines):
            # Only the outer lines of a page, and only in its top or bottom seventh: body text that
            # happens to repeat (a formula opening every page) is never taken for a running head.
            if i < _EDGE_LINES and line.top < height * _ZONE:
                picks.append((i, "top", line.top, _fingerprint(line.text)))
            elif i >= n - _EDGE_LINES and line.bottom > height * (1 - _ZONE):
                picks.append((i, "bottom", line.bottom, _fingerprint(line.text)))
        edges.append(picks)
    needed = max(2, round(len(pages) / 3))
    result: list[set[int]] = [set() for _ in pages]
    # the edge lines of every page by zone, so a line is compared only with lines of its zone
    by_zone: dict[str, list[tuple[int, float, str]]] = {"top": [], "bottom": []}
    for q, picks in enumerate(edges):
        for _, z, oy, ofp in picks:
            by_zone[z].append((q, oy, ofp))
    # the same as arrays, so a line is compared at once with every line of its zone (in C)
    zone_pages = {z: numpy.array([e[0] for e in v], dtype=numpy.int64) for z, v in by_zone.items()}
    zone_ys = {z: numpy.array([e[1] for e in v], dtype=numpy.float64) for z, v in by_zone.items()}
    for p, picks in enumerate(edges):
        for i, zone, y, fp in picks:
            text = pages[p][i].text.strip()
            if _PAGE_NUMBER.match(text):
                result[p].add(i)
                continue
            if _LABEL_ONLY.match(text):
                continue  # "Article 225-16" opening a page is a provision, however alike its neighbours
            if len(pages) < 3 or len(fp) < 3 or len(pages[p]) < 3:
                continue  # a page of one or two lines is all body: nothing runs above it
            # the other pages with a similar line at a similar height
            near = numpy.flatnonzero((zone_pages[zone] != p) & (numpy.abs(zone_ys[zone] - y) <= 15))
            if len(near) + 1 < needed:
                continue
            entries = by_zone[zone]
            scores = process.cdist([fp], [entries[j][2] for j in near.tolist()], scorer=fuzz.ratio,
                                   dtype=numpy.float64)[0]
            similar = set(zone_pages[zone][near[scores >= 85]].tolist())
            if len(similar) + 1 >= needed:
                result[p].add(i)
    return result


# --- margins and columns -----------------------------------------------------------------------


def body_bounds(layout: PageLayout, segments: Sequence[Segment]) -> tuple[float, float]:
    """Left and right edges of the body text: where the long lines start and end."""
    long = [s for s in segments if s.width >= 0.3 * layout.width]
    if len(long) < 3:
        return 0.0, layout.width
    lefts = sorted(s.x0 for s in long)
    rights = sorted(s.x1 for s in long)
    return lefts[len(lefts) // 10], rights[(len(rights) * 9) // 10]


_WORDY = re.compile(r"[^\W\d_]{3}")


def split_margin_notes(
    layout: PageLayout, segments: Sequence[Segment]
) -> tuple[list[Segment], list[Segment]]:
    """(body, notes): notes are narrow segments in a margin column that no body text enters.

    A short line that merely starts left of the indented body ("the following:") is not a note: some
    body line starts at or left of it. A bare provision number hanging in the margin is a label.
    """
    left, right = body_bounds(layout, segments)

    wordy = {id(s) for s in segments
             if s.width <= 0.3 * layout.width and _WORDY.search(s.text) is not None}

    def candidate(seg: Segment, side: str) -> bool:
        if id(seg) not in wordy:
            return False
        return seg.x1 <= left - 4 if side == "left" else seg.x0 >= right + 4

    notes: list[Segment] = []
    for side in ("left", "right"):
        cands = [s for s in segments if candidate(s, side)]
        others = [s for s in segments if not candidate(s, side)]
        if not cands or not others:
            continue
        if side == "left":
            edge = min(o.x0 for o in others)
            notes.extend(c for c in cands if c.x1 <= edge + 2)
        else:
            edge = max(o.x1 for o in others)
            notes.extend(c for c in cands if c.x0 >= edge - 2)
    note_ids = {id(n) for n in notes}
    return [s for s in segments if id(s) not in note_ids], notes


def find_gutter(layout: PageLayout, segments: Sequence[Segment]) -> float | None:
    """x of a vertical gutter between two columns, or None for a single-column page."""
    if len(segments) < 10:
        return None
    # Count, for candidate positions every 2 pt across the middle of the page, the segments that
    # cross them (a difference array: linear in the number of segments).
    lo, step = 0.35 * layout.width, 2.0
    slots = int(0.3 * layout.width / step) + 1
    diff = [0] * (slots + 1)
    for seg in segments:
        first = max(0, math.floor((seg.x0 + 1 - lo) / step) + 1)
        last = min(slots - 1, math.floor((seg.x1 - 1 - lo) / step))
        if first <= last:
            diff[first] += 1
            diff[last + 1] -= 1
    crossing, running, best_slot = len(segments) + 1, 0, 0
    for slot in range(slots):
        running += diff[slot]
        if running < crossing:
            crossing, best_slot = running, slot
    gutter = lo + best_slot * step
    left = [s for s in segments if s.x1 <= gutter + 1]
    right = [s for s in segments if s.x0 >= gutter - 1]
    if crossing > 0.15 * len(segments) or len(left) < 4 or len(right) < 4:
        return None
    # Both columns must share the same vertical stretch, or it is just an indented list.
    left_rows = {round(s.top / 4) for s in left}
    shared = sum(1 for s in right if round(s.top / 4) in left_rows)
    if shared < 3:
        return None
    return gutter


def reading_order(layout: PageLayout, segments: Sequence[Segment]) -> list[list[Line]]:
    """Lines in reading order, in runs: a new run starts where the column changes."""
    gutter = find_gutter(layout, segments)
    if gutter is None:
        return [group_lines(segments)]
    runs: list[list[Line]] = []
    band: list[Segment] = []

    def flush() -> None:
        if band:
            left = [s for s in band if s.x0 < gutter]
            right = [s for s in band if s.x0 >= gutter]
            runs.extend(r for r in (group_lines(left), group_lines(right)) if r)
            band.clear()

    for seg in sorted(segments, key=lambda s: (s.top, s.x0)):
        if seg.x0 < gutter - 1 and seg.x1 > gutter + 1:  # spans both columns: a title or rule
            flush()
            runs.append(group_lines([seg]))
        else:
            band.append(seg)
    flush()
    return runs


# --- paragraphs --------------------------------------------------------------------------------

_KEEP_HYPHEN = re.compile(
    r"(?:^|\W)(?:non|co|self|anti|ex|quasi|semi|cross|pre|post|multi|sub|inter|extra|counter)-$",
    re.I,
)


#: A letter and a hyphen ending the text (a word cut at the line's end); it needs only the last
#: three characters ("x-" or "x-\n"), so it is searched there, not over the paragraph so far.
_HYPHEN_END = re.compile(r"[^\W\d_]-$")


def join_lines(lines: Sequence[Line]) -> str:
    """One paragraph's lines, with words hyphenated across a line break joined again."""
    out = ""
    for line in lines:
        text = line.text
        if not out:
            out = text
        elif _HYPHEN_END.search(out[-3:]) and text[:1].islower():  # the tail: never the whole paragraph
            out = out if _KEEP_HYPHEN.search(out) else out[:-1]
            out += text
        else:
            out += "\n" + text
    return out


def paragraphs(lines: Sequence[Line]) -> list[tuple[str, float, float]]:
    """Split a run of lines where the vertical gap is clearly wider than the line spacing.

    Returns (text, top, bottom) per paragraph.
    """
    if not lines:
        return []
    gaps = [b.top - a.bottom for a, b in pairwise(lines)]
    typical = statistics.median(gaps) if gaps else 0.0
    limit = max(typical * 1.6, typical + 3.0)
    out: list[tuple[str, float, float]] = []
    current = [lines[0]]
    for gap, line in zip(gaps, lines[1:], strict=False):
        if gap > limit:
            out.append((join_lines(current), current[0].top, current[-1].bottom))
            current = [line]
        else:
            current.append(line)
    out.append((join_lines(current), current[0].top, current[-1].bottom))
    return out


def page_text(layout: PageLayout, drop: set[int] | None = None,
              lines: Sequence[Line] | None = None) -> str:
    """The page's text: paragraphs separated by blank lines, marginal notes before the paragraph
    they stand beside. `drop` names lines (indices into `lines`, the page's plain line grouping)
    that are running headers or footers."""
    segments: Sequence[Segment] = layout.segments
    if drop and lines is not None:
        dropped = [lines[i] for i in drop]
        segments = [s for s in segments if not any(_inside(s, d) for d in dropped)]
    body, note_segs = split_margin_notes(layout, segments)
    notes = [(text, top) for text, top, _ in paragraphs(group_lines(note_segs))]
    blocks: list[tuple[str, float, float]] = []
    for run in reading_order(layout, body):
        blocks.extend(paragraphs(run))
    out: list[str] = []
    pending = sorted(notes, key=lambda n: n[1])
    for text, top, bottom in blocks:
        while pending and pending[0][1] <= bottom:
            out.append(pending.pop(0)[0])
        out.append(text)
        del top
    out.extend(text for text, _ in pending)
    return "\n\n".join(out)


def _inside(seg: Segment, line: Line) -> bool:
    return seg.top >= line.top - 0.5 and seg.bottom <= line.bottom + 0.5 and \
        seg.x0 >= line.x0 - 0.5 and seg.x1 <= line.x1 + 0.5
