"""Helpers for the reliability tests: a guard that turns a hang into a failure, and hostile files."""

from __future__ import annotations

import contextlib
from pathlib import Path

from poa.render.time_limit import raise_after


class Hang(AssertionError):
    """The code under test did not finish in time: treated as a test failure, not waited out."""


@contextlib.contextmanager
def hang_guard(seconds: int):
    """Fail (instead of waiting forever) when the block runs longer than `seconds`.

    A generous bound meant to catch hangs only, never to measure speed; it uses
    poa's own time limit (SIGALRM, which also interrupts a stuck regular expression).
    """
    with raise_after(seconds, lambda: Hang(f"still running after {seconds} s: this is a hang")):
        yield


ROOT = Path(__file__).resolve().parents[2]


class Result:
    """What `main` returned and printed, shaped like subprocess.CompletedProcess."""

    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run_main(capsys, *args: str) -> Result:  # noqa: ANN001 - pytest's capsys fixture
    """Run `poa ARGS` through cli.main in this process (much faster than a subprocess)."""
    from poa.cli import main

    try:
        code = main(list(args))
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return Result(code, out, err)
