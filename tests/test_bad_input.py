"""Every foreseeable bad input gets a typed error, a one-line message naming the file and the fix,
exit status 3 from the CLI, and no output file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import CORPUS
from pdfmaker import make_pdf

from auditor import load
from auditor.cli import main
from auditor.errors import InputError

BB_PDF = CORPUS / "bb/immigration-amendment-bill-2016.pdf"


def _encrypted(tmp: Path, user: str) -> Path:
    out = tmp / f"encrypted-{bool(user)}.pdf"
    with pikepdf.open(BB_PDF) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="owner-secret", user=user, R=6))
    return out


def _cases(tmp: Path) -> dict[str, tuple[Path, str, str]]:
    """name -> (path, expected code, words the message must contain)."""
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    truncated = tmp / "truncated.pdf"
    truncated.write_bytes(BB_PDF.read_bytes()[:20000])
    junk = tmp / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 64)
    fake_docx = tmp / "bill.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("notes.txt", "not a Word document")
    fake_docx.write_bytes(buffer.getvalue())
    not_pdf = tmp / "bill.pdf"
    not_pdf.write_text("This Act may be cited as the Immigration (Amendment) Act, 2016.")
    legacy = tmp / "bill.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    blank_pdf = make_pdf(tmp / "blank.pdf", [[], []])
    whitespace = tmp / "spaces.md"
    whitespace.write_text("   \n\n\t\n")
    return {
        "missing": (tmp / "nowhere.pdf", "not-found", "no such file"),
        "directory": (tmp, "is-directory", "is a directory"),
        "empty": (empty, "empty-file", "empty"),
        "truncated-pdf": (truncated, "corrupt-pdf", "damaged or truncated"),
        "scanned-pdf": (CORPUS / "pk/prevention-of-trafficking-in-persons-act-2018.pdf",
                        "no-text-layer", "run OCR"),
        "encrypted-pdf": (_encrypted(tmp, "user-secret"), "encrypted", "password"),
        "binary-junk": (junk, "binary-content", "not text"),
        "zip-as-docx": (fake_docx, "corrupt-docx", "not a valid Word document"),
        "text-as-pdf": (not_pdf, "corrupt-pdf", "no PDF header"),
        "word-97": (legacy, "unknown-format", "not supported"),
        "pdf-without-text": (blank_pdf, "no-text", "no text"),
        "whitespace-only": (whitespace, "no-text", "no text"),
    }


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return _cases(tmp_path_factory.mktemp("bad"))


CASE_NAMES = ["missing", "directory", "empty", "truncated-pdf", "scanned-pdf", "encrypted-pdf",
              "binary-junk", "zip-as-docx", "text-as-pdf", "word-97", "pdf-without-text",
              "whitespace-only"]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_load_raises_typed_error(cases, name):
    path, code, words = cases[name]
    with pytest.raises(InputError) as err:
        load(path, ocr="never")  # a scan is refused when OCR is not wanted (see test_ocr.py otherwise)
    assert err.value.code == code
    assert path.name in err.value.message
    assert words in err.value.message
    assert "\n" not in err.value.message


@pytest.mark.parametrize("name", CASE_NAMES)
def test_cli_exit_status_and_no_partial_output(cases, name, tmp_path):
    path, code, _ = cases[name]
    out = tmp_path / "tree.json"
    result = CliRunner().invoke(main, ["segment", str(path), "--format", "json", "-o", str(out),
                                       "--ocr", "never"])
    assert result.exit_code == 3, result.output
    assert f"({code})" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_pdf_with_owner_password_only_is_read(tmp_path):
    """Permissions-only encryption needs no password to read; refusing it would lose a law."""
    doc = load(_encrypted(tmp_path, user=""))
    assert "smuggling of persons" in doc.text
    assert doc.text == load(BB_PDF).text


def test_pdf_with_broken_xref_is_repaired(tmp_path):
    raw = BB_PDF.read_bytes()
    at = raw.rindex(b"startxref")
    broken = tmp_path / "broken-xref.pdf"
    broken.write_bytes(raw[:at] + b"startxref\n999999\n%%EOF\n")
    assert load(broken).text == load(BB_PDF).text


def test_page_limit(tmp_path):
    pdf = make_pdf(tmp_path / "long.pdf",
                   [[(72, 100, f"Section {n}. This Act may be cited as the Act.", 10)]
                    for n in range(1, 13)])
    with pytest.raises(InputError) as err:
        load(pdf, max_pages=10)
    assert err.value.code == "too-large"
    assert "12 pages, limit is 10" in err.value.message
    assert load(pdf).meta.pages == 12
