"""The instrument's own words for an item's article, read from the treaty texts (corpus/un, corpus/coe)."""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.check.checklist import Item, all_checklists
from auditor.data import treaty_path
from auditor.errors import InputError
from auditor.structure.provision import Law


@lru_cache(maxsize=8)
def _treaty(source: str) -> Law | None:
    from auditor import segment

    path = treaty_path(source)
    if path is None:
        return None
    try:
        return segment(path)
    except InputError:
        return None


def _source(item: Item) -> str:
    import yaml

    for checklist in all_checklists():
        if checklist.id == item.checklist:
            with open(checklist.path, encoding="utf-8") as handle:
                head = yaml.safe_load(handle).get("checklist", {})
            return str(head.get("source", ""))
    return ""


def treaty_text(item: Item, limit: int = 2400) -> str:
    """Text of the first article an item cites, from the instrument's text in corpus/."""
    source = _source(item)
    if treaty_path(source) is None:
        return ""
    match = re.search(r"\d+", item.article.replace("CoE", ""))
    law = _treaty(source)
    if law is None or match is None:
        return ""
    article = law.section(match.group())
    if article is None:
        return ""
    text = law.document.text[article.start : article.end].strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
