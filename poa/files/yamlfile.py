"""Safe YAML loading that remembers where every value came from.

poa only ever builds plain data (no Python object tags). Anchors and aliases
are refused (answers files never need them, and they are the way to blow up
memory), nesting is bounded, and duplicate keys are errors instead of a
silent last-one-wins. A value YAML cannot turn into data (a date like
2026-13-45, a number thousands of digits long, `!!bool maybe`) is a located
error, never a crash. Every node's position is kept so that a pydantic error
or a rubric finding can name the line and column in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from poa.errors import InputError, Problem
from poa.files.sourcemap import SourceMap

MAX_DEPTH = 40
MAX_NUMBER = 10**30
"""Largest whole number read from a file: far above any count, small enough to print."""

PathKey = tuple[str | int, ...]


class _Refused(yaml.MarkedYAMLError):
    pass


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and deep nesting while composing."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(AliasEvent):
            mark = self.peek_event().start_mark
            raise _Refused(None, None, "anchors and aliases (*name) are not allowed in poa files", mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _Refused(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):  # noqa: ANN001, ANN201 - PyYAML's signature
        """Build one value; a value Python refuses becomes an error at its place in the file."""
        try:
            value = super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, OverflowError, KeyError, AttributeError, TypeError, IndexError) as err:
            raise _Refused(None, None, _unreadable(node, err), node.start_mark) from None
        if isinstance(value, str) and _SURROGATE.search(value):
            raise _Refused(None, None, "this text holds an escape for half a character (\\ud800 to "
                                       "\\udfff), which cannot be saved or shown; remove it", node.start_mark)
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= MAX_NUMBER:
            raise _Refused(None, None, "this number is too large (write it in quotes if it is a "
                                       "reference, not a count)", node.start_mark)
        return value


_SURROGATE = re.compile("[\ud800-\udfff]")
_TAG_WORDS = {"timestamp": "a date", "int": "a whole number", "float": "a number",
              "bool": "true or false", "binary": "base64 data"}


def _unreadable(node: Node, err: Exception) -> str:
    if isinstance(err, OverflowError) or "digits" in str(err):
        return "this number is too large (write it in quotes if it is a reference, not a count)"
    kind = _TAG_WORDS.get(str(node.tag).rsplit(":", 1)[-1], f"a value of type {node.tag}")
    shown = repr(node.value) if isinstance(node, ScalarNode) else "this value"
    if len(shown) > 40:
        shown = shown[:37] + "..."
    detail = str(err) if isinstance(err, ValueError) else ""
    return f"{shown} is not {kind}" + (f" ({detail})" if detail and len(detail) < 60 else "")


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


def load(text: str, name: str) -> LoadedYAML:
    """Parse `text` safely; raise InputError with the file position on any problem."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as err:
        raise InputError(_reader_problem(err, text, name)) from None
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise InputError(Problem(name, f"nested deeper than {MAX_DEPTH} levels")) from None
        if node is None:
            return LoadedYAML(None, text)
        problems: list[Problem] = []
        loaded = LoadedYAML(None, text)
        _index(node, (), loaded, problems, name)
        if problems:
            raise InputError(problems)
        loaded.data = loader.construct_document(node)
        return loaded
    except yaml.MarkedYAMLError as err:
        raise InputError(_marked_problem(err, name)) from None
    except yaml.reader.ReaderError as err:
        raise InputError(_reader_problem(err, text, name)) from None
    except yaml.YAMLError as err:
        raise InputError(Problem(name, f"invalid YAML: {err}")) from None
    finally:
        loader.dispose()


def _reader_problem(err: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    """A character YAML does not accept (a control character), at its line and column."""
    position = min(max(err.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
    return Problem(name, f"the file contains the control character U+{code:04X}, which YAML "
                         "does not allow; delete it", line, column)


def _marked_problem(err: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    what = err.problem or err.context or "invalid YAML"
    if "could not determine a constructor" in str(err):
        what = f"unsupported tag {mark and err.problem.split()[-1] or ''}: poa files hold plain text, numbers, dates, lists and mappings"
    elif not isinstance(err, _Refused):
        what = f"invalid YAML: {what}"
        if "mapping values are not allowed" in what:
            what += " (a text containing ': ' must be quoted or written as a | block)"
    if mark is None:
        return Problem(name, what)
    return Problem(name, what, mark.line + 1, mark.column + 1)


def _index(node: Node, path: PathKey, loaded: LoadedYAML, problems: list[Problem], name: str) -> None:
    loaded.nodes[path] = node
    if isinstance(node, MappingNode):
        seen: dict[object, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key is None:
                problems.append(Problem(name, "keys must be plain names",
                                        key_node.start_mark.line + 1, key_node.start_mark.column + 1))
                continue
            if key in seen:
                problems.append(Problem(name, f"key '{key}' appears twice (the first is on line "
                                              f"{seen[key].start_mark.line + 1}); keep one",
                                        key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                        ".".join(str(p) for p in path + (key,))))
                continue
            seen[key] = key_node
            loaded.key_nodes[path + (key,)] = key_node
            _index(value_node, path + (key,), loaded, problems, name)
    elif isinstance(node, SequenceNode):
        for index, child in enumerate(node.value):
            _index(child, path + (index,), loaded, problems, name)


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


# --- writing -------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as `|` blocks and keeps unicode as typed."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):  # noqa: ANN201
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def dump(data: object) -> str:
    """YAML text for plain data, keys in the given order, unicode kept."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
