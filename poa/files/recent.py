"""The drafts a seller opened lately, newest first, for the start screen's 'reopen' list.

Kept in `<data dir>/recent.json` (owner-only). Files that no longer exist are
left out of the list; an unreadable list is treated as empty, never fatal.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from poa.files.userdata import data_dir, write_private

FILE = "recent.json"
LIMIT = 10


@dataclass(frozen=True)
class RecentDraft:
    """One answers file and when it was last opened."""

    path: Path
    opened_at: dt.datetime


class RecentDrafts:
    """Read and update the list of recently opened answers files."""

    def __init__(self, folder: Path | None = None, limit: int = LIMIT):
        self.file = (folder if folder is not None else data_dir()) / FILE
        self.limit = limit

    def _load(self) -> list[RecentDraft]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            return [RecentDraft(Path(d["path"]), dt.datetime.fromisoformat(d["opened_at"]))
                    for d in data]
        except (OSError, ValueError, KeyError, TypeError):
            return []

    def add(self, path: Path, now: dt.datetime) -> None:
        """Put `path` at the top of the list (once), trimming the list to its limit."""
        path = Path(path).absolute()
        drafts = [d for d in self._load() if d.path != path]
        drafts.insert(0, RecentDraft(path, now))
        data = [{"path": str(d.path), "opened_at": d.opened_at.isoformat(timespec="seconds")}
                for d in drafts[: self.limit]]
        write_private(self.file, json.dumps(data, ensure_ascii=False, indent=1) + "\n")

    def list(self) -> list[RecentDraft]:
        """Existing files, most recently opened first."""
        return [d for d in self._load() if d.path.is_file()]
