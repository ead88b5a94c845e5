"""The command line: `poa check`, `render`, `new`, `kinds`, `submitted`, `reply`, `diff`.

Parses arguments and prints; the work is done by poa.workflow and the layers below it.
May import every package but poa.tui and Textual (the launcher, poa/__main__.py, hands it the screen).
"""

from poa.cli.main import main

__all__ = ["main"]
