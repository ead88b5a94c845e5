"""The `poa` command and `python -m poa`: the command line, and the drafting screen it opens.

This launcher is the one place that knows both front ends: poa.cli never imports
the screen (an import contract checks it), so it is handed `open_screen` and
`serve_screen` (`poa serve`, the screen in a browser) here.
"""

from __future__ import annotations

TYPE_CHECKING = False  # pathlib is not imported before main() runs: see main()
if TYPE_CHECKING:
    from pathlib import Path


def open_screen(path: Path | None) -> int:
    """The drafting screen on `path` (or the start screen); imports Textual only now."""
    from poa.tui.app import run_app

    return run_app(path)


def serve_screen(path: Path | None, host: str, port: int) -> int:
    """`poa serve`: the drafting screen in a browser (textual-serve); imports it only now."""
    from poa.tui.serve import serve

    return serve(path, host, port)


def main(argv: list[str] | None = None) -> int:
    """Run `poa` with `argv` (the process's arguments by default); returns the exit code.

    Ctrl+C at any moment, even while poa is still importing its modules in the
    first milliseconds, ends with exit code 130 and no traceback.
    """
    try:
        from poa.cli import main as run_command_line

        return run_command_line(argv, screen=open_screen, serve=serve_screen)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
