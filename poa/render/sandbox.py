"""The Jinja sandbox poa renders letters in, tightened for templates that come from someone else.

A consultant may be handed a client's template folder. Jinja's sandbox
already refuses the attributes that lead out of it (`__class__`,
`__globals__`, `mro`...). This module adds what it leaves open:

- templates are read like every other user file (regular files only,
  UTF-8, 2 MiB at most) and only from inside the template folder: a link
  in it pointing at `~/.ssh/id_rsa` is refused, not pasted into a letter;
- no single expression can build a huge value: `*`, `**` and `%` check the
  size of their result first, calls and filters refuse numbers above
  MAX_ARGUMENT (`'x'.ljust(10**10)`, `lipsum(10**7)`), and format widths
  are bounded (`'%999999999s' % x`);
- the rendered text is collected piece by piece and stops at MAX_OUTPUT.

What stays possible is a template that loops for a long time without
producing text; `poa render` bounds the time it gives a user template
(see poa/cli/main.py).
"""

from __future__ import annotations

import functools
import os
import re
import string
from pathlib import Path

from jinja2 import FileSystemLoader, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from poa.files.textfile import read_text

MAX_ARGUMENT = 100_000
"""Largest number a template may pass to a call or a filter (a width, a count, a length)."""
MAX_VALUE = 1_000_000
"""Largest string or list one operator may build, and largest power (in digits) it may compute."""
MAX_OUTPUT = 10 * 1024 * 1024
"""Largest rendered letter, in characters (a real letter is a few kilobytes)."""

_PERCENT_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


class TooLarge(SecurityError):
    """A template asked for a value or an output beyond the bounds above."""


def _check_number(value: object, what: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
        raise TooLarge(f"{what} {value} is too large (at most {MAX_ARGUMENT:,})")


def _check_percent_format(template: str) -> None:
    for match in _PERCENT_WIDTH.finditer(template):
        for width in match.groups():
            if width == "*":
                raise TooLarge("a '*' width in a % format is not allowed")
            if width:
                _check_number(int(width), "a format width of")


def _check_brace_format(template: str) -> None:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as err:
        raise SecurityError(f"invalid format string: {err}") from None
    for _text, _field, spec, _conversion in parsed:
        if spec:
            if "{" in spec:
                raise TooLarge("a nested '{...}' inside a format specification is not allowed")
            for digits in re.findall(r"\d+", spec):
                _check_number(int(digits), "a format width of")


class BoundedSandbox(SandboxedEnvironment):
    """SandboxedEnvironment whose operators, calls and filters cannot build enormous values."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context, operator, left, right):  # noqa: ANN001, ANN201 - Jinja's signature
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                    if len(seq) * max(count, 0) > MAX_VALUE:
                        raise TooLarge(f"repeating a value {count} times makes it too large")
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_VALUE:
                    raise TooLarge("a product of this size is not allowed")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
                if right > MAX_ARGUMENT or left.bit_length() * right > MAX_VALUE * 3:
                    raise TooLarge(f"the power {left}**{right} is too large")
            if isinstance(left, float) or isinstance(right, float):
                try:
                    return float(left) ** float(right)
                except (OverflowError, ZeroDivisionError) as err:
                    raise SecurityError(f"cannot compute {left}**{right}: {err}") from None
        elif operator == "%" and isinstance(left, str):
            _check_percent_format(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: ANN001, ANN201, N805 - Jinja's signature
        for value in (*args, *kwargs.values()):
            _check_number(value, "the number")
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value):  # noqa: ANN001, ANN201 - Jinja's signature
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_brace_format(str(value.__self__))
        return wrapped


def bounded_filters(filters: dict) -> dict:
    """Every filter, wrapped to refuse enormous numeric arguments (`center(10**10)`, `indent(...)`)."""

    def wrap(name: str, func):  # noqa: ANN001, ANN202
        @functools.wraps(func)
        def bounded(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            for value in (*args[1:], *kwargs.values()):
                _check_number(value, f"the {name} filter's argument")
            if name == "format" and args and isinstance(args[0], str):
                _check_percent_format(args[0])
            return func(*args, **kwargs)

        return bounded

    return {name: wrap(name, func) for name, func in filters.items()}


class FolderLoader(FileSystemLoader):
    """Loads templates from one folder only, read like any user file (regular, UTF-8, bounded)."""

    def get_source(self, environment, template):  # noqa: ANN001, ANN201 - Jinja's signature
        pieces = split_template_path(template)  # refuses '..' and absolute names
        for folder in self.searchpath:
            root = Path(folder).resolve()
            candidate = Path(folder, *pieces)
            if not os.path.lexists(candidate):
                continue
            real = candidate.resolve()
            if not real.is_relative_to(root):
                raise SecurityError(f"template '{template}' is a link to {real}, outside the template "
                                    f"folder {folder}; poa only reads templates inside it")
            text = read_text(candidate)
            mtime = os.path.getmtime(candidate)
            return text, str(candidate), lambda: os.path.exists(candidate) and \
                os.path.getmtime(candidate) == mtime
        raise TemplateNotFound(template)
