"""Helpers for the reliability tests: a guard that turns a hang into a failure, and hostile files."""

from __future__ import annotations

import contextlib
import signal
from pathlib import Path


class Hang(AssertionError):
    """The code under test did not finish in time: treated as a test failure, not waited out."""


@contextlib.contextmanager
def hang_guard(seconds: int):
    """Fail (instead of waiting forever) when the block runs longer than `seconds`.

    A generous bound meant to catch hangs only, never to measure speed. It uses
    SIGALRM, which also interrupts a regular expression stuck in the re module.
    """

    def _alarm(_signum, _frame):  # noqa: ANN001
        raise Hang(f"still running after {seconds} s: this is a hang")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


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
