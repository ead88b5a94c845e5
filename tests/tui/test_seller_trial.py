"""What hurt in the seller's trial of the screen (issue 15), one test or more per point:
1 steady typing is journalled, and recovery shows what it brings back; 2 80x24: dialogs,
footer, titles, findings area; 3 every finding in full; 4 focus and defaults; 5 advice that
reads once. (6, speed, is measured by `make bench`, never timed here.)"""

from __future__ import annotations

from textual.widgets import Button, Input, RadioSet

from poa.answers.file import load_answers, save_answers, to_yaml
from poa.files.journal import Journal
from poa.tui.screens.dialogs import ChoiceDialog, ConfirmDialog, ExportDialog, NewPlanDialog
from poa.tui.screens.draft import DraftScreen
from poa.tui.widgets.answer_area import AnswerArea
from poa.tui.widgets.findings import FindingsList, FindingsPanel
from poa.tui.widgets.footer import KeyFooter

from .conftest import NOW
from .helpers import open_root_cause, open_step, quit_with, type_text, wait_for

WEAK = ("Tracking numbers from my supplier arrived by e-mail and I typed them in by hand. "
        "For no apparent reason the e-mails went to my spam folder. It was the supplier fault "
        "and we plan to be more careful.")


def screen_lines(app) -> list[str]:  # noqa: ANN001
    """The screen as text, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def weak(example):  # noqa: ANN001, ANN201
    loaded = load_answers(example)
    loaded.answers.root_cause[0].what = WEAK
    save_answers(loaded.answers, example)
    return example


# --- 1. steady typing -------------------------------------------------------------------
async def test_typing_without_a_pause_is_journalled_every_so_often(make_app, example):
    # no pause ever reaches the check (10 s) or the save: only the steady-typing timer writes
    app = make_app(example, check_delay=10, save_delay=60, journal_every=0.4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_root_cause(pilot)
        def journalled(words: str) -> bool:
            entry = app.journal.entry(example)
            return entry is not None and words in entry.text

        await type_text(pilot, "Steady ")
        await wait_for(pilot, lambda: journalled("Steady "))
        await type_text(pilot, "typing")
        await wait_for(pilot, lambda: journalled("Steady typing"))
        assert screen.journals >= 2 and screen.checks == 0  # written while typing, no pause seen
        await quit_with(pilot)


async def test_the_recovery_dialog_shows_the_answers_and_their_time(make_app, example, tmp_path):
    journal = Journal(tmp_path / "data" / "journal")
    answers = load_answers(example).answers
    answers.root_cause[0].what = "Written just before the terminal closed.\nSecond line."
    journal.record(example, to_yaml(answers, example.name), NOW.replace(hour=9, minute=15))
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.pause()
        text = app.screen.text
        assert "today at 09:15" in text
        assert "cause 1 · What happened: Written just before the terminal closed." in text
        assert "Second line" not in text  # the first line of each answer
        shown = "\n".join(screen_lines(app))
        assert "What happened: Written just before" in shown and "09:15" in shown
        await pilot.press("escape")
        await quit_with(pilot)


# --- 2. 80x24 ---------------------------------------------------------------------------
def _inside(app, widget) -> bool:  # noqa: ANN001
    region = widget.region
    return region.height > 0 and app.screen.region.contains_region(region)


async def test_the_new_plan_dialog_fits_80x24_with_its_buttons(make_app, tmp_path):
    app = make_app(tmp_path / "new.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, NewPlanDialog))
        await pilot.pause()
        for button in app.screen.query(Button):
            assert _inside(app, button), f"{button.id} is off the screen: {button.region}"
        assert _inside(app, app.screen.query_one("#new-path", Input))
        shown = "\n".join(screen_lines(app))
        assert "Start" in shown and "Cancel" in shown
        await pilot.press("escape")


async def test_every_dialog_of_a_draft_fits_80x24(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_root_cause(pilot)
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.pause()
        assert all(_inside(app, b) for b in app.screen.query(Button))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.pause()
        assert all(_inside(app, b) for b in app.screen.query(Button))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await quit_with(pilot)


async def test_the_footer_keeps_quit_and_help_and_nothing_is_cut(make_app, example):
    app = make_app(example)
    for size in ((80, 24), (100, 30)):
        async with app.run_test(size=size) as pilot:
            await open_root_cause(pilot)
            await pilot.pause()
            footer = app.screen.query_one(KeyFooter)
            words = footer.shown_descriptions()
            assert words[-2:] == ["Help", "Quit"], words
            assert {"Next", "Back", "Save"} <= set(words)
            last = screen_lines(app)[-1]
            assert last.rstrip().endswith("^q Quit"), last  # no stray letter after it
            assert len(last.rstrip()) < size[0]
            await quit_with(pilot)
        app = make_app(example)


async def test_a_long_title_ends_with_an_ellipsis(make_app, tmp_path, example):
    long_name = tmp_path / ("appeal-for-brightbox-toys-valid-tracking-rate-november-" + "x" * 30
                            + ".yaml")
    long_name.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(long_name)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        await pilot.pause()
        assert screen_lines(app)[0].rstrip().endswith("…")
        await quit_with(pilot)


async def test_the_findings_area_takes_only_the_rows_it_needs(make_app, example):
    app = make_app(example)  # a ready draft: "No problems found here"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_root_cause(pilot)
        await pilot.pause()
        panel = screen.query_one("#findings-root_cause", FindingsPanel)
        editor = screen.query_one("#editor-root_cause")
        assert panel.region.height <= 3, panel.region
        assert editor.region.height >= 12, editor.region
        await quit_with(pilot)


# --- 3. every finding in full -----------------------------------------------------------
async def _panel_text(pilot, panel: FindingsPanel) -> str:  # noqa: ANN001
    """Everything the findings list shows, scrolled through page by page."""
    options = panel.query_one(FindingsList)
    region = options.scrollable_content_region  # not the scrollbar's columns
    rows: list[str] = []
    y = 0
    while True:
        options.scroll_to(y=y, animate=False, immediate=True)
        await pilot.pause()
        lines = screen_lines(pilot.app)[region.y:region.bottom]
        skip = y - round(options.scroll_y)  # the last page stops at the end
        rows += [line[region.x:region.right].rstrip() for line in lines][skip:]
        if y + region.height >= options.virtual_size.height:
            return " ".join(" ".join(rows).split())
        y += region.height


async def test_every_finding_shows_in_full(make_app, example):
    weak(example)
    for size in ((100, 30), (80, 24), (117, 30)):
        app = make_app(example)
        async with app.run_test(size=size) as pilot:
            screen = await open_root_cause(pilot)
            await pilot.pause()
            panel = screen.query_one("#findings-root_cause", FindingsPanel)
            assert panel.findings
            text = await _panel_text(pilot, panel)
            for finding in panel.findings:
                assert " ".join(finding.message.split()) in text, (size, finding.message)
            await quit_with(pilot)


# --- 4. focus and defaults --------------------------------------------------------------
async def test_add_carrier_puts_the_cursor_in_its_name(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await open_step(pilot, screen, "context")
        for rows_id, noun in (("#carriers", "carrier"), ("#documents", "document")):
            rows = screen.query_one(rows_id)
            rows.query_one(".row-add", Button).press()
            await wait_for(pilot, lambda: app.focused is not None and "row-input" in app.focused.classes
                           and rows in app.focused.ancestors)
            assert app.focused.path.endswith(".name"), f"{noun}: the cursor went to {app.focused.path}"
            if noun == "carrier":
                assert app.focused.region.width >= 20  # "YunExpress Global Direct" fits
        await quit_with(pilot)


async def test_f3_removes_the_carrier_row_or_says_how(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await open_step(pilot, screen, "context")
        before = len(screen.session.answers.shipping.carriers)
        assert before >= 1
        screen.query_one("#carriers").query(".row-input").first().focus()
        await pilot.press("f3")
        await wait_for(pilot, lambda: len(screen.session.answers.shipping.carriers) == before - 1)
        screen.query_one("#ctx-context-seller").focus()
        await pilot.press("f3")
        await wait_for(pilot, lambda: any("F3 removes a carrier or a document" in n.message
                                          for n in app._notifications))
        await quit_with(pilot)


async def test_the_export_dialog_starts_on_the_format_and_a_space_keeps_the_name(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_root_cause(pilot)
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        await wait_for(pilot, lambda: isinstance(app.focused, RadioSet)
                       or (app.focused is not None and isinstance(app.focused.parent, RadioSet)))
        name = dialog.query_one("#export-path", Input).value
        await pilot.press("space")
        assert dialog.query_one("#export-path", Input).value == name
        await pilot.press("escape")
        await quit_with(pilot)


async def test_the_remove_confirmation_defaults_to_keeping(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_root_cause(pilot)
        kept = screen.session.answers.root_cause[0].what
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "no")
        await pilot.press("enter")  # Enter on the default: nothing is removed
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.session.answers.root_cause[0].what == kept
        await quit_with(pilot)


# --- 5. advice that reads once ----------------------------------------------------------
async def test_advice_is_said_once_and_fits_what_was_pasted(make_app, example):
    loaded = load_answers(weak(example))
    loaded.answers.context.amazon_reply = ""
    loaded.answers.shipping.carriers = []
    save_answers(loaded.answers, example)
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        for step in ("context", "root_cause"):
            await open_step(pilot, screen, step)
            await pilot.pause()
            panel = screen.query_one(f"#findings-{step}", FindingsPanel)
            options = panel.query_one(FindingsList)
            prompts = " ".join(str(options.get_option_at_index(i).prompt)
                               for i in range(options.option_count)
                               if options.get_option_at_index(i).prompt)
            assert "Reviewers: Reviewers" not in prompts
            assert "Amazon's reply to this case" not in prompts  # no reply was pasted
            status = str(screen.query_one(f"#status-{step}").render())
            assert "beside" not in status
        assert any("How tracking reaches Amazon now" in str(label.render())
                   for label in screen.query("#step-context Label"))
        await quit_with(pilot)


async def test_a_refused_date_is_never_no_problems(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await open_step(pilot, screen, "context")
        before = screen.checks
        screen.query_one("#ctx-context-notice_date", Input).value = "14/11/2026"
        await wait_for(pilot, lambda: screen.checks > before)
        await pilot.pause()
        summary = str(screen.query_one("#findings-context .summary").render())
        assert "No problems" not in summary and "not accepted" in summary
        status = str(screen.query_one("#status-context").render())
        assert "Needs work" in status and "not accepted" in status
        screen.query_one("#ctx-context-notice_date", Input).value = "2026-11-14"
        await wait_for(pilot, lambda: not screen.session.unsaved)
        await quit_with(pilot)
