"""Nothing typed is lost: the journal offers back unsaved text, a file changed on disk is never
overwritten without asking, and the CLI never loads Textual."""

from __future__ import annotations

import stat
import subprocess
import sys

from poa.answers.file import load_answers, to_yaml
from poa.files.journal import Journal
from poa.tui.screens.dialogs import ChoiceDialog
from poa.tui.screens.draft import DraftScreen
from poa.tui.screens.start import StartScreen
from poa.tui.widgets.answer_area import AnswerArea

from .conftest import NOW
from .helpers import open_root_cause, open_step, paste, quit_with, type_text, wait_for, wait_for_exit


async def test_unsaved_draft_is_offered_back_with_its_time(make_app, example, tmp_path):
    journal = Journal(tmp_path / "data" / "journal")
    answers = load_answers(example).answers
    answers.root_cause[0].what = "Written just before the terminal closed."
    journal.record(example, to_yaml(answers, example.name), NOW.replace(hour=9, minute=15))
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "today at 09:15" in app.screen.text
        await pilot.click("#recover")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await wait_for(pilot, lambda: not screen.session.dirty)  # saved at once
        await open_step(pilot, screen, "root_cause")
        assert screen.query_one("#root_cause-what", AnswerArea).text == \
            "Written just before the terminal closed."
        await quit_with(pilot)
    assert load_answers(example).answers.root_cause[0].what == \
        "Written just before the terminal closed."
    assert journal.pending() == []


async def test_start_screen_lists_the_unsaved_draft_and_discarding_keeps_the_file(
        make_app, example, tmp_path):
    journal = Journal(tmp_path / "data" / "journal")
    journal.record(example, "kind: valid_tracking_rate\n", NOW)
    before = example.read_text(encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        menu = app.screen.query_one("#start-menu")
        menu.highlighted = menu.get_option_index("recover-0")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.click("#discard")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        await quit_with(pilot)
    assert example.read_text(encoding="utf-8") == before
    assert journal.pending() == []


async def test_journal_keeps_unsaved_text_owner_only_until_the_save(make_app, example, tmp_path):
    app = make_app(example, check_delay=0.05, save_delay=60)  # the save never comes by itself
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_root_cause(pilot)
        await paste(pilot, "Journalled. ")
        await wait_for(pilot, lambda: app.journal.entry(example) is not None)
        entry = app.journal.entry(example)
        assert "Journalled. " in entry.text and entry.written_at == NOW
        [file] = (tmp_path / "data" / "journal").glob("*.json")
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        assert "Journalled" not in example.read_text(encoding="utf-8")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.journal.entry(example) is None)
        assert load_answers(example).answers.root_cause[0].what.startswith("Journalled. ")
        await quit_with(pilot)


async def test_file_changed_on_disk_is_not_overwritten_without_asking(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        theirs = example.read_text(encoding="utf-8") + "# edited in another editor\n"
        example.write_text(theirs, encoding="utf-8")
        await open_step(pilot, screen, "root_cause")
        await wait_for(pilot, lambda: app.focused is screen.query_one("#root_cause-what"))
        await paste(pilot, "Mine. ")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "changed outside poa" in app.screen.title_text
        assert example.read_text(encoding="utf-8") == theirs  # untouched while asking
        await pilot.click("#overwrite")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        await quit_with(pilot)
    assert load_answers(example).answers.root_cause[0].what.startswith("Mine. ")
    assert (example.with_name(example.name + ".bak")).read_text(encoding="utf-8") == theirs


async def test_quit_when_the_file_changed_on_disk_asks_and_can_quit_keeping_the_journal(
        make_app, example):
    app = make_app(example, check_delay=5, save_delay=10)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_root_cause(pilot)
        await paste(pilot, "Not lost. ")
        example.write_text(example.read_text(encoding="utf-8") + "# theirs\n", encoding="utf-8")
        app.simulate_key("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        app.screen.query_one("#quit").press()  # the last click: do not wait on a closed app
        await wait_for_exit(app)
    assert "# theirs" in example.read_text(encoding="utf-8")
    [entry] = app.journal.pending()
    assert "Not lost. " in entry.text


def test_command_line_never_loads_textual():
    code = "import sys, poa.cli, poa.workflow.check, poa.render.letter; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


async def test_a_value_poa_cannot_accept_survives_a_quit_and_is_offered_back(make_app, example):
    """A date typed 14/11/2026 or a number typed 'ninety' cannot go into the answers file:
    it stays in its field, quitting asks first, the journal keeps it and poa offers it back."""
    from textual.widgets import Input

    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await open_step(pilot, screen, "context")
        date = screen.query_one("#ctx-context-notice_date", Input)
        metric = screen.query_one("#ctx-context-metric_value", Input)
        for field, text in ((date, "14/11/2026"), (metric, "ninety")):
            field.focus()
            await wait_for(pilot, lambda: app.focused is field)
            await pilot.press("ctrl+shift+a")  # select all, and type over it
            await type_text(pilot, text)
        await wait_for(pilot, lambda: app.journal.entry(example) is not None)
        assert date.value == "14/11/2026" and date.has_class("-refused")
        assert metric.value == "ninety" and metric.has_class("-refused")
        assert "number" in str(screen.query_one("#ctx-error").render())
        assert "not accepted yet" in str(screen.query_one("#title").render())
        app.simulate_key("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "not accepted yet" in app.screen.title_text
        assert "'14/11/2026'" in app.screen.text and "'ninety'" in app.screen.text
        app.screen.query_one("#quit").press()  # the last click: do not wait on a closed app
        await wait_for_exit(app)
    saved = load_answers(example).answers.context
    assert str(saved.notice_date) == "2026-11-14" and saved.metric_value == 91.2  # as before
    [entry] = app.journal.pending()
    assert "14/11/2026" in entry.text and "ninety" in entry.text

    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.click("#recover")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        assert screen.step == "context"  # where the refused text is, though the rest is ready
        await open_step(pilot, screen, "context")
        date = screen.query_one("#ctx-context-notice_date", Input)
        metric = screen.query_one("#ctx-context-metric_value", Input)
        await wait_for(pilot, lambda: date.has_class("-refused") and metric.has_class("-refused"))
        assert date.value == "14/11/2026" and metric.value == "ninety"
        assert "Write " in str(screen.query_one("#ctx-error").render())  # what to write instead
        date.value, metric.value = "2026-11-15", "90.5"  # corrected
        await wait_for(pilot, lambda: not screen.session.unsaved)
        await quit_with(pilot)  # nothing refused any more: no question
    saved = load_answers(example).answers.context
    assert str(saved.notice_date) == "2026-11-15" and saved.metric_value == 90.5
    assert app.journal.pending() == []


async def test_a_refused_date_in_an_item_follows_its_item(make_app, example):
    """In a section, text the model refuses belongs to its item: it is there again when the
    seller comes back to that item, and moves with it."""
    from textual.widgets import Input

    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await open_step(pilot, screen, "corrective_actions")
        step = screen.step_widget("corrective_actions")
        last = len(step.items) - 1
        step.select_item(last)
        done_on = screen.query_one("#corrective_actions-done_on", Input)
        done_on.focus()
        await wait_for(pilot, lambda: app.focused is done_on)
        await pilot.press("ctrl+shift+a")
        await type_text(pilot, "15/11")
        await wait_for(pilot, lambda: app.journal.entry(example) is not None)
        assert done_on.has_class("-refused")
        assert "year-month-day" in str(screen.query_one("#corrective_actions-done_on-error").render())
        assert screen.session.unsaved == {f"corrective_actions.{last}.done_on": "15/11"}
        what = step.items[last].what
        await pilot.press("f2")  # a new action: its date is empty
        await wait_for(pilot, lambda: step.index == last + 1 and done_on.value == "")
        assert not done_on.has_class("-refused")
        await pilot.press(*"New")
        await pilot.press("alt+up")  # the new action goes up; the refused date moves down
        await wait_for(pilot, lambda: step.index == last)
        assert screen.session.unsaved == {f"corrective_actions.{last + 1}.done_on": "15/11"}
        step.select_item(last + 1)
        await wait_for(pilot, lambda: done_on.value == "15/11" and done_on.has_class("-refused"))
        assert step.items[last + 1].what == what
        app.simulate_key("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        app.screen.query_one("#quit").press()
        await wait_for_exit(app)
    [entry] = app.journal.pending()
    assert f"corrective_actions.{last + 1}.done_on" in entry.text and "15/11" in entry.text
