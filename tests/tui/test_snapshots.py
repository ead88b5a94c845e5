"""SVG snapshots of the main screens (Textual is pinned in pyproject, so they are stable).

Update after checking snapshot_report.html:  .venv/bin/python -m pytest tests/tui --snapshot-update
"""

from __future__ import annotations

from poa.answers.file import load_answers, save_answers
from poa.files.journal import Journal
from poa.files.recent import RecentDrafts

from .conftest import NOW
from .helpers import wait_for

WEAK = ("Tracking numbers from my supplier arrived by e-mail and I typed them in by hand. "
        "For no apparent reason the e-mails went to my spam folder.")
SIZE = (100, 30)


def test_start_screen(snap_compare, make_app, example, tmp_path):
    RecentDrafts(tmp_path / "data").add(example, NOW)
    Journal(tmp_path / "data" / "journal").record(tmp_path / "lost.yaml", "kind: x\n", NOW)
    assert snap_compare(make_app(), terminal_size=SIZE)


def _with_weak_root_cause(example):  # noqa: ANN001, ANN202
    loaded = load_answers(example)
    loaded.answers.root_cause[0].what = WEAK
    save_answers(loaded.answers, example)


async def _go_to_root_cause(pilot):  # noqa: ANN001, ANN202
    await pilot.pause()
    pilot.app.screen.goto_step("root_cause")
    await wait_for(pilot, lambda: pilot.app.focused is not None
                   and pilot.app.focused.id == "root_cause-what")
    await pilot.pause()


def test_section_with_findings(snap_compare, make_app, example):
    _with_weak_root_cause(example)
    assert snap_compare(make_app(example), terminal_size=SIZE, run_before=_go_to_root_cause)


def test_section_with_findings_at_80x24(snap_compare, make_app, example):
    _with_weak_root_cause(example)
    assert snap_compare(make_app(example), terminal_size=(80, 24), run_before=_go_to_root_cause)


def test_review_step(snap_compare, make_app, example):
    async def settle(pilot):  # noqa: ANN001
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(example), terminal_size=SIZE, run_before=settle)


def test_export_dialog(snap_compare, make_app, example):
    async def open_export(pilot):  # noqa: ANN001
        await pilot.pause()
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "ExportDialog")
        await pilot.pause()

    assert snap_compare(make_app(example), terminal_size=SIZE, run_before=open_export)


def test_dismiss_dialog_at_80x24(snap_compare, make_app, example):
    """d on a finding: the reason box has the cursor, both buttons show at 80x24."""
    from textual.widgets import OptionList

    from poa.tui.widgets.findings import FindingsPanel

    _with_weak_root_cause(example)

    async def open_dismiss(pilot):  # noqa: ANN001
        await _go_to_root_cause(pilot)
        panel = pilot.app.screen.query_one("#findings-root_cause", FindingsPanel)
        options = panel.query_one(OptionList)
        options.focus()
        await wait_for(pilot, lambda: pilot.app.focused is options)
        options.highlighted = 0
        await pilot.press("d")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "DismissDialog")
        await pilot.pause()

    assert snap_compare(make_app(example), terminal_size=(80, 24), run_before=open_dismiss)


def test_new_plan_dialog_at_80x24(snap_compare, make_app, tmp_path):
    async def settle(pilot):  # noqa: ANN001
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "NewPlanDialog")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path / "new-plan.yaml"), terminal_size=(80, 24),
                        run_before=settle)


def test_export_dialog_at_80x24(snap_compare, make_app, example):
    async def open_export(pilot):  # noqa: ANN001
        await pilot.pause()
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "ExportDialog")
        await pilot.pause()

    assert snap_compare(make_app(example), terminal_size=(80, 24), run_before=open_export)


def test_kind_dialog_at_80x24(snap_compare, make_app, tmp_path):
    """A letter imported of no known kind opens on Context, the cursor on its kind; Enter lists
    the kinds with their one line each, and Choose and Cancel show at 80x24."""
    from .helpers import imported

    async def open_kinds(pilot):  # noqa: ANN001
        await wait_for(pilot, lambda: pilot.app.focused is not None
                       and pilot.app.focused.id == "ctx-kind")
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "KindDialog")
        await pilot.pause()

    assert snap_compare(make_app(imported(tmp_path), build_ahead=None), terminal_size=(80, 24),
                        run_before=open_kinds)
