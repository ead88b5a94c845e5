"""Read a user's file as text, refusing what is not a small UTF-8 text file.

Answers files and letters are a few kilobytes; the limit protects the
checker (and a consultant's batch run) from a wrong file such as a video or
a database dump, and the error says what the limit is.
"""

from __future__ import annotations

from pathlib import Path

from poa.errors import InputError, Problem

MAX_BYTES = 2 * 1024 * 1024
"""Largest file poa reads: 2 MiB, far above any real letter (a 1 MB letter still loads)."""


def read_text(path: Path) -> str:
    """Return the file's text, or raise InputError with a one-line reason."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(Problem(name, "no such file")) from None
    except OSError as err:
        raise InputError(Problem(name, f"cannot read the file ({err.strerror})")) from None
    if path.is_dir():
        raise InputError(Problem(name, "is a folder, expected a file"))
    if size > MAX_BYTES:
        raise InputError(
            Problem(name, f"the file is {size / 1024 / 1024:.1f} MB; poa reads files up to "
                          f"{MAX_BYTES // 1024 // 1024} MB (answers files and letters are small)")
        )
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(Problem(name, f"cannot read the file ({err.strerror})")) from None
    return decode(raw, name)


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
