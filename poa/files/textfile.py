"""Read a user's file as text, refusing what is not a small UTF-8 text file.

Answers files and letters are a few kilobytes; the limit protects the
checker (and a consultant's batch run) from a wrong file such as a video or
a database dump, and the error says what the limit is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from poa.errors import InputError, Problem

MAX_BYTES = 2 * 1024 * 1024
"""Largest file poa reads: 2 MiB, far above any real letter (a 1 MB letter still loads)."""


def read_text(path: Path) -> str:
    """Return the file's text, or raise InputError with a one-line reason.

    Only regular files are read: a named pipe or a device given as a file
    (by mistake, or planted in a client's folder) would make poa wait
    forever. The file is opened once without blocking, checked through the
    open handle (so it cannot be swapped between the check and the read),
    and read up to the limit only.
    """
    name = str(path)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(Problem(name, f"is a link to {os.readlink(path)}, which does not exist")) from None
        raise InputError(Problem(name, "no such file")) from None
    except IsADirectoryError:
        raise InputError(Problem(name, "is a folder, expected a file")) from None
    except OSError as err:
        raise InputError(Problem(name, f"cannot read the file ({_reason(err)})")) from None
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(Problem(name, "is a folder, expected a file"))
        if not stat.S_ISREG(mode):
            raise InputError(Problem(name, f"is {kind_of(mode)}, not a regular file; poa reads "
                                           "only ordinary files"))
        with os.fdopen(handle, "rb", closefd=False) as stream:
            raw = stream.read(MAX_BYTES + 1)
        size = max(len(raw), os.fstat(handle).st_size)
    except OSError as err:
        raise InputError(Problem(name, f"cannot read the file ({_reason(err)})")) from None
    finally:
        os.close(handle)
    if size > MAX_BYTES:
        raise InputError(
            Problem(name, f"the file is {size / 1024 / 1024:.1f} MB; poa reads files up to "
                          f"{MAX_BYTES // 1024 // 1024} MB (answers files and letters are small)")
        )
    return decode(raw, name)


def _reason(err: OSError) -> str:
    return (err.strerror or type(err).__name__).lower()




def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (a leading BOM is dropped), locating the first bad byte."""
    if b"\x00" in raw:
        line, col = _position(raw, raw.index(b"\x00"))
        raise InputError(Problem(name, "this is not a text file (it contains NUL bytes); "
                                       "expected a UTF-8 text file", line, col))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _position(raw, err.start)
        raise InputError(Problem(name, f"not valid UTF-8 (byte 0x{raw[err.start]:02x}); "
                                       "save the file as UTF-8 text", line, col)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def kind_of(mode: int) -> str:
    """What a file that is not an ordinary one is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a link"
    return "a special file"
