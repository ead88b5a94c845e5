"""`poa` pauses the cycle collector while it starts (poa/startup_gc.py); the app gives it back,
frozen, once its first screen is shown, whichever screen that is."""

from __future__ import annotations

import gc

import pytest

from poa import startup_gc
from poa.tui.screens.draft import DraftScreen

from .helpers import quit_with, wait_for


@pytest.fixture
def paused_as_poa_starts():
    threshold = gc.get_threshold()
    startup_gc.pause()
    yield
    startup_gc.resume()
    gc.unfreeze()
    gc.enable()
    gc.set_threshold(*threshold)  # settle() raised it for steps built; later tests get the default


@pytest.mark.parametrize("opened", ["draft", "start screen"])
async def test_the_collector_runs_again_once_the_first_screen_is_shown(
        make_app, example, paused_as_poa_starts, opened):
    app = make_app(example if opened == "draft" else None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen) == (opened == "draft"))
        await wait_for(pilot, gc.isenabled)
        assert not startup_gc.is_paused()
        assert gc.get_freeze_count() > 10_000  # Textual, pydantic and the rubric, kept out of scans
        await quit_with(pilot)


async def test_an_app_built_in_process_leaves_the_collector_as_it_was(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        await pilot.pause(0.1)
        assert gc.isenabled() and gc.get_freeze_count() == 0
        await quit_with(pilot)
