"""poa's cache folder: compiled rubrics, kept between runs.

Nothing in it is needed: every file is rebuilt when it is missing, stale,
unreadable or damaged, and poa works (more slowly) when the folder cannot be
written. The folder is $POA_CACHE_DIR when set (set it empty to keep no
cache), else the platform's user cache folder: $XDG_CACHE_HOME/poa or
~/.cache/poa on Linux, ~/Library/Caches/poa on macOS, %LOCALAPPDATA%\\poa\\Cache
on Windows. Files are replaced atomically and are readable by the owner only.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

CACHE_ENV = "POA_CACHE_DIR"


def cache_dir() -> Path | None:
    """The folder of poa's cache, or None when there is none ($POA_CACHE_DIR set empty)."""
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


def read_json(name: str) -> object | None:
    """The data of a cache file, or None when there is none or it cannot be read."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(name: str, data: object) -> None:
    """Replace a cache file atomically; a cache that cannot be written is silently no cache."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        import tempfile

        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temp, folder / name)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
    except (OSError, TypeError, ValueError):
        pass
