"""The `poa` command and `python -m poa`: the command line, and the drafting screen it opens.

This launcher is the one place that knows both front ends: poa.cli never imports
the screen (an import contract checks it), so it is handed `open_screen` here.
"""

try:  # Ctrl+C in poa's first milliseconds: exit 130 quietly (see main)
    import signal as _signal
except KeyboardInterrupt:
    raise SystemExit(130) from None

TYPE_CHECKING = False  # nothing is imported before main() runs (not even __future__): see main()
if TYPE_CHECKING:
    from pathlib import Path


_STATE = {"running": False, "interrupted": False}


def _interrupted(signum: int, frame: object) -> None:
    """Ctrl+C: before main() is inside its try (entering a function is a moment too), exit 130;
    after, a KeyboardInterrupt that main() turns into exit 130, whatever a library made of it
    (pydantic_core's Rust start-up turns one during its import into a PanicException)."""
    if not _STATE["running"]:
        raise SystemExit(130)
    _STATE["interrupted"] = True
    raise KeyboardInterrupt


def _unraisable(hook_args: object) -> None:
    """A Ctrl+C that lands in a callback Python cannot raise from (an import lock's weakref
    callback) would print 'Exception ignored' and be lost: end quietly with 130 instead."""
    if issubclass(getattr(hook_args, "exc_type", type(None)), KeyboardInterrupt):
        import os

        os._exit(130)
    _default_unraisable(hook_args)


def open_screen(path: "Path | None") -> int:
    """The drafting screen on `path` (or the start screen); imports Textual only now."""
    from poa.tui.app import run_app

    return run_app(path)


def serve_screen(path: "Path | None", host: str, port: int) -> int:
    """`poa serve`: the drafting screen in a browser (textual-serve); imports it only now."""
    from poa.tui.serve import serve

    return serve(path, host, port)


def main(argv: "list[str] | None" = None) -> int:
    """Run `poa` with `argv` (the process's arguments by default); returns the exit code.

    Ctrl+C at any moment, even while poa is still importing its modules in the
    first milliseconds, ends with exit code 130 and no traceback.
    """
    try:
        _STATE["running"] = True
        from poa.cli import main as run_command_line

        return run_command_line(argv, screen=open_screen, serve=serve_screen)
    except KeyboardInterrupt:
        return 130
    except BaseException:
        if _STATE["interrupted"]:
            return 130
        raise


try:
    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        import sys as _sys

        _signal.signal(_signal.SIGINT, _interrupted)
        _default_unraisable = _sys.unraisablehook
        _sys.unraisablehook = _unraisable
except KeyboardInterrupt:
    raise SystemExit(130) from None


if __name__ == "__main__":
    raise SystemExit(main())
