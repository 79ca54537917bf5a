"""Write outputs atomically, and only where writing cannot destroy anything.

A reader never sees a half-written report: a regular file is written to a temporary file in its own
folder and renamed over the old one. Renaming is also what makes `-o` dangerous: run as root,
renaming over `/dev/null` replaces the machine's null device with a file, and renaming over a
symbolic link replaces the link instead of writing the file it points to. So the target is looked
at first: a regular file or a new path is written atomically; a symbolic link is followed and its
target written atomically in the target's own folder; a device or a FIFO is written as a stream
(as the shell's `>` would); `-`, `/dev/stdout` and the other names of an open descriptor mean that
descriptor. Nothing that is not a regular file is ever renamed over.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

#: Names of an already open descriptor: writing there means writing to that descriptor.
_DESCRIPTOR = re.compile(r"^/dev/(?P<std>stdout|stderr)$|^/dev/fd/(?P<fd>\d+)$|^/proc/self/fd/(?P<pfd>\d+)$")


class OutputError(Exception):
    """An output path that cannot or must not be written; the message names the path and why."""


@dataclass(frozen=True)
class Target:
    """Where an output goes. `kind` is "descriptor" (standard output or another open descriptor,
    `fd`), "stream" (a device or FIFO, opened and written in place) or "file" (a regular file or a
    new path, written atomically at `path`, symbolic links already followed)."""

    kind: str
    path: Path
    fd: int = -1


def resolve_target(path: str | os.PathLike[str], *, create_folder: bool = False) -> Target:
    """Decide how `path` is written, without writing. Raises OutputError when it must not be: a
    folder, a socket, a symbolic-link loop, or (unless `create_folder`) a file in a folder that does
    not exist. Called before the work starts, so a bad `-o` costs nothing."""
    name = os.fspath(path)
    if name == "-":
        return Target("descriptor", Path(name), 1)
    named = _DESCRIPTOR.match(name)
    if named:
        fd = {"stdout": 1, "stderr": 2}.get(named["std"] or "", -1)
        return Target("descriptor", Path(name), fd if fd >= 0 else int(named["fd"] or named["pfd"]))
    target = Path(name)
    try:
        info = os.stat(target)  # follows symbolic links
    except FileNotFoundError:
        info = None
    except OSError as error:  # ELOOP, ENAMETOOLONG, EACCES on a folder on the way …
        raise OutputError(f"{name}: cannot be written ({error.strerror or error})") from error
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{name} is a folder; give a file name")
        if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            return Target("stream", target)
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"{name} is neither a file, a device nor a pipe; give a file name")
        if not os.access(target, os.W_OK):
            raise OutputError(f"{name} is read-only")  # renaming over it would ignore that
    real = Path(os.path.realpath(target))  # a symbolic link, dangling or not, is written through
    folder = real.parent
    if not folder.is_dir():
        if not create_folder:
            shown = (f"{folder} (where {name} points)" if target.is_symlink()
                     else os.fspath(target.parent))
            raise OutputError(f"the folder {shown} does not exist; create it first")
        if folder.exists():
            raise OutputError(f"{folder} is not a folder")
    elif not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"the folder {folder} is not writable")
    return Target("file", real)


def write_atomic(path: str | os.PathLike[str], data: str, *, create_folder: bool = True) -> int:
    """Write `data` (UTF-8, Unix newlines) to `path` and return the number of bytes written.

    `create_folder` creates missing folders (an output folder such as `batch -o OUT`); a single
    `-o` file passes False so a mistyped folder is an error rather than a new folder at the root of
    the file system."""
    return write_to(resolve_target(path, create_folder=create_folder), data)


def write_to(target: Target, data: str) -> int:
    payload = data.encode("utf-8")
    if target.kind == "descriptor":
        return _write_descriptor(target.fd, payload)
    if target.kind == "stream":
        with open(target.path, "wb") as handle:
            handle.write(payload)
        return len(payload)
    return _replace(target.path, payload)


def _write_descriptor(fd: int, payload: bytes) -> int:
    # Standard output and error go through Python's own streams, so they stay in order with what
    # was printed before (and a test runner that captures them sees the output).
    stream = {1: sys.stdout, 2: sys.stderr}.get(fd)
    if stream is not None:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            buffer.write(payload)
            buffer.flush()
        else:
            stream.write(payload.decode("utf-8"))
            stream.flush()
        return len(payload)
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view):]
    return len(payload)


def _replace(target: Path, payload: bytes) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        previous = os.stat(target).st_mode
    except FileNotFoundError:
        previous = None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        if previous is not None and stat.S_ISREG(previous):
            mode = stat.S_IMODE(previous)  # a report rewritten keeps the permissions it had
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask  # mkstemp makes 0600; a report is an ordinary file
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # Last look before the rename: if the path became anything but a regular file meanwhile
        # (a device, a folder, a link), leave it alone.
        try:
            now = os.lstat(target).st_mode
        except FileNotFoundError:
            now = None
        if now is not None and not stat.S_ISREG(now):
            raise OutputError(f"{target} changed into something that is not a file; not replaced")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(payload)


def describe_size(size: int) -> str:
    """228 KB, 3.4 MB, 812 bytes: how a confirmation names what was written."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@contextmanager
def standard_streams_kept() -> Iterator[None]:
    """Put `sys.stdout`, `sys.stderr` and `sys.stdin` back as they were when the block ends.

    Some libraries swap them and do not always restore them (OCRmyPDF's progress display leaves
    `sys.stderr` pointing at a StringIO), after which every error message vanishes and a run ends
    with exit 3 and no word. Whatever a library does inside the block, the user's streams survive it.
    """
    saved = sys.stdin, sys.stdout, sys.stderr
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
