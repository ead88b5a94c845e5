"""The cycle collector is paused while poa starts and given back after (poa/startup_gc.py)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from poa import startup_gc
from poa.cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "valid-tracking-rate.yaml"


@pytest.fixture(autouse=True)
def collector_as_found():
    """Each test leaves the collector as it found it: on, nothing frozen."""
    enabled = gc.isenabled()
    yield
    startup_gc.resume()
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


def collections_during(command) -> int:  # noqa: ANN001
    """How many collections ran while `command()` did (a collection is counted when it starts)."""
    running, count = [False], [0]

    def count_collection(phase: str, info: dict) -> None:
        if phase == "start" and running[0]:
            count[0] += 1

    gc.callbacks.append(count_collection)
    try:
        running[0] = True
        command()
        running[0] = False
    finally:
        gc.callbacks.remove(count_collection)
    return count[0]


def test_pause_turns_it_off_and_resume_on():
    startup_gc.pause()
    assert not gc.isenabled() and startup_gc.is_paused()
    startup_gc.resume()
    assert gc.isenabled() and not startup_gc.is_paused()


def test_resume_with_freeze_keeps_start_up_objects_out_of_later_collections():
    startup_gc.pause()
    built_at_start = [[index] for index in range(1000)]
    startup_gc.resume(freeze=True)
    assert gc.get_freeze_count() >= len(built_at_start)


def test_a_collector_the_caller_turned_off_stays_off():
    gc.disable()
    startup_gc.pause()
    startup_gc.resume(freeze=True)
    assert not gc.isenabled() and gc.get_freeze_count() == 0


def test_a_command_runs_without_collections_and_gives_the_collector_back(capsys):
    main(["check", str(EXAMPLE)])  # imports and caches warmed, as in a fresh process they are not
    assert collections_during(lambda: main(["check", str(EXAMPLE)])) == 0
    assert gc.isenabled() and not startup_gc.is_paused()
    # control: the same command without main's pause collects, so the figure above can fail
    from poa.cli.main import _run

    assert collections_during(lambda: _run(["check", str(EXAMPLE)])) > 0
    capsys.readouterr()


def test_checking_more_files_leaves_no_more_garbage_for_the_collector(tmp_path, capsys):
    """Commands run with the collector paused, so what they make must be freed by reference
    counting alone: checking ten times as many files leaves no more cyclic garbage."""

    def garbage_after_checking(count: int) -> int:
        folder = tmp_path / f"folder-{count}"
        folder.mkdir()
        for index in range(count):
            (folder / f"appeal-{index}.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"),
                                                         encoding="utf-8")
        gc.collect()
        gc.disable()  # as main() pauses it; main() then leaves it as it finds it
        main(["check", str(folder)])
        found = gc.collect()
        gc.enable()
        return found

    garbage_after_checking(2)  # imports and caches warmed
    few, many = garbage_after_checking(3), garbage_after_checking(30)
    assert many <= few + 20, (few, many)
    capsys.readouterr()


def test_settle_freezes_the_steps_built_later_only_while_the_start_stays_frozen():
    """The drafting screen calls settle() after each step it builds (on a visit or ahead). Once
    the objects frozen at the start were given back (a test, an embedding program), a step built
    later must not freeze everything again nor change the collector's thresholds."""
    threshold = gc.get_threshold()
    startup_gc.pause()
    startup_gc.resume(freeze=True)
    built = [[index] for index in range(1000)]
    frozen = gc.get_freeze_count()
    startup_gc.settle()
    assert gc.get_freeze_count() >= frozen + len(built)  # a step built after the start
    gc.unfreeze()
    gc.set_threshold(*threshold)
    startup_gc.settle()
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == threshold
