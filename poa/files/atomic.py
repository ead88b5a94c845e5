"""Replace a file so that a crash leaves the old content or the new, never a mix.

One writer for every file poa saves: answers files and their backups, exports,
the recovery journal and the recent-drafts list. The data goes to a temporary
file in the same folder (named .FILE.PID.XXXX.tmp, readable by the owner only),
is flushed and synced, then renamed over the target, and the folder is synced.

Only ordinary files are read or replaced: a named pipe, a device or a socket
at the path is refused, never opened in a way that could block, and left
untouched (`poa render -o /dev/null` must not replace the system's device).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from poa.errors import ConflictError, InputError, Problem
from poa.files.textfile import kind_of

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | \
    getattr(os, "O_CLOEXEC", 0)


def not_regular(path: Path, mode: int, what: str = "") -> InputError:
    """The one-line refusal for a path that is not an ordinary file."""
    return InputError(Problem(str(path), f"is {kind_of(mode)}, not a regular file; poa "
                                         f"{what or 'reads and writes only ordinary files'} "
                                         "(nothing was written)"))


def status(path: Path) -> os.stat_result | None:
    """lstat of `path`, or None when there is nothing there."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def read_existing(path: Path) -> bytes | None:
    """The file's bytes, or None when there is no file; InputError if it is not an ordinary file.

    Opened without blocking and without following a link, then checked through
    the open handle, so a pipe swapped in cannot make poa wait.
    """
    try:
        handle = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as err:
        mode = status(path)
        if mode is not None and not stat.S_ISREG(mode.st_mode):
            raise not_regular(path, mode.st_mode) from None
        raise err
    try:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            raise not_regular(path, mode)
        chunks = []
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def replace_file(target: Path, data: bytes, verify: bool = False, before: bytes | None = None,
                 like: os.stat_result | None = None) -> None:
    """Write `data` to a synced temporary file (0600), then rename it over `target`.

    With `verify`, the target is read once more just before the rename: if it
    no longer holds `before` (None: no file), someone saved it meanwhile and
    nothing is replaced (ConflictError).

    `like` is the status of the file being replaced: when it belongs to another
    user (root saving a client's file), the new file keeps its owner, group and
    mode instead of becoming root's.
    """
    folder = target.parent if str(target.parent) else Path(".")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o600)
        if like is not None and like.st_uid != os.geteuid():
            try:
                os.fchown(handle, like.st_uid, like.st_gid)
                os.fchmod(handle, stat.S_IMODE(like.st_mode) & 0o777)
            except PermissionError:
                pass  # not root: the file becomes the saver's, private
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
