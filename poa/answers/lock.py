"""One writer at a time for an answers file: a read-modify-write holds its lock.

Two `poa submitted` runs, or a run and the drafting screen, reading the same
file and each saving its own change would lose one of them. Every change that
reads the file, changes it and writes it back holds the lock (filelock, an OS
lock that a killed process releases) from the read to the rename. The lock
file sits beside the answers file, hidden: `.FILE.lock`, so every poa
writing that file sees it, whichever user or data folder it runs with; it is
created readable by its owner only, never followed through a link, and may
stay behind (it holds nothing). A second writer waits a few seconds, then
refuses with one line; it never says it saved what it did not.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from poa.errors import InputError, Problem

WAIT_SECONDS = 10.0
"""How long a second writer waits for the first (POA_LOCK_SECONDS changes it)."""


def lock_path(path: Path) -> Path:
    """Where the lock of `path` lives: `.FILE.lock` in the same folder."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


def _wait() -> float:
    try:
        return max(0.0, float(os.environ.get("POA_LOCK_SECONDS", WAIT_SECONDS)))
    except ValueError:
        return WAIT_SECONDS


@contextlib.contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of `path` for the block; InputError when another writer keeps it too long."""
    from filelock import FileLock, Timeout

    seconds = _wait() if wait is None else wait
    lock = FileLock(str(lock_path(path)), timeout=seconds, mode=0o600, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise InputError(Problem(str(path), f"another poa is saving this file (still after "
                                            f"{seconds:g} s); nothing was changed, try again")) from None
    except OSError as err:
        if not Path(path).parent.is_dir():
            return_missing = Problem(str(path), f"cannot write the file: the folder "
                                                f"{Path(path).parent} does not exist")
            raise InputError(return_missing) from None
        reason = (err.strerror or type(err).__name__).lower()
        raise InputError(Problem(str(lock_path(path)), f"cannot take the lock for {Path(path).name} "
                                                       f"({reason}); nothing was changed")) from None
    try:
        yield
    finally:
        lock.release()
