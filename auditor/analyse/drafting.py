"""The drafting formulas of each language, compiled for the offence analyser.

What is particular to a language (how a penalty provision points at an offence, how an interpretive
provision names the one it explains, penalty phrasing, number words, money units) lives in one pack
per language, `checklists/languages/<code>.yaml`, the way Indigo keeps locale plugins; the analyser
itself names no language. Adding a language is adding its pack (and its lexicon).

The packs of every language are joined into one pattern per formula: a subject may mix languages
(Canada's two texts), and a law may quote another, so the analyser reads every formula everywhere.
Alternatives keep the order of the packs (English, French, Spanish, then any other), so that where
two could match at one place the result does not depend on the order files are listed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from auditor.data import checklists_dir

#: The order packs are joined in (a new pack comes after these, in name order).
FIRST = ("en", "fr", "es")


@dataclass(frozen=True)
class Drafting:
    """The compiled formulas (see the packs for what each one reads)."""

    contravene: re.Pattern[str]
    name: re.Pattern[str]
    negated: re.Pattern[str]
    interprets: re.Pattern[str]
    incorporates: re.Pattern[str]
    reserves: re.Pattern[str]
    same_purposes: re.Pattern[str]
    same_penalty: re.Pattern[str]
    other_offence: re.Pattern[str]
    following: re.Pattern[str]
    offence_list: re.Pattern[str]
    reported: re.Pattern[str]
    not_a_duty: re.Pattern[str]
    aggravated: re.Pattern[str]
    years: re.Pattern[str]
    months: re.Pattern[str]
    life: re.Pattern[str]
    fine: re.Pattern[str]
    fine_word: re.Pattern[str]
    custody: re.Pattern[str]
    this_law: re.Pattern[str]
    bare_nouns: frozenset[str]
    numbers: dict[str, int]


def _packs() -> list[dict[str, Any]]:
    folder = checklists_dir() / "languages"
    paths = sorted(folder.glob("*.yaml"), key=lambda p: (FIRST.index(p.stem) if p.stem in FIRST else 99,
                                                         p.stem))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return [yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {} for path in paths]


def _alts(packs: list[dict[str, Any]], section: str, key: str) -> str:
    """The alternatives every pack gives for one formula, joined (an empty pack adds none)."""
    out = [alt for pack in packs for alt in (pack.get(section) or {}).get(key) or ()]
    return "|".join(out) if out else r"(?!x)x"  # a formula no pack states matches nothing


@cache
def drafting() -> Drafting:
    packs = _packs()

    def alts(section: str, key: str) -> str:
        return _alts(packs, section, key)

    numbers: dict[str, int] = {}
    for pack in packs:
        given = (pack.get("penalties") or {}).get("numbers") or {}
        numbers.update({str(k): int(v) for k, v in given.items()})
    words = "|".join(re.escape(w) for w in numbers)
    # each pack's years then its months ("years?|months?|ans?|mois|años?|meses")
    units = "|".join(f"{_alts([p], 'penalties', 'years')}|{_alts([p], 'penalties', 'months')}"
                     for p in packs)
    return Drafting(
        contravene=re.compile(rf"(?i)\b(?:{alts('offences', 'contravene')})\b"),
        name=re.compile(rf"(?i)\b(?:{alts('offences', 'name_nouns')}) of\s+(?P<name>[a-z][a-z ,'-]{{3,80}}?)"
                        rf"(?=\s+(?:{alts('offences', 'name_stops')})\b|[,;.]|$)"),
        negated=re.compile(rf"(?i)(?:{alts('offences', 'negated')})\W*$"),
        interprets=re.compile(rf"(?:{alts('offences', 'interprets')})\s*$"),
        incorporates=re.compile(rf"(?i)(?:{alts('offences', 'incorporates')})$"),
        reserves=re.compile(rf"(?i){alts('offences', 'reserves')}"),
        same_purposes=re.compile(rf"(?i)[^.;]{{0,40}}?\b(?:{alts('offences', 'same_purposes')})\b"),
        same_penalty=re.compile(rf"(?i)\b(?:{alts('offences', 'same_penalty')})\b"),
        other_offence=re.compile(rf"(?i)(?:{alts('offences', 'other_offence')})$"),
        following=re.compile(rf"(?i)\b(?:{alts('offences', 'following')})\b"),
        offence_list=re.compile(rf"(?i)\b(?:{alts('offences', 'offence_list')})\b"),
        reported=re.compile(rf"(?i)\b(?:{alts('offences', 'reported')})\b[^.;:]{{0,60}}"
                            rf"\b(?:{alts('offences', 'reported_that')})\b[^.;:]*$"),
        not_a_duty=re.compile(rf"(?i)\s*(?:{alts('offences', 'not_a_duty')})"),
        aggravated=re.compile(rf"(?i){alts('offences', 'aggravated')}"),
        years=re.compile(
            rf"(?i)(?P<min>{alts('penalties', 'minimum')})?(?P<n>\d{{1,3}}|{words})"
            # the number written in words and then in figures: "seis (6) años", "five (5) years"
            rf"(?:[ \t]*\(\d{{1,3}}\))?[ \t-]+(?P<unit>{units})\b"),
        months=re.compile(rf"(?i)(?:{alts('penalties', 'months')})$"),
        life=re.compile(rf"(?i)\b(?:{alts('penalties', 'life')})\b"),
        fine=re.compile(rf"(?i)(?:{alts('penalties', 'fine')})?"
                        rf"(?P<amount>(?:{alts('penalties', 'money')})[ \t]?\d[\d ,.]*\d"
                        rf"|\d[\d ,.]*\d[ \t]?(?:{alts('penalties', 'money_after')})\b)"),
        fine_word=re.compile(alts("penalties", "fine_word")),
        custody=re.compile(alts("penalties", "custody")),
        this_law=re.compile(rf"\s*(?:{alts('offences', 'this_law')})\b"),
        bare_nouns=frozenset(str(w) for pack in packs
                             for w in (pack.get("penalties") or {}).get("bare_nouns") or ()),
        numbers=numbers,
    )
