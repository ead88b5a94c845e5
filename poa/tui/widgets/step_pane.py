"""The tab pane of one step: only the screen decides which step is shown.

Textual's TabbedContent shows the tab of any widget that gets the focus. The
drafting screen builds steps ahead, hidden, while the seller reads (and once
did so on a first visit, with focus events still queued); a focus event from a
hidden step, or one handled late after the seller had moved on, would then pull
the seller to another step. A StepPane keeps that message to itself: the screen
shows a step (DraftScreen.goto_step) and only then moves the cursor into it.
"""

from __future__ import annotations

from textual import on
from textual.widgets import TabPane


class StepPane(TabPane):
    """A TabPane whose focused widgets never switch the tab."""

    @on(TabPane.Focused)
    def _keep_the_step_shown(self, event: TabPane.Focused) -> None:
        event.stop()
