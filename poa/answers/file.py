"""Answers files: load with every problem located, save atomically with a backup, start new ones.

The file is the seller's: it must stay readable and editable by hand. Keys are
written in a fixed order (metadata, context, the three sections, documents),
long answers as `|` blocks, unicode as typed; empty details are left out so
the file shows what the seller wrote, and loading fills them back in.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from poa.files import yamlfile
from poa.files.atomic import read_existing, replace_file
from poa.errors import ConflictError, InputError, Problem  # noqa: F401 - ConflictError re-exported
from poa.answers.migrate import FIRST_VERSION, migrate
from poa.answers.model import SCHEMA_VERSION, SECTIONS, Answers
from poa.files.textfile import read_text
from poa.files.validation import problems_from

HEADER = ("# Plan of Action answers, written by poa. Safe to edit by hand.\n"
          "# Check it with:  poa check {name}      Render it with:  poa render {name}\n")


@dataclass
class LoadedAnswers:
    """Answers plus what is needed to point findings at lines of the file, and to detect conflicts."""

    answers: Answers
    path: Path
    yaml: yamlfile.LoadedYAML
    fingerprint: str
    notes: list[str] = field(default_factory=list)
    """What was changed to read an older file (one line each), to show the seller."""


def fingerprint(text: str) -> str:
    """Identifies a file's content, so a save can tell the file changed on disk since it was read."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_answers(path: Path) -> LoadedAnswers:
    """Read and validate an answers file; raise InputError listing every problem at once."""
    name = str(path)
    text = read_text(path)
    return parse_answers(text, path)


def parse_answers(text: str, path: Path) -> LoadedAnswers:
    """Validate answers-file text (already read) as coming from `path`."""
    name = str(path)
    if not text.strip():
        raise InputError(Problem(name, "the file is empty; expected an answers file "
                                       "(start one with: poa new --kind KIND -o FILE)"))
    loaded = yamlfile.load(text, name)
    data = loaded.data
    if data is None:
        raise InputError(Problem(name, "the file holds only comments; expected an answers file "
                                       "(start one with: poa new --kind KIND -o FILE)"))
    if not isinstance(data, dict):
        raise InputError(Problem(name, "expected 'key: value' lines at the top of an answers file "
                                       f"(got {type(data).__name__})", 1, 1))
    data, notes = _migrated(data, loaded, name)
    try:
        answers = Answers.model_validate(data)
    except ValidationError as err:
        raise InputError(problems_from(err, loaded, name, Answers)) from None
    problems = _issue_references(answers, loaded, name)
    if problems:
        raise InputError(problems)
    return LoadedAnswers(answers, path, loaded, fingerprint(text), notes)


def _migrated(data: dict, loaded: yamlfile.LoadedYAML, name: str) -> tuple[dict, list[str]]:
    """Bring an older file's data to the current layout; refuse a newer or a nonsense version."""
    version = data.get("schema_version", FIRST_VERSION)
    line, col = loaded.where(("schema_version",)) or (None, None)
    if isinstance(version, bool) or not isinstance(version, int) or version < FIRST_VERSION:
        shown = repr(version) if not isinstance(version, (dict, list)) else "a group of values"
        raise InputError(Problem(name, f"expected a schema version from {FIRST_VERSION} to "
                                       f"{SCHEMA_VERSION} (got {shown[:40]})", line, col, "schema_version"))
    if version > SCHEMA_VERSION:
        raise InputError(Problem(name, f"this file is schema version {version}, but this poa "
                                       f"reads up to version {SCHEMA_VERSION}; update poa",
                                 line, col, "schema_version"))
    return migrate(data, version)


def _issue_references(answers: Answers, loaded: yamlfile.LoadedYAML, name: str) -> list[Problem]:
    """Every `issue:` on an item must name one of the listed issues (a typo would hide an item)."""
    known = [issue.id for issue in answers.issues]
    problems = []
    seen: set[str] = set()
    for index, issue in enumerate(answers.issues):
        if issue.id in seen:
            line, col = loaded.where(("issues", index, "id")) or (None, None)
            problems.append(Problem(name, f"issue id '{issue.id}' is listed twice", line, col,
                                    f"issues.{index}.id"))
        seen.add(issue.id)
    for section in SECTIONS:
        for index, item in enumerate(answers.items(section)):
            if item.issue and item.issue not in known:
                path = (section, index, "issue")
                line, col = loaded.where(path) or (None, None)
                hint = difflib.get_close_matches(item.issue, known, n=1)
                if hint:
                    tip = f"; did you mean '{hint[0]}'?"
                elif known:
                    tip = f"; expected one of: {', '.join(known)}"
                else:
                    tip = "; list it under 'issues:' first"
                problems.append(Problem(name, f"unknown issue '{item.issue}'{tip}", line, col,
                                        ".".join(map(str, path))))
    return problems


def to_yaml(answers: Answers, name: str = "FILE") -> str:
    """The text of an answers file: header comment, then the answers in a fixed order."""
    data = _prune(answers.model_dump(mode="python"), top=True)
    data["schema_version"] = SCHEMA_VERSION
    return HEADER.format(name=name) + yamlfile.dump(data)


def _prune(value: object, top: bool = False) -> object:
    """Drop empty details so hand-editing stays pleasant; keep every top-level key."""
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            item = _prune(item)
            if top or item not in (None, "", [], {}):
                kept[key] = item
        return kept
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def save_answers(answers: Answers, path: Path, expected: str | None = None) -> str:
    """Write atomically (temp file, fsync, rename), keeping the previous version as FILE.bak.

    `expected` is the fingerprint the caller read; if the file on disk no
    longer matches, nothing is written and ConflictError is raised. Returns
    the new fingerprint.
    """
    text = to_yaml(answers, path.name)
    write_atomic(path, text, expected)
    return fingerprint(text)


def write_atomic(path: Path, text: str, expected: str | None = None) -> None:
    """Replace `path` with `text` so that a crash leaves the old or the new file, never a mix.

    The text goes to a temporary file in the same folder, is flushed and
    synced, then renamed over the old file (and the folder synced). The
    previous content, when different, is first kept as FILE.bak the same way.
    Every file written is readable by its owner alone (0600).

    `expected` is the fingerprint of the file as the caller read it: if the
    file on disk differs, nothing is written and ConflictError is raised. Even
    without it, the file is compared again just before the rename, so an edit
    made while saving is never replaced without its backup.

    A symbolic link is not written through (a link planted in a client's
    folder must not make poa overwrite a file elsewhere): InputError. Temporary
    files are named .FILE.PID.XXXX.tmp; a kill mid-save can leave one, and the
    next save of the same file removes those whose process no longer runs.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_symlink():
        raise InputError(Problem(str(path), f"is a link to {os.readlink(path)}; poa does not write "
                                            "through links (use the real file's name)"))
    if path.is_dir():
        raise InputError(Problem(str(path), "is a folder; give a file name to write"))
    for name in (path.name, path.name + ".bak"):
        _remove_stale_temps(folder, name)
    try:
        old = read_existing(path)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(path)) from err
    if old is not None and expected is not None and fingerprint_bytes(old) != expected:
        raise ConflictError(path)
    data = text.encode("utf-8")
    try:
        if old is not None and old != data:
            replace_file(path.with_name(path.name + ".bak"), old)
        replace_file(path, data, verify=True, before=old)
    except OSError as err:  # name the file the user gave, not a temporary one
        raise OSError(err.errno, err.strerror, str(path)) from err


def fingerprint_bytes(raw: bytes) -> str:
    """The fingerprint of a file's bytes, as load_answers computes it from the decoded text."""
    return fingerprint(raw.decode("utf-8", "replace").removeprefix("\ufeff"))


_STALE_TEMP = r"^\.{name}\.(\d+)\.[A-Za-z0-9_]+\.tmp$"


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Delete temporary files of `name` left by saves whose process was killed."""
    pattern = re.compile(_STALE_TEMP.format(name=re.escape(name)))
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry)
        if match and not _running(int(match.group(1))):
            try:
                os.unlink(folder / entry)
            except OSError:
                pass


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True
