"""Repair numbering an exporter glued to the words: "*Sexual exploitation*3Something —awhich …, orbwhich".

Some Markdown exports of consolidated statutes lose the markup of a subsection that follows a
cross-heading inside a section: the italic heading, the subsection number and its text run
together, and so do the paragraphs of its list ("—awhich involves …, orbwhich would …"). Read as
is, the subsection is lost into the one before it, and words such as "exploitation*3Something" are
no words at all.

The repair is narrow, because a number or letter glued to a word is otherwise ordinary text:

* a paragraph is repaired only when it opens with an emphasised heading directly followed by a
  number and a capital letter (`*Heading*3The`), a shape no drafted sentence has;
* inside it, list labels are split off only in sequence: "a" after a dash, then "b", "c" … after
  a separator ("," "or" "and" ";"), with roman "i", "ii" … nested the same way; a list whose
  second label is not found is left alone.

The repaired paragraph reads as the law does: "Sexual exploitation", then "(3) Something is done
…—", then "(a) which involves …", each on a paragraph of its own. Nothing is added but the
brackets and line breaks the export lost.
"""

from __future__ import annotations

import itertools
import re

#: "*Heading*3The …": an emphasised heading, a glued number, then a capital.
_GLUED_HEAD = re.compile(r"^[ \t]*\*(?P<heading>[^*\n]{2,120})\*(?P<number>\d{1,3}[A-Z]?)(?=[A-Z])", re.M)
_SEPARATOR = r"(?:—|,|;|\bor|\band)"
_SHORTEST_ITEM = 20
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def repair_glued(text: str) -> str:
    """Return `text` with every glued cross-headed subsection split as the law prints it."""
    if "*" not in text:
        return text
    out: list[str] = []
    last = 0
    for match in _GLUED_HEAD.finditer(text):
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        body = text[match.end():end]
        out.append(text[last:match.start()])
        out.append(f"{match.group('heading').strip()}\n\n({match.group('number')}) {_split_lists(body)}")
        last = end
    out.append(text[last:])
    return "".join(out)


def _split_lists(body: str) -> str:
    """Split glued list labels off the words they were glued to, in sequence only."""
    cuts = _labels(body)
    if not cuts:
        return body
    pieces: list[str] = []
    last = 0
    for position, label in cuts:
        pieces.append(body[last:position])
        pieces.append(f"\n\n({label}) ")
        last = position + len(label)
    pieces.append(body[last:])
    return "".join(pieces)


def _labels(body: str) -> list[tuple[int, str]]:
    """(position, label) of each glued label, found in sequence: letters a, b, c …, and inside a
    letter, roman numerals i, ii, iii …. A list is kept only when its second label follows."""
    cuts: list[tuple[int, str, str]] = []
    position = 0
    letter = 0  # index of the next letter expected
    roman = 0  # index of the next roman numeral expected (0: no roman list open)
    while position < len(body):
        candidates = []
        nxt = chr(ord("a") + letter)
        first = _find(body, position, nxt, opening=letter == 0)
        if first is not None:
            candidates.append((first, nxt, "letter"))
        if letter > 0 and roman < len(_ROMAN):
            found = _find(body, position, _ROMAN[roman], opening=roman == 0)
            if found is not None:
                candidates.append((found, _ROMAN[roman], "roman"))
        if not candidates:
            break
        # the nearest label wins; at the same place a roman numeral inside an open list wins
        at, label, kind = min(candidates, key=lambda c: (c[0], c[2] == "letter"))
        cuts.append((at, label, kind))
        position = at + len(label)
        if kind == "letter":
            letter += 1
            roman = 0
        else:
            roman += 1
    return _in_sequence(cuts)


def _find(body: str, start: int, label: str, opening: bool) -> int | None:
    """Where `label` sits glued after a separator (after a dash only for the first of a list)."""
    separator = "—" if opening else _SEPARATOR
    # no space between: "or b" is English, "orb" after a list item is a glued label
    match = re.compile(rf"{separator}(?={re.escape(label)}[A-Za-z])").search(body, start)
    return None if match is None else match.end()


def _in_sequence(cuts: list[tuple[int, str, str]]) -> list[tuple[int, str]]:
    """Keep the cuts only if the lettered list has at least "a" and "b" (one glued label alone may
    be a word: "—any person"), each item a clause long."""
    letters = [label for _, label, kind in cuts if kind == "letter"]
    if letters[:2] != ["a", "b"]:
        return []
    # a list item is a clause, not a word or two: "—any person, orbit" is no list
    if any(later[0] - earlier[0] < _SHORTEST_ITEM for earlier, later in itertools.pairwise(cuts)):
        return []
    return [(at, label) for at, label, _ in cuts]
