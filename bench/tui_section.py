"""Section 4 of the bench: the drafting screen (Textual).

The TUI is built on another branch. This section only wires it in: when
`poa.tui` cannot be imported, it prints one row saying the TUI is not
available and the rest of the bench runs as usual. When `poa.tui` exists,
it expects `bench/tui_bench.py` beside this file, exposing

    rows(quick: bool) -> list[tuple[str, str, str, str]]
        # (measure, result, goal, verdict) per row, e.g.
        # ("first screen, poa vs bare Textual app", "0.41 s vs 0.22 s", "within 0.3 s", "met")

measuring (a) time to first screen next to a bare Textual app with the same
widgets and (b) keystroke-to-findings latency on a 1,000-word draft.
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
