"""poa's cache folder: compiled rubrics kept between runs, as data that is checked, never run.

Nothing in it is needed: every file is rebuilt when it is missing, stale,
unreadable or damaged, and poa works (more slowly) when the folder cannot be
used. The folder is $POA_CACHE_DIR when set (set it empty to keep no cache),
else the platform's user cache folder: $XDG_CACHE_HOME/poa or ~/.cache/poa on
Linux, ~/Library/Caches/poa on macOS, %LOCALAPPDATA%\\poa\\Cache on Windows.

The folder is created 0700 and used only when it is a real folder owned by
the user running poa and writable by no one else: a cache shared with other
users (a common POA_CACHE_DIR) is not read, since whoever can write it could
change what poa finds. A cache file is JSON behind a checksum line, read
through one non-blocking handle only when it is a regular file of bounded
size owned by that user (a pipe, a device, a link or a folder in its place
is no cache), and written atomically, readable by the owner only. Nothing in
it is code: no serialized Python objects, no compiled regular expressions (rubric patterns run
on RE2, which compiles in microseconds), no compiled templates.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import zlib
from pathlib import Path

CACHE_ENV = "POA_CACHE_DIR"
MAX_CACHE_FILE = 8 * 1024 * 1024
"""A cache file larger than this is damaged (a compiled rubric file is some 100 KB)."""


def cache_dir() -> Path | None:
    """Where poa's cache would be, or None when there is none ($POA_CACHE_DIR set empty)."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return Path(value).expanduser() if value else None
    try:
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "poa"
        if os.name == "nt":
            base = os.environ.get("LOCALAPPDATA")
            return Path(base) / "poa" / "Cache" if base else None
        base = os.environ.get("XDG_CACHE_HOME")
        return (Path(base) if base and os.path.isabs(base) else Path.home() / ".cache") / "poa"
    except (RuntimeError, OSError):  # no home folder
        return None


def _mine(info: os.stat_result) -> bool:
    """Owned by the user running poa (on systems that have owners)."""
    getuid = getattr(os, "geteuid", None)
    return getuid is None or info.st_uid == getuid()


def usable_dir(create: bool = False) -> Path | None:
    """The cache folder when poa may trust it: a folder owned by this user and writable by no
    one else; created 0700 when `create` and missing. None otherwise."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        if create and not os.path.lexists(folder):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder)  # a link is followed: the folder it leads to must be ours
    except (OSError, ValueError):
        return None
    if not stat.S_ISDIR(info.st_mode) or not _mine(info):
        return None
    if os.name != "nt" and info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return folder


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes when it is a regular file of this user's, of bounded size; never blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or not _mine(info) or info.st_size > MAX_CACHE_FILE:
            return None
        chunks, size = [], 0
        while True:
            chunk = os.read(handle, 1 << 16)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_CACHE_FILE:
                return None
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(handle)


def pack(data: object) -> bytes:
    """A cache file's bytes: the CRC-32 of the JSON on the first line, then the JSON."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"%08x\n" % zlib.crc32(body) + body


def unpack(raw: bytes) -> object | None:
    """The data of a cache file's bytes, or None when they are not intact (truncated, edited)."""
    header, newline, body = raw.partition(b"\n")
    try:
        if not newline or header != b"%08x" % zlib.crc32(body):
            return None
        return json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        return None


def read_json(name: str) -> object | None:
    """The data of a cache file, or None when there is none or it is not intact."""
    folder = usable_dir()
    if folder is None:
        return None
    raw = _read_bytes(folder / name)
    return None if raw is None else unpack(raw)


def write_json(name: str, data: object) -> None:
    """Replace a cache file atomically; a cache that cannot be written is silently no cache."""
    folder = usable_dir(create=True)
    if folder is None:
        return
    try:
        import tempfile

        raw = pack(data)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(raw)
            os.replace(temp, folder / name)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
    except (OSError, TypeError, ValueError, RecursionError):
        pass
