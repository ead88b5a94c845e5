"""Resubmissions: record each letter sent to Amazon and its reply, and show what changed since.

Reviewers refuse identical resubmissions, so the answers file keeps every
letter as it was sent (the plain text a seller pastes) with Amazon's reply.
The check's repeat rule reads this history; `poa diff` compares against it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from pathlib import Path

from poa.answers.file import ConflictError, document_of, load_answers, refuse_read_only, save_answers, to_yaml
from poa.answers.lock import locked
from poa.answers.model import Answers, Submission
from poa.errors import InputError, Problem
from poa.files.textfile import MAX_BYTES, read_text
from poa.workflow.check import open_answers
from poa.workflow.letter import letter_text

Tell = Callable[[list[str]], None]
"""Receives what reading an older file changed (LoadedAnswers.notes), before the file is rewritten."""


def record_submission(path: Path, day: dt.date, tell: Tell | None = None, letter: str | None = None,
                      force: bool = False) -> int:
    """Append the letter sent to the history; returns how many submissions the file now holds.

    `letter` is the text exactly as it was pasted (an exported file); without it, the
    plain text exactly as `poa render FILE` exports it, dated the day it was sent.
    The read, the change and the write hold the file's lock, so parallel runs
    each add their own entry. When the file would grow past what poa reads,
    the oldest letters go first (their text stays in the backups) and `tell`
    says so.
    """
    refuse_read_only(path, force)
    with locked(path):
        loaded, rubric = open_answers(path)
        if tell is not None:
            tell(loaded.notes)
        if letter is None:
            letter = letter_text(loaded.answers, rubric, today=day)
        history = list(loaded.answers.history) + [Submission(date=day, letter=letter)]
        answers = loaded.answers.model_copy(update={"history": history})
        document = document_of(loaded)
        answers, dropped = within_read_limit(answers, path, document)
        if dropped and tell is not None:
            tell([f"the file keeps the {len(answers.history)} latest submissions; the "
                  f"{dropped} oldest letter{'s were' if dropped > 1 else ' was'} removed so that the "
                  f"file stays under {MAX_BYTES // 1024 // 1024} MB (the previous version is "
                  f"{path.name}.bak)"])
        _save(answers, path, loaded.fingerprint, document, force)
        return len(answers.history)


def within_read_limit(answers: Answers, path: Path, document) -> tuple[Answers, int]:  # noqa: ANN001
    """`answers` with the oldest submissions dropped until the file fits the read limit.

    The latest submission is always kept (if even that does not fit, saving refuses).
    """
    history = list(answers.history)
    dropped = 0
    while len(history) > 1:
        size = len(to_yaml(answers, path.name, document).encode("utf-8"))
        if size <= MAX_BYTES:
            break
        excess = size - MAX_BYTES
        while len(history) > 1 and excess > 0:
            gone = history.pop(0)
            excess -= len(gone.letter.encode("utf-8")) + len(gone.reply.encode("utf-8"))
            dropped += 1
        answers = answers.model_copy(update={"history": history})
    return answers, dropped


def record_reply(path: Path, reply: str, tell: Tell | None = None, force: bool = False) -> None:
    """Attach Amazon's reply to the last submission, and make it the reply the next check reads."""
    if not reply.strip():
        raise InputError(Problem(str(path), "the reply file is empty"))
    refuse_read_only(path, force)
    with locked(path):
        _record_reply(path, reply, tell, force)


def _record_reply(path: Path, reply: str, tell: Tell | None, force: bool) -> None:
    loaded = load_answers(path)
    if tell is not None:
        tell(loaded.notes)
    answers = loaded.answers
    if not answers.history:
        raise InputError(Problem(str(path), "no submission is recorded yet; after sending the "
                                            f"letter run: poa submitted {path}"))
    last = answers.history[-1].model_copy(update={"reply": reply.strip() + "\n"})
    context = answers.context.model_copy(update={"amazon_reply": reply.strip() + "\n"})
    answers = answers.model_copy(update={"history": answers.history[:-1] + [last],
                                         "context": context})
    _save(answers, path, loaded.fingerprint, document_of(loaded), force)


def diff_since_last(path: Path) -> str:
    """A unified diff of the last submitted letter against the letter as it renders now."""
    loaded, rubric = open_answers(path)
    answers = loaded.answers
    if not answers.history:
        raise InputError(Problem(str(path), "no submission is recorded yet, so there is nothing "
                                            f"to compare with (record one with: poa submitted {path})"))
    last = answers.history[-1]
    now = letter_text(answers, rubric, today=last.date)  # the same signature date: only changes show
    lines = difflib.unified_diff(last.letter.splitlines(keepends=True), now.splitlines(keepends=True),
                                 fromfile=f"submitted {last.date.isoformat()}", tofile="now")
    text = "".join(lines)
    return text or f"no change since the submission of {last.date.isoformat()}\n"


def diff_letters(old: Path, new: Path) -> str:
    """A unified diff of two letters (files as sent or exported), line by line."""
    before, after = read_text(old), read_text(new)
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=str(old), tofile=str(new))
    text = "".join(lines)
    return text or f"no change between {old} and {new}\n"


def _save(answers, path: Path, fingerprint: str, document, force: bool) -> None:  # noqa: ANN001
    try:
        save_answers(answers, path, expected=fingerprint, document=document, force=force)
    except ConflictError as err:
        raise InputError(err.problem) from None
