"""Where poa keeps its own small files (recovery journal, recent drafts), written owner-only.

The folder is `$POA_DATA_DIR` when set (tests and portable setups use it), else
the platform's user data folder for "poa". The files hold the seller's answers,
so they are readable by the owner only (0600, folder 0700), and replaced
atomically so a crash never leaves half a file.
"""

from __future__ import annotations

import os
from pathlib import Path

from poa.files.atomic import replace_file

ENV_VAR = "POA_DATA_DIR"


def data_dir() -> Path:
    """The folder for poa's own files (not created here)."""
    value = os.environ.get(ENV_VAR)
    if value:
        return Path(value).expanduser()
    from platformdirs import user_data_path

    return user_data_path("poa", appauthor=False)


def ensure_private_dir(folder: Path) -> Path:
    """Create `folder` (and parents) if needed; a folder poa creates is owner-only."""
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def write_private(path: Path, text: str) -> None:
    """Replace `path` atomically with `text`, readable and writable by the owner only."""
    ensure_private_dir(path.parent)
    replace_file(path, text.encode("utf-8"))
