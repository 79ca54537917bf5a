"""Repair the numbering that OCR garbles, character for character (offsets never move).

Tesseract on a gazette reads "(1)" as "{1)" or "{|)", "(a)" as "(@)", "(c)" as "(©)", a letter of
a list as a digit of the same shape ("(b)" as "(6)", "(d)" as "(4)" after "(c)"), and leaves "_" where a tab
stood after a number ("7. _ Presumption …", "(3) _It shall …"); "1." before a heading can come out
as "i.", and "10." as "10,". Each repair replaces characters one for one, so every span found later
still quotes the document text exactly. Applied to OCR'd text only: born-digital text is never changed.
"""

from __future__ import annotations

import re

_BRACE_LABEL = re.compile(r"(?m)(^|[—–][ \t]?)\{(\d{1,2}|\|)\)")
_AT_LABEL = re.compile(r"\(@\)")
_UNDERSCORE = re.compile(r"(?m)^([ \t]*(?:\(\w{1,4}\)|\d{1,3}[A-Z]?\.))([ \t]*)_")
_ROMAN_ONE = re.compile(r"(?m)^i\.(?=[ \t]+[A-Z][^\n]{2,100}?[—–])")
_COMMA_NUMBER = re.compile(r"(?m)^(\d{1,3}),(?=[ \t]+[A-Z][^\n]{2,100}?[—–])")
_COPYRIGHT_LABEL = re.compile(r"(?m)^([ \t]*)\(©\)")
#: A paren label at a line start, or a section number ("4. Aggravating …") that starts a new count.
_PAREN_LABEL = re.compile(r"(?m)^[ \t]*(?:\((?P<label>[a-z]|\d{1,2})\)|(?P<section>\d{1,3}[A-Z]?)\.[ \t])")
#: Digits that stand for the letter a list expects next, by shape.
_LETTER_LIKE = {"6": "b", "4": "d", "8": "f", "9": "g", "1": "l", "5": "s", "2": "z", "0": "o", "3": "e"}


def _letters_in_sequence(text: str) -> str:
    """A digit label where a lettered list expects its next letter: "(c) …" then "(4) …" is "(d)",
    unless the digit is the section's next subsection ("(3) … (a) … (c)" then "(4) …")."""
    chars = list(text)
    previous = ""
    number = 0  # the section's last subsection number
    for m in _PAREN_LABEL.finditer(text):
        if m.group("section"):
            previous, number = "", 0
            continue
        label = m.group("label")
        if label.isdigit() and int(label) == number + 1:
            number = int(label)
        elif label.isdigit() and previous.isalpha() and _LETTER_LIKE.get(label) == chr(ord(previous) + 1):
            chars[m.start("label")] = _LETTER_LIKE[label]
            label = _LETTER_LIKE[label]
        elif label.isdigit():
            number = int(label)
        previous = label
    return "".join(chars)


_ARTICLE_LINE = re.compile(r"(?:Article|ARTICLE|Art\.|Artículo|ARTÍCULO)\b")
_ROMAN_DASH = re.compile(r"(?P<n>[IVXLl1|]{1,4})(?=\.[ \t]?[-–—])")
_ROMANS = ("I", "II", "III", "IV", "V", "VI")


def _roman_paragraphs(text: str) -> str:
    """French paragraphs "I. -", "II. -" under an article, which OCR reads "IL. -" or "Il. -" in
    a sans-serif face where I and l are one glyph: the numeral the sequence expects, right-aligned
    in the characters OCR gave it (" I. -" for "IL. -")."""
    chars = list(text)
    expected = 0
    at = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        if _ARTICLE_LINE.match(stripped):
            expected = 0
        else:
            m = _ROMAN_DASH.match(stripped)
            if m:
                token = m.group("n")
                numeral = _ROMANS[expected] if expected < len(_ROMANS) else ""
                expected += 1
                if token != numeral and set(token) <= set("IlL1|") and 0 < len(numeral) <= len(token):
                    start = at + (len(line) - len(stripped))
                    chars[start:start + len(token)] = " " * (len(token) - len(numeral)) + numeral
        at += len(line) + 1
    return "".join(chars)


def repair(text: str) -> str:
    text = _BRACE_LABEL.sub(lambda m: f"{m.group(1)}({'1' if m.group(2) == '|' else m.group(2)})", text)
    text = _AT_LABEL.sub("(a)", text)
    text = _COPYRIGHT_LABEL.sub(r"\1(c)", text)
    text = _letters_in_sequence(text)
    text = _roman_paragraphs(text)
    text = _UNDERSCORE.sub(lambda m: m.group(1) + m.group(2) + " ", text)
    text = _ROMAN_ONE.sub("1.", text)
    text = _COMMA_NUMBER.sub(r"\1.", text)  # "10, Cognizance of offences.—"
    return text
