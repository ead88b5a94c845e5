"""Write YAML the seller can keep editing: a save changes only what changed.

A file poa read is saved by updating its round-trip document (ruamel.yaml)
in place: values that did not change keep their exact text, and comments
(the reviewers' questions `poa new` writes, a note the seller added), key
order, quoting, indentation and `|` blocks survive. Only the values that
changed are rewritten, new ones are added where the fixed order puts them,
and empty details the seller left in the file (`buy_shipping:`) stay as
they are. A file poa starts is written in a fixed order, long texts as `|`
blocks, unicode as typed, empty details left out.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
from collections import OrderedDict

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

WIDTH = 4096
"""Long one-line answers are not folded over several lines: the seller sees the text as typed."""


def _writer(mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _reader() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    return yaml


def guess_indent(text: str) -> tuple[int, int, int]:
    """The file's own indentation (mapping, sequence, dash offset), so a save keeps it."""
    mapping = sequence = offset = None
    parent = None  # indentation of the last line that was a key alone ("key:")
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if parent is not None and indent >= parent:
            if stripped.startswith("- ") and sequence is None:
                offset = indent - parent
                rest = stripped[2:]
                sequence = offset + 2 + (len(rest) - len(rest.lstrip(" ")))
            elif not stripped.startswith("-") and mapping is None and indent > parent:
                mapping = indent - parent
        parent = indent if stripped.endswith(":") and not stripped.startswith("- ") else None
        if mapping is not None and sequence is not None:
            break
    mapping = mapping or 2
    if sequence is None:
        sequence, offset = mapping + 2, 2
    return mapping, max(sequence, (offset or 0) + 2), offset or 0


def dump(data: dict) -> str:
    """YAML text for plain data in a fixed order (a new file): every top-level key as given, the
    empty details inside them left out."""
    stream = io.StringIO()
    _writer().dump(top_level(data), stream)
    return stream.getvalue()


class Document:
    """The round-trip document of a YAML text, and the plain data it holds now."""

    def __init__(self, text: str, data: object):
        loaded = _reader().load(text)
        if not isinstance(loaded, CommentedMap):
            raise ValueError("not a mapping")
        self.root = loaded
        self.data = data
        self._indent = guess_indent(text)

    def text_for(self, data: dict) -> str:
        """The text of the document holding `data`, changed where `data` differs from before.

        The document itself is left as it was until `commit` (a save may still fail).
        """
        root = _copy(self.root)
        update_map(root, self.data if isinstance(self.data, dict) else {}, data)
        stream = io.StringIO()
        _writer(*self._indent).dump(root, stream)
        self._pending = (root, data)
        return stream.getvalue()

    def commit(self) -> None:
        """The text of the last `text_for` was saved: it is the document now."""
        self.root, self.data = self._pending


def _copy(root: CommentedMap) -> CommentedMap:
    import copy

    return copy.deepcopy(root)


def fresh(value: object) -> object:
    """A new value in poa's style: mappings and lists in block style, long text as `|` blocks."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            if not is_empty(item):
                out[key] = fresh(item)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(fresh(item) for item in value)
        if not value:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def top_level(data: dict) -> CommentedMap:
    """A new file's mapping: every top-level key kept (so the layout shows), details pruned."""
    out = CommentedMap()
    for key, item in data.items():
        out[key] = fresh(item)
        if isinstance(item, dict) and not out[key]:
            out[key].fa.set_flow_style()
    return out


def is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def update_map(node: CommentedMap, old: dict, new: dict) -> None:
    """Bring `node` (which holds `old`) to `new`, touching only what differs."""
    order = list(new)
    for key in [k for k in node if k not in new]:
        del node[key]
    for key in order:
        value = new[key]
        if key in node:
            if key in old and _same(old[key], value):
                continue
            _set(node, key, _updated(node[key], old.get(key), value))
        elif not is_empty(fresh(value)):
            node.insert(_position(node, order, key), key, fresh(value))


def _set(node: CommentedMap, key: object, value: object) -> None:
    """Set a value as poa styles it: ruamel would keep the old value's quotes ('' -> 'text')."""
    if node.get(key) is value:
        return
    if isinstance(value, str) and not isinstance(value, LiteralScalarString) and value:
        OrderedDict.__setitem__(node, key, value)
    else:
        node[key] = value


def _position(node: CommentedMap, order: list, key: object) -> int:
    """Where `key` goes: after the last key present that comes before it in the fixed order."""
    earlier = order[:order.index(key)]
    keys = list(node)
    positions = [keys.index(k) for k in earlier if k in node]
    return max(positions) + 1 if positions else 0


def _updated(current: object, old: object, new: object) -> object:
    if isinstance(current, CommentedMap) and isinstance(new, dict):
        update_map(current, old if isinstance(old, dict) else {}, new)
        return current
    if isinstance(current, CommentedSeq) and isinstance(new, list):
        update_seq(current, old if isinstance(old, list) else [], new)
        return current
    if isinstance(new, (dict, list)):
        return fresh(new)
    if isinstance(new, str) and "\n" in new:
        return LiteralScalarString(new)
    return new


def update_seq(node: CommentedSeq, old: list, new: list) -> None:
    """Bring a list to `new`: items that stayed keep their text (and comments), others change."""
    if len(old) != len(node):
        old = [None] * len(node)
    matcher = difflib.SequenceMatcher(None, [_key(v) for v in old], [_key(v) for v in new],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            node[i1 + k] = _updated(node[i1 + k], old[i1 + k], new[j1 + k])
        for index in range(i2 - 1, i1 + paired - 1, -1):
            del node[index]
        for k in range(paired, j2 - j1):
            node.insert(i1 + k, fresh(new[j1 + k]))
    if new and node.fa.flow_style():
        node.fa.set_block_style()  # `asins: []` filled in becomes a list of lines


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b


def _key(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=_plain, ensure_ascii=False)


def _plain(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return repr(value)
