"""The Jinja sandbox poa renders letters in, tightened for templates that come from someone else.

A consultant may be handed a client's template folder. Jinja's sandbox
already refuses the attributes that lead out of it (`__class__`,
`__globals__`, `mro`...). This module adds what it leaves open:

- templates are read like every other user file (regular files only,
  UTF-8, 2 MiB at most) and only from inside the template folder: a link
  in it pointing at `~/.ssh/id_rsa` is refused, not pasted into a letter;
- no value can grow past MAX_VALUE: `+`, `~`, `*`, `**` and `%`, the string
  methods `replace`, `join`, `expandtabs` and `format`, a list's `extend`
  and `append`, and the filters `replace`, `join`, `format`, `indent`,
  `wordwrap` and `sum` estimate the size of their result before building it
  (doubling a string in a recursive macro stops at 1 MB, not at 2 GB); the
  result of every call and filter, every block a macro or `{% set %}`
  captures, and every `{{ value }}` printed are checked too; calls and
  filters refuse numbers above MAX_ARGUMENT (`'x'.ljust(10**10)`,
  `lipsum(10**7)`), and format widths are bounded (`'%999999999s' % x`);
- the rendered text is collected piece by piece and stops at MAX_OUTPUT.

Going past a bound is TooLarge, which poa reports as one line naming the
template file and line (poa/render/letter.py).

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
from jinja2.compiler import CodeGenerator
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from poa.files.textfile import read_text

MAX_ARGUMENT = 100_000
"""Largest number a template may pass to a call or a filter (a width, a count, a length)."""
MAX_VALUE = 1_000_000
"""Largest value a template may build, in characters (a list counts its items' characters and
two per item), and largest power (in digits) it may compute."""
_DEEPEST = 100
"""Values nested deeper than this count as too large (no letter needs them)."""
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


def size(value: object, depth: int = 0) -> int:
    """About how many characters `str(value)` has, counted without building it, and stopping
    soon after MAX_VALUE (a list of a thousand references to one long string is a thousand
    times that string)."""
    if isinstance(value, str):
        return len(value)
    if depth > _DEEPEST:
        return MAX_VALUE + 1
    if isinstance(value, dict):
        total = 2
        for key, item in value.items():
            total += 4 + size(key, depth + 1) + size(item, depth + 1)
            if total > MAX_VALUE:
                break
        return total
    if isinstance(value, (list, tuple, set, frozenset)):
        total = 2
        for item in value:
            total += 2 + size(item, depth + 1)
            if total > MAX_VALUE:
                break
        return total
    return 8  # a number, a date, None: short when printed (huge numbers are refused when made)


def _bound(total: int, what: str) -> None:
    if total > MAX_VALUE:
        raise TooLarge(f"{what} would build a value of more than {MAX_VALUE:,} characters")


def _str_method(text: str, name: str, args: tuple, kwargs: dict) -> tuple:
    """Refuse a string method whose result would be too large; returns the arguments to call
    it with (join's iterable, read once here, is passed on as a list)."""
    if name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        old, new = args[0], args[1]
        times = text.count(old) if old else len(text) + 1
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            times = min(times, args[2])
        _bound(len(text) + times * max(0, len(new) - len(old)), "this replace")
    elif name == "join" and args:
        items = _listed(args[0])
        _bound(sum(size(item) for item in items) + len(text) * max(0, len(items) - 1), "this join")
        args = (items, *args[1:])
    elif name == "expandtabs":
        tabsize = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(tabsize, int):
            _bound(len(text) + text.count("\t") * max(0, tabsize), "this expandtabs")
    elif name in ("format", "format_map"):
        values = [*args, *kwargs.values()]
        if name == "format_map" and args and isinstance(args[0], dict):
            values = list(args[0].values())
        fields = text.count("{")
        widest = max((size(v) for v in values), default=0)
        _bound(len(text) + fields * (widest + MAX_ARGUMENT // 10), "this format")
    return args


def _listed(items: object) -> list:
    """The items of an iterable, read at most MAX_VALUE + 1 of them."""
    if isinstance(items, (list, tuple)):
        return list(items)
    listed = []
    for item in items:  # noqa: B007 - a generator can be read only once
        listed.append(item)
        if len(listed) > MAX_VALUE:
            raise TooLarge(f"more than {MAX_VALUE:,} items")
    return listed


def _percent(template: str, values: object) -> None:
    _check_percent_format(template)
    if isinstance(values, dict):
        widest = max((size(v) for v in values.values()), default=0)
    elif isinstance(values, tuple):
        widest = max((size(v) for v in values), default=0)
    else:
        widest = size(values)
    _bound(len(template) + template.count("%") * (widest + MAX_ARGUMENT // 10), "this % format")


def join_values(values: tuple) -> str:
    """What `a ~ b` builds, refused first when it would be too large."""
    _bound(sum(size(v) for v in values), "this ~")
    return "".join(map(str, values))


def joined(pieces, limit: int, too_large: str) -> str:  # noqa: ANN001 - strings, as a template yields them
    """The pieces joined, stopped with TooLarge(`too_large`) as soon as they pass `limit` characters."""
    out: list[str] = []
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > limit:
            raise TooLarge(too_large)
        out.append(piece)
    return "".join(out)


def concat(pieces) -> str:  # noqa: ANN001 - the text a macro, a call block or a {% set %} block captured
    """Jinja's `concat` (the text a block captured), stopped past MAX_VALUE."""
    return joined(pieces, MAX_VALUE, f"a block would capture more than {MAX_VALUE:,} characters")


def _printed(value: object) -> object:
    """Every `{{ value }}`, before Jinja turns it into text."""
    _bound(size(value), "printing this")
    return value


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with `~` going through join_values (it is not a binary operator
    the sandbox can intercept)."""

    def visit_Concat(self, node, frame) -> None:  # noqa: ANN001, N802 - Jinja's visitor name
        self.write("environment.join_values((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(SandboxedEnvironment):
    """SandboxedEnvironment whose operators, calls and filters cannot build enormous values."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = BoundedCodeGenerator
    join_values = staticmethod(join_values)
    concat = staticmethod(concat)

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("finalize", _printed)
        super().__init__(*args, **kwargs)

    def call_binop(self, context, operator, left, right):  # noqa: ANN001, ANN201 - Jinja's signature
        if operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                _bound(size(left) + size(right), "this +")
        elif operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                    if size(seq) * max(count, 0) > MAX_VALUE:
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
            _percent(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: ANN001, ANN201, N805 - Jinja's signature
        for value in (*args, *kwargs.values()):
            _check_number(value, "the number")
        owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            args = _str_method(owner, name, args, kwargs)
        elif isinstance(owner, list) and name in ("append", "insert", "extend"):
            if name == "extend" and args:
                args = (_listed(args[0]), *args[1:])
            added = len(args[0]) if name == "extend" and args else 1
            if len(owner) + added > MAX_VALUE:
                raise TooLarge(f"a list of more than {MAX_VALUE:,} items")
            if name == "extend" and args:
                _bound(size(owner) + size(args[0]), "this extend")
        result = super().call(__context, __obj, *args, **kwargs)
        _bound(size(result), "this call")
        return result

    def wrap_str_format(self, value):  # noqa: ANN001, ANN201 - Jinja's signature
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text, name = str(value.__self__), value.__name__
        _check_brace_format(text)

        @functools.wraps(wrapped)
        def bounded(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            _str_method(text, name, args, kwargs)
            return wrapped(*args, **kwargs)

        return bounded


def bounded_filters(filters: dict) -> dict:
    """Every filter, wrapped to refuse enormous numeric arguments (`center(10**10)`, `indent(...)`)."""

    def wrap(name: str, func):  # noqa: ANN001, ANN202
        skip = 1 if hasattr(func, "jinja_pass_arg") else 0  # Jinja passes a context first

        @functools.wraps(func)
        def bounded(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            for value in (*args[1:], *kwargs.values()):
                _check_number(value, f"the {name} filter's argument")
            if len(args) > skip:
                args = args[:skip] + _filter_input(name, args[skip], args[skip + 1:], kwargs)
            result = func(*args, **kwargs)
            _bound(size(result), f"the {name} filter")
            return result

        return bounded

    return {name: wrap(name, func) for name, func in filters.items()}


def _filter_input(name: str, value: object, rest: tuple, kwargs: dict) -> tuple:
    """Refuse a filter whose result would be too large; returns (value, *rest) to call it with."""
    if name == "replace" and isinstance(value, str):
        count = rest[2] if len(rest) > 2 else kwargs.get("count")
        _str_method(value, "replace", (*rest[:2], *([count] if isinstance(count, int) else [])), {})
    elif name == "join" and not isinstance(value, str):
        value = _listed(value)
        glue = rest[0] if rest else kwargs.get("d", "")
        _bound(sum(size(v) for v in value) + len(str(glue)) * max(0, len(value) - 1), "the join filter")
    elif name == "format" and isinstance(value, str):
        _percent(value, kwargs if kwargs else tuple(rest))
    elif name == "indent" and isinstance(value, str):
        width = rest[0] if rest else kwargs.get("width", 4)
        width = width if isinstance(width, int) else len(str(width))
        _bound(len(value) + (value.count("\n") + 1) * max(0, width), "the indent filter")
    elif name == "wordwrap" and isinstance(value, str):
        width = rest[0] if rest else kwargs.get("width", 79)
        wrap = rest[2] if len(rest) > 2 else kwargs.get("wrapstring")
        lines = len(value) // max(1, width if isinstance(width, int) else 1) + value.count("\n") + 1
        _bound(len(value) + lines * len(str(wrap or "\n")), "the wordwrap filter")
    elif name == "sum" and not isinstance(value, str):
        value = _listed(value)
        _bound(sum(size(v) for v in value), "the sum filter")
    return (value, *rest)


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
