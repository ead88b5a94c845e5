"""Replace a file so that a crash leaves the old content or the new, never a mix.

One writer for every file poa saves: answers files and their backups, exports,
the recovery journal and the recent-drafts list. The data goes to a temporary
file in the same folder (named .FILE.PID.XXXX.tmp, readable by the owner only),
is flushed and synced, then renamed over the target, and the folder is synced.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from poa.errors import ConflictError


def read_existing(path: Path) -> bytes | None:
    """The file's bytes, or None when there is no file."""
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except FileNotFoundError:
        return None


def replace_file(target: Path, data: bytes, verify: bool = False, before: bytes | None = None) -> None:
    """Write `data` to a synced temporary file (0600), then rename it over `target`.

    With `verify`, the target is read once more just before the rename: if it
    no longer holds `before` (None: no file), someone saved it meanwhile and
    nothing is replaced (ConflictError).
    """
    folder = target.parent if str(target.parent) else Path(".")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if verify and read_existing(target) != before:
            raise ConflictError(target, "while poa was saving it")
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: some systems cannot sync a folder)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
