"""The auditor's cache folder, and parsed data files kept there by the hash of their text.

Parsing the checklists and lexicons (YAML, about 300 KB) took a fifth of a second on every start,
for files that rarely change. Their parsed data is kept as `marshal` bytes named by the sha256 of
the text (and of the parser), so an edited file is simply parsed again; marshal holds only plain
values (it can neither run code nor hold a date), and whatever it cannot hold is not cached.
A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Bumped when what is cached for a text changes shape (the key then changes too).
FORMAT = "1"


def cache_root() -> Path:
    """`$AUDITOR_CACHE/auditor`, else `$XDG_CACHE_HOME/auditor`, else `~/.cache/auditor`."""
    root = os.environ.get("AUDITOR_CACHE") or os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(root).expanduser() / "auditor"


def parsed(text: str, kind: str, parse: Callable[[str], Any]) -> Any:
    """`parse(text)`, or the value it gave before for the same text and `kind` (which names the
    parser and what it returns, e.g. "checklist-yaml+lines/CSafeLoader")."""
    key = hashlib.sha256(f"{FORMAT}\0{kind}\0{text}".encode()).hexdigest()
    path = cache_root() / "parsed" / f"{key}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = parse(text)
    try:
        data = marshal.dumps(value)
    except ValueError:  # a date, a set of custom objects: not kept
        return value
    temporary = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".parsed-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)  # readers see the whole file or none
    except OSError:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return value
