"""Choosing the kind of suspension in the screen: a letter imported of no known kind, or a wrong one.

The kind decides the questions each step asks and the rules the findings come
from. Choosing it saves `kind` like any other answer (the file keeps its
comments and every other answer), and the steps show that kind's questions:
none built before, ahead or visited, keeps the old kind's.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from poa.answers.file import load_answers
from poa.files.journal import Journal
from poa.rubric.compiled import UnknownKind, load_rubric
from poa.tui.screens.dialogs import ConfirmDialog, KindDialog
from poa.tui.screens.draft import ALL_STEPS, DraftScreen
from poa.tui.session import DraftSession
from poa.tui.widgets.answer_area import AnswerArea
from poa.tui.widgets.title_bar import TitleBar
from poa.workflow.status import STEPS

from .conftest import NOW
from .helpers import NOTE, imported, open_step, quit_with, shown_rules, wait_for

KIND = "pre_fulfillment_cancel_rate"


def title(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one(TitleBar).render())


def questions(screen: DraftScreen, step: str) -> str:
    return str(screen.step_widget(step).query_one(".questions", Static).render())


async def drafting(pilot, other_than: DraftScreen | None = None) -> DraftScreen:  # noqa: ANN001
    """The drafting screen shown (a new one, when the kind changed)."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen) and app.screen is not other_than
                   and app.screen.is_mounted and app.screen.step in app.screen.built_steps())
    return app.screen


async def pick(pilot, kind: str) -> None:  # noqa: ANN001
    """In the kind dialog, highlight `kind` and press Enter, as the seller would."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, KindDialog))
    options = pilot.app.screen.query_one("#kinds", OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    options.highlighted = ids.index(kind)
    await pilot.press("enter")


async def test_an_imported_draft_of_no_kind_gets_its_kind_questions_and_rules(make_app, tmp_path):
    path = imported(tmp_path)
    before = path.read_text(encoding="utf-8")
    answers_before = load_answers(path).answers.model_dump()
    rubric = load_rubric(KIND)
    kind_rules = {rule.id for rule in rubric.kind_file.rules}
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await drafting(pilot)
        assert "kind not set" in title(app)
        assert screen.step == "context"
        assert not shown_rules(screen, "context") & kind_rules
        await pilot.click("#ctx-kind")
        await pick(pilot, KIND)
        screen = await drafting(pilot, other_than=screen)
        assert rubric.kind_info.title in title(app)
        assert "kind not set" not in title(app)
        # the kind's own rules give findings (the notice's cancel rate is asked for)
        await wait_for(pilot, lambda: shown_rules(screen, "context") & kind_rules)
        # the sections ask the kind's questions
        await open_step(pilot, screen, "root_cause")
        assert rubric.questions["root_cause"][0] in questions(screen, "root_cause")
        await quit_with(pilot)
    after = path.read_text(encoding="utf-8")
    assert NOTE in after
    assert after == before.replace("kind: common", f"kind: {KIND}", 1)
    answers_after = load_answers(path).answers.model_dump()
    assert answers_after == {**answers_before, "kind": KIND}


async def test_a_wrong_kind_is_changed_after_a_confirmation_that_keeps_by_default(
        make_app, example):
    before = example.read_text(encoding="utf-8")
    answers_before = load_answers(example).answers.model_dump()
    assert answers_before["kind"] == "valid_tracking_rate"
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await drafting(pilot)
        await open_step(pilot, screen, "context")
        # Escape in the list changes nothing
        await pilot.click("#ctx-kind")
        await wait_for(pilot, lambda: isinstance(app.screen, KindDialog))
        kinds = app.screen.query_one("#kinds", OptionList)
        assert kinds.get_option_at_index(kinds.highlighted).id == "valid_tracking_rate"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # another kind: a confirmation, Keep focused; Enter keeps the kind
        await pilot.click("#ctx-kind")
        await pick(pilot, "late_shipment_rate")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        text = str(app.screen.query_one(".dialog-text", Static).render())
        assert "questions of Late Shipment Rate" in text and "No answer is lost" in text
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.pause(0.3)
        assert screen.session.answers.kind == "valid_tracking_rate"
        assert example.read_text(encoding="utf-8") == before
        # now confirmed
        await pilot.click("#ctx-kind")
        await pick(pilot, "late_shipment_rate")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.click("#yes")
        screen = await drafting(pilot, other_than=screen)
        assert "Late Shipment Rate" in title(app)
        await quit_with(pilot)
    assert example.read_text(encoding="utf-8") == before.replace(
        "kind: valid_tracking_rate", "kind: late_shipment_rate", 1)
    assert load_answers(example).answers.model_dump() == {**answers_before,
                                                          "kind": "late_shipment_rate"}


async def test_the_palette_offers_the_kind(make_app, tmp_path):
    path = imported(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await drafting(pilot)
        entries = {title: callback for title, _, callback in screen.commands()}
        assert "Choose the kind of suspension…" in entries
        entries["Choose the kind of suspension…"]()
        await pick(pilot, KIND)
        screen = await drafting(pilot, other_than=screen)
        assert "Change the kind of suspension…" in {t for t, _, _ in screen.commands()}
        await quit_with(pilot)


async def test_text_typed_just_before_the_kind_changes_is_kept(make_app, tmp_path):
    """Typed, no pause yet (no check, no save): the change of kind reads and saves it first."""
    path = imported(tmp_path)
    app = make_app(path, check_delay=30, save_delay=30, journal_every=30)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await drafting(pilot)
        await open_step(pilot, screen, "root_cause")
        area = screen.query_one("#root_cause-why", AnswerArea)
        area.focus()
        await pilot.press(*"No check")
        assert screen.checks == 0
        screen.ask_kind()
        await pick(pilot, KIND)
        screen = await drafting(pilot, other_than=screen)
        assert screen.step == "root_cause"
        assert screen.query_one("#root_cause-why", AnswerArea).text == "No check"
        assert load_answers(path).answers.root_cause[0].why == "No check"
        await quit_with(pilot)


async def test_steps_built_ahead_with_the_old_kinds_questions_are_built_again(make_app, tmp_path):
    """Steps built ahead while the seller read asked the common questions; after the kind
    changes, every step, once built again, asks the new kind's, and shows its findings."""
    path = imported(tmp_path)
    common = load_rubric("common")
    rubric = load_rubric(KIND)
    app = make_app(path, build_ahead=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await drafting(pilot)
        await wait_for(pilot, lambda: len(screen.built_steps()) == len(ALL_STEPS))
        for step in STEPS:
            assert common.questions[step][0] in questions(screen, step)
        generic = screen.query_one("#corrective_actions-what", AnswerArea).placeholder
        assert generic.startswith("e.g. I entered the correct UPS tracking number")
        old = screen
        await screen.change_kind(KIND)
        screen = await drafting(pilot, other_than=old)
        assert not old.is_attached
        await wait_for(pilot, lambda: len(screen.built_steps()) == len(ALL_STEPS))
        for step in STEPS:
            assert rubric.questions[step][0] in questions(screen, step), step
            assert common.questions[step][0] not in questions(screen, step), step
        example = "e.g. " + rubric.placeholder("corrective_actions", "what")  # the kind's own
        assert example != generic
        assert screen.query_one("#corrective_actions-what", AnswerArea).placeholder == example
        assert screen.query_one("#ctx-context-metric_value").placeholder.endswith(
            f"under {rubric.kind_info.metric.target:g}%)")
        await quit_with(pilot)


async def test_a_step_being_built_ahead_when_the_kind_changes_is_finished_then_dropped(
        make_app, tmp_path):
    path = imported(tmp_path)
    rubric = load_rubric(KIND)
    app = make_app(path, build_ahead=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await drafting(pilot)
        await wait_for(pilot, lambda: screen.ahead.building, timeout=5)
        old = screen
        await screen.change_kind(KIND)
        assert not old.ahead.building
        screen = await drafting(pilot, other_than=old)
        await wait_for(pilot, lambda: len(screen.built_steps()) == len(ALL_STEPS))
        for step in STEPS:
            assert rubric.questions[step][0] in questions(screen, step), step
        await quit_with(pilot)
    assert load_answers(path).answers.kind == KIND


def test_an_unknown_kind_changes_nothing(tmp_path):
    path = imported(tmp_path)
    session = DraftSession.open(path, Journal(tmp_path / "journal"), lambda: NOW)
    with pytest.raises(UnknownKind):
        session.set_kind("no_such_kind")
    assert session.answers.kind == "common"
    assert session.rubric.kind_info is None
    assert not session.dirty
