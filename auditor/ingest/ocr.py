"""OCR hand-off for scanned PDFs: OCRmyPDF (with Tesseract) adds a text layer, the usual PDF reader
reads it.

Optional: `pip install 'auditor[ocr]'` plus the system packages tesseract-ocr (with the language
packs) and ghostscript. Results are cached by the file's sha256 and the OCR languages, so a second
run costs nothing. Only pages without a text layer are recognised (`mode="auto"`); `"always"`
recognises every page again.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from auditor.errors import InputError
from auditor.fileio import standard_streams_kept

#: ISO 639-1 (the tool's languages) -> Tesseract's language packs.
TESSERACT = {"en": "eng", "fr": "fra", "es": "spa", "nl": "nld", "de": "deu", "pt": "por", "it": "ita"}

#: Seconds of Tesseract per page. A page of law scanned at 300 dpi takes a few seconds; one that
#: takes two minutes is a poster or noise, and keeps no text rather than holding the run.
PAGE_SECONDS = 120.0
#: Megapixels of one page as OCR renders it. A4, Letter and Legal scanned at 600 dpi are 34 to 43;
#: past this, rendering and recognition take gigabytes (a 1 KB PDF may declare a 400-megapixel image).
MAX_MEGAPIXELS = 50.0


def available() -> bool:
    try:
        import ocrmypdf  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None and shutil.which("gs") is not None


@cache
def engine() -> str:
    """The OCR engine and its version, for the provenance of every OCR'd page."""
    import ocrmypdf

    try:
        out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30)
        tesseract = (out.stdout or out.stderr).splitlines()[0].strip()
    except (OSError, subprocess.SubprocessError, IndexError):
        tesseract = "tesseract"
    return f"OCRmyPDF {ocrmypdf.__version__}, {tesseract}"


def _cache_dir() -> Path:
    from auditor.analyse.pipeline import cache_dir

    folder = cache_dir() / "ocr"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Recognised:
    """A PDF with a text layer added by OCR, and what it cost: `seconds` of OCR (0 when `cached`),
    for the summary that tells a user in a hurry about `--ocr never`."""

    data: bytes
    seconds: float
    cached: bool


def ocr_pdf(raw: bytes, path: str, languages: list[str], mode: str = "auto") -> bytes:
    """The PDF with a text layer on its scanned pages (see `recognise`)."""
    return recognise(raw, path, languages, mode).data


def recognise(raw: bytes, path: str, languages: list[str], mode: str = "auto") -> Recognised:
    """OCR the scanned pages of a PDF. Raises InputError("no-text-layer") with what to install when
    OCR is not available. Each page gets PAGE_SECONDS of Tesseract (a page over it keeps no text)
    and no image over MAX_MEGAPIXELS is unpacked; the caller checks page sizes before (pdf.py)."""
    if not available():
        raise InputError("no-text-layer", path, "a scanned PDF and OCR is not installed: "
                         "pip install 'auditor[ocr]' and the tesseract-ocr and ghostscript packages")
    langs = "+".join(dict.fromkeys(TESSERACT.get(lang, "eng") for lang in (languages or ["en"])))
    key = hashlib.sha256(raw).hexdigest() + f"-{langs}-{mode}.pdf"
    cached = _cache_dir() / key
    if cached.exists():
        return Recognised(cached.read_bytes(), 0.0, True)
    import ocrmypdf

    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)  # Tesseract's remarks are not the user's business
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        source.write_bytes(raw)
        options = {"force_ocr": True} if mode == "always" else {"skip_text": True}
        try:
            # OCRmyPDF (through its progress display) can leave sys.stderr pointing at a StringIO:
            # every later message, the error that ends the run included, would vanish.
            with standard_streams_kept():
                ocrmypdf.ocr(source, target, language=langs, progress_bar=False, optimize=0,
                             output_type="pdf", tesseract_timeout=PAGE_SECONDS,
                             max_image_mpixels=MAX_MEGAPIXELS, **options)
        except MemoryError as error:
            raise InputError("too-large", path, "OCR ran out of memory on its page images") from error
        except Exception as error:  # OCRmyPDF raises its own exception tree; report, never crash
            if "DecompressionBomb" in type(error).__name__:
                raise InputError("image-too-large", path, f"OCR refused an image ({error})") from error
            raise InputError("no-text-layer", path,
                             f"OCR failed ({type(error).__name__}: {error})") from error
        data = target.read_bytes()
    seconds = time.perf_counter() - began
    partial = cached.with_suffix(".tmp")
    partial.write_bytes(data)
    partial.replace(cached)
    return Recognised(data, seconds, False)
