"""Reading ahead in a second process (issue 18) changes when things happen, never what is found.

The command line's `audit` reads and segments each document in a forked worker while the main
process imports spaCy and loads the pipeline. These tests hold it to the sequential audit: the same
audit JSON on real laws, good and bad files mixed; the same errors; and a failure of the worker that
is not an input error raises the very exception the sequential audit raises.
"""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest
from conftest import CORPUS

import auditor.audit as audit_module
from auditor import readahead
from auditor.audit import audit

pytestmark = pytest.mark.skipif(not readahead.usable(), reason="needs fork and two cores")


def test_barbados_bills_with_a_bad_file_between_them_give_the_same_audit_read_ahead(tmp_path, monkeypatch):
    """Two PDFs and, between them, a file that is not a PDF at all: one error, two laws, and every
    byte of the audit JSON as the sequential audit writes it."""
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really\n")
    paths = [str(CORPUS / "bb/immigration-amendment-bill-2016.pdf"), str(broken),
             str(CORPUS / "bb/trafficking-in-persons-prevention-bill-2016.pdf")]
    workers = []
    real = readahead.ReadAhead.__init__
    monkeypatch.setattr(readahead.ReadAhead, "__init__",
                        lambda self, *a: workers.append(a) or real(self, *a))
    ahead = audit(paths, jurisdiction="BB", label="Barbados", read_ahead=True)
    assert len(workers) == 1  # the worker did the reading
    alone = audit(paths, jurisdiction="BB", label="Barbados")
    assert ahead.data == alone.data
    assert [(e["document"], e["code"]) for e in ahead.data["errors"]] == [(1, "corrupt-pdf")]
    assert [law.law.document.meta.path for law in ahead.laws] == [paths[0], paths[2]]


def test_a_law_in_a_language_without_a_lexicon_is_refused_the_same_way_read_ahead():
    """The corpus's Czech excerpt: `unsupported-language`, its document listed with the
    guessed language, whichever process read it."""
    paths = [str(CORPUS / "cz/trestni-zakonik-168-339-341a-excerpt.md"),
             str(CORPUS / "uy/ley-19643-trata-2018.md")]
    ahead = audit(paths, jurisdiction="X", read_ahead=True).data
    assert ahead == audit(paths, jurisdiction="X").data
    assert [(e["document"], e["code"]) for e in ahead["errors"]] == [(0, "unsupported-language")]
    assert ahead["documents"][0]["language"] == "cs"


def test_an_unexpected_failure_in_the_worker_is_raised_as_the_sequential_audit_raises_it(monkeypatch):
    """A bug is not an input error: the worker gives up on the document, this process reads it
    again and the user sees the real exception with its traceback (the forked worker inherits the
    patched segmenter, so both fail)."""
    def broken(_document):
        raise RuntimeError("segmenter bug")

    monkeypatch.setattr(audit_module, "segment", broken)
    with pytest.raises(RuntimeError, match="segmenter bug"):
        audit([str(CORPUS / "uy/ley-19643-trata-2018.md")], read_ahead=True)


def test_a_daemonic_process_such_as_a_batch_worker_never_reads_ahead():
    """A batch worker may not start processes of its own: `usable` says no there."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(readahead.usable) is False


def test_the_expected_language_is_guessed_from_a_pdfs_raw_first_pages():
    assert readahead.expected_language(str(CORPUS / "mx/ley-de-migracion-2011.pdf")) == "es"
    assert readahead.expected_language(str(CORPUS / "bb/immigration-amendment-bill-2016.pdf")) == "en"
    assert readahead.expected_language(str(CORPUS / "missing.pdf")) is None


def test_a_worker_that_dies_leaves_its_documents_to_be_read_here(monkeypatch):
    """Killed, out of memory: the pipe ends, and this process reads the document itself."""
    monkeypatch.setattr(readahead, "_outcome", lambda read, job: os._exit(3))
    paths = [str(CORPUS / "uy/ley-19643-trata-2018.md"), str(CORPUS / "uy/ley-18250-migracion-2008.md")]
    assert audit(paths, jurisdiction="UY", read_ahead=True).data == audit(paths, jurisdiction="UY").data


def _slow(*_job):
    time.sleep(600)


def test_closing_stops_a_worker_still_reading():
    """An audit that fails or is interrupted (Ctrl-C, a program stopping it) does not wait for the
    worker to finish reading a long PDF: closing stops it."""
    ahead = readahead.ReadAhead(_slow, [("a",)])
    worker = ahead._worker
    assert worker.is_alive()
    ahead.close()
    assert not worker.is_alive()


def test_an_audit_interrupted_while_spacy_loads_ends_at_once(tmp_path):
    """Ctrl-C (SIGINT to the command alone, as a program stopping it sends) while spaCy is being
    imported and the worker is reading: the command ends instead of waiting, forever, for a worker
    that waits for it to read what it sends; no output file is left."""
    import signal
    import subprocess
    import sys

    out = tmp_path / "audit.json"
    command = [sys.executable, "-m", "auditor", "audit", str(CORPUS / "mx/ley-de-migracion-2011.pdf"),
               "--format", "json", "-o", str(out)]
    for delay in (0.3, 0.7):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            raise AssertionError(f"the interrupted audit did not end (SIGINT after {delay} s)") from None
        # a cold audit of 72 pages takes seconds: it was interrupted, said so, and wrote nothing
        assert process.returncode != 0 and not out.exists()
