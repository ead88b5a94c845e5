"""Answers files written by an older poa, brought up to the current layout when they are loaded.

Each step takes the plain data of a file at one schema version and returns
the data at the next version, with a one-line note of what changed: the
note is shown to the seller (`poa check` prints it, `poa render` writes it
on stderr), and the file is written in the current version at its next
save. Steps only add or rename; they never drop an answer. A file with no
`schema_version` is version 1 (the first files carried none).

To change the layout: raise SCHEMA_VERSION in poa/answers/model.py, add a step
here, and add an old file to tests/reliability/test_migration.py.
"""

from __future__ import annotations

from collections.abc import Callable

FIRST_VERSION = 1

Step = Callable[[dict], tuple[dict, str]]


def _v1_to_v2(data: dict) -> tuple[dict, str]:
    """Version 2 adds `issues` (one chain per issue of the notice) and `history` (letters sent)."""
    added = [key for key in ("issues", "history") if key not in data]
    data = dict(data)
    for key in added:
        data[key] = []
    data["schema_version"] = 2
    return data, f"added empty {' and '.join(repr(k) for k in added)}" if added else ""


def _v2_to_v3(data: dict) -> tuple[dict, str]:
    """Version 3 adds `dismissed` (findings the seller overruled, with the reason)."""
    data = dict(data)
    added = "dismissed" not in data
    if added:
        data["dismissed"] = []
    data["schema_version"] = 3
    return data, "added an empty 'dismissed'" if added else ""


STEPS: list[tuple[int, Step]] = [
    (1, _v1_to_v2),
    (2, _v2_to_v3),
]
"""(version a step reads, the step), oldest first; each step returns the next version and what it
changed (or "")."""


def migrate(data: dict, version: int) -> tuple[dict, list[str]]:
    """The data of a version-`version` file in the current layout, and one note when it was older."""
    changes: list[str] = []
    current = version
    for from_version, step in STEPS:
        if from_version >= version:
            data, what = step(data)
            current = from_version + 1
            if what:
                changes.append(what)
    if current == version:
        return data, []
    what = "; ".join(changes) or "no answer changed"
    return data, [f"this file was schema version {version} and is read as version {current} ({what}); "
                  f"it is saved as version {current}"]
