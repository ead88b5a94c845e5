"""What the recovery dialog shows of the text it offers back: which answers, their first words.

A seller asked "Recover your unsaved changes?" needs to see what those changes are
before choosing: the answers that differ from the file as saved (or, for a file not
created yet, the answers written), each by its on-screen name with its first line.
"""

from __future__ import annotations

from pathlib import Path

from poa.errors import InputError
from poa.tui.labels import answer_name

SHOWN = 4
"""Answers listed at most; the rest are counted."""
WIDTH = 60
"""Characters of each answer's first line shown."""


def _flat(value: object, prefix: str = "") -> dict[str, str]:
    """{'root_cause.0.what': 'Tracking numbers...', ...} for every answer with text."""
    out: dict[str, str] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(_flat(item, f"{prefix}{key}."))
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for number, item in enumerate(value):
            out.update(_flat(item, f"{prefix}{number}."))
    elif value not in (None, "", []):
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        out[prefix.rstrip(".")] = text
    return out


def _answers(text: str, path: Path) -> dict[str, str] | None:
    from poa.answers.file import parse_answers

    try:
        answers = parse_answers(text, path).answers
    except InputError:
        return None
    flat = _flat(answers.model_dump(mode="json"))
    flat.pop("kind", None)
    return {p: t for p, t in flat.items() if not p.startswith(("history.", "schema"))}


def first_line(text: str, width: int = WIDTH) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= width else line[:width - 1].rstrip() + "…"


def preview(entry_text: str, path: Path) -> list[str]:
    """Lines naming what the journal entry holds that the file does not: at most SHOWN answers,
    'and N more', text not accepted yet marked so; a raw first lines fallback if it won't load."""
    from poa.tui.session import split_unsaved

    text, unsaved = split_unsaved(entry_text)
    new = _answers(text, path)
    if new is None:
        lines = [first_line(line) for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#")]
        return lines[:SHOWN]
    old: dict[str, str] = {}
    if path.exists():
        try:
            old = _answers(path.read_text(encoding="utf-8"), path) or {}
        except (OSError, UnicodeDecodeError):
            old = {}
    changed = [(p, t) for p, t in new.items() if old.get(p) != t]
    removed = [p for p in old if p not in new]
    lines = [f"{answer_name(p)}: {first_line(t)}" for p, t in changed]
    lines += [f"{answer_name(p)}: (removed)" for p in removed]
    lines += [f"{answer_name(p)}: {first_line(t)} (not accepted yet)" for p, t in unsaved.items()]
    if len(lines) > SHOWN:
        lines = lines[:SHOWN] + [f"and {len(lines) - SHOWN} more"]
    return lines
