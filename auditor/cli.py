"""The `auditor` command line.

Exit status: 0 success; 2 usage error; 3 no input could be read (the message names the file, the
error code and what to do).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from auditor import __version__
from auditor.errors import InputError
from auditor.fileio import OutputError, describe_size, resolve_target, write_atomic, write_to
from auditor.ingest import Document, load
from auditor.structure import Law, Provision, segment

EXIT_INPUT = 3
EXIT_USAGE = 2


def _fail(error: InputError) -> None:
    click.echo(f"error: {error.message}", err=True)
    sys.exit(EXIT_INPUT)


def _ocr_note(documents: list[Document]) -> None:
    """Say on standard error which documents OCR read, how many pages and how long it took: OCR
    stays on by default (a scan is read rather than refused), and a user who wants speed learns
    of `--ocr never` at the moment it would have helped."""
    for document in documents:
        fields = document.meta.fields
        if not fields.get("ocr_pages"):
            continue
        pages = len(fields["ocr_pages"].split(","))
        took = ("from the OCR cache" if fields.get("ocr_cached") == "yes"
                else f"in {float(fields.get('ocr_seconds') or 0):.1f} s")
        click.echo(f"note: {Path(document.meta.path).name}: {pages} page(s) read by OCR {took} "
                   "(--ocr never skips OCR and refuses scans)", err=True)


class _OutputPath(click.ParamType):
    """An `-o` file, checked before any work: a folder, a socket or a file in a folder that does
    not exist is refused at once (exit 2). The folder is never created: a typo must not make
    folders at the root of the file system."""

    name = "file"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            resolve_target(value)
        except OutputError as error:
            self.fail(str(error), param, ctx)
        return value


OUTPUT = _OutputPath()


def _write(output: str | None, rendered: str) -> None:
    """Write a command's result to `-o` (atomically for a file, in place for a device or pipe,
    `-` for standard output) and say on standard error what was written."""
    if not output:
        click.echo(rendered, nl=False)
        return
    try:
        target = resolve_target(output)
        size = write_to(target, rendered)
    except OutputError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as error:  # a full disk, a folder made read-only meanwhile
        click.echo(f"error: cannot write {output}: {error.strerror or error}", err=True)
        sys.exit(EXIT_USAGE)
    if target.kind != "descriptor":
        click.echo(f"wrote {output} ({describe_size(size)})", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """Audit national law on migrant smuggling and trafficking in persons against the Palermo
    Protocols."""


@main.command("segment")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: an indented outline; json: the full tree.")
@click.option("-o", "--output", type=OUTPUT,
              help="Write to this file instead of standard output.")
@click.option("--language", type=click.Choice(["en", "fr", "es"], case_sensitive=False),
              help="Override the language guess:"
                   " en, fr or es (the languages with a lexicon; a law in another is not audited).")
@click.option("--depth", type=int, default=None,
              help="Text format: show levels down to this depth only.")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="OCR of scanned PDF pages (needs auditor[ocr]).")
def segment_command(file: str, fmt: str, output: str | None, language: str | None,
                    depth: int | None, ocr: str) -> None:
    """Show how FILE was read: its parts, chapters, sections and subsections, with the heading,
    page and first words of each, so you can see at once whether the law was read right."""
    try:
        law = segment(load(file, language=language, ocr=ocr))
    except InputError as error:
        _fail(error)
        return
    _ocr_note([law.document])
    if fmt == "json":
        from auditor.serialise import law_json

        rendered = json.dumps(law_json(law), ensure_ascii=False, indent=2) + "\n"
    else:
        rendered = outline(law, depth)
    _write(output, rendered)


def outline(law: Law, depth: int | None = None) -> str:
    meta = law.document.meta
    lines = [
        f"{meta.title}",
        f"  {meta.path} · {meta.format} · {meta.pages} page(s) · language {meta.language} · "
        f"numbering {law.scheme} · {len(law.sections())} sections",
    ]
    lines.extend(f"  warning: {w}" for w in (*meta.warnings, *law.warnings))
    lines.append("")

    def visit(node: Provision, level: int) -> None:
        if depth is not None and level >= depth:
            return
        lines.append("  " * level + _describe(node, law))
        for child in node.children:
            visit(child, level + 1)

    for child in law.root.children:
        visit(child, 0)
    return "\n".join(lines) + "\n"


def _describe(node: Provision, law: Law) -> str:
    name = node.citation if node.kind not in ("heading", "note", "toc") else ""
    if node.kind in ("book", "part", "title", "chapter", "division", "subdivision", "group",
                     "schedule"):
        name = node.label
    head = f" — {node.heading}" if node.heading else ""
    body_from = node.heading_end if node.heading_end > node.start else node.start
    words = " ".join(law.document.text[body_from : min(node.end, body_from + 400)].split())
    words = words.lstrip(").-–—: ")  # what closes a heading in parentheses: "(Objeto).- Esta ley …"
    if node.kind in ("heading", "toc", "note") or (node.children and node.kind not in (
            "section", "article")):
        words = ""
    words = (words[:70] + "…") if len(words) > 70 else words
    tag = " [inserted]" if node.inserted else ""
    parts = [f"{node.kind} {name}".strip() + head + tag, f"p. {node.page}"]
    if words:
        parts.append(f"“{words}”")
    return " · ".join(parts)


@main.command("analyse")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", type=OUTPUT,
              help="Write to this file instead of standard output.")
@click.option("--language", type=click.Choice(["en", "fr", "es"], case_sensitive=False),
              help="Override the language guess:"
                   " en, fr or es (the languages with a lexicon; a law in another is not audited).")
@click.option("--concepts", is_flag=True, help="JSON: include every concept match.")
def analyse_command(file: str, fmt: str, output: str | None, language: str | None,
                    concepts: bool) -> None:
    """Show what the auditor understands of FILE: its definitions (with scope), its offences
    (elements, penalties, penalty factors), its exemptions and defences, and its cross-references,
    each with provision, page and quote."""
    from auditor.analyse import analyse

    try:
        law = segment(load(file, language=language))
    except InputError as error:
        _fail(error)
        return
    annotated = analyse(law, language=language)
    if fmt == "json":
        from auditor.serialise import annotated_json

        rendered = json.dumps(annotated_json(annotated, concepts=concepts), ensure_ascii=False,
                              indent=2) + "\n"
    else:
        from auditor.report.analysis import analysis_text

        rendered = analysis_text(annotated)
    _write(output, rendered)


class _Quiet:
    def __enter__(self) -> _Quiet:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def update(self, _n: int) -> None:
        return None


def _progress(length: int, label: str, show=None):  # type: ignore[no-untyped-def]
    """A progress bar on a terminal (standard error, so piped output stays clean); nothing when
    standard error is not a terminal (CI logs, redirections) or for a single document."""
    if length < 2 or not sys.stderr.isatty():
        return _Quiet()
    return click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True, show_eta=True,
                             item_show_func=show)


@main.command("audit")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--jurisdiction", default="", help="Code of the State whose law this is (e.g. CA).")
@click.option("--label", default="", help="Name of the subject shown in reports (e.g. Canada).")
@click.option("--checklist", "checklist_ids", multiple=True,
              help="Audit against this checklist only (repeatable); default: all.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html", "md", "sarif"]),
              default="text", show_default=True,
              help="text: a summary to read; json: the audit contract; csv: one row per finding; "
                   "html: the gap report; md: Markdown to paste; sarif: SARIF 2.1.0 for code review.")
@click.option("-o", "--output", type=OUTPUT,
              help="Write to this file instead of standard output.")
@click.option("--language", type=click.Choice(["en", "fr", "es"], case_sensitive=False),
              help="Override the language guess of every file:"
                   " en, fr or es (the languages with a lexicon; a law in another is not audited).")
@click.option("--max-pages", type=click.IntRange(min=1), default=None,
              help="Refuse a PDF longer than this (default 5,000 pages).")
@click.option("--max-chars", type=click.IntRange(min=1), default=None,
              help="Refuse a document with more text than this (default 50,000,000 characters).")
@click.option("--time-limit", type=float, default=0.0,
              help="Seconds allowed to read and analyse one document (default: no limit).")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="OCR of scanned PDF pages (needs auditor[ocr]): auto = pages without a text layer.")
def audit_command(files: tuple[str, ...], jurisdiction: str, label: str,
                  checklist_ids: tuple[str, ...], fmt: str, output: str | None,
                  language: str | None, max_pages: int | None, max_chars: int | None,
                  time_limit: float, ocr: str) -> None:
    """Audit FILES, together one State's law (an immigration act and a criminal code, say),
    against the checklists: one finding per item, with status, quoted evidence, provision, page,
    treaty reference and recommended wording. A file that cannot be read is reported in `errors`
    and the others are audited; the exit status is 3 only when no file could be read."""
    from auditor.audit import audit
    from auditor.check import ChecklistError
    from auditor.report import render

    try:
        with _progress(len(files), "Reading") as bar:
            result = audit(files, jurisdiction=jurisdiction, label=label, checklists=checklist_ids,
                           language=language, progress=lambda _path: bar.update(1),
                           per_document=time_limit or None, max_pages=max_pages, max_chars=max_chars,
                           ocr=ocr, read_ahead=True)
    except ChecklistError as error:
        raise click.UsageError(str(error)) from error
    for error in result.data["errors"]:
        click.echo(f"error: {error['message']}", err=True)
    _ocr_note([annotated.law.document for annotated in result.laws])
    if not result.audited:
        sys.exit(EXIT_INPUT)
    rendered = render(result.data, fmt)
    _write(output, rendered)


@main.command("batch")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Folder for one audit JSON and report per subject, matrix.csv and index.html.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: CPU count).")
@click.option("--scheduler",
              help="Run on an existing Dask cluster instead (tcp://host:8786; needs auditor[dask]).")
@click.option("--force", is_flag=True,
              help="Audit every subject again, even those unchanged since the last run.")
@click.option("--checklist", "checklist_ids", multiple=True,
              help="Audit against this checklist only (repeatable).")
@click.option("--time-limit", type=float, default=600.0, show_default=True,
              help="Seconds allowed to read and analyse one document (0: no limit).")
@click.option("--max-pages", type=click.IntRange(min=1), default=None,
              help="Refuse a PDF longer than this (default 5,000 pages).")
@click.option("--max-chars", type=click.IntRange(min=1), default=None,
              help="Refuse a document with more text than this (default 50,000,000 characters).")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="OCR of scanned PDF pages (needs auditor[ocr]).")
@click.option("--baseline", type=click.Path(exists=True, file_okay=False, path_type=str),
              help="An earlier batch output: list the verdicts gained and lost against it (regression.md).")
def batch_command(folder: str, out_dir: str, jobs: int | None, scheduler: str | None, force: bool,
                  checklist_ids: tuple[str, ...], time_limit: float, max_pages: int | None,
                  max_chars: int | None, ocr: str, baseline: str | None) -> None:
    """Audit every subject of a corpus FOLDER (its manifest.csv: rows sharing a jurisdiction form
    one subject). Unchanged subjects are skipped on a re-run; one unreadable file is reported in its
    subject's errors and the rest goes on."""
    from auditor.batch import ManifestError, read_manifest, regression, regression_markdown, run_batch
    from auditor.check import ChecklistError

    try:
        total = len(read_manifest(folder))
    except ManifestError as error:
        raise click.UsageError(str(error)) from error
    pages = [0, time.perf_counter()]

    def rate(_item: object) -> str:
        seconds = time.perf_counter() - pages[1]
        return f"{pages[0] / seconds:.1f} pages/s" if pages[0] and seconds > 0 else ""

    with _progress(total, "Subjects", rate) as bar:
        def done(outcome) -> None:  # type: ignore[no-untyped-def]
            pages[0] += outcome.pages
            if outcome.status == "failed":
                click.echo(f"error: {outcome.jurisdiction}: {outcome.message}", err=True)
            bar.update(1)

        try:
            result = run_batch(folder, out_dir, jobs=jobs, scheduler=scheduler, force=force,
                               checklists=checklist_ids, time_limit=time_limit or None,
                               max_pages=max_pages, max_chars=max_chars, ocr=ocr, on_done=done)
        except (ChecklistError, ManifestError, RuntimeError) as error:
            raise click.UsageError(str(error)) from error
    click.echo(result.summary())
    if baseline:
        report = regression(baseline, out_dir)
        write_atomic(Path(out_dir) / "regression.md", regression_markdown(report))
        click.echo(f"{len(report['changes'])} verdict(s) changed against {baseline}: "
                   f"{Path(out_dir) / 'regression.md'}")
    if any(o.status == "failed" for o in result.outcomes):
        sys.exit(1)


@main.command("matrix")
@click.argument("audits", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Folder for index.html, matrix.csv and one report per subject.")
def matrix_command(audits: tuple[str, ...], out_dir: str) -> None:
    """Compare subjects: read audit JSON files (from `auditor audit --format json` or a batch) and
    write the corpus matrix (index.html, matrix.csv) with each subject's gap report beside it."""
    from auditor.report.html import report_html
    from auditor.report.matrix import matrix_csv, matrix_html, subject_key

    loaded = []
    for path in audits:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise click.UsageError(f"{path}: not an audit JSON ({error})") from error
        if not isinstance(data, dict) or data.get("schema") != "auditor.audit/1":
            raise click.UsageError(f"{path}: not an audit JSON (schema auditor.audit/1)")
        loaded.append(data)
    folder = Path(out_dir)
    keys = [subject_key(d) for d in loaded]
    if len(set(keys)) != len(keys):
        raise click.UsageError("two audits have the same jurisdiction; give each subject its own code")
    with _progress(len(loaded), "Rendering") as bar:
        for data, key in zip(loaded, keys, strict=True):
            write_atomic(folder / f"{key}.html", report_html(data))
            bar.update(1)
    write_atomic(folder / "matrix.csv", matrix_csv(loaded))
    write_atomic(folder / "index.html", matrix_html(loaded))
    click.echo(f"{len(loaded)} subjects: {folder / 'index.html'}")


@main.command("report")
@click.argument("audit_json", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["html", "md", "csv", "sarif", "docx", "text", "json"]),
              default="html", show_default=True,
              help="html: the gap report; md: Markdown to paste; csv: one row per finding; sarif: SARIF "
                   "2.1.0; docx: Word, for a shadow report; text: a summary; json: the audit again.")
@click.option("-o", "--output", type=OUTPUT,
              help="Write to this file instead of standard output (required for docx).")
def report_command(audit_json: str, fmt: str, output: str | None) -> None:
    """Render an audit JSON (from `auditor audit --format json`, a batch, or another machine) as a
    report, without auditing again."""
    from auditor.report import render
    from auditor.report.load import NotAnAudit, read_audit

    try:
        data = read_audit(audit_json)
    except NotAnAudit as error:
        raise click.UsageError(str(error)) from error
    if fmt == "docx":
        from auditor.report.word import report_docx, write_docx

        if not output or output == "-":
            raise click.UsageError("--format docx writes a Word file: give it with -o FILE.docx")
        try:
            size = write_docx(output, report_docx(data))
        except OSError as error:
            click.echo(f"error: cannot write {output}: {error}", err=True)
            sys.exit(EXIT_USAGE)
        click.echo(f"wrote {output} ({size:,} bytes)", err=True)
        return
    if fmt == "html" and output and output != "-":
        from auditor.report.html import report_html

        _write(output, report_html(data, Path(output).parent))  # quotes link to their PDF page
        return
    _write(output, render(data, fmt))


@main.command("compare")
@click.argument("old", type=click.Path(dir_okay=False, path_type=str))
@click.argument("new", type=click.Path(dir_okay=False, path_type=str))
@click.option("--checklist", "checklist_ids", multiple=True,
              help="Compare on this checklist only (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["html", "json"]), default="html", show_default=True)
@click.option("-o", "--output", type=OUTPUT,
              help="Write to this file instead of standard output.")
@click.option("--language", type=click.Choice(["en", "fr", "es"], case_sensitive=False),
              help="Override the language guess of both files:"
                   " en, fr or es (the languages with a lexicon; a law in another is not audited).")
def compare_command(old: str, new: str, checklist_ids: tuple[str, ...], fmt: str, output: str | None,
                    language: str | None) -> None:
    """Compare two versions of a law (a bill before and after amendment): the items whose status
    changed, with old and new evidence side by side, and the provisions added, removed, renumbered
    or reworded (matched by content, so a renumbered section is not reported as deleted).

    OLD and NEW are two laws, or two audit JSONs (`auditor audit --format json`): audits are
    compared item by item, without auditing again; provisions need the laws themselves."""
    from auditor.audit import audit
    from auditor.report.compare import compare, compare_html
    from auditor.report.load import NotAnAudit, looks_like_audit, read_audit

    kinds = [looks_like_audit(path) for path in (old, new)]
    if any(kinds) and not all(kinds):
        raise click.UsageError("give two laws or two audit JSONs, not one of each: "
                               + ", ".join(f"{p} is {'an audit JSON' if k else 'a law'}"
                                           for p, k in zip((old, new), kinds, strict=True)))
    if all(kinds):
        try:
            audits = [read_audit(path) for path in (old, new)]
        except NotAnAudit as error:
            raise click.UsageError(str(error)) from error
        click.echo(f"comparing two audit JSONs ({old} → {new}): items only; compare the laws "
                   "themselves to see provisions added, removed, renumbered or reworded", err=True)
        diff = compare(*audits)
        _write(output, compare_html(diff) if fmt == "html" else json.dumps(diff, ensure_ascii=False, indent=2)
               + "\n")
        return
    click.echo(f"comparing two laws ({old} → {new}): each is audited first", err=True)
    results = []
    for path in (old, new):
        result = audit([path], checklists=checklist_ids, language=language)
        for error in result.data["errors"]:
            click.echo(f"error: {error['message']}", err=True)
        if not result.audited:
            sys.exit(EXIT_INPUT)
        results.append(result)
    diff = compare(*results)
    rendered = compare_html(diff) if fmt == "html" else json.dumps(diff, ensure_ascii=False, indent=2) + "\n"
    _write(output, rendered)


@main.command("checklists")
def checklists_command() -> None:
    """List the checklists and their items."""
    from auditor.check import all_checklists

    for checklist in all_checklists():
        click.echo(f"{checklist.id} — {checklist.title} (version {checklist.version}, "
                   f"{len(checklist.items)} items)")
        for item in checklist.items:
            click.echo(f"  {item.id:42} {item.severity:8} art. {item.article:24} {item.title}")


@main.command("explain")
@click.argument("item_id")
def explain_command(item_id: str) -> None:
    """Print what an item requires, why, how it is judged, and the treaty's own words."""
    from auditor.check import ChecklistError, find_item
    from auditor.check.treaty import cite, treaty_text
    from auditor.report.explain import explain

    try:
        item = find_item(item_id)
    except ChecklistError as error:
        raise click.UsageError(str(error)) from error
    click.echo(explain(item, treaty_text(item), cite(item.instrument, item.article)), nl=False)
