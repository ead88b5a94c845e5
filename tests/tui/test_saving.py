"""Nothing typed is lost: the journal offers back unsaved text, a file changed on disk is never
overwritten without asking, and the CLI never loads Textual."""

from __future__ import annotations

import stat
import subprocess
import sys

from poa.answers_file import load_answers, to_yaml
from poa.journal import Journal
from poa.tui.screens.dialogs import ChoiceDialog
from poa.tui.screens.draft import DraftScreen
from poa.tui.screens.start import StartScreen
from poa.tui.widgets.answer_area import AnswerArea

from .conftest import NOW
from .helpers import open_step, paste, quit_with, wait_for, wait_for_exit


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
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await pilot.pause()
        await open_step(pilot, screen, "root_cause")
        await wait_for(pilot, lambda: app.focused is screen.query_one("#root_cause-what"))
        await paste(pilot, "Journalled. ")
        await wait_for(pilot, lambda: app.journal.entry(example) is not None)
        entry = app.journal.entry(example)
        assert "Journalled. " in entry.text and entry.written_at == NOW
        [file] = (tmp_path / "data" / "journal").glob("*.json")
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        assert "Journalled" not in example.read_text(encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.journal.entry(example) is None
        assert load_answers(example).answers.root_cause[0].what.startswith("Journalled. ")
        await quit_with(pilot)


async def test_file_changed_on_disk_is_not_overwritten_without_asking(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await pilot.pause()
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
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await pilot.pause()
        await open_step(pilot, screen, "root_cause")
        await wait_for(pilot, lambda: app.focused is screen.query_one("#root_cause-what"))
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
    code = "import sys, poa.cli, poa.check, poa.render; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
