"""Small helpers for Pilot tests: wait for the debounced check, read the findings shown."""

from __future__ import annotations

import asyncio
from pathlib import Path

from poa.tui.screens.draft import DraftScreen
from poa.tui.widgets.findings import FindingsPanel


async def wait_for(pilot, condition, timeout: float = 5.0) -> None:  # noqa: ANN001
    """Pause the pilot until `condition()` is true and the screen shown is mounted (a dialog just
    pushed has no buttons to click before that, on a busy machine); fails after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not (condition() and pilot.app.screen.is_mounted):
        if loop.time() > end:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


async def wait_checked(pilot, screen: DraftScreen, before: int) -> None:  # noqa: ANN001
    """Wait until a check ran after `before` checks, and the screen settled."""
    await wait_for(pilot, lambda: screen.checks > before)
    await pilot.pause()


async def open_step(pilot, screen: DraftScreen, step: str) -> None:  # noqa: ANN001
    """Open a step as the seller would, and wait until it is built and has the cursor.

    A step's widgets exist only once it was first shown (the screen builds them lazily).
    """
    screen.goto_step(step)
    pane = screen.query_one(f"TabPane#{step}")
    try:
        await wait_for(pilot, lambda: screen.step == step and pilot.app.focused is not None
                       and pane in pilot.app.focused.ancestors)
    except AssertionError:
        raise AssertionError(f"opening {step}: now on {screen.step}, focus on "
                             f"{pilot.app.focused!r}") from None


async def open_root_cause(pilot) -> DraftScreen:  # noqa: ANN001
    """Wait for the drafting screen, open the root cause and wait for the cursor in its first
    answer; the screen is returned."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
    screen = app.screen
    await open_step(pilot, screen, "root_cause")
    await wait_for(pilot, lambda: app.focused is screen.query_one("#root_cause-what"))
    return screen


async def press_step_key(pilot, screen: DraftScreen, key: str = "ctrl+n") -> str:  # noqa: ANN001
    """Press Ctrl+N (or Ctrl+B) and wait until the step it opens is shown with the cursor in it.

    Waiting on the result, not on Pilot's idle guess: on a busy machine that guess can come
    back before the key was handled.
    """
    before = screen.step
    await pilot.press(key)

    def shown() -> bool:
        focused = pilot.app.focused
        return screen.step != before and focused is not None and \
            screen.query_one(f"TabPane#{screen.step}") in focused.ancestors

    try:
        await wait_for(pilot, shown)
    except AssertionError:
        raise AssertionError(f"{key} from {before}: now on {screen.step}, focus on "
                             f"{pilot.app.focused!r}") from None
    return screen.step


def shown_rules(screen: DraftScreen, step: str) -> set[str]:
    return {f.rule for f in screen.query_one(f"#findings-{step}", FindingsPanel).findings}


async def type_text(pilot, text: str) -> None:  # noqa: ANN001
    """Type like a person: one key per character (slow in Pilot: keep it short)."""
    await pilot.press(*["enter" if c == "\n" else c for c in text])


async def paste(pilot, text: str) -> None:  # noqa: ANN001
    """Paste into the focused widget, as a terminal delivers a paste (one event)."""
    from textual import events

    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def quit_with(pilot, key: str = "ctrl+q") -> None:  # noqa: ANN001
    """Press the key that ends the app, and wait for the exit.

    Pilot.press waits for the app to be idle after the key, which can wait
    forever once the app has shut down; so the last key is sent without waiting.
    """
    pilot.app.simulate_key(key)
    await wait_for_exit(pilot.app)


async def wait_for_exit(app) -> None:  # noqa: ANN001
    """Wait (without the Pilot) until the app has decided to exit."""
    for _ in range(500):
        if app.return_code is not None:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the app did not quit")


async def choose_kind(pilot, kind: str) -> None:  # noqa: ANN001
    """In the new-plan dialog, highlight one suspension kind (they are listed by name)."""
    from textual.widgets import OptionList

    kinds = pilot.app.screen.query_one("#kinds", OptionList)
    ids = [kinds.get_option_at_index(i).id for i in range(kinds.option_count)]
    kinds.highlighted = ids.index(kind)
    await pilot.pause()


LETTER = """Dear Seller Performance Team,

Root cause
We sold items we did not have in stock. Our stock count was kept by hand in a spreadsheet.

Corrective actions
On 3 November 2026 we set the stock of every listing to zero and counted the warehouse.

Preventive measures
Every morning at 9:00 the owner compares the stock in Seller Central with the shelf count.

Sincerely,
Ana Ruiz
Brightbox Toys
"""

NOTE = "# my own note: the spreadsheet is gone now"


def imported(tmp_path: Path) -> Path:
    """What `poa import` writes for a letter that names no metric (kind: common), plus a
    comment of the seller's own."""
    from poa.answers.file import to_yaml
    from poa.workflow.import_letter import import_letter_file

    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    answers = import_letter_file(letter).answers
    assert answers.kind == "common"
    path = tmp_path / "letter.yaml"
    text = to_yaml(answers, path.name).replace("corrective_actions:", f"{NOTE}\ncorrective_actions:")
    path.write_text(text, encoding="utf-8")
    return path
