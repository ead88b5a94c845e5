"""Drafting a plan as a seller would: new draft, weak root cause, fix it, every step, export, quit."""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import Input, OptionList, TabbedContent

from poa.answers.file import load_answers
from poa.tui.screens.dialogs import ExportDialog, NewPlanDialog
from poa.tui.screens.draft import DraftScreen
from poa.tui.screens.start import StartScreen
from poa.tui.widgets.answer_area import AnswerArea
from poa.tui.widgets.findings import FindingsPanel

from .helpers import (
    choose_kind,
    open_root_cause,
    open_step,
    paste,
    press_step_key,
    quit_with,
    shown_rules,
    type_text,
    wait_checked,
    wait_for,
)

WEAK = ("Tracking numbers from my supplier arrived by e-mail and I typed them in by hand. "
        "For no apparent reason the e-mails went to my spam folder.")
GOOD = ("Between 20 October and 9 November 2026, 27 of 296 orders in Toys & Games were confirmed "
        "without a valid tracking number. Our process depended on the supplier's e-mail to get "
        "each tracking number, and I typed it in by hand in Manage Orders. When those e-mails "
        "stopped arriving, no other step gave me the number, and nobody compared confirmed "
        "orders with the tracking report.")


async def new_draft(pilot) -> DraftScreen:  # noqa: ANN001
    """From the start screen: new plan, Valid Tracking Rate, default file name."""
    app = pilot.app
    assert isinstance(app.screen, StartScreen)
    await pilot.press("enter")  # "Start a new plan of action"
    await wait_for(pilot, lambda: isinstance(app.screen, NewPlanDialog))
    kinds = app.screen.query_one("#kinds", OptionList)
    assert kinds.option_count >= 11
    await choose_kind(pilot, "valid_tracking_rate")
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
    await pilot.pause()
    return app.screen


async def test_weak_root_cause_shows_vague_and_blame_then_fixing_clears_them(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_draft(pilot)
        assert screen.step == "context"
        assert screen.session.path == tmp_path / "plan-of-action.yaml"
        assert await press_step_key(pilot, screen) == "root_cause"
        area = screen.query_one("#root_cause-what", AnswerArea)
        assert app.focused is area
        before = screen.checks
        await paste(pilot, WEAK[:-len("my spam folder.")])  # the forum letter, pasted...
        await type_text(pilot, "my spam folder.")  # ... and finished by hand
        await wait_checked(pilot, screen, before)
        assert area.text == WEAK
        rules = shown_rules(screen, "root_cause")
        assert {"vague.unknown-cause", "blame.spam-folder"} <= rules
        # the offending words are underlined in the editor
        marked = {area.text[m.start:m.end].lower() for m in area.marks}
        assert "for no apparent reason" in marked
        assert any("spam" in words for words in marked)
        # the panel says what to do and why reviewers ask
        panel = screen.query_one("#findings-root_cause", FindingsPanel)
        vague = next(f for f in panel.findings if f.rule == "vague.unknown-cause")
        assert "Say what in your own process failed" in vague.message and vague.why
        assert "error" in str(panel.query_one(".summary").render())

        # fix it: select all, write a cause that owns the process
        before = screen.checks
        await pilot.press("f7")  # select all
        await paste(pilot, GOOD)
        assert area.text == GOOD
        await wait_checked(pilot, screen, before)
        rules = shown_rules(screen, "root_cause")
        assert not {"vague.unknown-cause", "blame.spam-folder"} & rules
        assert area.marks == [] or all(m.severity != "error" for m in area.marks)


async def test_choosing_a_finding_moves_the_cursor_to_its_words(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_draft(pilot)
        await press_step_key(pilot, screen)
        before = screen.checks
        screen.query_one("#root_cause-what", AnswerArea).insert(WEAK)
        await wait_checked(pilot, screen, before)
        panel = screen.query_one("#findings-root_cause", FindingsPanel)
        target = next(i for i, f in enumerate(panel.findings) if f.rule == "blame.spam-folder")
        options = panel.query_one(OptionList)
        options.focus()
        options.highlighted = options.get_option_index(str(target))
        area = screen.query_one("#root_cause-what", AnswerArea)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.focused is area and area.selected_text)
        assert "spam" in area.selected_text.lower()
        # Ctrl+G walks the findings one by one
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.focused is area


def poa_render(path, fmt: str) -> bytes:  # noqa: ANN001
    return subprocess.run([sys.executable, "-m", "poa", "render", str(path), "--format", fmt],
                          capture_output=True, check=True).stdout


async def test_walk_every_step_and_export_both_formats_like_poa_render(make_app, example, tmp_path):
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        tabs = screen.query_one(TabbedContent)
        assert screen.step == "review"  # the example is ready everywhere
        await pilot.click(tabs.get_tab("context"))  # the mouse works too
        await wait_for(pilot, lambda: tabs.active == "context" and "context" in screen.built_steps())
        seen = [tabs.active]
        for _ in range(4):
            seen.append(await press_step_key(pilot, screen))
            assert tabs.active == seen[-1]
        assert seen == ["context", "root_cause", "corrective_actions", "preventive_measures",
                        "review"]
        assert "Ready to send" in str(screen.query_one("#verdict").render())

        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        field = app.screen.query_one("#export-path", Input)
        assert field.value == "appeal.txt"
        await pilot.press("enter")
        await wait_for(pilot, lambda: (tmp_path / "appeal.txt").exists())

        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.click("#md")
        await wait_for(pilot, lambda: app.screen.query_one("#export-path", Input).value
                       == "appeal.md")
        await pilot.click("#export")
        await wait_for(pilot, lambda: (tmp_path / "appeal.md").exists())
        await quit_with(pilot)
    assert (tmp_path / "appeal.txt").read_bytes() == poa_render(example, "txt")
    assert (tmp_path / "appeal.md").read_bytes() == poa_render(example, "md")


async def test_answers_are_saved_and_found_again_on_reopen(make_app, tmp_path):
    path = tmp_path / "mine.yaml"
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, NewPlanDialog))
        assert app.screen.query_one("#new-path", Input).value == "mine.yaml"
        await choose_kind(pilot, "valid_tracking_rate")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await wait_for(pilot, lambda: app.focused is not None
                       and app.focused.id == "ctx-context-seller")  # the seller name has the focus
        await type_text(pilot, "Brightbox")
        screen.query_one("#ctx-context-category", Input).value = "Toys & Games"
        screen.query_one("#ctx-context-metric_value", Input).value = "91.2"
        screen.query_one("#ctx-context-notice_date", Input).value = "2026-11-14"
        screen.query_one("#ctx-context-period_start", Input).value = "2026-10-20"
        screen.query_one("#ctx-context-period_end", Input).value = "2026-11-09"
        screen.query_one("#ctx-context-name", Input).value = "Ana Ruiz"  # who signs the letter
        screen.query_one("#ctx-context-merchant_token", Input).value = "A2X5EXAMPLE"
        screen.query_one("#ctx-shipping-tracking_upload", AnswerArea).insert(
            "Buy Shipping uploads it when I buy the label.")
        await press_step_key(pilot, screen)
        screen.query_one("#root_cause-what", AnswerArea).insert(GOOD)
        screen.query_one("#root_cause-why", AnswerArea).insert("My process relied on e-mail.")
        await press_step_key(pilot, screen)
        screen.query_one("#corrective_actions-what", AnswerArea).insert(
            "I entered the 27 tracking numbers.")
        screen.query_one("#corrective_actions-done_on", Input).value = "2026-11-15"
        step = screen.step_widget("corrective_actions")
        await pilot.press("f2")  # a second action
        await wait_for(pilot, lambda: step.index == 1)
        screen.query_one("#corrective_actions-what", AnswerArea).insert("I moved to Buy Shipping.")
        await pilot.press("alt+up")  # ... which goes first
        await wait_for(pilot, lambda: step.index == 0)
        await press_step_key(pilot, screen)
        screen.query_one("#preventive_measures-what", AnswerArea).insert("I check the VTR page.")
        screen.query_one("#preventive_measures-owner", AnswerArea).insert("me, the owner")
        await wait_for(pilot, lambda: path.exists() and not screen.session.dirty)  # autosaved
        await quit_with(pilot)

    answers = load_answers(path).answers
    assert answers.kind == "valid_tracking_rate"
    assert answers.context.seller == "Brightbox"
    assert answers.context.category == "Toys & Games"
    assert answers.context.metric_value == 91.2
    assert str(answers.context.notice_date) == "2026-11-14"
    assert (str(answers.context.period_start), str(answers.context.period_end)) == ("2026-10-20", "2026-11-09")
    assert (answers.context.name, answers.context.merchant_token) == ("Ana Ruiz", "A2X5EXAMPLE")
    assert answers.shipping.tracking_upload == "Buy Shipping uploads it when I buy the label."
    assert answers.root_cause[0].what == GOOD
    assert answers.root_cause[0].why == "My process relied on e-mail."
    assert [a.what for a in answers.corrective_actions] == [
        "I moved to Buy Shipping.", "I entered the 27 tracking numbers."]
    assert str(answers.corrective_actions[1].done_on) == "2026-11-15"
    assert answers.preventive_measures[0].owner == "me, the owner"

    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await open_step(pilot, screen, "context")
        assert screen.query_one("#ctx-context-seller", Input).value == "Brightbox"
        assert screen.query_one("#ctx-context-metric_value", Input).value == "91.2"
        assert screen.query_one("#ctx-context-notice_date", Input).value == "2026-11-14"
        await open_step(pilot, screen, "root_cause")
        assert screen.query_one("#root_cause-what", AnswerArea).text == GOOD
        await open_step(pilot, screen, "corrective_actions")
        assert screen.query_one("#corrective_actions-what", AnswerArea).text == \
            "I moved to Buy Shipping."
        screen.step_widget("corrective_actions").select_item(1)
        assert screen.query_one("#corrective_actions-done_on", Input).value == "2026-11-15"
        await open_step(pilot, screen, "preventive_measures")
        assert screen.query_one("#preventive_measures-owner", AnswerArea).text == "me, the owner"
        await quit_with(pilot)


async def test_quit_mid_edit_keeps_the_text_on_disk(make_app, example):
    app = make_app(example, check_delay=5, save_delay=10)  # no pause is ever reached
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_root_cause(pilot)
        await type_text(pilot, "Typed at once. ")
        await quit_with(pilot)
    assert app.return_code == 0
    assert load_answers(example).answers.root_cause[0].what.startswith("Typed at once. Between")
    assert app.journal.pending() == []


async def test_review_shows_the_appeal_form_boxes_with_counts_and_copies_each(make_app, example):
    form = subprocess.run([sys.executable, "-m", "poa", "render", str(example), "--format", "form"],
                          capture_output=True, check=True, text=True).stdout
    headings = [line for line in form.splitlines() if line.endswith(" characters)")]
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await wait_for(pilot, lambda: screen.step == "review" and screen.query("#box-4"))
        shown = [str(screen.query_one(f"#box-{n}").render()) for n in range(1, 5)]
        assert shown == headings  # the same boxes and counts as poa render --format form
        screen.query_one("#findings-review").focus()
        await pilot.press("2")
        await pilot.pause()
        assert app.clipboard.startswith("1. 15 November 2026: I entered the correct UPS tracking number")
        assert f"({len(app.clipboard.rstrip()):,} characters)" in headings[1]
        await quit_with(pilot)


async def test_a_draft_of_no_kind_opens_and_its_title_says_how_to_set_the_kind(make_app, tmp_path):
    """What `poa import` writes when it cannot tell the kind (kind: common) opens in the screen."""
    from poa.tui.widgets.title_bar import TitleBar

    path = tmp_path / "letter.yaml"
    path.write_text("kind: common\nroot_cause:\n  - what: We sold 3 orders we did not have.\n",
                    encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        title = app.screen.query_one(TitleBar)
        await wait_for(pilot, lambda: "kind not set (choose it in Context)" in str(title.render()))
        await quit_with(pilot)
