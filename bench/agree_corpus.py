"""The labelled letters of a corpus folder, and the two forms in which poa reads each one.

A corpus is a folder with `strong/` (or `good/`, as ../shared/corpus names it) and
`weak/`, one YAML file per letter (fields in docs/agreement.md). Only the fields the
report needs are kept; a file that cannot be read is skipped with a note, so one bad
file does not hide the figures of the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import yaml

STRONG_DIRS = ("strong", "good")
WEAK_DIRS = ("weak",)
SECTIONS = (("root_cause", "Root cause"), ("corrective_actions", "Corrective actions"),
            ("preventive_measures", "Preventive measures"))
END_MARK = "[stored text ends here]"


class Point(NamedTuple):
    """A critique point a reviewer made that can be seen in the stored text."""

    category: str
    section: str


class Letter(NamedTuple):
    group: str
    """'strong' or 'weak'."""
    name: str
    """'weak/02-....yaml': how the report names the letter (never by its text)."""
    kind: str
    full_text: str
    sections: dict[str, str]
    points: tuple[Point, ...]


def clean(text: object) -> str:
    """The stored text without the compiler's end-of-copy line (not the seller's words)."""
    if not isinstance(text, str):
        return ""
    lines = [line for line in text.splitlines() if line.strip() != END_MARK]
    return "\n".join(lines).strip()


def read_letter(path: Path, group: str) -> Letter:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not a mapping of fields")
    points = tuple(Point(str(e.get("category", "")), str(e.get("section", "")))
                   for e in data.get("expected") or [] if isinstance(e, dict) and e.get("visible") is True)
    return Letter(group, f"{path.parent.name}/{path.name}", str(data.get("kind") or "other"),
                  clean(data.get("full_text")),
                  {key: clean(data.get(key)) for key, _ in SECTIONS}, points)


def load(root: Path, limit: int | None = None) -> tuple[list[Letter], list[str]]:
    """The letters under `root` (the first `limit` of each folder in --quick), and notes."""
    letters: list[Letter] = []
    notes: list[str] = []
    for group, names in (("strong", STRONG_DIRS), ("weak", WEAK_DIRS)):
        folders = [root / name for name in names if (root / name).is_dir()]
        if not folders:
            notes.append(f"no {' or '.join(n + '/' for n in names)} folder: no {group} letters")
            continue
        paths = sorted(p for folder in folders for p in folder.glob("*.yaml"))
        for path in paths[:limit]:
            try:
                letters.append(read_letter(path, group))
            except (OSError, ValueError, yaml.YAMLError) as err:
                notes.append(f"{path.parent.name}/{path.name} skipped: {str(err).splitlines()[0]}")
    return letters, notes


def as_written(letter: Letter) -> str:
    """`full_text` as stored; when none was stored, the section fields one after the other."""
    if letter.full_text:
        return letter.full_text
    return "\n\n".join(text for text in letter.sections.values() if text)


def under_headings(letter: Letter) -> str:
    """The section fields under plain headings: does the rubric judge the content? A field
    that is empty ("not in the stored copy") gets no heading."""
    return "\n\n".join(f"{heading}\n\n{letter.sections[key]}" for key, heading in SECTIONS
                       if letter.sections[key])


FORMS = {"as written": as_written, "sections": under_headings}
