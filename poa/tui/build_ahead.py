"""Steps built ahead, hidden, while the seller reads.

A step's widgets are built (mounted) the first time it is opened, which cost
a first visit 200 to 350 ms more than later ones. So once the seller has done
nothing for `delay` seconds (0.5: reading, thinking), the steps never opened
are built one by one in their hidden tab panes, the next steps first; a first
visit then only shows them. Any key, click or paste puts it off until the
seller is idle again: a step being built is finished (a mount cannot be
stopped half way), the next one waits. Building never moves the cursor or
the step shown (poa/tui/widgets/step_pane.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual.timer import Timer
from textual.widget import Widget

BUILD_AHEAD = 0.5
"""Seconds of no input after which the steps not opened yet are built (None: never)."""


class BuildAhead:
    """Builds `missing()` steps with `build(step)`, one at a time, while nothing happens."""

    def __init__(self, owner: Widget, delay: float | None, missing: Callable[[], list[str]],
                 build: Callable[[str], Awaitable[None]]) -> None:
        self.owner = owner
        self.delay = delay
        self.missing = missing
        self.build = build
        self._timer: Timer | None = None
        self._building = False
        self._built_one = asyncio.Event()
        self._built_one.set()
        self.built: list[str] = []
        """The steps built ahead so far, in order (tests read it)."""

    @property
    def building(self) -> bool:
        """Whether a step is being built ahead now."""
        return self._building

    def restart(self) -> None:
        """The seller did something: wait for `delay` seconds of quiet again."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.delay is not None and self.missing():
            self._timer = self.owner.set_timer(self.delay, self._build_next)

    def stop(self) -> None:
        """Build nothing more ahead (the step being built, if any, is finished)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.delay = None

    async def finish(self) -> None:
        """Stop, and wait for the step being built: before the app closes, which would
        take its widgets down half mounted."""
        self.stop()
        await self._built_one.wait()

    async def _build_next(self) -> None:
        self._timer = None
        missing = self.missing()
        if not missing or self.delay is None or self._building:
            return
        if not self.owner.is_current:  # a dialog is open: the seller is not reading the steps
            self.restart()
            return
        step = missing[0]
        self._building = True
        self._built_one.clear()
        try:
            await self.build(step)
        finally:
            self._building = False
            self._built_one.set()
        self._built_one = asyncio.Event()
        self._built_one.set()
        self.built.append(step)
        if self._timer is None and self.delay is not None and self.missing():
            # still quiet (input restarts the timer): the next one once this one is drawn
            self._timer = self.owner.set_timer(0.05, self._build_next)
