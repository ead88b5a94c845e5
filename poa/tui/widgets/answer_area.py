"""A multi-line answer editor that underlines the words the rubric flagged.

TextArea caches each rendered line, so new findings clear that cache. A
highlight is drawn only while the flagged words are still where the check
found them: typing after a check never underlines the wrong words.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import TextArea

_STYLES = {
    "error": Style(underline=True, color="red", bold=True),
    "warning": Style(underline=True, color="yellow"),
    "suggestion": Style(underline=True),
}


@dataclass(frozen=True)
class Mark:
    """Flagged words: offsets in the answer's text, the words themselves, and how bad."""

    start: int
    end: int
    text: str
    severity: str


class AnswerArea(TextArea):
    """TextArea for one answer field; `path` says which answer it edits (e.g. root_cause.what)."""

    DEFAULT_CSS = """
    AnswerArea { height: auto; min-height: 3; max-height: 14; }
    """

    def __init__(self, text: str = "", *, path: str, placeholder: str = "", **kwargs) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
                         placeholder=placeholder, **kwargs)
        self.path = path
        self.marks: list[Mark] = []

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        """The box's height in its first layout is that of its wrapped text.

        TextArea wraps its text only once it knows its width (its first resize), so
        its first layout gives one row per line of text and a second layout grows the
        box: another pass over the whole screen on a step's first visit, and a box
        that grows under the cursor. Before that first layout the text is wrapped here,
        at the width the layout offers, as the resize would wrap it a moment later
        (TextArea's `wrap_width`). A box taller than its maximum gets its scrollbar
        after that and is wrapped again, narrower, at the same (maximum) height.
        """
        if not self.soft_wrap:
            return super().get_content_height(container, viewport, width)
        if not self.size.width and width > 0:
            wrap = width - self.scrollbar_gutter.width - self.gutter_width - 1
            self.wrapped_document.wrap(max(0, wrap), self.indent_width)
            # and the scrollable size to match, quietly: setting it lays the screen out again
            self.set_reactive(Widget.virtual_size, Size(0, self.wrapped_document.height))
        return self.wrapped_document.height

    def set_marks(self, marks: list[Mark]) -> None:
        """Show these findings' words (replacing the previous ones)."""
        if marks == self.marks:
            return
        self.marks = marks
        self._line_cache.clear()
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        if not self.marks:
            return line
        document = self.document
        line_start = document.get_index_from_location((line_index, 0))
        line_end = line_start + len(line.plain)
        for mark in self.marks:
            if mark.end <= line_start or mark.start >= line_end:
                continue
            if self._words_at(mark) != mark.text:
                continue  # the words moved since the check; the next check redraws them
            line.stylize(_STYLES.get(mark.severity, _STYLES["suggestion"]),
                         max(mark.start, line_start) - line_start, min(mark.end, line_end) - line_start)
        return line

    def _words_at(self, mark: Mark) -> str:
        document = self.document
        try:
            return document.get_text_range(document.get_location_from_index(mark.start),
                                           document.get_location_from_index(mark.end))
        except (IndexError, ValueError):
            return ""

    def select_offsets(self, start: int, end: int) -> None:
        """Put the cursor on these words (selected), scrolled into view."""
        from textual.widgets.text_area import Selection

        document = self.document
        self.selection = Selection(document.get_location_from_index(start),
                                   document.get_location_from_index(end))
        self.scroll_cursor_visible()
