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
import zipfile
import zlib
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import CORPUS, section_text, squash

from auditor import load, segment
from auditor.cli import main
from auditor.fileio import OutputError, resolve_target, write_atomic
from auditor.ingest import ocr

LAW = CORPUS / "ca/criminal-code-trafficking-excerpt.txt"


OCR_MISSING = not ocr.available() and not os.environ.get("AUDITOR_REQUIRE_OCR")


def _run(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own, as a user runs it: what a library does to
    `sys.stderr` there is what the user sees. `cache` is a fresh cache, so OCR really runs."""
    return _run_python(["-c", "from auditor.cli import main; main()", *args], cache)


def _run_python(args: list[str], cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AUDITOR_CACHE": str(cache)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=300)


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


# -- 3. every resource bounded: hostile files made here, each a typed error ----------------------

def _lines() -> list[str]:
    """Paragraphs of a real law, the words every hostile file below is made of."""
    return [line for line in LAW.read_text(encoding="utf-8").splitlines() if len(line) > 80]


def docx_bomb(path: Path, unpacked: int) -> Path:
    """A real Word package (python-docx's) whose document.xml repeats the law's paragraphs until it
    unpacks to `unpacked` bytes; deflate packs the repetition about a thousand to one."""
    import docx

    base = path.with_name("base.docx")
    document = docx.Document()
    document.add_paragraph(_lines()[0])
    document.save(base)
    block = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in _lines()).encode()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, source.read(info))
                continue
            head, tail = source.read(info).decode().split("<w:body>")
            with out.open("word/document.xml", "w", force_zip64=True) as member:
                member.write((head + "<w:body>").encode())
                for _ in range(unpacked // len(block) + 1):
                    member.write(block)
                member.write(tail[tail.index("<w:sectPr"):].encode())
    base.unlink()
    return path


def big_text(path: Path, size: int) -> Path:
    block = ("\n".join(_lines()) + "\n").encode()
    with path.open("wb") as out:
        for _ in range(size // len(block) + 1):
            out.write(block)
    return path


def lettered_lines(path: Path, count: int) -> Path:
    path.write_text(_lines()[0] + "\n" + "(a)\n" * count, encoding="utf-8")
    return path


def _measured(*args: str, cache: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run the command line in a child of a fresh process and return the child's peak memory in
    bytes (RUSAGE_CHILDREN of that fresh process covers this run alone)."""
    launcher = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
                "sys.exit(r.returncode)")
    result = _run_python(["-c", launcher, sys.executable, "-c", "from auditor.cli import main; main()",
                          *args], cache)
    *lines, peak = result.stderr.rstrip("\n").split("\n")
    result.stderr = "\n".join(lines) + "\n"
    return result, int(peak) * 1024


HOSTILE = {
    # name: (maker, code, words of the message)
    "docx-unpacks-to-300-MB": (lambda d: docx_bomb(d / "bill.docx", 300 * 2**20), "zip-bomb",
                               "limit is 268,435,456"),
    "docx-packed-1000-to-1": (lambda d: docx_bomb(d / "bill.docx", 40 * 2**20), "zip-bomb",
                              "limit is 100 to 1"),
    "pdf-declaring-a-7300x7600-image": (lambda d: image_pdf(d / "scan.pdf", 7300, 7600),
                                        "image-too-large", "page 1 would be read by OCR as 69 megapixels"),
    "text-of-60-MB": (lambda d: big_text(d / "code.txt", 60 * 10**6), "too-large",
                      "more than 50,000,000 characters of text, the limit"),
    "a-million-lettered-lines": (lambda d: lettered_lines(d / "list.txt", 1_000_000), "too-large",
                                 "provision labels such as (a) or 1., limit is 200,000"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_a_typed_error_within_bounded_memory(name, tmp_path):
    maker, code, words = HOSTILE[name]
    if code == "image-too-large" and OCR_MISSING:
        pytest.skip("OCRmyPDF or Tesseract not installed")
    path = maker(tmp_path)
    out = tmp_path / "audit.json"
    result, peak = _measured("audit", str(path), "--format", "json", "-o", str(out),
                             cache=tmp_path / "cache")
    assert result.returncode == 3, result.stderr
    assert f"error: {path.name}: " in result.stderr
    assert f"({code}); " in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert peak < 1.5 * 2**30, f"{peak / 2**20:.0f} MB"


# -- 4. HTML of any depth -----------------------------------------------------------------------

def sections_page(path: Path, opener: str, count: int = 600) -> Path:
    """A web page of `count` numbered sections, each opening a tag it never closes (as old
    gazette exporters do with <font>): nesting `count` deep, past lxml's default limit of 256."""
    lines = _lines()
    body = "".join(f"{opener}<p>{n}. {lines[n % len(lines)]}</p>\n" for n in range(1, count + 1))
    path.write_text(f"<html><head><title>Criminal Code</title></head><body>{body}</body></html>",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("opener", ['<font face="Arial">', "<div>"])
def test_six_hundred_unclosed_tags_lose_no_section(opener, tmp_path):
    law = segment(load(sections_page(tmp_path / "code.html", opener)))
    assert [s.number for s in law.sections()] == [str(n) for n in range(1, 601)]  # was 1-253
    assert law.document.meta.title == "Criminal Code"
    assert law.document.meta.warnings == ()  # the tree kept every character: nothing to warn about
    assert squash(section_text(law, "600")).endswith(squash(_lines()[600 % len(_lines())]))


def test_a_hundred_thousand_nested_divs_are_read_with_a_warning(tmp_path):
    page = tmp_path / "deep.html"
    text = _lines()[1]
    page.write_text("<html><body>" + "<div>" * 100_000 + f"<p>1. {text}</p>" + "</div>" * 100_000
                    + "</body></html>", encoding="utf-8")
    document = load(page)  # was "no-text": libxml2 drops what lies deeper than it nests
    assert squash(document.text) == squash(f"1. {text}")
    assert len(document.meta.warnings) == 1
    assert "malformed (tags nested 100,00" in document.meta.warnings[0]
    assert "read tag by tag" in document.meta.warnings[0]


# -- 5. OCR stays on, and says what it cost -------------------------------------------------------

@pytest.mark.skipif(OCR_MISSING, reason="OCRmyPDF or Tesseract not installed")
def test_the_summary_says_how_many_pages_ocr_read_and_names_ocr_never():
    scan = CORPUS / "pk/prevention-of-trafficking-in-persons-act-2018.pdf"
    result = CliRunner().invoke(main, ["segment", str(scan), "-o", "-"])
    assert result.exit_code == 0, result.output
    note = result.stderr.splitlines()[0]
    assert note.startswith(f"note: {scan.name}: 5 page(s) read by OCR ")
    assert note.endswith("(--ocr never skips OCR and refuses scans)")
    assert "section 3 " in result.stdout  # the outline itself goes to standard output


def test_memory_exhausted_in_ocr_is_too_large_and_a_huge_image_is_image_too_large(tmp_path, monkeypatch):
    """Unit test of one rule: what OCRmyPDF raises becomes the right code, never "OCR failed"."""
    import ocrmypdf
    from PIL import Image

    from auditor.errors import InputError

    monkeypatch.setenv("AUDITOR_CACHE", str(tmp_path))
    monkeypatch.setattr(ocr, "available", lambda: True)
    seen: dict[str, object] = {}
    for raised, code in ((MemoryError(), "too-large"),
                         (Image.DecompressionBombError("Image size exceeds limit"), "image-too-large")):
        def fake(*_args: object, _raised: BaseException = raised, **options: object) -> None:
            seen.update(options)
            raise _raised

        monkeypatch.setattr(ocrmypdf, "ocr", fake)
        with pytest.raises(InputError) as error:
            ocr.ocr_pdf(b"%PDF-1.7 " + code.encode(), "scan.pdf", ["en"])
        assert error.value.code == code
        assert "OCR failed" not in error.value.message
    assert seen["tesseract_timeout"] == ocr.PAGE_SECONDS  # every page under a time limit
    assert seen["max_image_mpixels"] == ocr.MAX_MEGAPIXELS


def test_running_out_of_memory_while_analysing_is_too_large_and_the_rest_goes_on(monkeypatch):
    """Reading bounds every input, but analysis can still exhaust a small machine: the document is
    reported as `too-large` (never a traceback) and the subject's other documents are audited."""
    import auditor.audit as audit_module

    real = audit_module.analyse
    calls = []

    def analyse_once_out_of_memory(law, **kw):
        calls.append(law)
        if len(calls) == 1:
            raise MemoryError
        return real(law, **kw)

    monkeypatch.setattr(audit_module, "analyse", analyse_once_out_of_memory)
    data = audit_module.audit([str(CORPUS / "uy/ley-19643-trata-2018.md"),
                               str(CORPUS / "uy/ley-18250-migracion-2008.md")]).data
    assert [(e["document"], e["code"]) for e in data["errors"]] == [(0, "too-large")]
    assert "ran out of memory while analysing it" in data["errors"][0]["message"]
    assert len(data["findings"]) == 45
