"""Steps built ahead while the seller reads, and a first visit that does not move under the eyes.

The screen builds the steps not opened yet, hidden, once the seller has been
idle for `build_ahead` seconds (poa/tui/build_ahead.py); a first visit then
only shows them. Building must never take the cursor or the step shown from
the seller, nor lose or move what they type. A step opens scrolled to its top
with the cursor in its first answer, and its answer boxes have their height
from the first layout (they do not grow a frame later).
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.containers import VerticalScroll
from textual.widgets import TabPane

from poa.answers.file import load_answers
from poa.tui.screens.draft import ALL_STEPS, DraftScreen
from poa.tui.widgets.answer_area import AnswerArea

from .helpers import open_root_cause, open_step, wait_for

LONG = " ".join(["Every order was confirmed by hand from an e-mail that often came late."] * 12)


async def drafting(pilot) -> DraftScreen:  # noqa: ANN001
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DraftScreen))
    return pilot.app.screen


async def test_after_a_pause_the_other_steps_are_built_hidden(make_app, example):
    app = make_app(example, build_ahead=0.1)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await drafting(pilot)
        shown = screen.step
        await wait_for(pilot, lambda: len(screen.built_steps()) == len(ALL_STEPS))
        assert screen.step == shown
        assert sorted(screen.ahead.built) == sorted(s for s in ALL_STEPS if s != shown)
        for step in screen.ahead.built:
            pane = screen.query_one(f"TabPane#{step}", TabPane)
            assert not pane.display, f"{step} is built ahead but shown"
            assert screen.step_widget(step).is_mounted
        # each built step shows the current findings already
        assert screen.query_one("#status-root_cause").render()


async def test_without_building_ahead_a_step_is_built_only_when_opened(make_app, example):
    """The control for the test above: the same wait builds nothing when it is off."""
    app = make_app(example, build_ahead=None)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await drafting(pilot)
        await pilot.pause(0.6)
        assert screen.built_steps() == [screen.step]


async def test_building_ahead_never_moves_the_cursor_or_the_step(make_app, example):
    app = make_app(example, build_ahead=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_root_cause(pilot)
        area = screen.query_one("#root_cause-what", AnswerArea)
        seen = set()
        while len(screen.built_steps()) < len(ALL_STEPS):
            seen.add((screen.step, app.focused))
            await asyncio.sleep(0.002)
        await pilot.pause(0.2)
        seen.add((screen.step, app.focused))
        assert seen == {("root_cause", area)}


async def test_a_focus_message_from_a_hidden_step_does_not_switch_to_it(make_app, example):
    """Textual's tabs show the pane of any widget focused; a late focus event from a step being
    built (or just left) would pull the seller there. The step panes keep it to themselves."""
    app = make_app(example, build_ahead=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_root_cause(pilot)
        await wait_for(pilot, lambda: "corrective_actions" in screen.built_steps())
        hidden = screen.query_one("TabPane#corrective_actions", TabPane)
        hidden.post_message(TabPane.Focused(hidden))
        await pilot.pause(0.1)
        assert screen.step == "root_cause"
        assert app.focused is screen.query_one("#root_cause-what")


async def test_typing_while_steps_are_built_is_kept_where_it_was_typed(make_app, example):
    """Keys that arrive while a step is being built land in the box with the cursor, and
    building waits while the seller types: at most the step already under way is finished."""
    app = make_app(example, build_ahead=0.5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_root_cause(pilot)
        area = screen.query_one("#root_cause-what", AnswerArea)
        before = area.text
        area.move_cursor(area.document.end)
        await wait_for(pilot, lambda: screen.ahead.building, timeout=5)
        built_before = len(screen.ahead.built)
        typed = ""
        for word in ("Since", "then", "every", "label", "is", "bought", "first", "now"):
            for key in " " + word:
                # as the terminal driver delivers keys: queued at once, whatever the app is doing
                app.post_message(events.Key("space" if key == " " else key, key))
                typed += key
                await asyncio.sleep(0.04)
        assert len(screen.ahead.built) <= built_before + 1, screen.ahead.built
        await pilot.pause(0.1)
        assert screen.step == "root_cause" and app.focused is area
        assert area.text == before + typed
        # once the seller stops, the rest is built
        await wait_for(pilot, lambda: len(screen.built_steps()) == len(ALL_STEPS))
        assert area.text == before + typed
        await pilot.pause(0.3)
        assert load_answers(example).answers.root_cause[0].what.rstrip("\n").endswith(
            typed.strip())


async def test_a_section_opens_scrolled_to_its_top_with_the_cursor_in_its_first_answer(
        make_app, example):
    answers = example.read_text(encoding="utf-8").replace(
        "  - what: |\n      Between 20 October",
        f"  - what: |\n      {LONG}\n      Between 20 October", 1)
    example.write_text(answers, encoding="utf-8")
    app = make_app(example, build_ahead=None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await drafting(pilot)
        await open_step(pilot, screen, "root_cause")
        await pilot.pause(0.6)  # any scrolling animation would be over
        assert app.focused is screen.query_one("#root_cause-what")
        assert screen.query_one("#editor-root_cause", VerticalScroll).scroll_y == 0


async def test_an_answer_box_has_its_height_from_its_first_layout(make_app, example):
    app = make_app(example, build_ahead=None)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await drafting(pilot)
        heights: list[int] = []

        def laid_out(_screen) -> None:  # noqa: ANN001
            area = screen.query("#corrective_actions-what")
            if area and area.first().size.width:
                heights.append(area.first().outer_size.height)

        screen.screen_layout_refresh_signal.subscribe(app, laid_out, immediate=True)
        await open_step(pilot, screen, "corrective_actions")
        await pilot.pause(0.5)
        area = screen.query_one("#corrective_actions-what", AnswerArea)
        assert area.wrapped_document.height >= 3, "the test needs an answer that wraps"
        assert heights and set(heights) == {area.outer_size.height}, heights
