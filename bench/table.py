"""One row of the bench table, and the table itself (plain text, fixed columns)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    section: str
    """'1' in-process, '1b' rules, '2' whole process, '3' folder, '4' TUI."""
    measure: str
    result: str
    goal: str = ""
    verdict: str = ""
    """'met', 'NOT met', 'skipped', or '' when there is no goal."""


def format_table(rows: list[Row]) -> str:
    head = Row("#", "measure", "result", "goal", "verdict")
    cells = [[r.section, r.measure, r.result, r.goal, r.verdict] for r in [head, *rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(5)]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def ms(seconds: float) -> str:
    """A duration in milliseconds, with the digits that mean something."""
    value = seconds * 1000
    if value < 10:
        return f"{value:.2f} ms"
    if value < 100:
        return f"{value:.1f} ms"
    return f"{value:.0f} ms"
