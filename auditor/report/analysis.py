"""`auditor analyse FILE` as text a legal drafter reads without knowing the code.

The analyser speaks in concept ids, roles and chains ("act_harbour", "purpose:", "[via
interpretation: s. 3(1)]"); a drafter checking what the tool understood of a law needs the same
facts in words: what the offender does, for what purpose, by what means, where an element came from
("from s. 3(1), which explains this offence"), the words of the law that matched, and penalties as a
lawyer says them ("up to life imprisonment"). The plain names are data
(`checklists/labels/concepts.yaml`), so a lawyer can reword them. The JSON form, with the ids, is
`auditor.serialise.annotated_json` and is not touched here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from auditor.analyse.locate import Locator
from auditor.analyse.model import AnnotatedLaw, Element, Offence, Penalty
from auditor.data import checklists_dir

#: The first line: what the listing is, and where the machine form is.
INTRO = ("What the auditor understood of this law, in plain words (`--format json` gives the same"
         " in machine form, with concept ids).")
#: How many distinct matched words are quoted for one line of elements.
MAX_WORDS = 6
_MONTHS = re.compile(r"(?i)\b(?:months?|mois|mes|meses)\b")


@dataclass(frozen=True)
class Labels:
    """The plain words of `checklists/labels/concepts.yaml`."""

    concepts: dict[str, str]
    roles: dict[str, str]
    offence_kinds: dict[str, str]
    definition_kinds: dict[str, str]
    exemption_kinds: dict[str, str]
    covered_by: dict[str, tuple[str, ...]]
    not_names: tuple[re.Pattern[str], ...]

    def concept(self, concept: str) -> str:
        """A concept's plain name; an id with no label still reads as words, never as `a_b`."""
        return self.concepts.get(concept) or concept.replace("_", " ")

    def order(self, concept: str) -> int:
        """Where a concept stands on a line: the order of the labels file."""
        keys = list(self.concepts)
        return keys.index(concept) if concept in self.concepts else len(keys)


def labels_path() -> Path:
    """In a subfolder: every YAML file at the top of checklists/ is loaded as a checklist."""
    return checklists_dir() / "labels" / "concepts.yaml"


@cache
def load_labels() -> Labels:
    """Read the labels file once. A missing file (an install without it) gives ids as words."""
    path = labels_path()
    data: dict[str, Any] = {}
    if path.is_file():
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise ValueError(f"{path}: expected a mapping")
        data = loaded

    def mapping(key: str) -> dict[str, str]:
        return {str(k): " ".join(str(v).split()) for k, v in (data.get(key) or {}).items()}

    return Labels(
        concepts=mapping("concepts"), roles=mapping("roles"), offence_kinds=mapping("offence_kinds"),
        definition_kinds=mapping("definition_kinds"), exemption_kinds=mapping("exemption_kinds"),
        covered_by={str(k): tuple(str(c) for c in v) for k, v in (data.get("covered_by") or {}).items()},
        not_names=tuple(re.compile(str(p), re.IGNORECASE) for p in data.get("not_names") or ()),
    )


# -- penalties ----------------------------------------------------------------------------------


def penalty_words(p: Penalty) -> str:
    """A penalty as a lawyer says it. The analyser records the number the law gives; a number
    not marked as a minimum is read as the most the law allows ("up to")."""
    bound = "minimum" if p.minimum else "up to"
    if p.kind == "life":
        return "life imprisonment" if p.minimum else "up to life imprisonment"
    if p.kind == "fine":
        amount = p.amount or p.text
        return f"a fine of at least {amount}" if p.minimum else f"a fine of up to {amount}"
    if p.years is None:
        return f"{bound} {' '.join(p.text.split())}"
    if _MONTHS.search(p.text):
        count, unit = f"{round(p.years * 12)}", "month"
    else:
        count, unit = f"{p.years:g}", "year"
    # "1 year's imprisonment", "6 months' imprisonment"
    ending = "'s" if count == "1" else "s'"
    return f"{bound} {count} {unit}{ending} imprisonment"


def penalty_lines(o: Offence) -> list[str]:
    """One line per provision that sets a penalty, each penalty said once."""
    by_citation: dict[str, list[str]] = {}
    for p in o.penalties:
        said = by_citation.setdefault(p.citation, [])
        words = penalty_words(p)
        if words not in said:
            said.append(words)
    return [f"penalty in {citation}: {'; '.join(said)}" for citation, said in by_citation.items()]


# -- elements -----------------------------------------------------------------------------------


def source_words(element: Element) -> str:
    """Where an element came from, in words: the chain the analyser followed, or none."""
    out = []
    for step in element.via:
        kind, _, rest = step.partition(": ")
        if kind == "definition":
            term, _, citation = rest.rpartition(" (")  # "exploitation (s. 2(1))"
            citation = citation[:-1] if citation.endswith(")") else citation
            out.append(f"from the definition of “{term}” in {citation}")
        elif kind == "interpretation":
            out.append(f"from {rest}, which explains this offence")
        elif kind == "reference":
            out.append(f"from {rest}, which this offence refers to")
        else:
            out.append(f"from {step}")
    return ", ".join(out)


def _overlaps(a: Element, b: Element) -> bool:
    return a.start < b.end and b.start < a.end


def _shown(group: list[Element], labels: Labels) -> list[str]:
    """The concepts of one line, in the labels file's order, a general one left off where more
    specific ones cover every word it matched."""
    concepts = sorted({e.concept for e in group}, key=lambda c: (labels.order(c), c))
    shown = []
    for concept in concepts:
        covering = [e for e in group if e.concept in labels.covered_by.get(concept, ())]
        mine = [e for e in group if e.concept == concept]
        if covering and all(any(_overlaps(m, c) for c in covering) for m in mine):
            continue
        shown.append(labels.concept(concept))
    return shown


def _quoted(group: list[Element]) -> str:
    """The law's matched words, each once, in the order of the text; a match inside another is
    left off ("exploited" inside "with a view to V being exploited")."""
    spans = sorted({(e.start, e.end, " ".join(e.text.split())) for e in group})
    words: list[str] = []
    for start, end, text in spans:
        if any(s <= start and end <= t and (s, t) != (start, end) for s, t, _ in spans):
            continue
        if text.lower() not in (w.lower() for w in words):
            words.append(text)
    more = "" if len(words) <= MAX_WORDS else ", …"
    return ", ".join(f"“{w}”" for w in words[:MAX_WORDS]) + more


def element_lines(o: Offence, labels: Labels) -> list[str]:
    """The offence's elements by role, one line per source: written in the offence (or in its
    penalty provision), or brought in from another provision."""
    by_role: dict[str, dict[tuple[str, ...], list[Element]]] = {}
    for e in o.elements:
        by_role.setdefault(e.role, {}).setdefault(e.via, []).append(e)
    roles = sorted(by_role, key=lambda r: (list(labels.roles).index(r) if r in labels.roles
                                           else len(labels.roles), r))
    lines: list[str] = []
    for role in roles:
        lines.append(f"{labels.roles.get(role, role.replace('_', ' '))}:")
        for via, group in by_role[role].items():
            if via:
                where = source_words(group[0])
            else:
                citations = list(dict.fromkeys(e.citation for e in group))
                where = "in " + ", ".join(citations[:3]) + (", …" if len(citations) > 3 else "")
            lines.append(f"  {where}: {', '.join(_shown(group, labels))} — {_quoted(group)}")
    return lines


# -- names --------------------------------------------------------------------------------------


def offence_name(annotated: AnnotatedLaw, o: Offence, labels: Labels, locator: Locator) -> str:
    """The offence's name, when the law gives one: a heading that is really the first words of
    the offence ("Whoever"), a chapter heading or an amendment note is no name; the section's
    heading is tried next."""
    candidates = [o.name]
    node = annotated.law.find(o.citation)
    section = locator.section_of(node) if node is not None else None
    if section is not None and section is not node:
        candidates.append(section.heading)
    for name in candidates:
        name = " ".join((name or "").split())
        if name and not any(p.match(name) for p in labels.not_names):
            return name
    return ""


# -- the listing --------------------------------------------------------------------------------


def _quote(text: str, limit: int = 90) -> str:
    """A brief quote of the law: whitespace flattened, cut with an ellipsis, in quotation marks
    (none added where the law's own text opens with one: "“Travel” means …")."""
    flat = " ".join(text.split())
    flat = flat[:limit] + "…" if len(flat) > limit else flat
    return flat if flat.startswith(("“", '"', "«")) else f"“{flat}”"


def _scope(kind: str, citation: str) -> str:
    if kind == "act":
        return "the whole act"
    return f"{citation} only" if citation else f"this {kind} only"


def analysis_text(annotated: AnnotatedLaw) -> str:
    """The text form of `auditor analyse`: definitions, offences, exemptions, cross-references."""
    from auditor.ingest.language import NAMES

    labels = load_labels()
    doc = annotated.law.document
    locator = Locator(annotated.law)
    language = NAMES.get(annotated.language, annotated.language)
    lines = [INTRO, "", doc.meta.title,
             f"  {doc.meta.path} · read as {language} · {annotated.pipeline}", ""]

    lines.append(f"Definitions ({len(annotated.definitions)})")
    for d in annotated.definitions:
        kind = labels.definition_kinds.get(d.kind, d.kind)
        lines.append(f"  {d.citation}, p. {doc.page_at(d.start)}: {kind} “{d.term}”"
                     f" · applies to {_scope(d.scope.kind, d.scope.citation)}")
        lines.append(f"      {_quote(doc.quote(d.start, d.end))}")
    lines.append("")

    lines.append(f"Offences ({len(annotated.offences)}) — elements by role, with the law's words"
                 " that matched; a penalty is the most the law allows unless marked minimum")
    for o in annotated.offences:
        name = offence_name(annotated, o, labels, locator)
        kind = labels.offence_kinds.get(o.kind, o.kind)
        lines.append(f"  {o.citation}, p. {doc.page_at(o.start)}: " + (f"{name} — {kind}" if name else kind))
        details = []
        if o.base:
            details.append(f"graver form of: {', '.join(o.base)}")
        if o.penalty_provisions:
            details.append(f"provisions that punish it: {', '.join(o.penalty_provisions)}")
        details += element_lines(o, labels)
        details += penalty_lines(o) or ["penalty: not stated in this provision or its penalty provisions"]
        lines += [f"      {line}" for line in details]
    lines.append("")

    lines.append(f"Exemptions, defences and savings ({len(annotated.exemptions)})")
    for x in annotated.exemptions:
        kind = labels.exemption_kinds.get(x.kind, x.kind)
        whom = ", ".join(labels.concept(b) for b in x.beneficiaries) or "not stated"
        what = ", ".join(t or "the whole act" for t in x.targets) or "not stated"
        lines.append(f"  {x.citation}, p. {doc.page_at(x.start)}: {kind} · exempts: {whom} · from: {what}")
        for condition in x.conditions[:3]:
            lines.append(f"      condition: {_quote(condition, 80)}")
    lines.append("")

    resolved = sum(r.resolved for r in annotated.references)
    lines.append(f"Cross-references: {len(annotated.references)} in the text, {resolved} of them traced"
                 " to a provision of this law")
    return "\n".join(lines) + "\n"
