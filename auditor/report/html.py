"""HTML reports: one self-contained file each (inline CSS and JS, no network), all law text escaped."""

from __future__ import annotations

from functools import cache
from pathlib import PurePath
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from auditor.data import templates_dir
from auditor.report.view import report_view


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        # every template is HTML, whatever its suffix: law text is never trusted markup
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default_for_string=True,
                                     default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["basename"] = lambda path: PurePath(str(path)).name
    env.filters["css_string"] = css_string
    return env


def css_string(text: object) -> Markup:
    """A CSS string literal (for `content:` in a print header) that no text can break out of:
    every character but letters, digits, spaces and a few marks is written as a CSS escape."""
    out = []
    for ch in str(text):
        out.append(ch if ch.isalnum() or ch in " .,:·-()" else f"\\{ord(ch):x} ")
    return Markup('"' + "".join(out) + '"')


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def report_html(data: dict[str, Any], base: str | PurePath | None = None) -> str:
    """The gap report of one audit JSON; given the folder it is written to (`base`), each quote
    from a PDF links to its page."""
    return render("report.html.j2", view=report_view(data, base))
