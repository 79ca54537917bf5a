"""How well OCR's misread words are read again (auditor.ingest.ocr_words), and how fast OCR runs.

Ground truth comes from two places:
  * born-digital laws of the corpus (the Barbados bills): every page is rendered to an image at a
    gazette-like resolution, recognised by Tesseract, and compared with the page's own text layer;
  * the scanned Pakistan Act: the OCR of the gazette is compared with the pool's independent text
    rendering of the same Act (which has errors of its own, so its figures are a lower bound).
Words are aligned with difflib; a reading is right when the aligned true words are the words taken.
Precision is printed by similarity band: the band from which readings are trusted to support a
`satisfied` verdict (`auditor.check.engine.OCR_TRUSTED_SIMILARITY`) must be measured here. Baseline
for speed: Tesseract alone on the same images, in the same run.

    python bench/bench_ocr_words.py [--dpi 100] [--pages 26]
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium

from auditor import load
from auditor.ingest.ocr_words import _WORD, read

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BORN_DIGITAL = ["bb/trafficking-in-persons-prevention-bill-2016.pdf",
                "bb/immigration-amendment-bill-2016.pdf"]
SCAN = "pk/prevention-of-trafficking-in-persons-act-2018.pdf"
SCAN_TEXT = "pk/prevention-of-trafficking-in-persons-act-2018.txt"
BANDS = [(100, 101), (95, 100), (90, 95), (85, 90), (80, 85), (75, 80)]


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def judge(ocr_text: str, truth_text: str, language: str = "en") -> list[tuple[str, str, float, bool]]:
    """(OCR word, word taken, similarity, right?) for every reading of `ocr_text`."""
    _, readings = read(ocr_text, language)
    ocr_words = words(ocr_text)
    truth = words(truth_text)
    # where each OCR word sits among the OCR words, by offset order
    positions = {m.start(): i for i, m in enumerate(_WORD.finditer(ocr_text))}
    matcher = difflib.SequenceMatcher(None, ocr_words, truth, autojunk=False)
    block_of: dict[int, tuple[str, int, int, int, int]] = {}
    for op in matcher.get_opcodes():
        for i in range(op[1], op[2]):
            block_of[i] = op
    out = []
    delta = 0
    for r in readings:
        old_start = r.start - delta
        delta += (r.end - r.start) - len(r.ocr)
        i = positions.get(old_start)
        if i is None:
            continue
        tag, i1, i2, j1, j2 = block_of.get(i, ("insert", i, i, 0, 0))
        taken = words(r.read_as)
        if tag == "equal":
            right = False  # OCR had read the word right: changing it is an error
        else:
            # the true words aligned with this OCR word: in a block of several, around the same
            # relative place
            at = j1 + round((i - i1) * (j2 - j1) / max(1, i2 - i1))
            window = truth[max(0, at - 3): at + len(taken) + 3]
            right = any(window[k:k + len(taken)] == taken for k in range(len(window)))
        out.append((r.ocr, r.read_as, r.similarity, right))
    return out


def tesseract(image: Path) -> str:
    return subprocess.run(["tesseract", str(image), "-", "-l", "eng", "--psm", "3"], capture_output=True,
                          text=True, check=True).stdout


def born_digital(dpi: int, max_pages: int) -> tuple[list[tuple[str, str, float, bool]], int, float, float]:
    results, pages, ocr_seconds, read_seconds = [], 0, 0.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name in BORN_DIGITAL:
            document = load(CORPUS / name)
            pdf = pdfium.PdfDocument(str(CORPUS / name))
            for index in range(min(len(pdf), max_pages)):
                image = Path(tmp) / f"p{index}.png"
                pdf[index].render(scale=dpi / 72, grayscale=True).to_pil().save(image)
                started = time.perf_counter()
                text = tesseract(image)
                ocr_seconds += time.perf_counter() - started
                started = time.perf_counter()
                results += judge(text, document.page_text(index + 1))
                read_seconds += time.perf_counter() - started
                pages += 1
            pdf.close()
    return results, pages, ocr_seconds, read_seconds


#: Where the text rendering of the Pakistan Act is itself wrong, the page image decides (checked by
#: eye on the scan: "cause a person", "of a victim", "or a Provincial Government", "a victim or a
#: witness", "In the Penal Code"; but "actual use of force", so "force" alone is wrong).
CHECKED_ON_SCAN = {("ofa", "of a"): True, ("causea", "cause a"): True,
                   ("oraProvincial", "or a Provincial"): True, ("vietim", "victim"): True,
                   ("orawitness", "or a witness"): True, ("Inthe", "In the"): True,
                   ("oforce", "force"): False}


def scanned() -> list[tuple[str, str, float, bool]]:
    from auditor.ingest.pdf import load_pdf

    raw = (CORPUS / SCAN).read_bytes()
    from auditor.ingest import ocr

    document = load_pdf(ocr.ocr_pdf(raw, SCAN, ["en"]), SCAN, ocr="never")  # raw OCR, not read again
    results = judge(document.text, (CORPUS / SCAN_TEXT).read_text(encoding="utf-8"))
    return [(o, t, sim, CHECKED_ON_SCAN.get((o, t), right)) for o, t, sim, right in results]


#: Laws the reader was not tuned on, typeset and printed to images: English, French and Spanish.
HELD_OUT = [("ca/criminal-code-trafficking-excerpt.txt", "en", "eng"),
            ("fr/code-penal-traite-travail-force-excerpt.txt", "fr", "fra"),
            ("uy/ley-19643-trata-2018.md", "es", "spa")]


def held_out(dpi: int, max_pages: int) -> dict[str, list[tuple[str, str, float, bool]]]:
    """Each law typeset with fpdf2 (a test dependency), rendered at `dpi`, recognised, and compared
    with the text that was typeset."""
    from fpdf import FPDF

    out: dict[str, list[tuple[str, str, float, bool]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, language, tess in HELD_OUT:
            text = (CORPUS / name).read_text(encoding="utf-8")
            text = text.translate(str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'", "—": "-", "–": "-",
                                                 "…": "...", "\u00a0": " "}))
            text = text.encode("latin-1", "replace").decode("latin-1")
            pdf = FPDF(format="A4")
            pdf.set_auto_page_break(True, margin=20)
            pdf.set_font("Times", size=11)
            for paragraph in text.split("\n\n"):
                if pdf.page_no() > max_pages:
                    break
                if pdf.page_no() == 0:
                    pdf.add_page()
                pdf.multi_cell(0, 5, " ".join(paragraph.split()).lstrip("#* "))
                pdf.ln(3)
            path = Path(tmp) / "law.pdf"
            pdf.output(str(path))
            document = pdfium.PdfDocument(str(path))
            results: list[tuple[str, str, float, bool]] = []
            for index in range(len(document)):
                truth = document[index].get_textpage().get_text_range()
                image = Path(tmp) / f"p{index}.png"
                document[index].render(scale=dpi / 72, grayscale=True).to_pil().save(image)
                ocr_text = subprocess.run(["tesseract", str(image), "-", "-l", tess], capture_output=True,
                                          text=True, check=True).stdout
                results += judge(ocr_text, truth, language)
            out[f"{name} ({language}, {len(document)} pages)"] = results
            document.close()
    return out


def lexicon_readings(results: list[tuple[str, str, float, bool]], language: str = "en"
                     ) -> list[tuple[str, str, float, bool]]:
    """The readings that can change a verdict: those that produce a word of the concept lexicons."""
    import yaml

    from auditor.data import checklists_dir
    from auditor.ingest.ocr_words import _strings

    words: set[str] = set()
    for path in (checklists_dir() / "lexicons").glob("*.yaml"):
        for value in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            words.update(w.lower() for w in _WORD.findall(value) if len(w) > 3)
    return [r for r in results if any(w.lower() in words for w in _WORD.findall(r[1]))]


def table(title: str, results: list[tuple[str, str, float, bool]]) -> None:
    print(f"\n{title}: {len(results)} readings, {sum(r[3] for r in results)} right")
    print(f"{'similarity':>12} {'readings':>9} {'right':>6} {'precision':>10}")
    for lo, hi in BANDS:
        band = [r for r in results if lo <= r[2] < hi]
        if band:
            right = sum(r[3] for r in band)
            print(f"{f'{lo}-{hi - 1}' if hi - lo > 1 else '100':>12} {len(band):>9} {right:>6} "
                  f"{right / len(band):>10.1%}")
    wrong = Counter((r[0], r[1]) for r in results if not r[3])
    if wrong:
        print("  wrong (OCR -> taken):", ", ".join(f"{a}->{b} x{n}" for (a, b), n in wrong.most_common(12)))


def ocrmypdf_speed() -> tuple[int, float]:
    """Pages and seconds for OCRmyPDF on the scanned gazette, with an empty cache."""
    import os

    from auditor.ingest import ocr

    raw = (CORPUS / SCAN).read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        previous = os.environ.get("AUDITOR_CACHE")
        os.environ["AUDITOR_CACHE"] = tmp
        try:
            started = time.perf_counter()
            ocr.ocr_pdf(raw, SCAN, ["en"])
            seconds = time.perf_counter() - started
        finally:
            if previous is None:
                os.environ.pop("AUDITOR_CACHE", None)
            else:
                os.environ["AUDITOR_CACHE"] = previous
    return len(pdfium.PdfDocument(raw)), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dpi", type=int, default=100, help="resolution of the rendered pages")
    parser.add_argument("--pages", type=int, default=40, help="pages per born-digital law at most")
    args = parser.parse_args()
    results, pages, ocr_seconds, read_seconds = born_digital(args.dpi, args.pages)
    table(f"Born-digital Barbados bills, {pages} pages rendered at {args.dpi} dpi", results)
    every = list(results)
    print(f"Tesseract: {pages / ocr_seconds:.2f} pages/s; reading words again: "
          f"{pages / read_seconds:.1f} pages/s (ratio {read_seconds / ocr_seconds:.2f} of OCR time)")
    pages_scanned, seconds = ocrmypdf_speed()
    print(f"OCRmyPDF on the scanned gazette, cache empty: {pages_scanned} pages in {seconds:.1f} s "
          f"({pages_scanned / seconds:.2f} pages/s)")
    pakistan = scanned()
    table("Scanned Pakistan gazette against its independent text rendering (disagreements checked on the "
          "scan)", pakistan)
    every += pakistan
    everything: list[tuple[str, str, float, bool]] = []
    for title, results in held_out(args.dpi, args.pages).items():
        table(f"Held out, typeset and printed at {args.dpi} dpi: {title}", results)
        everything += results
    table("Held out, all languages", everything)
    every += everything
    table("Every set: readings that give a word of the concept lexicons (those that can change a verdict)",
          lexicon_readings(every))
    table("Every set: all readings", every)


if __name__ == "__main__":
    main()
