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
from functools import cache
from pathlib import Path

from auditor.errors import InputError
from auditor.fileio import standard_streams_kept

#: ISO 639-1 (the tool's languages) -> Tesseract's language packs.
TESSERACT = {"en": "eng", "fr": "fra", "es": "spa", "nl": "nld", "de": "deu", "pt": "por", "it": "ita"}


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


def ocr_pdf(raw: bytes, path: str, languages: list[str], mode: str = "auto") -> bytes:
    """The PDF with a text layer on its scanned pages. Raises InputError("no-text-layer") with what
    to install when OCR is not available."""
    if not available():
        raise InputError("no-text-layer", path, "a scanned PDF and OCR is not installed: "
                         "pip install 'auditor[ocr]' and the tesseract-ocr and ghostscript packages")
    langs = "+".join(dict.fromkeys(TESSERACT.get(lang, "eng") for lang in (languages or ["en"])))
    key = hashlib.sha256(raw).hexdigest() + f"-{langs}-{mode}.pdf"
    cached = _cache_dir() / key
    if cached.exists():
        return cached.read_bytes()
    import ocrmypdf

    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)  # Tesseract's remarks are not the user's business
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        source.write_bytes(raw)
        options = {"force_ocr": True} if mode == "always" else {"skip_text": True}
        try:
            # OCRmyPDF (through its progress display) can leave sys.stderr pointing at a StringIO:
            # every later message, the error that ends the run included, would vanish.
            with standard_streams_kept():
                ocrmypdf.ocr(source, target, language=langs, progress_bar=False, optimize=0,
                             output_type="pdf", **options)
        except MemoryError as error:
            raise InputError("too-large", path, "OCR ran out of memory on its page images") from error
        except Exception as error:  # OCRmyPDF raises its own exception tree; report, never crash
            raise InputError("no-text-layer", path,
                             f"OCR failed ({type(error).__name__}: {error})") from error
        data = target.read_bytes()
    partial = cached.with_suffix(".tmp")
    partial.write_bytes(data)
    partial.replace(cached)
    return data
