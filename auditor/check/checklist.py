"""Checklists: YAML files in `checklists/`, one per instrument, validated on load.

A checklist file holds `checklist:` (id, title, instrument, version) and `items:`. Each item
carries the contract fields (id, title, instrument, article, severity, requirement, rationale,
recommendation), `looking_for` (the words a message uses for what the rule seeks) and a `rule`:
an ordered list of `cases`, each a condition on the annotated law and the status it gives, and
`otherwise`, the status when no case holds. The first case that holds decides. Conditions are few
and generic (see engine.py); no item has code of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from auditor.cache import parsed
from auditor.data import checklists_dir

STATUSES = ("satisfied", "deviation", "missing", "needs_review", "not_applicable")
#: What a part's case may say. A part no case finds is `absent`; `narrowed` is present but limited
#: (one offence of several, one group of victims, a "may" power): it never makes an item satisfied.
PART_STATUSES = ("found", "narrowed", "unknown")
SEVERITIES = ("critical", "major", "minor")
CONDITIONS = ("offence", "every_offence", "provision", "exemption", "definition", "penalty_factor",
              "aggravation", "all")
#: The parameters each condition takes (see auditor/check/engine.py); any other name is a typo.
PARAMS = {
    "offence": {"has", "lacks", "roles", "kinds", "own", "penalty_at_least", "penalty_below", "majority_18"},
    "every_offence": {"select", "select_roles", "select_lacks", "kinds", "has", "roles", "or_none"},
    "penalty_factor": {"select", "select_roles", "has", "majority_18"},
    "aggravation": {"select", "select_roles", "select_lacks", "has"},
    "provision": {"has", "lacks", "within", "except_offences", "outside_offences", "refers_to", "duties_only",
                  "families"},
    "exemption": {"kinds", "beneficiaries", "has", "targets", "named_targets", "whole_act"},
    "definition": {"term", "has", "lacks"},
}
REQUIRED = ("id", "title", "article", "severity", "requirement", "rationale", "recommendation", "rule")


class ChecklistError(ValueError):
    """A checklist file is malformed; the message names the file, the item and the line."""


@dataclass(frozen=True)
class Case:
    condition: str
    params: dict[str, Any] = field(hash=False, compare=False)
    status: str = "satisfied"
    message: str = ""
    severity: str = ""  # overrides the item's severity for this outcome


@dataclass(frozen=True)
class Part:
    """One part of an item's requirement (checklist-spec.md "Parts"), judged on its own: the first
    case that holds gives `found`, `narrowed` or `unknown`; when none holds the part is `absent`."""

    id: str
    text: str
    cases: tuple[Case, ...]


@dataclass(frozen=True)
class Item:
    id: str
    checklist: str
    title: str
    instrument: str
    article: str
    severity: str
    requirement: str
    rationale: str
    recommendation: str
    looking_for: str
    cases: tuple[Case, ...]
    otherwise: str
    otherwise_message: str
    treaty: str = ""  # the instrument's own words for the article, quoted in reports
    #: The parts of the requirement. An item with parts is `satisfied` only when every part is found;
    #: its `cases` then only pre-empt the parts with a special verdict (never `satisfied`).
    parts: tuple[Part, ...] = ()
    #: Cases tried when no part is present at all (R6: the law speaks, but departs): `deviation` or
    #: `needs_review` instead of `missing`.
    when_no_part: tuple[Case, ...] = ()
    #: The text of the one part of an item the spec gives a single part: its rule's cases judge that
    #: part, and the part's status is the item's (found = satisfied, narrowed = deviation …).
    single_part: str = ""


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    instrument: str
    version: str
    path: str
    items: tuple[Item, ...]
    order: int = 100  # the protocols first, then the Convention, then regional good practice


def _line(node: Any) -> str:
    mark = getattr(node, "start_mark", None)
    return f" line {mark.line + 1}" if mark is not None else ""


#: libyaml's parser when PyYAML was built with it (about ten times faster), else the pure-Python one.
SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(text: str) -> tuple[Any, dict[str, int]]:
    """The data of a checklist file and the line of every item id. The text is parsed once: the
    node tree gives the lines and is then constructed into the data."""
    loader = SAFE_LOADER(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if root is not None:
        for key, value in getattr(root, "value", []):
            if getattr(key, "value", None) == "items":
                for entry in getattr(value, "value", []):
                    for k, v in getattr(entry, "value", []):
                        if getattr(k, "value", None) == "id":
                            lines[str(v.value)] = v.start_mark.line + 1
    return data, lines


def _load_yaml(path: Path) -> tuple[Any, dict[str, int]]:
    """Safe-load a YAML file and remember the line of every item id, for error messages; kept in
    the cache by the hash of its text (auditor.cache), so an unchanged file is not parsed again."""
    text = path.read_text(encoding="utf-8")
    try:
        data, lines = parsed(text, f"checklist+lines/{SAFE_LOADER.__name__}", _parse_yaml)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise ChecklistError(f"{path}:{line}: not valid YAML ({exc})") from exc
    return data, lines


def _case(path: Path, item_id: str, raw: Any, statuses: tuple[str, ...] = STATUSES) -> Case:
    if not isinstance(raw, dict) or "when" not in raw or "status" not in raw:
        raise ChecklistError(f"{path}: item {item_id}: every case needs 'when' and 'status'")
    when = raw["when"]
    if not isinstance(when, dict) or len(when) != 1:
        raise ChecklistError(f"{path}: item {item_id}: 'when' holds exactly one condition")
    (condition, params), = when.items()
    if condition not in CONDITIONS:
        raise ChecklistError(f"{path}: item {item_id}: unknown condition {condition!r}; "
                             f"known: {', '.join(CONDITIONS)}")
    if raw["status"] not in statuses:
        raise ChecklistError(f"{path}: item {item_id}: status {raw['status']!r} is not one of "
                             f"{', '.join(statuses)}")
    if condition in PARAMS and isinstance(params, dict):
        unknown = sorted(set(params) - PARAMS[condition])
        if unknown:
            raise ChecklistError(f"{path}: item {item_id}: {condition} takes no {', '.join(unknown)}; "
                                 f"known: {', '.join(sorted(PARAMS[condition]))}")
    if condition == "all":
        if not isinstance(params, list) or not params:
            raise ChecklistError(f"{path}: item {item_id}: 'all' takes a list of conditions")
        for sub in params:
            _case(path, item_id, {"when": sub, "status": raw["status"]}, statuses)
    severity = str(raw.get("severity", ""))
    if severity and severity not in SEVERITIES:
        raise ChecklistError(f"{path}: item {item_id}: case severity {severity!r} is not one of {SEVERITIES}")
    return Case(condition, params if isinstance(params, dict) else {"all": params},
                raw["status"], str(raw.get("message", raw.get("note", ""))), severity)


def _parts(path: Path, item_id: str, raw: Any) -> tuple[Part, ...]:
    """An item's parts. Each part has an id, its text, and `cases` (or the shorthand `found:`, a
    single condition) whose statuses are found, narrowed or unknown."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        raise ChecklistError(f"{path}: item {item_id}: 'parts' is a non-empty list")
    parts: list[Part] = []
    for entry in raw:
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("text"):
            raise ChecklistError(f"{path}: item {item_id}: every part needs 'id' and 'text'")
        cases = list(entry.get("cases") or ())
        if "found" in entry:
            cases.append({"when": entry["found"], "status": "found"})
        if not cases:
            raise ChecklistError(f"{path}: item {item_id}: part {entry['id']} has no case")
        parts.append(Part(str(entry["id"]), " ".join(str(entry["text"]).split()),
                          tuple(_case(path, f"{item_id} part {entry['id']}", c, PART_STATUSES)
                                for c in cases)))
    if len({p.id for p in parts}) != len(parts):
        raise ChecklistError(f"{path}: item {item_id}: two parts share an id")
    return tuple(parts)


def load_checklist(path: Path) -> Checklist:
    data, lines = _load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("checklist"), dict) \
            or not isinstance(data.get("items"), list):
        raise ChecklistError(f"{path}: expected 'checklist' (a mapping) and 'items' (a list)")
    head = data["checklist"]
    for key in ("id", "title", "instrument"):
        if not head.get(key):
            raise ChecklistError(f"{path}: checklist lacks {key!r}")
    items: list[Item] = []
    seen: set[str] = set()
    for raw in data["items"]:
        item_id = str(raw.get("id", "?")) if isinstance(raw, dict) else "?"
        where = f"{path}:{' line ' + str(lines[item_id]) if item_id in lines else ''}"
        if not isinstance(raw, dict):
            raise ChecklistError(f"{where}: an item must be a mapping")
        missing = [k for k in REQUIRED if not raw.get(k)]
        if missing:
            raise ChecklistError(f"{where}: item {item_id} lacks {', '.join(missing)}")
        if item_id in seen:
            raise ChecklistError(f"{where}: item {item_id} appears twice")
        seen.add(item_id)
        if raw["severity"] not in SEVERITIES:
            raise ChecklistError(f"{where}: item {item_id}: severity must be one of {SEVERITIES}")
        rule = raw["rule"]
        if not isinstance(rule, dict) or rule.get("otherwise") not in ("missing", "needs_review",
                                                                      "not_applicable"):
            raise ChecklistError(f"{where}: item {item_id}: rule needs 'otherwise': missing, "
                                 f"needs_review or not_applicable (no evidence backs any other)")
        parts = _parts(path, item_id, raw.get("parts"))
        cases = tuple(_case(path, item_id, c) for c in rule.get("cases") or ())
        if parts and any(c.status == "satisfied" for c in cases):
            raise ChecklistError(f"{where}: item {item_id} has parts, so only its parts can satisfy it: "
                                 f"its cases may give deviation, needs_review or not_applicable")
        items.append(Item(
            id=item_id, checklist=str(head["id"]), title=str(raw["title"]),
            instrument=str(raw.get("instrument") or head["instrument"]), article=str(raw["article"]),
            severity=str(raw["severity"]), requirement=" ".join(str(raw["requirement"]).split()),
            rationale=" ".join(str(raw["rationale"]).split()),
            recommendation=" ".join(str(raw["recommendation"]).split()),
            looking_for=str(raw.get("looking_for", raw["title"])),
            cases=cases,
            otherwise=str(rule["otherwise"]),
            otherwise_message=str(rule.get("otherwise_message", "")),
            treaty=" ".join(str(raw.get("treaty", "")).split()),
            parts=parts,
            when_no_part=tuple(_case(path, item_id, c, ("deviation", "needs_review", "missing"))
                               for c in rule.get("when_no_part") or ()),
            single_part=" ".join(str(raw.get("single_part", "")).split()),
        ))
    return Checklist(id=str(head["id"]), title=str(head["title"]), instrument=str(head["instrument"]),
                     version=str(head.get("version", "1")), path=str(path), items=tuple(items),
                     order=int(head.get("order", 100)))


@lru_cache(maxsize=1)
def all_checklists() -> tuple[Checklist, ...]:
    folder = checklists_dir()
    loaded = [load_checklist(p) for p in sorted(folder.glob("*.yaml"))]
    return tuple(sorted(loaded, key=lambda c: (c.order, c.id)))


@lru_cache(maxsize=1)
def jurisdiction_facts() -> dict[str, Any]:
    """checklists/facts/jurisdictions.yaml: general-law facts by State (the age of majority)."""
    path = checklists_dir() / "facts" / "jurisdictions.yaml"
    if not path.exists():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}  # a safe loader
    if not isinstance(data, dict):
        raise ChecklistError(f"{path}: expected a mapping")
    return data


def select(ids: tuple[str, ...] | list[str] = ()) -> tuple[Checklist, ...]:
    """The checklists named (all by default). An unknown id is an error, never a silent skip."""
    known = {c.id: c for c in all_checklists()}
    if not ids:
        return tuple(known.values())
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ChecklistError(f"unknown checklist {', '.join(unknown)}; known: {', '.join(known)}")
    return tuple(known[i] for i in ids)


def find_item(item_id: str) -> Item:
    for checklist in all_checklists():
        for item in checklist.items:
            if item.id == item_id:
                return item
    raise ChecklistError(f"unknown item {item_id!r}")
