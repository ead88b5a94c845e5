"""Build a draft from a rule's example, so every rule's pass/fail examples can be run.

An example is either a sentence (placed as one item in the rule's section, or
in the root cause for letter-wide rules) or a mapping: sections as text or
lists of items, `context`, `shipping`, `documents`, `repeat` (repeat the
section text N times), or `letter` (a whole letter, imported as from a file).
"""

from __future__ import annotations

from poa.answers.model import SECTIONS, Answers
from poa.letters.draft import Draft, draft_from_answers
from poa.letters.letter_import import import_letter


def example_draft(example: str | dict, scope: str) -> Draft:
    """The draft an example stands for."""
    if isinstance(example, str):
        example = {scope if scope in SECTIONS else "root_cause": example}
    example = dict(example)
    if "letter" in example:
        return import_letter(example["letter"])
    repeat = int(example.pop("repeat", 1))
    data: dict = {"kind": "example"}
    for key in ("context", "shipping", "documents", "issues", "history"):
        if key in example:
            data[key] = example[key]
    for section in SECTIONS:
        value = example.get(section)
        if value is None:
            continue
        if isinstance(value, str):
            value = [value * repeat]
        data[section] = [{"what": v} if isinstance(v, str) else v for v in value]
    return draft_from_answers(Answers.model_validate(data))
