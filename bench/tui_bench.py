"""Benchmark of the drafting screen (a report, not a test): run  .venv/bin/python bench/tui_bench.py

1. Keystroke to findings: on a draft of about 1,000 words, a key is typed in the
   root cause; the script reports the time from the key to the findings shown
   (debounce included), and the time from the end of the debounce to the
   findings shown (the rubric run plus the panel, marks and tab updates).
   Target: under 50 ms after the debounce.
2. Time to the first screen: a fresh Python process starts the app headless on
   the draft and exits once the first screen is shown; the same for a bare
   Textual app showing the same widgets (tabs, text areas, inputs, option
   lists, footer) with none of poa. Target: poa within 0.3 s of the bare app.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCE = ("Between 20 October and 9 November 2026 my supplier sent 27 tracking numbers by e-mail "
            "and I typed each one by hand into Manage Orders after confirming shipment. ")


def make_draft(folder: Path, words: int = 1000) -> Path:
    """The bundled example, its root cause padded to about `words` words in the whole draft."""
    from poa.answers_file import load_answers, save_answers
    from poa.draft import draft_from_answers

    loaded = load_answers(ROOT / "examples" / "valid-tracking-rate.yaml")
    answers = loaded.answers
    have = sum(len(p.text.split()) for p in draft_from_answers(answers).pieces)
    extra = max(0, words - have)
    per = len(SENTENCE.split())
    answers.root_cause[0].what += "\n" + SENTENCE * (extra // per + 1)
    path = folder / "bench.yaml"
    save_answers(answers, path)
    return path


async def keystroke_to_findings(path: Path, folder: Path, rounds: int = 15) -> dict[str, list[float]]:
    from poa.draft import draft_from_answers
    from poa.tui.app import build_app
    from poa.tui.screens.draft import DraftScreen

    delay = 0.3
    app = build_app(path, data_dir=folder / "data", cwd=folder, clock=dt.datetime.now,
                    check_delay=delay, save_delay=1.0)
    total, after = [], []
    async with app.run_test(size=(100, 30)) as pilot:
        while not isinstance(app.screen, DraftScreen):
            await pilot.pause(0.05)
        screen = app.screen
        await pilot.pause(0.2)
        screen.goto_step("root_cause")
        await pilot.pause(0.5)
        words = sum(len(p.text.split()) for p in draft_from_answers(screen.session.answers).pieces)
        for _ in range(rounds):
            before = screen.checks
            start = time.perf_counter()
            app.simulate_key("x")
            while screen.checks == before:
                await asyncio.sleep(0.001)
            total.append((time.perf_counter() - start) * 1000)
            after.append(screen.last_check_ms)
            await pilot.pause(0.05)
        app.simulate_key("ctrl+q")
        for _ in range(300):
            if app.return_code is not None:
                break
            await asyncio.sleep(0.01)
    return {"words": [words], "total": total, "after_debounce": after, "debounce": [delay * 1000]}


POA_CHILD = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from poa.tui.app import build_app
from poa.tui.screens.draft import DraftScreen
app = build_app(Path(sys.argv[1]), data_dir=Path(sys.argv[2]), cwd=Path(sys.argv[2]))
mounted = DraftScreen.on_mount
async def on_mount(self):
    await mounted(self)
    self.call_after_refresh(done)
def done():
    print(time.perf_counter() - start)
    app.exit()
DraftScreen.on_mount = on_mount
app.run(headless=True, size=(100, 30))
"""

BARE_CHILD = """
import sys, time
start = time.perf_counter()
from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (Footer, Input, Markdown, OptionList, Select, Static, TabbedContent,
                             TabPane, TextArea)
class Bare(App):
    def compose(self):
        yield Static("title")
        with TabbedContent(initial="review"):
            with TabPane("Context", id="context"):
                with VerticalScroll():
                    for n in range(8):
                        yield Input(compact=True)
                    yield Select([("Yes", True), ("No", False)], compact=True)
                    yield TextArea()
            for name in ("a", "b", "c"):
                with TabPane(name, id=name):
                    with Horizontal():
                        with Vertical():
                            yield OptionList("1", "2")
                            with VerticalScroll():
                                for n in range(4):
                                    yield Static("label")
                                    yield TextArea("text " * 50, soft_wrap=True)
                        yield OptionList("finding")
            with TabPane("Review", id="review"):
                with Horizontal():
                    yield OptionList()
                    with VerticalScroll():
                        yield Markdown(open(sys.argv[1]).read())
        yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        print(time.perf_counter() - start)
        self.exit()
Bare().run(headless=True, size=(100, 30))
"""


def first_screen(code: str, args: list[str], runs: int = 5) -> list[float]:
    """Wall time from process start to the first screen shown (interpreter start included)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        wall = time.perf_counter() - start
        inside = float(out.stdout.strip().splitlines()[-1])
        times.append((wall, inside))
    return times


def measure(quick: bool = False) -> dict:
    """Keystroke-to-findings times (ms) and first-screen times (s) of poa and of the bare app."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["POA_DATA_DIR"] = str(folder / "data")
        path = make_draft(folder)
        keys = asyncio.run(keystroke_to_findings(path, folder, rounds=2 if quick else 15))
        from poa.answers_file import load_answers
        from poa.render import render_markdown
        from poa.rubric.loader import load_rubric

        answers = load_answers(path).answers
        letter = folder / "letter.md"
        letter.write_text(render_markdown(answers, load_rubric(answers.kind).kind), encoding="utf-8")
        runs = 1 if quick else 5
        poa = first_screen(POA_CHILD, [str(path), str(folder / "data")], runs)
        bare = first_screen(BARE_CHILD, [str(letter)], runs)
    med = statistics.median
    return {"words": keys["words"][0], "debounce": keys["debounce"][0], "total": keys["total"],
            "after": keys["after_debounce"], "poa_wall": med(t[0] for t in poa),
            "bare_wall": med(t[0] for t in bare), "poa_in": med(t[1] for t in poa),
            "bare_in": med(t[1] for t in bare)}


def rows(quick: bool) -> list[tuple[str, str, str, str]]:
    """Section 4 of bench/run.py: (measure, result, goal, verdict) for each row."""
    got = measure(quick)
    after = statistics.median(got["after"])
    gap = got["poa_wall"] - got["bare_wall"]
    judge = lambda met: "met" if met else "NOT met"  # noqa: E731 - run.py leaves quick runs unjudged
    return [
        (f"TUI: debounce end -> findings shown, {got['words']:,} words",
         f"{after:.1f} ms median (max {max(got['after']):.1f})", "< 50 ms", judge(after < 50)),
        ("TUI: first screen, poa vs bare Textual app",
         f"{got['poa_wall']:.2f} s vs {got['bare_wall']:.2f} s ({gap:+.2f} s)", "within 0.3 s",
         judge(gap < 0.3)),
    ]


def main() -> int:
    got = measure()
    med = statistics.median
    print(f"draft: {got['words']} words; debounce {got['debounce']:.0f} ms")
    print(f"keystroke -> findings shown:   median {med(got['total']):6.1f} ms  "
          f"(max {max(got['total']):.1f})")
    after = got["after"]
    print(f"debounce end -> findings shown: median {med(after):6.1f} ms  (max {max(after):.1f})  "
          f"target < 50 ms: {'OK' if med(after) < 50 else 'MISSED'}")
    poa_wall, bare_wall = got["poa_wall"], got["bare_wall"]
    print(f"first screen, poa:      median {poa_wall:.3f} s wall ({got['poa_in']:.3f} s after interpreter start)")
    print(f"first screen, bare app: median {bare_wall:.3f} s wall ({got['bare_in']:.3f} s after interpreter start)")
    print(f"difference:             {poa_wall - bare_wall:+.3f} s  target < 0.3 s: "
          f"{'OK' if poa_wall - bare_wall < 0.3 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
