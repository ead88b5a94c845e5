"""Text from a user's file, made safe to show on a terminal as one line.

An error message or a quoted finding repeats words from the file being
checked. A consultant checks files from many clients, so a file must not be
able to send escape sequences to the terminal (rewrite the screen, set the
window title, hide text), break the one-line-per-problem promise with a line
break, or reorder what is shown with right-to-left overrides. Such characters
are shown as visible escapes instead (\\x1b, \\n, \\u202e); ordinary text,
accents and right-to-left scripts are shown as typed.
"""

from __future__ import annotations

import unicodedata

_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _unsafe(char: str) -> bool:
    if char in _BIDI_CONTROLS or char in "\u2028\u2029":
        return True
    return unicodedata.category(char) == "Cc"


def one_line(text: str) -> str:
    """`text` with line breaks, control and bidi-override characters shown as escapes."""
    return _escaped(text, keep="")


def _escaped(text: str, keep: str) -> str:
    if text.isprintable():
        return text
    out = []
    for char in text:
        if _unsafe(char) and char not in keep:
            code = ord(char)
            if char == "\n":
                out.append("\\n")
            elif char == "\t":
                out.append("\\t")
            elif code < 0x100:
                out.append(f"\\x{code:02x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def visible(text: str) -> str:
    """Like one_line, for output of several lines: line breaks and tabs are kept as they are."""
    return _escaped(text, keep="\n\t")


def without_controls(text: str) -> str:
    """`text` without control characters other than line breaks and tabs (nothing to paste)."""
    if text.isprintable():
        return text
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
