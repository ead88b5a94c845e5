"""One open draft: the answers being edited, where they are saved, and their latest check.

The screens edit `session.answers` in place and call `changed()`; the draft
screen decides when to check, journal and save (after pauses in typing). All
judgement comes from the core: check_draft for findings, poa.workflow.status for step
marks, render_markdown/markdown_to_text for the letter, save_locked for a locked,
atomic save that keeps the file's comments and refuses to overwrite a file changed
on disk (ConflictError).

What the model refuses (a date typed 14/11/2026, a number typed "ninety") cannot
go into the answers, so it is kept as typed in `unsaved` and written to the
recovery journal with the answers (a comment line, UNSAVED_MARK, after them):
the file is saved without it, the journal keeps it, and poa offers it back.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from poa.answers.file import (
    ConflictError,
    document_of,
    load_answers,
    parse_answers,
    save_locked,
    to_yaml,
    write_atomic,
)
from poa.answers.model import SECTIONS, Answers
from poa.errors import InputError
from poa.files.journal import Journal
from poa.letters.draft import draft_from_answers
from poa.rubric.compiled import Rubric, load_rubric
from poa.rubric.finding import Finding, Report
from poa.rubric.overrule import Dismissed, Levels, Overrules
from poa.workflow import dismiss as dismissals
from poa.workflow.check import check_draft
from poa.workflow.settings import levels_for

UNSAVED_MARK = "# poa: typed but not accepted yet: "
"""Starts the journal line that keeps what the model refused, as JSON {answer path: text}."""

ABSENT = ""
"""Expected fingerprint of a file that must not exist yet (no real fingerprint is empty)."""

__all__ = ["ABSENT", "ConflictError", "DraftSession"]


class DraftSession:
    """The state of one draft; no widgets, so the benchmark and tests can drive it directly."""

    def __init__(self, path: Path, answers: Answers, expected: str, journal: Journal,
                 clock: Callable[[], dt.datetime], saved_at: dt.datetime | None = None,
                 document: object | None = None):
        self.path = Path(path)
        self.document = document
        """The file's round-trip document (comments, order, layout), kept by every save."""
        self.answers = answers
        self.rubric: Rubric = load_rubric(answers.kind)
        self.expected = expected
        """Fingerprint of the file on disk as we last read or wrote it (ABSENT: not created yet)."""
        self.journal = journal
        self.clock = clock
        self.dirty = False
        self.saved_at = saved_at
        self.edits = 0
        """Counts changes to the answers (a letter rendered at one count is still current)."""
        self.unsaved: dict[str, str] = {}
        """Text typed in an answer that the model refused, by answer path, e.g.
        {'context.notice_date': '14/11/2026'}: shown in its field, kept in the journal."""
        self.settings_problem = ""
        """Why the settings files could not be read (they are then not applied; shown once)."""
        self.levels = self._read_settings()
        self.report: Report = self.check()

    def _read_settings(self) -> Levels:
        """The settings files that apply to this draft's folder, as `poa check` reads them."""
        try:
            return levels_for(self.path)
        except InputError as err:
            self.settings_problem = str(err.problems[0])
            return Levels()

    @classmethod
    def open(cls, path: Path, journal: Journal, clock: Callable[[], dt.datetime]) -> "DraftSession":
        """Load an answers file (raises InputError with every problem if it is broken)."""
        loaded = load_answers(path)
        return cls(path, loaded.answers, loaded.fingerprint, journal, clock,
                   document=document_of(loaded))

    @classmethod
    def new(cls, path: Path, kind: str, journal: Journal,
            clock: Callable[[], dt.datetime]) -> "DraftSession":
        """A new, empty draft of `kind`, saved to `path` at its first change."""
        return cls(path, Answers(kind=kind), ABSENT, journal, clock)

    # --- checking ---------------------------------------------------------------------
    def check(self) -> Report:
        """Run the rubric on the answers as they are now; keep and return the report."""
        overrules = Overrules(self.answers.dismissed, (), self.levels)
        self.report = check_draft(draft_from_answers(self.answers), self.rubric, self.path.name,
                                  overrules=overrules)
        return self.report

    # --- overruling findings ----------------------------------------------------------
    def dismiss(self, finding: Finding, reason: str) -> None:
        """Keep a dismissal of `finding` in the answers with the seller's reason, and re-check."""
        dismissals.dismiss(self.answers, finding, reason, self.clock().date())
        self.changed()
        self.check()

    def restore(self, dismissed: Dismissed) -> bool:
        """Count a dismissed finding again (False: a setting dismissed it, not the answers)."""
        if not dismissals.restore(self.answers, dismissed):
            return False
        self.changed()
        self.check()
        return True

    def item_removed(self, section: str, index: int) -> None:
        """An item was deleted: the dismissals of later items follow them (see poa.workflow.dismiss)."""
        dismissals.item_removed(self.answers, section, index)

    def items_swapped(self, section: str, first: int, second: int) -> None:
        dismissals.items_swapped(self.answers, section, first, second)

    # --- editing ----------------------------------------------------------------------
    def changed(self) -> None:
        """The answers were edited: they now need saving."""
        self.dirty = True
        self.edits += 1

    def drop_blank_items(self, section: str, keep: int | None = None) -> bool:
        """Remove items with no text at all (but not item `keep`, being written, nor one holding
        refused text); True if any went."""
        items = self.answers.items(section)
        blank = [i for i, item in enumerate(items) if i != keep and _blank(item, section)
                 and not self.unsaved_in(f"{section}.{i}.")]
        for index in reversed(blank):
            del items[index]
            self.remove_unsaved_index(section, index)
            self.item_removed(section, index)
        if blank:
            self.changed()
        return bool(blank)

    def set_kind(self, kind: str) -> None:
        """The seller chose the kind of suspension: its rubric (questions, rules) applies from now
        on, saved like any other answer; no other answer changes (raises UnknownKind)."""
        self.rubric = load_rubric(kind)
        if self.answers.kind != kind:
            self.answers.kind = kind
            self.changed()
        self.check()

    # --- text the model refused -------------------------------------------------------
    def set_unsaved(self, path: str, text: str) -> bool:
        """Keep text typed at `path` that the model refused; True if that is news."""
        if self.unsaved.get(path) == text:
            return False
        self.unsaved[path] = text
        return True

    def clear_unsaved(self, path: str) -> bool:
        """The answer at `path` is valid again; True if refused text was kept for it."""
        return self.unsaved.pop(path, None) is not None

    def unsaved_in(self, prefix: str) -> dict[str, str]:
        return {p: t for p, t in self.unsaved.items() if p.startswith(prefix)}

    def remove_unsaved_index(self, list_path: str, index: int) -> None:
        """Item `index` of the list at `list_path` went: drop its refused text, renumber the rest."""
        moved = {}
        for path, text in self.unsaved.items():
            number, rest = _split_index(path, list_path)
            if number is None:
                moved[path] = text
            elif number != index:
                moved[f"{list_path}.{number - (number > index)}.{rest}"] = text
        self.unsaved = moved

    def swap_unsaved_index(self, list_path: str, first: int, second: int) -> None:
        """Items `first` and `second` of the list at `list_path` changed places."""
        swapped = {}
        for path, text in self.unsaved.items():
            number, rest = _split_index(path, list_path)
            if number in (first, second):
                path = f"{list_path}.{second if number == first else first}.{rest}"
            swapped[path] = text
        self.unsaved = swapped

    def recover(self, text: str) -> None:
        """Replace the answers with a journal entry's text (raises InputError if it no longer loads)."""
        text, self.unsaved = split_unsaved(text)
        self.answers = parse_answers(text, self.path).answers
        self.rubric = load_rubric(self.answers.kind)
        self.changed()
        self.check()

    # --- saving -----------------------------------------------------------------------
    def text(self) -> str:
        """The answers file text as it will be saved."""
        return to_yaml(self.answers, self.path.name, self.document)

    def journal_text(self) -> str:
        """The answers file text, then (if any) the refused text on one comment line."""
        text = self.text()
        if self.unsaved:
            text += UNSAVED_MARK + json.dumps(self.unsaved, ensure_ascii=True, sort_keys=True) + "\n"
        return text

    def record_journal(self) -> None:
        """Keep the unsaved text in the recovery journal (cheap; done shortly after each change).

        Nothing unsaved left (refused text corrected back to what is saved): the entry goes.
        """
        if self.dirty or self.unsaved:
            self.journal.record(self.path, self.journal_text(), self.clock(),
                                self.expected or None)
        else:
            self.journal.discard(self.path)

    def save(self, overwrite: bool = False) -> None:
        """Write the answers file atomically; raises ConflictError if it changed on disk.

        `overwrite` replaces a file changed on disk (its previous text is kept as FILE.bak).
        """
        self.expected = save_locked(self.answers, self.path, None if overwrite else self.expected,
                                    self.document)
        self.dirty = False
        self.saved_at = self.clock()
        if self.unsaved:  # the file cannot hold it: the journal keeps it, to offer it back
            self.journal.record(self.path, self.journal_text(), self.clock(), self.expected)
        else:
            self.journal.discard(self.path)

    def save_as(self, path: Path) -> None:
        """Save under another name from now on (the journal entry moves with it)."""
        old = self.path
        self.path = Path(path)
        self.expected = ABSENT
        self.dirty = True
        self.save(overwrite=True)
        self.journal.discard(old)

    def reload(self) -> None:
        """Read the file on disk again, dropping the edits not saved."""
        loaded = load_answers(self.path)
        self.answers = loaded.answers
        self.document = document_of(loaded)
        self.rubric = load_rubric(self.answers.kind)
        self.expected = loaded.fingerprint
        self.dirty = False
        self.unsaved = {}
        self.edits += 1
        self.journal.discard(self.path)
        self.check()

    # --- the letter -------------------------------------------------------------------
    def markdown(self) -> str:
        """The letter as Markdown, exactly as `poa render FILE --format md` prints it."""
        from poa.render.letter import render_markdown  # Jinja2: loaded when a letter is first wanted

        return render_markdown(self.answers, self.rubric.kind_info)

    def plain_text(self, width: int | None = None) -> str:
        """The letter as plain text, exactly as `poa render FILE --format txt` prints it."""
        from poa.render.plaintext import DEFAULT_WIDTH, markdown_to_text

        return markdown_to_text(self.markdown(), DEFAULT_WIDTH if width is None else width)

    def export(self, path: Path, fmt: str) -> None:
        """Write the letter in `fmt` ('md' or 'txt') atomically (an old file is kept as .bak)."""
        write_atomic(Path(path), self.markdown() if fmt == "md" else self.plain_text())

    def export_path(self, fmt: str) -> Path:
        """The proposed export file: next to the answers file, same name, .md or .txt."""
        return self.path.with_suffix(f".{fmt}")


def split_unsaved(text: str) -> tuple[str, dict[str, str]]:
    """A journal entry's text -> (the answers file text, the refused text by answer path)."""
    lines = text.splitlines(keepends=True)
    if lines and lines[-1].startswith(UNSAVED_MARK):
        try:
            unsaved = json.loads(lines[-1][len(UNSAVED_MARK):])
        except ValueError:
            return text, {}
        if isinstance(unsaved, dict):
            return "".join(lines[:-1]), {str(p): str(t) for p, t in unsaved.items()}
    return text, {}


def _split_index(path: str, list_path: str) -> tuple[int | None, str]:
    """'root_cause.2.why' under 'root_cause' -> (2, 'why'); (None, '') when not under it."""
    if not path.startswith(list_path + "."):
        return None, ""
    number, _, rest = path[len(list_path) + 1:].partition(".")
    return (int(number), rest) if number.isdigit() else (None, "")


def _blank(item, section: str) -> bool:  # noqa: ANN001
    """Nothing at all filled in (a date alone is kept: it is an answer)."""
    return all(value in (None, "") or (isinstance(value, str) and not value.strip())
               for value in item.model_dump().values())


def blank_sections(answers: Answers) -> list[str]:
    """Sections that hold an item with no text (shown as an empty numbered line in the letter)."""
    return [s for s in SECTIONS if any(_blank(i, s) for i in answers.items(s))]
