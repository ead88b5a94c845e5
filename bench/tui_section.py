"""Section 4 of the bench: the drafting screen (Textual).

The measuring is in `bench/tui_bench.py`, whose `rows(quick)` gives
(measure, result, goal, verdict) per row: keystroke-to-findings latency on a
1,000-word draft, and time to the first screen beside a bare Textual app with
the same widgets. When `poa.tui` cannot be imported (an install without
Textual), one row says the TUI is not available and the rest of the bench
runs as usual.
"""

from __future__ import annotations

import importlib

from table import Row


def rows(quick: bool) -> list[Row]:
    try:
        importlib.import_module("poa.tui")
    except ImportError as err:
        return [Row("4", "TUI: first screen; keystroke-to-findings", "TUI not available",
                    "<=0.3 s over bare Textual; <=50 ms", f"skipped ({err.__class__.__name__}: "
                    f"{err})")]
    try:
        tui_bench = importlib.import_module("tui_bench")
    except ImportError as err:
        return [Row("4", "TUI: first screen; keystroke-to-findings",
                    "poa.tui found, but bench/tui_bench.py is missing", "", f"skipped ({err})")]
    return [Row("4", *row) for row in tui_bench.rows(quick)]
