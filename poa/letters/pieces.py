"""Letters and answers cut into pieces of bounded length, at sentence ends where there are some.

The rubric runs on such pieces (poa/rubric/bounded.py says why), and so does
the reading of Amazon's reply, so that no pattern's time grows with the
square of a text.
"""

from __future__ import annotations

MAX_PIECE = 1000
"""Longest text, in characters, a rule's patterns run on at once."""

_SENTENCE_ENDS = (". ", "! ", "? ", ".\n", "!\n", "?\n", "\n")


def cut(text: str, limit: int = MAX_PIECE) -> list[tuple[int, str]]:
    """`text` in consecutive pieces of at most `limit` characters, each with its offset."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        low = start + limit // 2
        at = max(text.rfind(mark, low, end) for mark in _SENTENCE_ENDS)
        if at >= low:
            at += 1  # keep the full stop with its sentence
        else:
            at = text.rfind(" ", low, end)
            if at < low:
                at = end
        pieces.append((start, text[start:at]))
        start = at
    pieces.append((start, text[start:]))
    return pieces
