"""Check one file, whatever it is: an answers file or a letter someone already wrote."""

from __future__ import annotations

from pathlib import Path

from poa.letters.draft import Draft
from poa.letters.draft import draft_of
from poa.errors import InputError, Problem
from poa.rubric.compiled import Rubric, UnknownKind, infer_kind, load_rubric
from poa.rubric.engine import run
from poa.rubric.finding import Report
from poa.files.textfile import read_text

TYPE_CHECKING = False  # not typing's: importing typing costs `poa check` several milliseconds
if TYPE_CHECKING:
    from poa.answers.file import LoadedAnswers

ANSWERS_SUFFIXES = (".yaml", ".yml")
LETTER_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def files_to_check(paths: list[Path]) -> list[Path]:
    """The files named, with each folder replaced by the answers files and letters in it (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and
                                p.suffix.lower() in ANSWERS_SUFFIXES + LETTER_SUFFIXES))
        else:
            found.append(path)
    if not found:
        raise InputError(Problem(str(paths[0]), "no answers files (.yaml) or letters (.txt, .md) in "
                                                "this folder"))
    return found


def check_draft(draft: Draft, rubric: Rubric, name: str, notes: list[str] | None = None) -> Report:
    """Run the rubric on a draft (the TUI calls this on every pause in typing)."""
    notes = list(notes or [])
    if rubric.professional_help:
        notes.append(rubric.professional_help)
    return Report(name, rubric.kind_id, run(draft, rubric), notes)


def load_answers(path: Path) -> LoadedAnswers:
    """answers_file.load_answers, imported when first needed: checking a letter loads neither pydantic nor PyYAML."""
    from poa.answers import file as answers_file

    return answers_file.load_answers(path)


def open_answers(path: Path, kind: str | None = None,
                 rubrics: Path | None = None) -> tuple[LoadedAnswers, Rubric]:
    """Load an answers file and the rubric of its kind (or of `kind`); an unknown kind points at the file."""
    loaded = load_answers(path)
    try:
        rubric = load_rubric(kind or loaded.answers.kind, rubrics)
    except UnknownKind as err:
        if kind:
            raise
        line, col = loaded.yaml.where(("kind",)) or (None, None)
        raise InputError(Problem(str(path), err.problems[0].message, line, col, "kind")) from None
    return loaded, rubric


def check_file(path: Path, kind: str | None = None, rubrics: Path | None = None,
               reply: str | None = None) -> Report:
    """Load `path`, pick the rubric, and report every finding.

    `reply` is Amazon's latest reply given on the command line; it takes the
    place of the one stored in the answers file.
    """
    name = str(path)
    suffix = path.suffix.lower()
    notes: list[str] = []
    if not path.exists() and not path.is_symlink():
        raise InputError(Problem(name, "no such file"))
    if suffix in ANSWERS_SUFFIXES:
        loaded, rubric = open_answers(path, kind, rubrics)
        notes.extend(loaded.notes)
        draft = draft_of(loaded)
        if kind and kind != loaded.answers.kind:
            notes.append(f"checked as '{kind}' (--kind), although the file says '{loaded.answers.kind}'")
    elif suffix in LETTER_SUFFIXES:
        text = read_text(path)
        if not text.strip():
            raise InputError(Problem(name, "the letter is empty"))
        from poa.letters.letter_import import import_letter  # letters only: answers files need none of it

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
    if reply is not None:
        draft.reply = reply
    return check_draft(draft, rubric, name, notes)
