"""Turn pydantic's errors into one located line each: FILE:LINE:COL: path: what is wrong (got ...)."""

from __future__ import annotations

import difflib

from pydantic import BaseModel, ValidationError

from poa.errors import Problem
from poa.files.yamlfile import LoadedYAML, excerpt

_EXPECTED = {
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "date_parsing": "expected a date like 2026-03-12",
    "date_type": "expected a date like 2026-03-12",
    "date_from_datetime_parsing": "expected a date like 2026-03-12",
    "date_from_datetime_inexact": "expected a date like 2026-03-12, without a time",
    "string_type": "expected text",
    "list_type": "expected a list (one entry per line, each starting with '- ')",
    "model_type": "expected a group of 'key: value' lines",
    "model_attributes_type": "expected a group of 'key: value' lines",
    "dict_type": "expected a group of 'key: value' lines",
    "missing": "is required",
    "literal_error": None,
    "union_tag_invalid": None,
    "string_pattern_mismatch": None,
    "too_short": None,
    "finite_number": "expected a number (not .nan or .inf)",
}


def problems_from(error: ValidationError, loaded: LoadedYAML, name: str,
                  model: type[BaseModel]) -> list[Problem]:
    """One Problem per pydantic error, located in the YAML file and with a did-you-mean for typos."""
    problems: list[Problem] = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        # A discriminated union puts the tag in the path (rules.0.existence.patterns): drop it.
        data_loc = tuple(part for part in loc if not _is_union_tag(part, loc))
        path = ".".join(str(p) for p in data_loc)
        kind = detail["type"]
        if kind == "extra_forbidden":
            key = excerpt(str(data_loc[-1]))
            allowed = _allowed_keys(model, data_loc[:-1])
            hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            message = f"unknown key '{key}'"
            if hint:
                message += f"; did you mean '{hint[0]}'?"
            elif allowed:
                message += f"; expected one of: {', '.join(allowed)}"
            where = loaded.where_key(data_loc)
            parent = ".".join(str(p) for p in data_loc[:-1])
            problems.append(Problem(name, message, *(where or (None, None)), parent))
            continue
        expected = _EXPECTED.get(kind) or _plain(detail["msg"])
        if kind == "missing":
            where = loaded.where(data_loc[:-1])
        else:
            where = loaded.where(data_loc)
        got = "" if kind == "missing" else f" (got {_show(detail.get('input'))})"
        problems.append(Problem(name, f"{expected}{got}", *(where or (None, None)), path))
    return problems


def _plain(message: str) -> str:
    message = message.removeprefix("Value error, ")
    return message[0].lower() + message[1:] if message else message


def _is_union_tag(part: object, loc: tuple) -> bool:
    return isinstance(part, str) and part in {"existence", "required", "count", "field", "reply", "chain", "repeat"} and \
        loc.index(part) > 0 and isinstance(loc[loc.index(part) - 1], int)


def _show(value: object) -> str:
    text = repr(value)
    if isinstance(value, dict):
        text = "a group of keys"
    elif isinstance(value, list):
        text = "a list"
    return text if len(text) <= 40 else text[:37] + "..."


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model found at `loc` inside `model` (best effort, for hints)."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    fields = getattr(current, "model_fields", None) or {}
    return [f.alias or n for n, f in fields.items()]


def _inner_model(annotation: object) -> object:
    args = getattr(annotation, "__args__", None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in args or ():
        found = _inner_model(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation
