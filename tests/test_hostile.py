"""Hostile and odd input: what `-o` names is never destroyed, no run ends without its message, and
every resource a file can make the tool spend is bounded.

The hostile files are made here, from the words of a real law in corpus/: a Word zip bomb, a PDF
declaring a huge image, HTML nested past lxml's default depth, a text too large to decode, a scan
on which OCR finds nothing. Each must end in a typed error (exit 3, code, what to do).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import zlib
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import CORPUS

from auditor.cli import main
from auditor.fileio import OutputError, resolve_target, write_atomic
from auditor.ingest import ocr

LAW = CORPUS / "ca/criminal-code-trafficking-excerpt.txt"


OCR_MISSING = not ocr.available() and not os.environ.get("AUDITOR_REQUIRE_OCR")


def _run(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own, as a user runs it: what a library does to
    `sys.stderr` there is what the user sees. `cache` is a fresh cache, so OCR really runs."""
    env = {**os.environ, "AUDITOR_CACHE": str(cache)}
    return subprocess.run([sys.executable, "-c", "from auditor.cli import main; main()", *args],
                          capture_output=True, text=True, env=env, timeout=300)


def image_pdf(path: Path, width: int, height: int) -> Path:
    """A one-page PDF (US Letter) whose page is one white greyscale image of width x height pixels,
    as a scanner makes it; the image data is deflated, so a huge image costs a few kilobytes."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    packer = zlib.compressobj(9)
    row = b"\xff" * width
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    image = pikepdf.Stream(pdf, data)
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = width, height, 8
    image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.FlateDecode
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pikepdf.Stream(pdf, b"q 612 0 0 792 0 0 cm /Im0 Do Q")
    pdf.save(path)
    return path


def _segment(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["segment", str(LAW), "--format", "json", *args])


# -- 1. `-o` never renames over what is not a regular file ------------------------------------------

@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root")
def test_output_to_a_device_writes_through_it_and_leaves_it_a_device(tmp_path):
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second null device
    result = _segment("-o", str(null))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert os.stat(null).st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]  # no temporary file left
    assert result.stdout == ""
    assert f"wrote {null} (" in result.stderr


def test_output_through_a_symlink_writes_the_file_it_points_to(tmp_path):
    real = tmp_path / "reports" / "tree.json"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "tree.json"
    link.symlink_to(real)
    result = _segment("-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text().startswith('{\n  "schema": "auditor.segment/1"')
    assert sorted(p.name for p in real.parent.iterdir()) == ["tree.json"]
    assert result.stderr == f"wrote {link} ({round(real.stat().st_size / 1024)} KB)\n"


def test_output_into_a_missing_folder_is_refused_before_any_work(tmp_path):
    missing = tmp_path / "no" / "such"
    result = _segment("-o", str(missing / "tree.json"))
    assert result.exit_code == 2
    assert f"the folder {missing} does not exist" in result.stderr
    assert not (tmp_path / "no").exists()
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(missing / "x.json")
    result = _segment("-o", str(dangling))
    assert result.exit_code == 2
    assert f"the folder {missing} (where {dangling} points) does not exist" in result.stderr


def test_output_to_a_folder_or_a_symlink_loop_is_refused(tmp_path):
    assert _segment("-o", str(tmp_path)).exit_code == 2
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    result = _segment("-o", str(loop))
    assert result.exit_code == 2 and "cannot be written" in result.stderr
    assert loop.is_symlink()


@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_mean_standard_output(name):
    result = _segment("-o", name)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('{\n  "schema": "auditor.segment/1"')
    assert result.stderr == ""
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_as_a_stream(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert resolve_target(fifo).kind == "stream"
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so opening for writing does not wait
    try:
        assert write_atomic(fifo, "s. 279.01\n") == 10
        assert os.read(reader, 100) == b"s. 279.01\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_folder_outputs_may_create_their_folder_but_single_files_may_not(tmp_path):
    """`batch -o OUT` and `matrix -o OUT` name a folder to fill; `-o FILE` names one file."""
    write_atomic(tmp_path / "out" / "index.html", "<p>")
    assert (tmp_path / "out" / "index.html").read_text() == "<p>"
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "other" / "index.html", "<p>", create_folder=False)


# -- 2. the error reaches the user, OCR or not -----------------------------------------------------

@pytest.mark.skipif(OCR_MISSING, reason="OCRmyPDF or Tesseract not installed")
def test_an_uncached_scan_that_fails_after_ocr_says_why_on_standard_error(tmp_path):
    """OCRmyPDF used to leave sys.stderr pointing at a StringIO: exit 3 and not a word."""
    scan = image_pdf(tmp_path / "scan.pdf", 850, 1100)  # a blank page scanned at 100 dpi
    cache = tmp_path / "cache"
    result = _run("audit", str(scan), "--format", "json", "-o", str(tmp_path / "audit.json"), cache=cache)
    assert result.returncode == 3
    assert "error: scan.pdf: OCR (OCRmyPDF" in result.stderr
    assert "found no text on the scanned page(s)" in result.stderr and "(no-text)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "audit.json").exists()
    assert list((cache / "auditor" / "ocr").iterdir())  # OCR did run, and its result is cached
