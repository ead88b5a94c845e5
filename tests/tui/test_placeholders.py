"""The examples in empty answer boxes fit the draft's kind: a listing case is not shown a tracking one."""

from __future__ import annotations

from poa.rubric.compiled import load_rubric
from poa.tui.widgets.answer_area import AnswerArea
from poa.workflow.skeleton import skeleton

from .helpers import open_step, quit_with, wait_for

VTR_ACTION = "e.g. I entered the correct UPS tracking number for all 27 affected orders."


def new_draft(tmp_path, kind: str):  # noqa: ANN001, ANN201
    """What `poa new --kind KIND -o FILE` writes: every answer empty."""
    path = tmp_path / f"{kind}.yaml"
    path.write_text(skeleton(load_rubric(kind), path.name), encoding="utf-8")
    return path


async def shown_placeholders(make_app, path, size=(100, 30)) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    """Each text box of the corrective actions and preventive measures: (its text, its placeholder)."""
    from poa.tui.screens.draft import DraftScreen

    app = make_app(path)
    shown = {}
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        screen = app.screen
        for step in ("corrective_actions", "preventive_measures"):
            await open_step(pilot, screen, step)
            for area in screen.step_widget(step).query(AnswerArea):
                shown[area.id] = (area.text, area.placeholder)
        await quit_with(pilot)
    return shown


async def test_a_listing_policy_draft_shows_listing_examples(make_app, tmp_path):
    shown = await shown_placeholders(make_app, new_draft(tmp_path, "listing_policy"))
    text, hint = shown["corrective_actions-what"]
    assert text == ""
    assert hint == ('e.g. On 2 April I removed "free shipping, best price" from both listings and '
                    'checked the live pages.')
    assert "tracking" not in " ".join(h for _, h in shown.values()).lower()
    assert shown["preventive_measures-tool"][1].startswith("e.g. a checklist made from the Product "
                                                           "detail page rules")


async def test_a_tracking_draft_shows_the_tracking_examples(make_app, tmp_path):
    shown = await shown_placeholders(make_app, new_draft(tmp_path, "valid_tracking_rate"))
    assert shown["corrective_actions-what"] == ("", VTR_ACTION)
    assert shown["preventive_measures-tool"][1] == "e.g. Account Health > Valid Tracking Rate page"
