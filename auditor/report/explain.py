"""`auditor explain ITEM`: an item's rule in words a lawyer reads, not the rule language's JSON.

Each condition of the rule language (docs/rules.md) is said as a phrase over the concepts it names
("an offence that names financial benefit as its purpose"); the case's own message, with `{where}`
read as "the provision", says what the finding will tell the reader.
"""

from __future__ import annotations

from typing import Any

NOUN = {"offence": "an offence", "every_offence": "every offence", "penalty_factor": "a penalty clause",
        "provision": "a provision", "exemption": "an exemption, defence or non-liability clause",
        "definition": "a definition"}


def words(concept: str) -> str:
    return str(concept).replace("_", " ")


def _any(group: Any) -> str:
    items = group if isinstance(group, list) else [group]
    return " or ".join(words(c) for c in items)


def _has(groups: Any) -> str:
    groups = groups if isinstance(groups, list) else [groups]
    return ", and ".join(_any(g) for g in groups)


def condition(name: str, params: dict[str, Any]) -> str:
    """One condition of the rule language, in words."""
    if name == "all":
        return " and ".join(condition(*next(iter(sub.items()))) for sub in params.get("all", ()))
    out = [NOUN.get(name, words(name))]
    if params.get("kinds"):
        out.append(f"(of kind {_any(params['kinds'])})")
    if params.get("select"):
        out.append(f"about {_has(params['select'])}")
    if params.get("term"):
        out.append(f"of {_any(params['term'])}")
    if params.get("beneficiaries"):
        out.append(f"for {_any(params['beneficiaries'])}")
    if params.get("has"):
        out.append(f"that speaks of {_has(params['has'])}")
    if params.get("roles"):
        out.append(f"as its {_any(params['roles'])}")
    if params.get("lacks"):
        out.append(f"without {_any(params['lacks'])}")
    if params.get("select_lacks"):
        out.append(f"(leaving aside those about {_any(params['select_lacks'])})")
    if params.get("targets"):
        out.append(f"exempting from offences of {_has(params['targets'])}")
    if params.get("named_targets"):
        out.append("that names the offences it covers")
    if params.get("within"):
        out.append(f"within {_any(params['within'])}")
    if params.get("refers_to"):
        out.append(f"referring to {_any(params['refers_to'])}")
    if params.get("except_offences"):
        out.append(f"other than an offence of {_any(params['except_offences'])}")
    if params.get("duties_only"):
        out.append("that lays a duty")
    if params.get("own"):
        out.append("in its own words")
    for key, phrase in (("penalty_at_least", "punished by at least"),
                        ("penalty_below", "punished by less than"),
                        ("min_distinct", "with at least this many distinct forms:")):
        if params.get(key) is not None:
            out.append(f"{phrase} {params[key]}")
    return " ".join(out)


STATUS = {"satisfied": "Satisfied", "deviation": "Deviation", "missing": "Missing",
          "needs_review": "Needs review", "not_applicable": "Not applicable",
          "found": "found", "narrowed": "narrowed", "unknown": "unknown"}


def explain(item: Any, treaty: str = "", reference: str = "") -> str:
    """The whole explanation of one checklist item."""
    lines = [f"{item.id} — {item.title}",
             f"Measured against: {reference or item.article} · severity {item.severity}", "",
             f"Requirement: {item.requirement}", "", f"Why it matters: {item.rationale}", "",
             f"Recommended wording: {item.recommendation}", ""]
    parts = getattr(item, "parts", ()) or ()
    if parts:
        lines.append("Its parts (each found, absent or unknown in the law):")
        for part in parts:
            lines.append(f"  ({part.id}) {part.text}")
            for case in part.cases:
                lines.append(f"      {STATUS.get(case.status, case.status)} when there is "
                             f"{condition(case.condition, case.params)}")
        lines.append("")
    lines.append("How the auditor judges it (the first case that holds decides):")
    for n, case in enumerate(item.cases, 1):
        lines.append(f"  {n}. {STATUS.get(case.status, case.status)} when there is "
                     f"{condition(case.condition, case.params)}.")
        if case.message:
            said = case.message.replace("{where}", "the provision").replace(" ({factors})", "")
            lines.append(f"     The report then says: “{said[:1].upper() + said[1:]}”")
    lines.append(f"  Otherwise: {STATUS.get(item.otherwise, item.otherwise)}."
                 + (f" “{item.otherwise_message}”" if item.otherwise_message else ""))
    if treaty:
        lines += ["", "The treaty's words:", treaty]
    return "\n".join(lines) + "\n"
