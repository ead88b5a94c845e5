"""How long poa takes on the large inputs it promises to handle (docs/reliability.md, "Scale").

    .venv/bin/python bench/scale.py

Prints one line per input: a 1 MB letter checked (read, split, kind
inferred, every rule), and an answers file with 1,000 items loaded,
checked and rendered. The inputs are those of tests/reliability/test_scale.py,
which only checks that they work; the times are reported here, never asserted.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

from scale_inputs import big_letter, many_items  # noqa: E402

from poa.answers.file import load_answers, save_answers  # noqa: E402
from poa.letters.draft import draft_of  # noqa: E402
from poa.render.letter import render_markdown  # noqa: E402
from poa.render.plaintext import markdown_to_text  # noqa: E402
from poa.rubric.compiled import load_rubric  # noqa: E402
from poa.workflow.check import check_draft, check_file  # noqa: E402


def _best_of(runs: int, work) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(runs: int = 3) -> None:
    load_rubric("valid_tracking_rate")  # rubric loading is not what is measured
    with tempfile.TemporaryDirectory() as folder:
        letter = Path(folder) / "letter.txt"
        letter.write_text(big_letter(), encoding="utf-8")
        answers = Path(folder) / "appeal.yaml"
        save_answers(many_items(), answers)

        def items() -> None:
            loaded = load_answers(answers)
            rubric = load_rubric(loaded.answers.kind)
            check_draft(draft_of(loaded), rubric, str(answers))
            markdown_to_text(render_markdown(loaded.answers, rubric.kind))

        rows = [
            (f"1 MB letter ({letter.stat().st_size:,} bytes): check", _best_of(runs, lambda: check_file(letter))),
            (f"answers file with 1,000 items ({answers.stat().st_size:,} bytes): load, check, render",
             _best_of(runs, items)),
        ]
    width = max(len(name) for name, _ in rows)
    print(f"{'scale input'.ljust(width)}  best of {runs}")
    for name, seconds in rows:
        print(f"{name.ljust(width)}  {seconds:6.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
