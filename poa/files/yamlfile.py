"""Safe YAML loading that remembers where every value came from, and keeps what the seller typed.

The parser is ruamel.yaml, read as YAML 1.2 (the core schema): `16:00`,
`no`, `on` and `off` are text, not 960 or false. poa builds the plain data
itself from the parsed nodes, so no tag can make it build a Python object:
only text, numbers, true/false, null, lists and mappings exist. Fields a
caller names as text (`text`, a TextSchema) are read exactly as typed
(`owner: 0755` stays "0755"). Anchors and aliases are refused (answers files
never need them, and they are the way to blow up memory), so are merge keys
(`<<:` would let one key override another unseen), nesting is bounded, and
duplicate keys are errors instead of a silent last-one-wins. Dates are kept
as their text: the model that reads them (pydantic) says what is wrong with
`2026-13-45`, with the field's path, together with every other problem.
Every node's position is kept so that a pydantic error or a rubric finding
can name the line and column in the file.

Writing answers files (keeping comments, key order and `|` blocks) lives in
poa/files/yamldoc.py, on the same library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.composer import MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

from poa.errors import InputError, Problem
from poa.files.sourcemap import SourceMap

MAX_DEPTH = 40
MAX_NUMBER = 10**30
"""Largest whole number read from a file: far above any count, small enough to print."""

PathKey = tuple[str | int, ...]

TextSchema = dict
"""Which values are text, whatever they look like: {key: True} for a text value, {key: {...}}
for a mapping, {key: [{...}]} or {key: [True]} for a list of mappings or of texts."""

_CORE = "tag:yaml.org,2002:"
_INT = re.compile(r"^[-+]?(0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOATS = {".nan": float("nan"), ".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf")}
_SURROGATE = re.compile("[\ud800-\udfff]")
_DIRECTIVE = re.compile(r"^%YAML[ \t]+(\S+)", re.MULTILINE)
_TOO_LARGE = "this number is too large (write it in quotes if it is a reference, not a count)"
_TAG_WORDS = {"int": "a whole number", "float": "a number", "bool": "true or false",
              "timestamp": "a date", "null": "empty"}


_RESOLVER = VersionedResolver(version=(1, 2))


class _Refused(Exception):
    """A value poa does not accept, at a node."""

    def __init__(self, message: str, node: Node):
        super().__init__(message)
        self.message, self.node = message, node


@dataclass
class LoadedYAML:
    """The plain data of a YAML file plus the node behind every path in it."""

    data: object
    text: str
    nodes: dict[PathKey, Node] = field(default_factory=dict)
    key_nodes: dict[PathKey, Node] = field(default_factory=dict)

    def where(self, path: PathKey) -> tuple[int, int] | None:
        """1-based (line, column) of the value at `path`, or of its nearest parent."""
        probe = tuple(path)
        while True:
            node = self.nodes.get(probe)
            if node is not None:
                return node.start_mark.line + 1, node.start_mark.column + 1
            if not probe:
                return None
            probe = probe[:-1]

    def where_key(self, path: PathKey) -> tuple[int, int] | None:
        """1-based (line, column) of the key that names `path` (for unknown keys)."""
        node = self.key_nodes.get(tuple(path))
        if node is None:
            return self.where(path)
        return node.start_mark.line + 1, node.start_mark.column + 1

    def source_map(self, path: PathKey) -> SourceMap | None:
        """Where each line of the string at `path` sits in the file."""
        node = self.nodes.get(tuple(path))
        if not isinstance(node, ScalarNode):
            return None
        return scalar_source_map(node, self.text)


def load(text: str, name: str, text_fields: TextSchema | None = None) -> LoadedYAML:
    """Parse `text` safely; raise InputError with the file position on any problem.

    `text_fields` names the values read as typed text (see TextSchema).
    """
    _refuse_old_yaml(text, name)
    parser = YAML(typ="rt", pure=True)
    parser.max_depth = MAX_DEPTH + 1  # stops composing at once, not after building 10,000 levels
    try:
        node = parser.compose(text)
    except MaxDepthExceededError as err:
        mark = err.problem_mark
        raise InputError(Problem(name, f"nested deeper than {MAX_DEPTH} levels",
                                 *((mark.line + 1, mark.column + 1) if mark else ()))) from None
    except RecursionError:
        raise InputError(Problem(name, f"nested deeper than {MAX_DEPTH} levels")) from None
    except ReaderError as err:
        raise InputError(_reader_problem(err, text, name)) from None
    except MarkedYAMLError as err:
        raise InputError(_marked_problem(err, name)) from None
    except YAMLError as err:
        raise InputError(Problem(name, f"invalid YAML: {excerpt(str(err).splitlines()[0])}")) from None
    finally:
        _dispose(parser)
    loaded = LoadedYAML(None, text)
    if node is None:
        return loaded
    problems: list[Problem] = []
    try:
        loaded.data = _build(node, (), loaded, problems, name, text_fields, 0)
    except _Refused as refused:
        problems.append(_at(name, refused.message, refused.node))
    if problems:
        raise InputError(problems)
    return loaded


def _dispose(parser: YAML) -> None:
    """Break the parser's reference cycles: commands run with the cycle collector paused."""
    for part in ("_reader", "_scanner", "_parser", "_composer", "_resolver", "_constructor"):
        component = parser.__dict__.get(part)
        if component is not None and hasattr(component, "__dict__"):
            component.__dict__.clear()
    parser.__dict__.clear()


def _refuse_old_yaml(text: str, name: str) -> None:
    """A `%YAML 1.1` line would bring back the rules that turn 16:00 into 960."""
    for match in _DIRECTIVE.finditer(text):
        if match.group(1) != "1.2":
            line = text.count("\n", 0, match.start()) + 1
            raise InputError(Problem(name, f"poa reads YAML 1.2; remove the line "
                                           f"'%YAML {excerpt(match.group(1), 10)}'", line, 1))


def _build(node: Node, path: PathKey, loaded: LoadedYAML, problems: list[Problem], name: str,
           schema: object, depth: int) -> object:
    """Plain data for `node`, recording positions; problems of separate values are all collected."""
    if depth > MAX_DEPTH:
        raise _Refused(f"nested deeper than {MAX_DEPTH} levels", node)
    if getattr(node, "anchor", None):
        raise _Refused("anchors and aliases (&name, *name) are not allowed in poa files", node)
    loaded.nodes[path] = node
    if isinstance(node, MappingNode):
        _expect_tag(node, "map")
        out: dict[str, object] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                raise _Refused("merge keys (<<) are not allowed in poa files: write each key "
                               "once, where it belongs", key_node)
            if not isinstance(key_node, ScalarNode) or getattr(key_node, "anchor", None):
                problems.append(_at(name, "keys must be plain names", key_node))
                continue
            key = key_node.value
            if key in seen:
                problems.append(_at(name, f"key '{excerpt(key)}' appears twice (the first is on line "
                                          f"{seen[key].start_mark.line + 1}); keep one", key_node,
                                    ".".join(str(p) for p in path + (key,))))
                continue
            seen[key] = key_node
            loaded.key_nodes[path + (key,)] = key_node
            inner = schema.get(key) if isinstance(schema, dict) else None
            try:
                out[key] = _build(value_node, path + (key,), loaded, problems, name, inner, depth + 1)
            except _Refused as refused:
                if "nested" in refused.message or "aliases" in refused.message:
                    raise
                problems.append(_at(name, refused.message, refused.node))
        return out
    if isinstance(node, SequenceNode):
        _expect_tag(node, "seq")
        inner = schema[0] if isinstance(schema, list) and schema else None
        items = []
        for index, child in enumerate(node.value):
            try:
                items.append(_build(child, path + (index,), loaded, problems, name, inner, depth + 1))
            except _Refused as refused:
                if "nested" in refused.message or "aliases" in refused.message:
                    raise
                problems.append(_at(name, refused.message, refused.node))
        return items
    return _scalar(node, schema is True)


def _expect_tag(node: Node, kind: str) -> None:
    if node.tag != _CORE + kind:
        raise _Refused(_unsupported(node), node)


def _unsupported(node: Node) -> str:
    return (f"unsupported tag {excerpt(str(node.tag).replace(_CORE, '!!'))}: poa files hold plain "
            "text, numbers, dates, lists and mappings")


def _scalar(node: ScalarNode, as_text: bool) -> object:
    """The value of one scalar: text as typed for a text field, else YAML 1.2 core semantics."""
    value = node.value
    if _SURROGATE.search(value):
        raise _Refused("this text holds an escape for half a character (\\ud800 to \\udfff), which "
                       "cannot be saved or shown; remove it", node)
    tag = str(node.tag)
    kind = tag[len(_CORE):] if tag.startswith(_CORE) else None
    if kind not in ("str", "int", "float", "bool", "null", "timestamp"):
        raise _Refused(_unsupported(node), node)
    if node.style == ">":
        value = value.replace("\a", "")  # ruamel marks where a folded block was folded
    if as_text and node.style is None and kind != "str" and _implicit(value) == tag:
        return "" if kind == "null" and value in ("", "~", "null", "Null", "NULL") else value
    if kind == "timestamp" and _implicit(value) != tag:
        raise _Refused(f"{_shown(value)} is not a date", node)  # `!!timestamp x`
    if kind in ("str", "timestamp"):
        return value  # a date is read by the model, which names the field when it is wrong
    if kind == "null":
        if value not in ("", "~", "null", "Null", "NULL"):
            raise _Refused(f"{_shown(value)} is not {_TAG_WORDS['null']}", node)
        return None
    if kind == "bool":
        if value.lower() not in ("true", "false"):
            raise _Refused(f"{_shown(value)} is not true or false", node)
        return value.lower() == "true"
    if kind == "int":
        return _int(value, node)
    return _float(value, node)


def _implicit(value: str) -> str:
    """The tag YAML 1.2 gives a plain scalar by its look (so `!!bool maybe` is seen as explicit)."""
    return _RESOLVER.resolve(ScalarNode, value, (True, False))


def _int(value: str, node: Node) -> int:
    if not _INT.match(value):
        raise _Refused(f"{_shown(value)} is not a whole number", node)
    digits = value.replace("_", "")
    if len(digits) > 40:
        raise _Refused(_TOO_LARGE, node)
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    base = {"0o": 8, "0x": 16, "0b": 2}.get(digits[:2].lower(), 10)
    number = sign * int(digits[2:] if base != 10 else digits, base)
    if abs(number) >= MAX_NUMBER:
        raise _Refused(_TOO_LARGE, node)
    return number


def _float(value: str, node: Node) -> float:
    special = _SPECIAL_FLOATS.get(value.lower())
    if special is not None:
        return special  # the model refuses it where a real number is needed (a rate)
    if not _FLOAT.match(value):
        raise _Refused(f"{_shown(value)} is not a number", node)
    if len(value) > 60:
        raise _Refused(_TOO_LARGE, node)
    return float(value.replace("_", ""))


def _shown(value: str) -> str:
    return repr(excerpt(value))


def excerpt(text: str, limit: int = 40) -> str:
    """At most `limit` characters of a user's text, for an error message (never a whole line)."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _at(name: str, message: str, node: Node, path: str = "") -> Problem:
    return Problem(name, message, node.start_mark.line + 1, node.start_mark.column + 1, path)


def _reader_problem(err: ReaderError, text: str, name: str) -> Problem:
    """A character YAML does not accept (a control character), at its line and column."""
    position = min(max(err.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
    return Problem(name, f"the file contains the control character U+{code:04X}, which YAML "
                         "does not allow; delete it", line, column)


def _marked_problem(err: MarkedYAMLError, name: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    what = excerpt(str(err.problem or err.context or "invalid YAML"), 120)
    what = f"invalid YAML: {what}"
    if "mapping values are not allowed" in what:
        what += " (a text containing ': ' must be quoted or written as a | block)"
    if mark is None:
        return Problem(name, what)
    return Problem(name, what, mark.line + 1, mark.column + 1)


def scalar_source_map(node: ScalarNode, text: str) -> SourceMap:
    """Positions of a scalar's lines; exact for `|` blocks and one-line values."""
    start = node.start_mark
    if node.style == "|":
        lines = text.splitlines()
        first = start.line + 1  # 0-based index of the block's first content line
        indent = None
        for raw in lines[first:node.end_mark.line + 1]:
            if raw.strip():
                indent = len(raw) - len(raw.lstrip(" "))
                break
        return SourceMap.lines_from(node.value, first + 1, (indent or 0) + 1)
    quote = 1 if node.style in ("'", '"') else 0
    return SourceMap.lines_from(node.value, start.line + 1, start.column + 1 + quote)
