"""Helpers for the reliability tests: a guard that turns a hang into a failure, and hostile files."""

from __future__ import annotations

import contextlib
import signal


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
