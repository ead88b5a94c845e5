"""Keyboard first, mouse too, and 80x24: the findings fold under the editor on small terminals."""

from __future__ import annotations

from textual.widgets import Markdown

from poa.tui.screens.dialogs import ConfirmDialog, HelpScreen
from poa.tui.screens.draft import DraftScreen

from .helpers import open_root_cause, quit_with, wait_for


async def test_findings_beside_when_wide_and_under_when_80x24(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_root_cause(pilot)
        editor = screen.query_one("#editor-root_cause").region
        panel = screen.query_one("#findings-root_cause").region
        assert panel.x >= editor.right and panel.y <= editor.y < panel.bottom
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: screen.has_class("-narrow")
                       and screen.query_one("#editor-root_cause").region.width > 70)
        editor = screen.query_one("#editor-root_cause").region
        panel = screen.query_one("#findings-root_cause").region
        assert panel.y >= editor.bottom and panel.width == editor.width
        await quit_with(pilot)


async def test_palette_lists_every_action(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_root_cause(pilot)
        titles = {c.title for c in app.get_system_commands(screen)}
        assert {"Save", "Export the letter…", "Export as Markdown", "Export as plain text",
                "Copy the letter", "Next step", "Previous step", "Go to Review", "Next finding",
                "Edit in $EDITOR", "Add an item", "Remove this item", "Move item up",
                "Move item down", "Help", "Quit"} <= titles
        shown = {b.binding.action.split("(")[0] for b in screen.active_bindings.values()
                 if b.binding.show}  # the keys the footer shows
        assert {"save", "export", "next_step", "previous_step", "next_finding", "copy_letter",
                "external_editor", "add_item", "remove_item", "move_item", "quit",
                "help"} <= shown
        await quit_with(pilot)


async def test_f1_explains_the_sections_and_findings(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = app.screen.query_one(Markdown).source
        for words in ("Root cause", "Corrective actions", "Preventive measures", "error",
                      "warning", "Ctrl+E"):
            assert words in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        await quit_with(pilot)


async def test_add_move_and_remove_items_with_keys(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_root_cause(pilot)
        session = screen.session
        first = session.answers.root_cause[0].what
        await pilot.press("f2")
        await wait_for(pilot, lambda: len(session.answers.root_cause) == 2)
        await pilot.press(*"New")
        await pilot.press("alt+up")
        await wait_for(pilot, lambda: session.answers.root_cause[0].what == "New")
        assert [c.what for c in session.answers.root_cause] == ["New", first]
        await pilot.press("f3")  # it has text: poa asks first
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.click("#yes")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        assert [c.what for c in session.answers.root_cause] == [first]
        await quit_with(pilot)
