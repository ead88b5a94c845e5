"""Apply what the seller typed to the answers model, using the model's own validation.

A path names an answer: 'context.notice_date', 'shipping.carriers.0.name',
'root_cause.2.why'. Values arrive as typed; the pydantic model (assignment is
validated) decides what is acceptable, and its complaint is shown in plain words.
"""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from poa.answers.model import Answers

LIST_FIELDS = {"asins"}
"""Answers typed as one line, stored as a list (comma or space separated)."""


class BadValue(ValueError):
    """A value the model refused; the message says what is expected."""


def resolve(answers: Answers, path: str) -> tuple[BaseModel, str]:
    """The model object holding the answer at `path`, and the field name."""
    parts = path.split(".")
    obj: object = answers
    for part in parts[:-1]:
        obj = obj[int(part)] if isinstance(obj, list) else getattr(obj, part)
    return obj, parts[-1]  # type: ignore[return-value]


def read(answers: Answers, path: str) -> object:
    obj, name = resolve(answers, path)
    return getattr(obj, name)


def as_text(value: object) -> str:
    """How an answer is shown in a one-line input."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def write(answers: Answers, path: str, raw: object) -> bool:
    """Set the answer at `path` from what was typed; True if it changed. Raises BadValue."""
    obj, name = resolve(answers, path)
    value = raw
    if isinstance(raw, str):
        if name in LIST_FIELDS:
            value = [part for part in raw.replace(",", " ").split() if part]
        elif raw.strip() == "" and _optional(obj, name):
            value = None
    old = getattr(obj, name)
    if old == value:
        return False
    try:
        setattr(obj, name, value)
    except ValidationError as err:
        raise BadValue(_plain(err, name)) from None
    return getattr(obj, name) != old


def _optional(obj: BaseModel, name: str) -> bool:
    field = type(obj).model_fields[name]
    return field.default is None


def _plain(err: ValidationError, name: str) -> str:
    kind = err.errors()[0].get("type", "")
    if "date" in kind:
        return "Write the date as year-month-day, for example 2026-11-21."
    if "int" in kind:
        return "Write a whole number, for example 27."
    if "float" in kind or "number" in kind:
        return "Write a number, for example 91.2."
    return err.errors()[0].get("msg", "This value is not accepted.")
