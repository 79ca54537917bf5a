"""Word bills.

Drafting offices keep bills in Word, where provision numbers are often automatic list numbering that
is not in the text runs at all. The loader renders that numbering (decimal, letters, roman numerals,
with the level's own punctuation such as `(%1)`), reads tracked changes as if accepted (insertions
kept, deletions dropped), and reads tables in document order.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from auditor.errors import InputError
from auditor.ingest.build import make_document
from auditor.ingest.document import Document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: What a Word package may unpack to. The text of a 2,000-page code is some 6 million characters,
#: its document.xml some tens of megabytes; python-docx and lxml hold every part in memory, about
#: ten times its size, so 256 MiB unpacked is already far past any law and still bounded.
MAX_UNPACKED = 256 * 1024 * 1024
#: XML compresses about 5 to 20 times; deflate cannot pass about 1,030. A package above this ratio
#: (once it unpacks to more than MIN_RATIO_CHECK) is made to explode, not to be read.
MAX_RATIO = 100
MIN_RATIO_CHECK = 16 * 1024 * 1024
MAX_MEMBERS = 10_000


def check_package(raw: bytes, path: str) -> None:
    """Refuse a zip bomb before anything is unpacked: the sizes come from the archive's central
    directory, which costs nothing to read. (They cannot understate the truth: Python's zipfile
    stops reading a member at its declared size and checks its CRC.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError("corrupt-docx", path, f"not a Word document ({exc})") from exc
    if len(members) > MAX_MEMBERS:
        raise InputError("zip-bomb", path, f"{len(members):,} files in the package, limit is {MAX_MEMBERS:,}")
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if unpacked > MAX_UNPACKED:
        raise InputError("zip-bomb", path, f"{len(raw):,} bytes that unpack to {unpacked:,}, "
                         f"limit is {MAX_UNPACKED:,}")
    if unpacked > MIN_RATIO_CHECK and unpacked / packed > MAX_RATIO:
        raise InputError("zip-bomb", path, f"compressed {unpacked / packed:,.0f} to 1 "
                         f"({packed:,} bytes unpack to {unpacked:,}), limit is {MAX_RATIO} to 1")


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    """Counters for Word's automatic numbering, keyed by (numId, level)."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 10)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = 0
        text = levels[ilvl].text
        if levels[ilvl].fmt in ("bullet", "none"):
            return ""
        for lvl in range(ilvl + 1):
            lvl_def = levels.get(lvl, _Level())
            value = counts[lvl] + lvl_def.start - 1 if counts[lvl] else lvl_def.start
            text = text.replace(f"%{lvl + 1}", _format(value, lvl_def.fmt))
        return text


def _format(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(value)
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt == "upperRoman":
        return _roman(value)
    return str(value)


def _letters(value: int) -> str:
    # Word repeats the letter after z: aa, bb ...
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    out = ""
    for number, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                            (4, "IV"), (1, "I")):
        while value >= number:
            out += numeral
            value -= number
    return out


def _read_numbering(document) -> _Numbering:  # type: ignore[no-untyped-def]
    numbering = _Numbering()
    try:
        part = document.part.numbering_part
    except (KeyError, NotImplementedError):
        return numbering
    root = part.element
    abstract: dict[str, dict[int, _Level]] = {}
    for abs_el in root.iter(f"{W}abstractNum"):
        levels: dict[int, _Level] = {}
        for lvl in abs_el.iter(f"{W}lvl"):
            level = _Level()
            for child, attr in (("numFmt", "fmt"), ("lvlText", "text"), ("start", "start")):
                el = lvl.find(f"{W}{child}")
                if el is not None and el.get(f"{W}val") is not None:
                    value = el.get(f"{W}val")
                    setattr(level, attr, int(value) if attr == "start" else value)
            levels[int(lvl.get(f"{W}ilvl", "0"))] = level
        abstract[abs_el.get(f"{W}abstractNumId", "")] = levels
    for num in root.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is not None:
            numbering.levels[num.get(f"{W}numId", "")] = abstract.get(ref.get(f"{W}val", ""), {})
    return numbering


def _paragraph_text(p) -> str:  # type: ignore[no-untyped-def]
    out: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        if el.tag == f"{W}t":
            out.append(el.text or "")
        elif el.tag == f"{W}tab":
            out.append(" ")
        elif el.tag == f"{W}noBreakHyphen":
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)


def _paragraph_number(p, numbering: _Numbering, styles: dict[str, tuple[str, int]]) -> str:  # type: ignore[no-untyped-def]
    num_pr = p.find(f"{W}pPr/{W}numPr")
    num_id = ilvl = None
    if num_pr is not None:
        id_el, lvl_el = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
        num_id = id_el.get(f"{W}val") if id_el is not None else None
        ilvl = int(lvl_el.get(f"{W}val", "0")) if lvl_el is not None else 0
    else:
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") in styles:
            num_id, ilvl = styles[style.get(f"{W}val")]
    if not num_id or num_id == "0":
        return ""
    return numbering.label(num_id, ilvl or 0)


def _style_numbering(document) -> dict[str, tuple[str, int]]:  # type: ignore[no-untyped-def]
    """Paragraph styles that carry numbering (drafters number sections through heading styles)."""
    out: dict[str, tuple[str, int]] = {}
    try:
        styles_root = document.styles.element
    except (KeyError, AttributeError):
        return out
    for style in styles_root.iter(f"{W}style"):
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            continue
        id_el, lvl_el = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
        if id_el is not None:
            lvl = int(lvl_el.get(f"{W}val", "0")) if lvl_el is not None else 0
            out[style.get(f"{W}styleId", "")] = (id_el.get(f"{W}val", ""), lvl)
    return out


def load_docx(raw: bytes, path: str) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_package(raw, path)
    try:
        document = docx.Document(io.BytesIO(raw))
    except MemoryError as exc:  # never "corrupt": the file may be fine and the machine too small
        raise InputError("too-large", path, "ran out of memory unpacking the Word document") from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError("corrupt-docx", path, f"not a Word document ({exc})") from exc
    except Exception as exc:  # lxml and zip errors of many kinds inside python-docx
        raise InputError("corrupt-docx", path, f"unreadable Word document ({exc})") from exc
    numbering = _read_numbering(document)
    styles = _style_numbering(document)
    paragraphs: list[str] = []
    body = document.element.body
    for p in body.iter(f"{W}p"):
        text = _paragraph_text(p).strip()
        label = _paragraph_number(p, numbering, styles)
        if label and text:
            text = f"{label} {text}"
        elif label:
            text = label
        if text:
            paragraphs.append(text)
    props = document.core_properties
    return make_document(path=path, raw=raw, fmt="docx", pages=["\n\n".join(paragraphs)],
                         title=(props.title or None),
                         fields={k: str(v) for k, v in (("author", props.author),
                                                        ("modified", props.modified)) if v})
