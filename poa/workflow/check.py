"""Check one file, whatever it is: an answers file or a letter someone already wrote."""

from __future__ import annotations

from pathlib import Path

from poa.errors import InputError, Problem
from poa.files.textfile import read_text
from poa.letters.draft import Draft, draft_of
from poa.rubric.compiled import Rubric, UnknownKind, infer_kind, load_rubric
from poa.rubric.engine import run
from poa.rubric.finding import Report
from poa.rubric.overrule import Overrules, describe_entry

TYPE_CHECKING = False  # not typing's: importing typing costs `poa check` several milliseconds
if TYPE_CHECKING:
    from poa.answers.file import LoadedAnswers

ANSWERS_SUFFIXES = (".yaml", ".yml")
LETTER_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def files_to_check(paths: list[Path]) -> list[Path]:
    """The files named, with each folder replaced by the answers files and letters in it (sorted).

    In a folder (a client's, perhaps), a link that points outside that folder
    is skipped: a `shadow.yaml` link to /etc/shadow must not be read and quoted.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and
                                p.suffix.lower() in ANSWERS_SUFFIXES + LETTER_SUFFIXES and
                                _inside(p, path)))
        else:
            found.append(path)
    if not found:
        raise InputError(Problem(str(paths[0]), "no answers files (.yaml) or letters (.txt, .md) in "
                                                "this folder"))
    return found


def _inside(entry: Path, folder: Path) -> bool:
    """True when `entry` (maybe a link) resolves to a file inside `folder`."""
    if not entry.is_symlink():
        return True
    try:
        return entry.resolve(strict=True).is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError):
        return False


def check_draft(draft: Draft, rubric: Rubric, name: str, notes: list[str] | None = None,
                overrules: Overrules | None = None) -> Report:
    """Run the rubric on a draft (the TUI calls this on every pause in typing).

    `overrules` (dismissals from the answers file, --ignore, settings) move findings to
    the report's `dismissed` list, with their reason; a dismissal that no longer matches
    any finding becomes a note.
    """
    notes = list(notes or [])
    if rubric.professional_help:
        notes.append(rubric.professional_help)
    findings = run(draft, rubric)
    if not overrules:
        return Report(name, rubric.kind_id, findings, notes)
    kept, dismissed, stale = overrules.apply(findings)
    for index in stale:
        notes.append(f"dismissal no longer matches: {describe_entry(overrules.dismissals[index])}; "
                     "the words or the place changed (remove the entry from 'dismissed:')")
    return Report(name, rubric.kind_id, kept, notes, dismissed)


def load_answers(path: Path) -> LoadedAnswers:
    """answers_file.load_answers, imported when first needed: checking a letter loads neither pydantic nor ruamel.yaml."""
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
    if rubric.kind_id is None and not kind:
        loaded.notes.append("the file sets no suspension kind (kind: common): only the common rules "
                            "applied; set kind: to yours (see: poa kinds)")
    return loaded, rubric


def check_file(path: Path, kind: str | None = None, rubrics: Path | None = None,
               reply: str | None = None, ignore: list[str] | tuple = (),
               settings: Path | None = None, use_settings: bool = True) -> Report:
    """Load `path`, pick the rubric, and report every finding.

    `reply` is Amazon's latest reply given on the command line; it takes the
    place of the one stored in the answers file. `ignore` (rule ids or `category.*`)
    and the settings files (the one named by `settings`, else those found from the
    file's folder upward and the user's; none when not `use_settings`) overrule
    findings, as the answers file's `dismissed:` entries do: see overrules_for.
    """
    name = str(path)
    suffix = path.suffix.lower()
    notes: list[str] = []
    dismissals: list = []
    if not path.exists() and not path.is_symlink():
        raise InputError(Problem(name, "no such file"))
    if suffix in ANSWERS_SUFFIXES:
        loaded, rubric = open_answers(path, kind, rubrics)
        notes.extend(loaded.notes)
        draft = draft_of(loaded)
        dismissals = loaded.answers.dismissed
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
    overrules = overrules_for(path, rubric, dismissals, ignore, settings, use_settings, rubrics, notes)
    return check_draft(draft, rubric, name, notes, overrules)


def overrules_for(path: Path, rubric: Rubric, dismissals: list, ignore: list[str] | tuple = (),
                  settings: Path | None = None, use_settings: bool = True,
                  rubrics: Path | None = None, notes: list[str] | None = None) -> Overrules:
    """What overrules the findings on `path`; a rule named in --ignore or a setting that no rubric
    has (a typo?) becomes a note, so that it does not silently do nothing."""
    from poa.workflow.settings import levels_for, unknown_rule_names

    levels = levels_for(path, settings) if use_settings or settings is not None else None
    names = [*ignore, *(levels.rules if levels else ())]
    if names and notes is not None:
        unknown = unknown_rule_names(names, [rule.id for rule in rubric.rules])
        if unknown:
            unknown = unknown_rule_names(unknown, all_rule_ids(rubrics))
        for name in unknown:
            where = "--ignore" if name in ignore else levels.rules[name][1]
            notes.append(f"{where}: no rule or category is named '{name}' (see: docs/rubrics.md)")
    return Overrules(dismissals, ignore, levels)


def all_rule_ids(rubrics: Path | None = None) -> list[str]:
    """The ids of every rule of every kind (read only to tell a typo from another kind's rule)."""
    from poa.rubric.compiled import known_kinds

    ids = {rule.id for rule in load_rubric(None, rubrics).rules}
    for kind in known_kinds(rubrics):
        ids.update(rule.id for rule in load_rubric(kind.rubric, rubrics).rules)
    return sorted(ids)
