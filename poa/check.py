"""Check one file, whatever it is: an answers file or a letter someone already wrote."""

from __future__ import annotations

from pathlib import Path

from poa.draft import Draft
from poa.errors import InputError, Problem
from poa.letter_import import import_letter
from poa.rubric.compiled import Rubric, UnknownKind, infer_kind, load_rubric
from poa.rubric.engine import run
from poa.rubric.finding import Report
from poa.textfile import read_text

ANSWERS_SUFFIXES = (".yaml", ".yml")
LETTER_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def check_draft(draft: Draft, rubric: Rubric, name: str, notes: list[str] | None = None) -> Report:
    """Run the rubric on a draft (the TUI calls this on every pause in typing)."""
    notes = list(notes or [])
    if rubric.professional_help:
        notes.append(rubric.professional_help)
    return Report(name, rubric.kind_id, run(draft, rubric), notes)


def check_file(path: Path, kind: str | None = None, rubrics: Path | None = None) -> Report:
    """Load `path`, pick the rubric, and report every finding."""
    name = str(path)
    suffix = path.suffix.lower()
    notes: list[str] = []
    if suffix in ANSWERS_SUFFIXES:
        from poa.answers_file import load_answers  # pydantic and PyYAML: only for answers files

        loaded = load_answers(path)
        draft = loaded.draft()
        file_kind = loaded.answers.kind
        if kind and kind != file_kind:
            notes.append(f"checked as '{kind}' (--kind), although the file says '{file_kind}'")
        kind = kind or file_kind
        try:
            rubric = load_rubric(kind, rubrics)
        except UnknownKind as err:
            line, col = loaded.yaml.where(("kind",)) or (None, None)
            raise InputError(Problem(name, err.problems[0].message, line, col, "kind")) from None
    elif suffix in LETTER_SUFFIXES:
        text = read_text(path)
        if not text.strip():
            raise InputError(Problem(name, "the letter is empty"))
        draft = import_letter(text)
        if kind is None:
            guess = infer_kind(text, rubrics)
            if guess:
                kind = guess[0]
                notes.append(f"kind inferred: {kind} ({guess[1]}); use --kind to choose another")
            else:
                notes.append("kind not recognised from the letter: only the common rubric applied "
                             "(give --kind; see: poa kinds)")
        rubric = load_rubric(kind, rubrics)
        if draft.headings == 0:
            notes.append("no section headings recognised: the whole letter was checked as one text")
    else:
        raise InputError(Problem(name, f"expected an answers file ({', '.join(ANSWERS_SUFFIXES)}) "
                                       f"or a letter ({', '.join(LETTER_SUFFIXES)}), got "
                                       f"'{suffix or 'no extension'}'"))
    return check_draft(draft, rubric, name, notes)
