"""The title a law is known by in every citation and report: its own, never a file's or a page's.

Order of trust, most trusted first (a batch manifest's title is applied by the batch, above all):

1. a declared title (PDF metadata, Word properties, HTML `<title>`, Markdown front matter) unless it
   is a desktop-publishing file name ("PL 005099 (E) Civil Proc Act Cover 2010.pmd", "Untitled-1",
   "Microsoft Word - bill.doc") or a fragment of a running head;
2. the title printed on the law's first page: a line that reads like a law's title ("COMPANIES ACT,
   No. 07 OF 2007", "THE INSURANCE ACT, 2021", "Ley N° 18.250", "Loi du 8 avril 2011 …"), with the
   lines it wraps onto;
3. the short title the law gives itself ("This Act may be cited as the Road Transport (Amendment)
   Act 2010", "La présente loi peut être citée sous le titre …", "Esta ley podrá citarse como …");
4. the long title ("An Act to amend the Road Transport Act 1987");
5. in an official journal's issue (its masthead names the journal: "Journal officiel", "Official
   Gazette", "Boletín Oficial" …) that prints no title line near its head, the first law its
   contents list ("28 mai Loi n° 10-2025 relative au …  759"), never the masthead;
6. the first line before the law's first division or article that is not noise; a publisher's
   credit (its paragraph holds a copyright line, an e-mail or a web address) is noise;
7. the file's name in words ("sn__code-du-travail-loi-97-17.pdf" → "Code du travail loi 97-17"),
   when the text prints nothing that names the law before its first article;
8. the first line of the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise

#: A name a file was saved under, carried into PDF metadata by the program that made it.
_FILE_NAME = re.compile(
    r"\.(?:p65|pm\d|pmd|indd?|qxd|qxp|docx?|rtf|wpd|odt|pdf|txt|fm|tiff?|xps|ps)\s*$"
    r"|^(?:Untitled|untitled|Document|Doc)[-_ ]?\d*$|^Microsoft Word\b|^Slide \d+$",
    re.IGNORECASE,
)
#: The name of an official journal, printed in the masthead of each of its issues.
_JOURNAL = (r"(?:THE |The |LE |Le |EL |El )?(?:JOURNAL OFFICIEL|Journal officiel|OFFICIAL GAZETTE"
            r"|Official Gazette|GAZETTE|Gazette|BOLET[IÍ]N OFICIAL|Bolet[ií]n Oficial|DIARIO OFICIAL"
            r"|Diario Oficial|GACETA OFICIAL|Gaceta Oficial|BULLETIN OFFICIEL|Bulletin officiel"
            r"|REGISTRO OFICIAL|Registro Oficial)\b")
_MASTHEAD = re.compile(_JOURNAL)
#: Lines of a gazette's masthead or running head, never a law's title.
_NOISE = re.compile(
    r"^(?:REGISTERED|Registered)\b|^(?:EXTRAORDINARY|PUBLISHED BY AUTHORITY|Printed|PRINTED|Price|PRICE"
    r"|TO BE PURCHASED|Published as a Supplement|Reading:|First reading|Presented by"
    rf"|Passed At|Page \d|\[?[ ]*\]$|[ivxlc]+$|\d+$|{_JOURNAL})"
    # a State's name alone, in capitals, over a masthead: "RÉPUBLIQUE DU CONGO", "GOVERNMENT OF ZAMBIA"
    r"|^(?:R[ÉE]PUBLIQUE|REPUBLIC|REP[ÚU]BLICA|GOVERNMENT|GOUVERNEMENT|GOBIERNO|KINGDOM|ROYAUME|REINO)"
    r" (?:OF|DU|DE LA|DE|DEL|D[’'])[ ]?(?!.*\b(?:ACT|CODE|LAW|LOI|LEY|DECRETO?|DÉCRET|ORDINANCE)\b)"
    r"[A-ZÀ-Ý’' -]{2,60}$"
)
#: A paragraph that holds one of these ("Copyright …", "mail : x@y", "www.…") is a publisher's
#: credit, every line of it ("La bibliothèque … a été réalisée par …"), never the law's title.
_CREDIT = re.compile(r"\b(?:copyright|e-?mail)\b|©|@|\bwww\.|https?://", re.IGNORECASE)
#: The law's body begins at its first division or article ("TITRE PREMIER : …", "Article L.1.",
#: "PART I", "CHAPTER 1", "Artículo 1"): nothing from there on names the law.
_BODY_START = re.compile(
    r"^(?:TITRE|Titre|TITLE|T[ÍI]TULO|T[íi]tulo|CHAPITRE|Chapitre|CHAPTER|Chapter|CAP[ÍI]TULO|Cap[íi]tulo"
    r"|PARTIE|PART|Part|LIVRE|BOOK|LIBRO|ARTICLE|Article|ART[ÍI]CULO|Art[íi]culo|Art\.|SECTION|Section)"
    r"[ ]+(?:[IVXLC]+\b|\d|L\.?[ ]?\d|PREMIER|Premier|PREMI[ÈE]RE|FIRST|PRIMERO|PRELIMINA|Prelimina|UNIQUE"
    r"|[ÚU]NICO|ONE\b)"
)
#: An entry of a gazette's contents: the text's date before its title, its page after dot leaders.
_CONTENTS_DATE = re.compile(r"^\d{1,2}(?:er|º|°)?[ ]+[A-Za-zÀ-ÿ]{3,10}\.?[ ]+(?:\d{4}[ ]+)?(?=[A-ZÀ-Ý])")
_CONTENTS_PAGE = re.compile(r"(?:[ ]*\.{2,}[ .]*|\.[ ]+)\d{0,5}[ ]*$")
_TITLE_LINES = [
    re.compile(p)
    for p in (
        # "COMPANIES ACT No . 07 OF 2007", "THE INSURANCE ACT, 2021", "Modern Slavery Act 2015"
        r"^(?!.*\b(?:may|shall|cited|means|under|amended|referred|by)\b)"
        r"(?:THE |The )?[A-Z][\w’'(),.\- ]{2,150}\b(?:ACT|Act|CODE|Code|LAW|Law|ORDINANCE|Ordinance"
        r"|BILL|Bill|DECREE|Decree|REGULATIONS|Regulations)\b[,.]?[ ]*(?:\(?(?:No|NO|Nº|N°)[ .]*\d+[\w/ ]*"
        r"(?:of|OF)[ ]*)?\(?\d{4}\)?\.?$",
        r"^(?:Loi|LOI|Ley|LEY|Decreto|DECRETO|Décret|DÉCRET|Código|CÓDIGO|Code|Règlement grand-ducal"
        r"|Reglamento|Decreto Legislativo|Decreto Ley|Decreto-Ley|Ordonnance|ORDONNANCE)\b.{0,200}"
        r"(?:\d{1,6}|\b\d{4}\b).*$",
    )
]
#: A treaty's title opens its text.
_TREATY = re.compile(r"^(?:Protocol|Convention|PROTOCOL|CONVENTION)\b")
_SHORT_TITLE = re.compile(
    r"(?:This|The) (?:Act|Law|Ordinance|Code|Decree|Regulations?)\s+may\s+be\s+cited\s+as\s+(?:the\s+)?"
    # the title may wrap onto the next line; a scan may read its year's 1 as a letter ("i 997")
    r"(?P<t>[A-Z](?:[^\n;]|\n(?!\n)){3,150}?\b(?:Act|Code|Law|Ordinance|Decree|Regulations?)\b"
    r"(?:,?\s{1,3}(?:\d{4}|[Iil|][ ]?\d{3})\b)?)"
    r"|(?:La présente|Cette) (?:loi|ordonnance) (?:peut|pourra) être citée? sous (?:le titre|l'intitulé)"
    r"\s*:?\s*[«“\"]?\s*(?P<fr>[^\n»”\"]{3,150})"
    r"|(?:La presente|Esta) (?:ley|norma) (?:podrá|puede|se podrá) (?:ser )?citar?(?:se|da) como\s*[«“\"]?"
    r"(?P<es>[^\n»”\".]{3,150})",
    re.IGNORECASE,
)
_FRONT_MATTER_TITLE = re.compile(r"^title:\s*[\"']?(?P<t>[^\"'\n]{3,300}?)[\"']?\s*$", re.IGNORECASE)
#: A title line that starts with the kind of law, its name printed on the line above.
_TYPE_WORD = re.compile(r"^(?:ACT|Act|CODE|Code|ORDINANCE|Ordinance|BILL|Bill|LAW|Law|DECREE|Decree)\b")
_LONG_TITLE = re.compile(r"^(?:An Act|AN ACT|A Bill for|A BILL for)\b")
#: The preamble that follows a long title, even when a scan ran them together ("‘Wurreas it is …").
_PREAMBLE = re.compile(r"[‘'\"“]|(?:Whereas|WHEREAS|Be it|BE IT)\b")
_HEAD_LINES = 120


def choose_title(declared: str | None, text: str, fmt: str = "text",
                 fields: Mapping[str, str] | None = None, path: str = "") -> str:
    """The law's own title (see the module's docstring for the order).

    A publisher's declared title (front matter, an HTML page's title) stands when it is usable;
    a PDF's or Word file's metadata title only when it names a law, since it is most often the
    name a desktop-publishing file was saved under. A text file starts with its title unless its
    first line is a masthead or a converter's note; a PDF's first line is often a printer's note,
    so there the title printed on the first pages wins.
    """
    candidates = [clean(c) for c in (declared, *_field_titles(fields or {})) if c]
    usable_ones = [c for c in candidates if usable(c)]
    metadata = fmt in ("pdf", "docx")
    for candidate in usable_ones:
        if not metadata or _LAW_WORD.search(candidate):
            return candidate
    if not metadata:
        first = next((ln.strip(" #*_") for ln in text.splitlines()[:_HEAD_LINES] if ln.strip(" #*_")), "")
        if first and usable(first) and not _FRONT_MATTER_TITLE.match(first):
            return first[:200]
    return (_printed_title(text) or (usable_ones[0] if usable_ones else "") or _first_usable(text)
            or _file_title(path) or _first_line(text))


#: The words a law's title names itself by, in the languages the auditor reads and a few more.
_LAW_WORD = re.compile(
    r"\b(?:Acts?|Bill|Code|Law|Ordinance|Decree|Regulations?|Rules|Constitution|Protocol|Convention"
    r"|Treaty|Statute|Loi|Décret|Decret|Ordonnance|Règlement|Arrêté|Ley|Código|Codigo|Decreto|Reglamento"
    r"|Constitución|Gesetz|Verordnung|Wet|Wetboek|Verdrag)\b",
    re.IGNORECASE,
)


def clean(title: str) -> str:
    """One line, without a site's name on a line of its own ("Standards Act, 1994\n – ZambiaLII")."""
    title = re.sub(r"\n\s*[–—|-]\s*[^\n]*$", "", title.strip())
    return " ".join(title.split()).strip(" #*_")


def usable(title: str) -> bool:
    """Whether a title may stand: not a file name, not a running head's or masthead's fragment."""
    if _FILE_NAME.search(title) or _NOISE.match(title) or _CREDIT.search(title) or len(title) < 3:
        return False
    # "PARLIAMENT OF THE DEMOCRATIC", "Ley": a fragment cut at a line end is no title
    if re.search(r"\b(?:OF|THE|AND|DE|DEL|LA|DU|DES|of|the|and|de|del|la|du|des)$", title):
        return False
    # one word is a title ("Karistusseadustik", "MIGRACIONES") unless it only names a kind of law
    return len(title.split()) > 1 or (len(title) >= 6 and not _LAW_WORD.fullmatch(title))


def title_from_text(text: str, fmt: str = "text") -> str:
    """The title printed in the law (a title line, the short title, the long title) or else its
    first line that is not noise."""
    return _printed_title(text) or _first_usable(text) or _first_line(text)


def _printed_title(text: str) -> str:
    lines = [ln.strip(" #*_") for ln in text.splitlines()[:_HEAD_LINES]]
    for line in lines[:40]:
        m = _FRONT_MATTER_TITLE.match(line)
        if m:  # front matter a converter left in the text
            return " ".join(m.group("t").split())
    for i, line in enumerate(lines[:5]):
        if _TREATY.match(line):
            return _wrapped(lines, i)
    for pattern in _TITLE_LINES:
        for i, line in enumerate(lines):
            if not line or len(line) > 200:
                continue
            if i and lines[i - 1] and _TYPE_WORD.match(line) and lines[i - 1].isupper() \
                    and pattern.match(joined := f"{lines[i - 1]} {line}") and usable(joined):
                return " ".join(joined.split()).rstrip(".")  # "COMPUTER CRIME\nACT, No. 24 OF 2007"
            if pattern.match(line) and usable(line):
                return _wrapped(lines, i)
    short = _short_title(text)
    if short:
        return short
    for i, line in enumerate(lines):
        if line and _LONG_TITLE.match(line):
            return _wrapped(lines, i)
    return _gazette_title(lines)


def _gazette_title(lines: list[str]) -> str:
    """The first law an official journal's issue prints, read from its contents ("28 mai Loi n°
    10-2025 relative au titre … Congo....... 759"), when its masthead names an official journal
    ("JOURNAL" / "OFFICIEL" on lines of their own, "Official Gazette", "Boletín Oficial")."""
    head = [ln for ln in lines if ln][:30]
    if not any(_MASTHEAD.match(ln) for ln in (*head, *(f"{a} {b}" for a, b in pairwise(head)))):
        return ""
    for i, line in enumerate(lines):
        entry = _CONTENTS_DATE.sub("", line)
        if entry and len(entry) <= 200 and any(p.match(entry) for p in _TITLE_LINES):
            title = _CONTENTS_PAGE.sub("", _wrapped([*lines[:i], entry, *lines[i + 1:]], i)).rstrip(" .")
            if usable(title):
                return title
    return ""


def _first_usable(text: str) -> str:
    """The first line that is not noise nor part of a publisher's credit, before the law's body."""
    paragraphs = re.split(r"\n[ \t]*\n", "\n".join(text.splitlines()[:_HEAD_LINES]))
    for paragraph in paragraphs:
        lines = [ln.strip(" #*_") for ln in paragraph.splitlines()]
        if _CREDIT.search(paragraph):
            continue
        for line in lines:
            if _BODY_START.match(line):
                return ""
            if line and usable(line):
                return line[:200]
    return ""


def _first_line(text: str) -> str:
    return next((ln.strip(" #*_") for ln in text.splitlines() if ln.strip(" #*_")), "")[:200]


def _file_title(path: str) -> str:
    """The name the file was saved under, in words: the last resort of a text that names nothing."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", re.split(r"[\\/]", path)[-1]).split("__")[-1]
    words = " ".join(re.sub(r"(?<!\d)[-_]|[-_](?!\d)", " ", stem).split())  # "loi-97-17" → "loi 97-17"
    title = words[:1].upper() + words[1:]
    return title if len(title) >= 3 and not _FILE_NAME.search(title) else ""


def _short_title(text: str) -> str:
    m = _SHORT_TITLE.search(text, 0, max(20_000, len(text) // 5))
    if not m:
        return ""
    found = next(g for g in m.groups() if g)
    # the marginal note of the section ("Short title", "Short title and commencement", "Citation"),
    # set beside the title's first line and read into it when the title wraps
    found = re.sub(r"[ \t]+(?:Short|SHORT|Citation|CITATION)\b(?:[ \t]+\S+){0,3}[ \t]*\n", " ", found)
    found = re.sub(r"\b[Iil|] ?(\d{3})$", r"1\1", found)  # "Benefits Act, i 997"
    return " ".join(found.split()).strip(" ,:")


def _field_titles(fields: Mapping[str, str]) -> list[str]:
    """Titles in front matter whatever their key's case ("Title:", "title:")."""
    return [v for k, v in fields.items() if k.strip().lower() == "title" and v]


def _wrapped(lines: list[str], i: int) -> str:
    title = lines[i]
    for line in lines[i + 1 : i + 4]:
        if (not line or title.endswith((".", ":")) or len(title) + len(line) > 300 or _PREAMBLE.match(line)
                or _NOISE.match(line) or not _continues(title, line)):
            break
        title = f"{title} {line}"
    return " ".join(title.split()).rstrip(".")


def _continues(title: str, line: str) -> bool:
    """A line that carries on a title: lower-case, or a title ending in a word that needs more
    ("… Act to provide for"), never a new heading in capitals under a title in capitals that is
    complete ("THE INSURANCE ACT, 2021" / "ARRANGEMENT OF SECTIONS")."""
    return not (re.search(r"\d{4}\)?$", title) and not line[:1].islower())


def first_line(text: str, fmt: str = "text") -> str:
    """Kept for callers of the old helper: the title read from the text alone."""
    return title_from_text(text, fmt)


__all__ = ["choose_title", "clean", "first_line", "title_from_text", "usable"]
