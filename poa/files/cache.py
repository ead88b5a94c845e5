"""poa's cache folder: compiled rubrics and compiled regular expressions, kept between runs.

Nothing in it is needed: every file is rebuilt when it is missing, stale,
unreadable or damaged, and poa works (more slowly) when the folder cannot be
written. The folder is $POA_CACHE_DIR when set (set it empty to keep no
cache), else the platform's user cache folder: $XDG_CACHE_HOME/poa or
~/.cache/poa on Linux, ~/Library/Caches/poa on macOS, %LOCALAPPDATA%\\poa\\Cache
on Windows. Files are replaced atomically and are readable by the owner only.

Compiled regular expressions: Python compiles a regular expression with a
compiler written in Python, which costs a one-letter `poa check` more than
the checking does (the letter's headings and each rule's alternation, some
20 ms at every start). `compile_regex` keeps the compiler's output, the code
that the `_sre` engine runs, and hands it back to `_sre` on the next run. The
code belongs to the Python version: the file is named after it and `_sre`'s
MAGIC number, `_sre` checks the code it is given, and anything unexpected
falls back to `re.compile`.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

CACHE_ENV = "POA_CACHE_DIR"
MAX_REGEXES = 2000
"""Past this many kept expressions the file starts again (a long drafting session makes many)."""


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


# --- compiled regular expressions ------------------------------------------------------------


class _Regexes:
    """The kept code of compiled expressions: "flags:pattern" -> [flags, code, groups, groupindex,
    indexgroup], the code as the hex of its 4-byte words: reading the file then parses one string
    per expression, not hundreds of numbers (a file of 134 expressions: 1.5 ms instead of 8.6 ms),
    and only the expressions used are decoded."""

    def __init__(self) -> None:
        self.entries: dict[str, list] | None = None
        self.added = 0
        self.registered = False
        self.name = ""

    def load(self) -> dict[str, list]:
        if self.entries is None:
            import _sre

            self.name = f"regex-v2-py{sys.version_info[0]}.{sys.version_info[1]}-{_sre.MAGIC}.json"
            data = read_json(self.name)
            self.entries = data if isinstance(data, dict) and len(data) <= MAX_REGEXES else {}
        return self.entries

    def save(self) -> None:
        if self.added and self.entries is not None:
            write_json(self.name, self.entries)
            self.added = 0


_REGEXES = _Regexes()


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the code kept by an earlier run when there is some."""
    flags = int(flags)
    try:
        import _sre

        if _sre.CODESIZE != 4:  # the kept code is in 4-byte words
            return re.compile(pattern, flags)
        entries = _REGEXES.load()
        key = f"{flags}:{pattern}"
        entry = entries.get(key)
        if entry is not None:
            try:
                final, code, groups, groupindex, indexgroup = entry
                code = memoryview(bytes.fromhex(code)).cast("I").tolist()
                return _sre.compile(pattern, final, code, groups, groupindex, tuple(indexgroup))
            except Exception:  # noqa: BLE001 - damaged entry: compile it again
                pass
        from re import _compiler, _parser  # what re.compile does, keeping the code

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        final = flags | parsed.state.flags
        compiled = _sre.compile(pattern, final, code, parsed.state.groups - 1, groupindex,
                                tuple(indexgroup))
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - another Python's internals: the plain way
        return re.compile(pattern, flags)
    if len(entries) >= MAX_REGEXES:
        entries.clear()
    from array import array

    entries[key] = [final, array("I", code).tobytes().hex(), parsed.state.groups - 1, groupindex,
                    indexgroup]
    if not _REGEXES.registered:
        import atexit

        atexit.register(_REGEXES.save)
        _REGEXES.registered = True
    _REGEXES.added += 1
    return compiled
