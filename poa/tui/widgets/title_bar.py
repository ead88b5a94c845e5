"""The line on top: poa · the kind · the category · the file and when it was saved."""

from __future__ import annotations

import datetime as dt

from textual.content import Content
from textual.widgets import Static


def title_text(kind: str, category: str, file: str, state: str) -> Content:
    parts = [Content.from_markup("[b]poa[/b]"), Content(kind)]
    if category:
        parts.append(Content(category))
    parts.append(Content(file) + Content.from_markup(" [$text-muted]($state)[/]", state=state))
    return Content("  ·  ").join(parts)


def save_state(dirty: bool, saved_at: dt.datetime | None, on_disk: bool, problem: str = "") -> str:
    """'saved 14:02', 'not saved yet', 'changes not saved yet', or what stops saving."""
    if problem:
        return problem
    if dirty:
        return "saving soon" if on_disk or saved_at else "not saved yet"
    if saved_at:
        return f"saved {saved_at:%H:%M}"
    return "saved" if on_disk else "new, not saved yet"


class TitleBar(Static):
    """Docked at the top of the drafting screen."""

    DEFAULT_CSS = """
    TitleBar { dock: top; height: 1; padding: 0 1; background: $panel; text-wrap: nowrap;
               text-overflow: ellipsis; }
    """
