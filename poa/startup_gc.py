"""Python's cycle collector paused while poa starts (mypy raises its threshold for the same reason).

Starting the drafting screen builds ~180,000 objects (Textual, pydantic, the
rubric), nearly all of them kept for the whole session; the cycle collector
scans them again and again while they are made, which was a sixth of the time
to the first screen. So `poa` pauses the collector when it starts:

- a command (`poa check`, `poa render`, ...) runs to its end without it: the
  objects it makes hold no reference cycles, so reference counting frees them
  (`poa check` over 1,000 answers files peaks at the same 53 MB either way);
- the drafting screen, which runs for hours, resumes it once its first screen
  is shown, after `gc.freeze()`: what start-up built is then never scanned again,
  so no later full collection (~150 ms here) stalls a keystroke. The few start-up
  objects that were already garbage (~15,000, a few MB) are kept.

Each step the screen builds later (on its first visit) adds tens of thousands of
objects kept as long; `settle()` freezes again after each, or full collections
scanning them stalled later step changes by 0.1 to 0.4 s.

`pause()` does nothing when the collector is already off (a caller's choice),
and `resume()` nothing when `pause()` did not turn it off: tests that build the
app in-process keep their collector as it was.
"""

from __future__ import annotations

import gc

_paused = False
_frozen = False


def pause() -> None:
    """Turn the cycle collector off until `resume()`."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(*, freeze: bool = False) -> None:
    """Turn the collector back on if `pause()` turned it off; `freeze` first keeps every object
    made so far out of later collections (for a long-running process, after its start)."""
    global _paused, _frozen
    if not _paused:
        return
    _paused = False
    if freeze:
        gc.freeze()
        _frozen = True
    gc.enable()


def settle() -> None:
    """More long-lived objects were built after the start: keep them out of later collections
    too (only in a process whose start `resume(freeze=True)` froze, while what it froze is still
    frozen and the collector on: a caller that gave the objects back with `gc.unfreeze()`, or
    turned the collector off, keeps the collector as it set it, whatever steps are built later,
    ahead or on a visit)."""
    if _frozen and gc.isenabled() and gc.get_freeze_count():
        gc.freeze()
        first, *rest = gc.get_threshold()
        gc.set_threshold(max(first, YOUNG), *rest)


YOUNG = 5000
"""Objects made before a young collection (Python's default: 700). Drawing a step makes tens of
thousands of short-lived objects; at 700 that was a dozen collections per step change, and the
older generations were scanned the more often."""


def is_paused() -> bool:
    """Whether `pause()` has the collector off now (for tests and the bench)."""
    return _paused
