"""Markdown laws from open-legislation repositories.

The decoration is removed (heading marks, emphasis, escapes, links) but never a provision number:
`1\\.` becomes `1.`, `\\(a\\)` becomes `(a)`, and the editorial amendment marker `(*)` survives.
YAML front matter becomes document metadata, not law text.
"""

from __future__ import annotations

import re

import yaml

from auditor.ingest.build import make_document
from auditor.ingest.document import Document
from auditor.ingest.glued import repair_glued
from auditor.ingest.textfile import decode

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_SETEXT = re.compile(r"^[ ]{0,3}(?:=+|-{2,})[ \t]*$", re.M)
_RULE = re.compile(r"^[ ]{0,3}(?:[-*_][ \t]*){3,}$", re.M)
_QUOTE_MARK = re.compile(r"^[ ]{0,3}>[ ]?", re.M)
_BULLET = re.compile(r"^([ \t]*)[-+*][ \t]+(?=\S)", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH_STAR = re.compile(r"(?<![\w*(\\])\*(?=[^\s*)])(.+?)(?<=[^\s*(])\*(?![\w*)])")
_EMPH_UNDER = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")
_CODE = re.compile(r"`([^`\n]+)`")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?(?:br|span|div|p|sup|sub|b|i|em|strong|u)\b[^>]*>", re.I)
_WRAPPED_HEADING = re.compile(r"^([ ]{0,3}#{1,6}[ \t]+[^\na-z]*[^\s])\n(?![ \t]*#)[ \t]*"
                              r"([A-ZÀ-Þ][^a-z\n]{0,120})$", re.M)
_HEADING_THEN_TEXT = re.compile(r"^([ ]{0,3}#{1,6}[ \t]+[^\n]*)\n(?=[ \t]*[^\s#])", re.M)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])")


def strip_markdown(text: str) -> str:
    text = _HTML_COMMENT.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = repair_glued(text)  # "*Heading*3The …—awhich …": numbering an exporter glued to words
    # a heading wrapped by the exporter ("### CAPÍTULO II - CONSEJO … Y LA\nEXPLOTACIÓN DE PERSONAS")
    # is one heading; any other text right under a heading is a paragraph of its own
    text = _WRAPPED_HEADING.sub(r"\1 \2", text)
    text = _HEADING_THEN_TEXT.sub("\\1\n\n", text)
    text = _HEADING.sub(r"\1", text)
    text = _SETEXT.sub("", text)
    text = _RULE.sub("", text)
    text = _QUOTE_MARK.sub("", text)
    text = _BULLET.sub(r"\1", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPH_STAR.sub(r"\1", text)
    text = _EMPH_UNDER.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return (metadata, body). Malformed front matter is kept as text rather than lost."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    fields = {str(k): "" if v is None else str(v) for k, v in data.items()}
    return fields, text[match.end() :]


def load_markdown(raw: bytes, path: str) -> Document:
    text, encoding = decode(raw, path)
    fields, body = split_front_matter(text)
    pages = [strip_markdown(page) for page in body.split("\f")]
    return make_document(
        path=path,
        raw=raw,
        fmt="markdown",
        pages=pages,
        title=fields.get("title") or None,
        language=_language_field(fields),
        fields={"encoding": encoding, **fields},
    )


def _language_field(fields: dict[str, str]) -> str | None:
    value = (fields.get("language") or fields.get("lang") or "").strip().lower()
    return value[:2] if len(value) >= 2 and value[:2].isalpha() else None
