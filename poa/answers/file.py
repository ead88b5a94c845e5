"""Answers files: load with every problem located, save atomically with a backup, start new ones.

The file is the seller's: it must stay readable and editable by hand. A file
poa read is saved by changing only the values that changed (poa/files/yamldoc.py),
so comments, key order and `|` blocks survive. A new file is written in a
fixed order (metadata, context, the three sections, documents), long answers
as `|` blocks, unicode as typed; empty details are left out so the file shows
what the seller wrote, and loading fills them back in. Text fields are read
as typed (`owner: 0755` stays 0755, `frequency: 16:00` stays 16:00).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from poa.answers.migrate import FIRST_VERSION, migrate
from poa.answers.model import SCHEMA_VERSION, SECTIONS, TEXT_SCHEMA, Answers
from poa.errors import ConflictError, InputError, Problem  # noqa: F401 - ConflictError re-exported
from poa.files import yamldoc, yamlfile
from poa.files.atomic import not_regular, read_existing, replace_file, status
from poa.files.textfile import MAX_BYTES, kind_of, read_text
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
    text = read_text(path)
    return parse_answers(text, path)


def parse_answers(text: str, path: Path) -> LoadedAnswers:
    """Validate answers-file text (already read) as coming from `path`."""
    name = str(path)
    if not text.strip():
        raise InputError(Problem(name, "the file is empty; expected an answers file "
                                       "(start one with: poa new --kind KIND -o FILE)"))
    loaded = yamlfile.load(text, name, TEXT_SCHEMA)
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


def to_yaml(answers: Answers, name: str = "FILE", document: "yamldoc.Document | None" = None) -> str:
    """The text of an answers file.

    With the `document` of a file poa read, that file's text with only the
    changed values rewritten (comments, key order and block style kept);
    without, a new file: header comment, then the answers in a fixed order.
    """
    data = answers.model_dump(mode="python")
    data["schema_version"] = SCHEMA_VERSION
    if document is not None:
        return document.text_for(data)
    return HEADER.format(name=name) + yamldoc.dump(data)


def document_of(loaded: LoadedAnswers) -> "yamldoc.Document | None":
    """The round-trip document of a loaded file, so that saving it keeps what the seller wrote.

    None when the text cannot be kept as it is (then the file is written anew, in poa's order).
    """
    baseline = loaded.answers.model_dump(mode="python")
    raw = loaded.yaml.data if isinstance(loaded.yaml.data, dict) else {}
    if "schema_version" in raw:
        baseline["schema_version"] = raw["schema_version"]
    else:
        baseline.pop("schema_version", None)
    try:
        return yamldoc.Document(loaded.yaml.text, baseline)
    except Exception:  # noqa: BLE001 - a text poa could read but not keep: write it anew
        return None


def save_answers(answers: Answers, path: Path, expected: str | None = None,
                 document: "yamldoc.Document | None" = None, force: bool = False) -> str:
    """Write atomically (temp file, fsync, rename), keeping earlier versions as FILE.bak, FILE.bak.2...

    `expected` is the fingerprint the caller read; if the file on disk no
    longer matches, nothing is written and ConflictError is raised. `document`
    (document_of the loaded file) keeps the file's comments and layout. A
    read-only file is refused unless `force`. What poa writes it can read
    back: text past the read limit is refused, nothing written. Returns the
    new fingerprint.
    """
    refuse_read_only(path, force)
    text = to_yaml(answers, path.name, document)
    refuse_too_large(path, text)
    write_atomic(path, text, expected)
    if document is not None:
        document.commit()
    return fingerprint(text)


def save_locked(answers: Answers, path: Path, expected: str | None = None,
                document: "yamldoc.Document | None" = None, force: bool = False) -> str:
    """save_answers holding the file's lock (poa/answers/lock.py), as the drafting screen saves.

    The screen keeps its answers in memory, so its read is the fingerprint it
    remembers: under the lock, that fingerprint is compared with the file
    once more, and a `poa submitted` that slipped in is a ConflictError, never
    overwritten.
    """
    from poa.answers.lock import locked

    with locked(path):
        return save_answers(answers, path, expected, document, force)


def refuse_read_only(path: Path, force: bool = False) -> None:
    """A file made read-only is one someone wants left alone: poa says so instead of replacing it."""
    if force:
        return
    try:
        info = os.stat(path)
    except OSError:
        return
    writable = info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    if not writable or (os.geteuid() != 0 and not os.access(path, os.W_OK)):
        raise InputError(Problem(str(path), "is read-only; poa leaves it as it is (make it "
                                            "writable, or add --force to replace it)"))


def refuse_too_large(path: Path, text: str) -> None:
    """poa never writes an answers file it would then refuse to read."""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise InputError(Problem(str(path), f"saving would make the file {size / 1024 / 1024:.1f} MB, "
                                            f"past the {MAX_BYTES // 1024 // 1024} MB poa reads; "
                                            "nothing was written (shorten the longest answers)"))


KEEP_BACKUPS = 5
"""Earlier versions kept of each file: FILE.bak (the last), then FILE.bak.2 ... FILE.bak.5 (older)."""


def backup_names(path: Path) -> list[Path]:
    """FILE.bak, FILE.bak.2, ... newest first."""
    return [path.with_name(path.name + ".bak")] + \
        [path.with_name(f"{path.name}.bak.{n}") for n in range(2, KEEP_BACKUPS + 1)]


def write_atomic(path: Path, text: str, expected: str | None = None) -> None:
    """Replace `path` with `text` so that a crash leaves the old or the new file, never a mix.

    The text goes to a temporary file in the same folder, is flushed and
    synced, then renamed over the old file (and the folder synced). The
    previous content, when different, is first kept as FILE.bak the same way
    (older backups move to FILE.bak.2 ... FILE.bak.5; the oldest goes).
    Every file written is readable by its owner alone (0600), except that a
    file of another user saved by root keeps its owner, group and mode.

    `expected` is the fingerprint of the file as the caller read it: if the
    file on disk differs, nothing is written and ConflictError is raised. Even
    without it, the file is compared again just before the rename, so an edit
    made while saving is never replaced without its backup.

    Only an ordinary file (or nothing) is replaced: a link (poa does not write
    through links, so a link planted in a client's folder cannot make it
    overwrite a file elsewhere), a folder, a named pipe or a device is refused
    with InputError and left untouched. Temporary files are named
    .FILE.PID.XXXX.tmp; a kill mid-save can leave one, and the next save of
    the same file removes those whose process no longer runs.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    info = status(path)
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise InputError(Problem(str(path), f"is a link to {os.readlink(path)}; poa does not write "
                                            "through links (use the real file's name)"))
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError(Problem(str(path), "is a folder; give a file name to write"))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise not_regular(path, info.st_mode, "writes only ordinary files")
    backups = backup_names(path)
    for backup in backups:
        found = status(backup)
        if found is not None and not stat.S_ISREG(found.st_mode):
            raise InputError(Problem(str(backup), f"is {kind_of(found.st_mode)}, not a regular file; poa "
                                                  f"keeps the previous version of {path.name} there "
                                                  "(move it away; nothing was written)"))
    for name in (path.name, backups[0].name):
        _remove_stale_temps(folder, name)
    try:
        old = read_existing(path)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(path)) from err
    if old is not None and expected is not None and fingerprint_bytes(old) != expected:
        raise ConflictError(path)
    data = text.encode("utf-8")
    if old is not None and old != data:
        _rotate(backups)
        try:
            replace_file(backups[0], old, like=info)
        except OSError as err:
            raise OSError(err.errno, err.strerror, str(backups[0])) from err
    try:
        replace_file(path, data, verify=True, before=old, like=info)
    except OSError as err:  # name the file the user gave, not a temporary one
        raise OSError(err.errno, err.strerror, str(path)) from err


def _rotate(backups: list[Path]) -> None:
    """FILE.bak -> FILE.bak.2 -> ... (each a rename; the oldest is replaced)."""
    for newer, older in reversed(list(zip(backups, backups[1:]))):
        try:
            os.replace(newer, older)
        except FileNotFoundError:
            continue
        except OSError as err:
            raise OSError(err.errno, err.strerror, str(older)) from err


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
