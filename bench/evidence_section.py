"""Section 5 of `make bench`: `poa evidence` reading a 100,000-row Valid Tracking Rate report.

The report is made by tests/report_maker.py (messy: BOM, Windows line endings,
mixed date formats, buyer columns) into the bench's temporary folder. Goal: under 2 s.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from table import Row, ms

ROWS = 100_000
GOAL_S = 2.0


def rows(quick: bool, work: Path) -> tuple[list[Row], dict]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from report_maker import make

    from poa.evidence.summary import read_reports

    size = 5_000 if quick else ROWS
    report = work / "vtr-report.tsv"
    report.write_bytes(make("vtr", packages=size, affected=size // 10, messy=True).text.encode("utf-8"))
    read_reports([report], marketplace="amazon.com")  # warm: data files, rubric
    times = []
    for _ in range(1 if quick else 5):
        t0 = time.perf_counter()
        evidence = read_reports([report], marketplace="amazon.com")
        times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    verdict = "met" if median < GOAL_S else "NOT met"
    return ([Row("5", f"poa evidence, {size:,}-row messy VTR report ({len(times)} runs)",
                 f"{ms(median)} ({evidence.rows:,} rows)", f"< {GOAL_S:g} s median", verdict)],
            {"rows": size, "median_s": median})
