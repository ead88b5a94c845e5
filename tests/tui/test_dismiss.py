"""Overruling a finding in the screen: d asks for a reason, the finding moves under "Dismissed",
the answers file keeps the entry, r restores it; Cancel keeps the finding; settings apply too."""

from __future__ import annotations

from textual.widgets import Button, Input, OptionList

from poa.answers.file import load_answers, save_answers
from poa.rubric.overrule import Dismissed
from poa.tui.screens.dialogs import DismissDialog
from poa.tui.widgets.findings import FindingsPanel

from .helpers import open_root_cause, shown_rules, type_text, wait_for

WEAK = ("Tracking numbers from my supplier arrived by e-mail and I typed them in by hand. "
        "For no apparent reason the e-mails went to my spam folder.")
RULE = "vague.unknown-cause"


def _weak(example):  # noqa: ANN001, ANN202
    loaded = load_answers(example)
    loaded.answers.root_cause[0].what = WEAK
    save_answers(loaded.answers, example)


async def _highlight(pilot, screen, rule: str = RULE) -> FindingsPanel:  # noqa: ANN001
    """Put the findings list's cursor on the first finding of `rule`, as Tab and arrows would."""
    panel = screen.query_one("#findings-root_cause", FindingsPanel)
    await wait_for(pilot, lambda: any(f.rule == rule for f in panel.findings))
    options = panel.query_one(OptionList)
    await pilot.pause()  # the screen's own focus on the answer, still queued, goes first
    options.focus()
    await wait_for(pilot, lambda: pilot.app.focused is options)
    target = next(i for i, f in enumerate(panel.findings) if f.rule == rule)
    options.highlighted = options.get_option_index(str(target))
    await pilot.pause()
    return panel


async def _open_dialog(pilot, screen) -> DismissDialog:  # noqa: ANN001
    panel = await _highlight(pilot, screen)
    assert isinstance(panel.highlighted(), type(panel.findings[0]))
    await pilot.press("d")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DismissDialog))
    return pilot.app.screen


async def test_d_dismisses_with_a_reason_and_the_file_keeps_it_listed_as_dismissed(make_app, example):
    _weak(example)
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_root_cause(pilot)
        assert RULE in shown_rules(screen, "root_cause")
        errors_before = screen.session.report.counts["error"]
        dialog = await _open_dialog(pilot, screen)
        assert app.focused is dialog.query_one("#dismiss-reason", Input)  # type at once
        await pilot.press("enter")  # no reason: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, DismissDialog)
        assert "reason" in str(dialog.query_one("#dismiss-error").render()).lower()
        await type_text(pilot, "cause found")
        await pilot.press("enter")
        panel = screen.query_one("#findings-root_cause", FindingsPanel)
        await wait_for(pilot, lambda: not isinstance(app.screen, DismissDialog)
                       and any(d.finding.rule == RULE for d in panel.dismissed))
        assert RULE not in shown_rules(screen, "root_cause")
        assert screen.session.report.counts["error"] == errors_before - 1
        gone = next(d for d in panel.dismissed if d.finding.rule == RULE)
        assert gone.reason == "cause found" and gone.finding.text == "For no apparent reason"
        assert "1 dismissed" in str(panel.query_one(".summary").render())
        # the review lists it too, under Dismissed
        await screen.action_save()
        await wait_for(pilot, lambda: not screen.session.dirty)
    saved = load_answers(example).answers.dismissed
    assert [(d.rule, d.section, d.item, d.field, d.text, d.reason) for d in saved] == \
        [(RULE, "root_cause", 0, "what", "For no apparent reason", "cause found")]
    assert saved[0].date is not None


async def test_the_dismissed_finding_stays_dismissed_when_reopened_and_r_restores_it(make_app,
                                                                                      example):
    _weak(example)
    loaded = load_answers(example)
    from poa.answers.model import Dismissal

    loaded.answers.dismissed = [Dismissal(rule=RULE, section="root_cause", item=0, field="what",
                                          text="For no apparent reason", reason="cause found")]
    save_answers(loaded.answers, example)
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_root_cause(pilot)
        panel = screen.query_one("#findings-root_cause", FindingsPanel)
        assert RULE not in shown_rules(screen, "root_cause")
        assert [d.reason for d in panel.dismissed] == ["cause found"]
        options = panel.query_one(OptionList)
        await pilot.pause()
        options.focus()
        await wait_for(pilot, lambda: app.focused is options)
        options.highlighted = options.get_option_index("x0")
        await pilot.pause()
        assert isinstance(panel.highlighted(), Dismissed)
        await pilot.press("r")
        await wait_for(pilot, lambda: RULE in shown_rules(screen, "root_cause"))
        assert panel.dismissed == [] and screen.session.answers.dismissed == []


async def test_cancel_keeps_the_finding(make_app, example):
    _weak(example)
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_root_cause(pilot)
        dialog = await _open_dialog(pilot, screen)
        await type_text(pilot, "never mind")
        await pilot.click(dialog.query_one("#cancel", Button))
        await wait_for(pilot, lambda: not isinstance(app.screen, DismissDialog))
        await pilot.pause()
        assert RULE in shown_rules(screen, "root_cause")
        assert screen.session.answers.dismissed == [] and screen.session.report.dismissed == []


async def test_the_dialog_and_its_buttons_fit_80x24(make_app, example):
    _weak(example)
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_root_cause(pilot)
        dialog = await _open_dialog(pilot, screen)
        for widget in (dialog.query_one("#dismiss-reason"), *dialog.query(Button)):
            region = widget.region
            assert region.width > 0 and region.height > 0
            assert region.right <= 80 and region.bottom <= 24, (widget, region)


async def test_the_palette_dismisses_the_highlighted_finding(make_app, example):
    _weak(example)
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_root_cause(pilot)
        await _highlight(pilot, screen)
        command = next(c for title, _, c in screen.commands() if title == "Dismiss the finding…")
        command()
        await wait_for(pilot, lambda: isinstance(app.screen, DismissDialog))
        await type_text(pilot, "ok")
        await pilot.press("enter")
        await wait_for(pilot, lambda: RULE not in shown_rules(screen, "root_cause"))
        assert [d.rule for d in screen.session.answers.dismissed] == [RULE]


async def test_a_rule_switched_off_in_the_folder_settings_is_listed_and_cannot_be_restored_here(
        make_app, example):
    _weak(example)
    (example.parent / ".poa.yaml").write_text("rules:\n  vague.*: off\n", encoding="utf-8")
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_root_cause(pilot)
        panel = screen.query_one("#findings-root_cause", FindingsPanel)
        assert RULE not in shown_rules(screen, "root_cause")
        gone = next(d for d in panel.dismissed if d.finding.rule == RULE)
        assert gone.reason == f"off in {example.parent / '.poa.yaml'}"
        assert not screen.session.restore(gone)  # the setting rules; the file has no entry
        assert RULE not in shown_rules(screen, "root_cause")


async def test_removing_an_item_moves_the_dismissals_of_the_items_after_it(make_app, example):
    _weak(example)
    loaded = load_answers(example)
    from poa.answers.model import Dismissal, RootCause

    loaded.answers.root_cause.insert(0, RootCause(what="A first cause, to be removed."))
    loaded.answers.dismissed = [Dismissal(rule=RULE, section="root_cause", item=1, field="what",
                                          text="For no apparent reason", reason="cause found")]
    save_answers(loaded.answers, example)
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_root_cause(pilot)
        assert RULE not in shown_rules(screen, "root_cause")
        step = screen.step_widget("root_cause")
        step.index = 0
        step.load_item()
        step._remove()
        await wait_for(pilot, lambda: len(screen.session.answers.root_cause) == 1)
        await screen.check_now()
        assert [d.item for d in screen.session.answers.dismissed] == [0]
        assert RULE not in {f.rule for f in screen.session.report.findings}
        assert any(d.finding.rule == RULE for d in screen.session.report.dismissed)


async def test_tab_to_the_findings_then_d_opens_the_dialog_on_the_first_finding(make_app, example):
    """The seller's way there: Tab from the answers to the list, which then has the first
    finding under its cursor (without it, d would have nothing to act on)."""
    from poa.tui.widgets.findings import FindingsList

    _weak(example)
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_root_cause(pilot)
        await pilot.pause()
        for _ in range(8):
            if isinstance(app.focused, FindingsList):
                break
            await pilot.press("tab")
            await pilot.pause()
        assert isinstance(app.focused, FindingsList)
        panel = screen.query_one("#findings-root_cause", FindingsPanel)
        assert panel.highlighted() == panel.findings[0]
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DismissDialog))
        assert panel.findings[0].rule in str(app.screen.query_one(".dialog-text").render())
