"""Map a character offset inside an answer back to a line and column in its file.

An answer's text is not always a plain slice of the file (a YAML `|` block
drops the indentation), so each piece of text carries the file position of
the start of each of its lines.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple


class SourceMap(namedtuple("SourceMap", "offsets positions")):
    """Line starts of a text: `offsets` in the text, and the 1-based (line, column) in the file of
    each (`positions`). A named tuple, like Problem (see poa/errors.py)."""

    __slots__ = ()

    @classmethod
    def lines_from(cls, text: str, first_line: int, columns: list[int] | int) -> "SourceMap":
        """Text whose line i sits at file line first_line + i, starting at the given column(s)."""
        offsets = [0]
        for index, char in enumerate(text):
            if char == "\n":
                offsets.append(index + 1)
        if isinstance(columns, int):
            cols = [columns] * len(offsets)
        else:
            cols = list(columns) + [columns[-1] if columns else 1] * (len(offsets) - len(columns))
        return cls(tuple(offsets), tuple((first_line + i, cols[i]) for i in range(len(offsets))))

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) in the file of the character at `offset` in the text."""
        index = max(0, bisect_right(self.offsets, offset) - 1)
        line, column = self.positions[index]
        return line, column + (offset - self.offsets[index])
