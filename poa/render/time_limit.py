"""Stop a block of code that runs too long, with the error the caller chooses.

Used where poa runs something it does not control the length of: a user's
template (`poa render --templates`). SIGALRM also interrupts a regular
expression stuck inside the re module. It exists only on Unix and only for the
main thread; elsewhere the block simply runs unbounded.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def raise_after(seconds: int, error: Callable[[], BaseException]) -> Iterator[None]:
    """Raise `error()` inside the block if it is still running after `seconds`."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum, _frame):  # noqa: ANN001
        raise error()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
