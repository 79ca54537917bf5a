"""Read a subject's documents in a second process while this one loads the language pipelines.

A cold audit of one law spends about a second importing spaCy and loading a pipeline, and as long
or longer reading and segmenting the PDF. Neither needs the other: reading needs no spaCy, loading a
pipeline needs only the language. So on a machine with two cores or more the documents are read
and segmented, in order, by one forked worker process, while this process imports spaCy and loads
the pipeline of the language it expects (the declared one, else a guess from the first pages' raw
text); then it analyses each law as it arrives, while the worker reads the next document.

Nothing about the result depends on this: the worker runs the same `read_law` the sequential audit
runs, and a document it fails on in any way other than the expected input errors is read again here,
so the error a user sees is the one a sequential audit raises. A wrong language guess only costs the
time of loading the right pipeline later. Used by the command line's `audit` (one subject in a
fresh process: the case where start-up weighs most); never inside a batch worker, whose processes
already keep their pipelines loaded and which cannot start processes of its own.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.structure.provision import Law

#: How the worker reports a document: the law, an input error's fields, or a language refusal.
Outcome = tuple[str, Any]


def usable() -> bool:
    """Whether reading ahead can gain anything here: fork is available (POSIX; the worker then
    shares this process's imports instead of importing again), two cores or more, and this process
    may start children (a batch worker, a daemonic process, may not)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    if multiprocessing.current_process().daemon:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores >= 2


def _outcome(read: Callable[..., Law], args: tuple[Any, ...]) -> Outcome:
    """Run in the worker: what became of one document, in a form that pickles (an exception class
    with its own constructor arguments does not always)."""
    from auditor.audit import UnsupportedLanguage

    try:
        return ("law", read(*args))
    except UnsupportedLanguage as error:
        return ("language", (error.document, error.language, error.declared))
    except InputError as error:
        return ("input", (error.code, error.path, error.detail))
    except BaseException:  # read again in the parent, which raises it with its traceback
        return ("again", None)


class ReadAhead:
    """The documents `jobs` (arguments of `read`), read in order by one forked worker process that
    sends each outcome back through a pipe as soon as it has it."""

    def __init__(self, read: Callable[..., Law], jobs: Sequence[tuple[Any, ...]]) -> None:
        self._read = read
        self._jobs = list(jobs)
        self._results: dict[int, Outcome] = {}
        context = multiprocessing.get_context("fork")
        self._pipe, sending = context.Pipe(duplex=False)
        # Not a daemon: OCR, run by the worker, may start processes of its own.
        self._worker = context.Process(target=_work, args=(read, self._jobs, sending),
                                       name="auditor-read-ahead")
        self._worker.start()
        sending.close()  # the worker's end: with it closed here, a dead worker reads as end of file
        # Whatever happens to this process (an exception before the audit's `finally`, Ctrl-C while
        # spaCy is imported), the worker is stopped at exit: multiprocessing would otherwise wait
        # for a worker that waits, in turn, for this process to read what it sends.
        atexit.register(self.close)

    def _collect(self, wait_for: int | None) -> None:
        """Take what the worker has sent: everything waiting, and with `wait_for`, until that
        document's outcome has come (or the worker is gone: it is then read here)."""
        while wait_for is None or wait_for not in self._results:
            if wait_for is None and not self._pipe.poll(0):
                return
            try:
                index, outcome = self._pipe.recv()
            except (EOFError, OSError):  # the worker died (killed, out of memory) or was closed
                if wait_for is not None:
                    self._results[wait_for] = ("again", None)
                return
            self._results[index] = outcome

    def law(self, index: int) -> Law:
        """The segmented law of document `index`, or the error reading it raises."""
        from auditor.audit import UnsupportedLanguage

        self._collect(index)
        kind, value = self._results.pop(index)
        if kind == "law":
            return value
        if kind == "language":
            document, language, declared = value
            raise UnsupportedLanguage(document, language, declared)
        if kind == "input":
            raise InputError(*value)
        return self._read(*self._jobs[index])

    def language_if_read(self, index: int) -> str | None:
        """The language of document `index` if the worker has already read it (a short document is
        read before spaCy is imported: guessing it again would only cost time), else None."""
        self._collect(None)
        kind, value = self._results.get(index, ("", None))
        return value.document.meta.language if kind == "law" else None

    def close(self) -> None:
        """Stop the worker if it is still reading (the audit failed or was interrupted: a user who
        presses Ctrl-C, or a program that stops the audit, does not wait for a PDF to be read)."""
        atexit.unregister(self.close)
        if self._worker.is_alive():
            self._worker.terminate()
        self._worker.join(timeout=5)
        self._pipe.close()

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _work(read: Callable[..., Law], jobs: list[tuple[Any, ...]], sending: Any) -> None:
    """The worker: each document's outcome, in order, as soon as it is known."""
    try:
        for index, job in enumerate(jobs):
            sending.send((index, _outcome(read, job)))
    except (BrokenPipeError, OSError):  # the audit is over: nobody is listening
        pass
    finally:
        sending.close()


def expected_language(path: str) -> str | None:
    """The language a document is probably in, guessed cheaply from its first pages' raw text (a
    PDF: PDFium's text, no layout) or first bytes (plain text and Markdown); None when not cheap to
    tell. Only decides which pipeline to load early: the audit uses the document's own guess."""
    from auditor.ingest.language import SAMPLE_CHARS, guess_language, is_read

    suffix = Path(path).suffix.lower()
    text = ""
    try:
        if suffix == ".pdf":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(path)
            try:
                for index in range(min(len(pdf), 12)):
                    page = pdf[index]
                    textpage = page.get_textpage()
                    text += textpage.get_text_range() + "\n"
                    textpage.close()
                    page.close()
                    if len(text) >= SAMPLE_CHARS:
                        break
            finally:
                pdf.close()
        elif suffix in (".txt", ".md", ".markdown"):
            with open(path, "rb") as handle:
                text = handle.read(4 * SAMPLE_CHARS).decode("utf-8", errors="ignore")
    except Exception:  # a guess only: the real reading reports what is wrong
        return None
    language = guess_language(text) if text.strip() else None
    return language if language and is_read(language) else None
