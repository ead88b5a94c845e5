"""Import a report from the Context step: the same engine as `poa evidence`, applied to the open plan."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.widgets import Input

from poa.tui.screens.dialogs import ChoiceDialog, ImportReportDialog
from poa.tui.screens.draft import DraftScreen
from tests.tui.helpers import open_step, wait_for

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from report_maker import MARKER, make  # noqa: E402


async def test_import_a_report_fills_the_open_plan_and_shows_what_it_found(make_app, tmp_path):
    plan = tmp_path / "appeal.yaml"
    plan.write_text("kind: valid_tracking_rate\ncontext:\n  marketplace: amazon.com\n"
                    "root_cause:\n  - what: Orders were confirmed before the supplier sent tracking.\n",
                    encoding="utf-8")
    made = make("vtr", packages=250, affected=25, messy=True)
    (tmp_path / "vtr.tsv").write_bytes(made.text.encode("utf-8"))
    app = make_app(plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        await open_step(pilot, screen, "context")
        await pilot.click("#import-report")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportReportDialog))
        app.screen.query_one("#report-path", Input).value = "vtr.tsv"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        shown = str(app.screen.text)
        assert "Toys & Games: 90%, 25 of 250 packages affected" in shown
        assert "QuickShip Couriers: " in shown and "not integrated" in shown
        assert MARKER not in shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        answers = screen.session.answers
        assert answers.context.metric_value == 90.0 and answers.context.affected_orders == 25
        assert answers.root_cause[0].what.startswith("Orders were confirmed")  # kept as typed
        assert answers.root_cause[0].evidence.startswith("25 of 250 packages in Toys & Games")
        assert screen.query_one("#ctx-context-metric_value", Input).value == "90"
        await wait_for(pilot, lambda: "metric_value: 90.0" in plan.read_text(encoding="utf-8"))
    csv_text = (tmp_path / "appeal-affected-orders.csv").read_text(encoding="utf-8")
    assert len(csv_text.splitlines()) == 26 and MARKER not in csv_text
    assert MARKER not in plan.read_text(encoding="utf-8")


async def test_import_is_in_the_command_palette_and_on_ctrl_r(make_app, tmp_path):
    plan = tmp_path / "appeal.yaml"
    plan.write_text("kind: valid_tracking_rate\n", encoding="utf-8")
    (tmp_path / "bad.csv").write_text("name,address\nx,y\n", encoding="utf-8")
    app = make_app(plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        assert any(title.startswith("Import a report") for title, _, _ in screen.commands())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportReportDialog))
        app.screen.query_one("#report-path", Input).value = "bad.csv"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        await pilot.pause()
        assert screen.session.answers.context.metric_value is None  # refused, nothing changed
