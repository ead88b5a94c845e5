"""Benchmark of the drafting screen (a report, not a test): run  .venv/bin/python bench/tui_bench.py

1. Keystroke to findings: on a draft of about 1,000 words, a key is typed in the
   root cause; the script reports the time from the key to the findings shown
   (debounce included), and the time from the end of the debounce to the
   findings shown (the rubric run plus the panel, marks and tab updates).
   Target: under 50 ms after the debounce.
2. Changing step: on the same draft, every step is opened in turn twice (Ctrl+N
   order, from the first screen); the script reports the wall and CPU time from
   the request to the new step shown (its handler done, the cursor in it, and
   the screen refreshed), for the first visit and for a later one.
3. Time to the first screen: a fresh Python process starts the app headless on
   the draft and exits once the first screen is shown (the draft is ready, so
   that is the review step with the letter); the same for a bare Textual app
   showing the same widgets (title, tabs, verdict, findings list, the letter as
   Markdown, footer) with none of poa. Runs alternate between the two. Target:
   poa within 0.3 s of the bare app.
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


async def step_switches(path: Path, folder: Path, rounds: int = 2) -> dict[str, list[float]]:
    from poa.tui.app import build_app
    from poa.tui.screens.draft import ALL_STEPS, DraftScreen

    app = build_app(path, data_dir=folder / "data", cwd=folder, clock=dt.datetime.now,
                    check_delay=0.3, save_delay=1.0)
    result: dict[str, list[float]] = {"first_wall": [], "first_cpu": [], "again_wall": [],
                                      "again_cpu": []}
    async with app.run_test(size=(100, 30)) as pilot:
        while not isinstance(app.screen, DraftScreen):
            await pilot.pause(0.05)
        screen = app.screen
        await pilot.pause(0.5)
        loop = asyncio.get_running_loop()
        for visit in range(rounds):
            for step in (*ALL_STEPS[ALL_STEPS.index(screen.step) + 1:],
                         *ALL_STEPS[:ALL_STEPS.index(screen.step) + 1]):
                switches = screen.switches
                cpu, start = time.process_time(), time.perf_counter()
                screen.goto_step(step)
                pane = screen.query_one(f"TabPane#{step}")
                while (screen.switches == switches or app.focused is None
                       or pane not in app.focused.ancestors):
                    await asyncio.sleep(0.001)
                refreshed = loop.create_future()
                app.call_after_refresh(lambda: refreshed.done() or refreshed.set_result(None))
                await refreshed
                wall, cpu = time.perf_counter() - start, time.process_time() - cpu
                key = "first" if visit == 0 else "again"
                result[f"{key}_wall"].append(wall * 1000)
                result[f"{key}_cpu"].append(cpu * 1000)
                await pilot.pause(0.3)
        app.simulate_key("ctrl+q")
        for _ in range(300):
            if app.return_code is not None:
                break
            await asyncio.sleep(0.01)
    return result


# Both apps are timed to the same point: the first step's widgets mounted, the letter's
# Markdown blocks among them (the letter is the first screen of the ready draft used here),
# and the screen refreshed after that.
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
    if not app.screen.query("#letter MarkdownBlock"):
        app.call_after_refresh(done)
        return
    print(time.perf_counter() - start)
    app.exit()
DraftScreen.on_mount = on_mount
app.run(headless=True, size=(100, 30))
"""

# The same widgets as poa's first screen on that draft (the review step; the other steps are
# built only when opened, so their tabs are empty): a title line, the five tabs, the verdict,
# the findings summary and list (no findings: the draft is ready), the letter, the footer.
BARE_CHILD = """
import sys, time
start = time.perf_counter()
from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Markdown, OptionList, Static, TabbedContent, TabPane
class Bare(App):
    def compose(self):
        yield Static("title")
        with TabbedContent(initial="review"):
            for name in ("Context", "Root cause", "Corrective actions", "Preventive measures"):
                yield TabPane(name, id=name.lower().replace(" ", "-"))
            with TabPane("Review", id="review"):
                with Vertical():
                    yield Static("verdict")
                    with Horizontal():
                        with Vertical():
                            yield Static("summary")
                            yield OptionList()
                        with VerticalScroll():
                            yield Static("Your letter")
                            yield Markdown(open(sys.argv[1]).read(), id="letter")
        yield Footer(compact=True)
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        if not self.query("#letter MarkdownBlock"):
            self.call_after_refresh(self.done)
            return
        print(time.perf_counter() - start)
        self.exit()
Bare().run(headless=True, size=(100, 30))
"""


def first_screen(code: str, args: list[str]) -> tuple[float, float]:
    """Wall time from process start to the first screen shown (interpreter start included)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    wall = time.perf_counter() - start
    return wall, float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["POA_DATA_DIR"] = str(folder / "data")
        path = make_draft(folder)
        keys = asyncio.run(keystroke_to_findings(path, folder))
        switches = asyncio.run(step_switches(path, folder))
        from poa.answers_file import load_answers
        from poa.plaintext import markdown_to_text  # noqa: F401
        from poa.render import render_markdown
        from poa.rubric.loader import load_rubric

        answers = load_answers(path).answers
        letter = folder / "letter.md"
        letter.write_text(render_markdown(answers, load_rubric(answers.kind).kind), encoding="utf-8")
        poa, bare = [], []
        for _ in range(7):  # taken in turns, so a busy moment of the machine hits both alike
            poa.append(first_screen(POA_CHILD, [str(path), str(folder / "data")]))
            bare.append(first_screen(BARE_CHILD, [str(letter)]))

    med = statistics.median
    print(f"draft: {keys['words'][0]} words; debounce {keys['debounce'][0]:.0f} ms")
    print(f"keystroke -> findings shown:   median {med(keys['total']):6.1f} ms  "
          f"(max {max(keys['total']):.1f})")
    after = keys["after_debounce"]
    print(f"debounce end -> findings shown: median {med(after):6.1f} ms  (max {max(after):.1f})  "
          f"target < 50 ms: {'OK' if med(after) < 50 else 'MISSED'}")
    for key, name in (("first", "first visit"), ("again", "again")):
        print(f"step change, {name + ':':12} median {med(switches[key + '_wall']):6.1f} ms wall, "
              f"{med(switches[key + '_cpu']):6.1f} ms CPU  (max {max(switches[key + '_wall']):.1f} ms wall)")
    poa_wall, bare_wall = med(t[0] for t in poa), med(t[0] for t in bare)
    poa_in, bare_in = med(t[1] for t in poa), med(t[1] for t in bare)
    print(f"first screen, poa:      median {poa_wall:.3f} s wall ({poa_in:.3f} s after interpreter start)")
    print(f"first screen, bare app: median {bare_wall:.3f} s wall ({bare_in:.3f} s after interpreter start)")
    print(f"difference:             {poa_wall - bare_wall:+.3f} s  target < 0.3 s: "
          f"{'OK' if poa_wall - bare_wall < 0.3 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
