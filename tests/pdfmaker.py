"""Build small PDFs with a known layout (fpdf2) to test one layout rule at a time.

The words placed are taken from real laws in corpus/; only their position on the page is made up.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF


def make_pdf(path: Path, pages: list[list[tuple[float, float, str, float]]]) -> Path:
    """`pages` holds, per page, (x, y, text, font size) in points from the top-left corner."""
    pdf = FPDF(unit="pt", format="Letter")
    pdf.set_auto_page_break(False)
    for items in pages:
        pdf.add_page()
        for x, y, text, size in items:
            pdf.set_font("Helvetica", size=size)
            pdf.text(x, y, text)
    pdf.output(str(path))
    return path


def wrap(words: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines
