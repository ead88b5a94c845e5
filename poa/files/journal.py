"""The recovery journal: the latest unsaved text of each open draft, so a crash loses nothing.

While a seller types, the drafting screen records the whole answers text here
(a few kilobytes) shortly after each change, before the answers file itself is
saved. A clean save removes the entry. An entry still present at the next start
means the draft was not saved cleanly (a crash, a closed terminal, a save that
failed); `pending()` lists those whose text the answers file does not already
hold, with the time they were written, so poa can offer them back.

Entries live in `<data dir>/journal/` (see poa.files.userdata), one JSON file per
answers file, owner-only (0600).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from poa.errors import InputError
from poa.files.atomic import read_existing
from poa.files.userdata import data_dir, write_private

FOLDER = "journal"


@dataclass(frozen=True)
class Entry:
    """Unsaved text of one answers file, and when it was written."""

    path: Path
    """The answers file the text belongs to (absolute)."""
    text: str
    """The whole answers-file text, as poa would save it."""
    written_at: dt.datetime
    """Local time the text was recorded: 'unsaved changes from ...'."""
    base: str | None = None
    """Fingerprint of the file as it was on disk when editing started (None for a new file)."""


def _key(path: Path) -> str:
    return hashlib.sha256(str(Path(path).absolute()).encode("utf-8")).hexdigest()[:24]


class Journal:
    """Unsaved drafts, one entry per answers file."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder if folder is not None else data_dir() / FOLDER

    def _file(self, path: Path) -> Path:
        return self.folder / f"{_key(path)}.json"

    def record(self, path: Path, text: str, now: dt.datetime, base: str | None = None) -> None:
        """Remember `text` as the latest unsaved version of `path`."""
        data = {"path": str(Path(path).absolute()), "written_at": now.isoformat(timespec="seconds"),
                "base": base, "text": text}
        write_private(self._file(path), json.dumps(data, ensure_ascii=False, indent=1) + "\n")

    def discard(self, path: Path) -> None:
        """Forget the entry of `path` (after a clean save, or when the seller declines recovery)."""
        try:
            self._file(path).unlink()
        except FileNotFoundError:
            pass

    def entry(self, path: Path) -> Entry | None:
        """The entry of `path`, if there is a readable one."""
        return _read(self._file(path))

    def entries(self) -> list[Entry]:
        """Every readable entry, newest first (unreadable files are skipped, never fatal)."""
        if not self.folder.is_dir():
            return []
        found = [e for e in (_read(f) for f in self.folder.glob("*.json")) if e is not None]
        return sorted(found, key=lambda e: e.written_at, reverse=True)

    def pending(self) -> list[Entry]:
        """Entries worth offering back: the answers file does not hold that text already.

        An entry whose text is already on disk (the save went through, only
        the clean-up did not) is discarded here.
        """
        out = []
        for entry in self.entries():
            if _on_disk(entry.path) == entry.text:
                self.discard(entry.path)
                continue
            out.append(entry)
        return out

    def pending_for(self, path: Path) -> Entry | None:
        """The entry of `path` if it holds text the file on disk does not."""
        entry = self.entry(path)
        if entry is None:
            return None
        if _on_disk(entry.path) == entry.text:
            self.discard(path)
            return None
        return entry


def _read_text(path: Path) -> str | None:
    """An ordinary file's text, or None: a file that became a named pipe or a device since the
    entry was written is never opened in a way that could block the recovery check at start."""
    try:
        raw = read_existing(path)
        return None if raw is None else raw.decode("utf-8")
    except (OSError, UnicodeDecodeError, InputError):
        return None


def _on_disk(path: Path) -> str | None:
    return _read_text(path)


def _read(file: Path) -> Entry | None:
    text = _read_text(file)
    if text is None:
        return None
    try:
        data = json.loads(text)
        return Entry(Path(data["path"]), str(data["text"]),
                     dt.datetime.fromisoformat(data["written_at"]), data.get("base"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def describe_time(when: dt.datetime, now: dt.datetime) -> str:
    """'today at 14:02', 'yesterday at 09:15', or '12 March 2026 at 14:02': how old a draft is."""
    days = (now.date() - when.date()).days
    clock = f"{when:%H:%M}"
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"yesterday at {clock}"
    return f"{when.day} {when:%B %Y} at {clock}"
