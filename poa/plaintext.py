"""Plain text from the rendered Markdown: what a seller pastes into Seller Central's text box.

No Markdown syntax is left: headings become plain lines, emphasis marks go,
numbered and bulleted lists keep their numbers and dashes with hanging
indents, and paragraphs are wrapped to a width that reads well in a box.
"""

from __future__ import annotations

import textwrap

from markdown_it import MarkdownIt
from markdown_it.token import Token

DEFAULT_WIDTH = 78


def markdown_to_text(markdown: str, width: int = DEFAULT_WIDTH) -> str:
    """Convert Markdown to wrapped plain text (width 0 means no wrapping)."""
    tokens = MarkdownIt("commonmark", {"html": False}).parse(markdown)
    writer = _Writer(width)
    writer.walk(tokens)
    return writer.result()


class _Writer:
    def __init__(self, width: int):
        self.width = width
        self.blocks: list[str] = []
        self.lists: list[dict] = []  # stack of {"ordered": bool, "n": int}
        self.pending_prefix: str | None = None

    def result(self) -> str:
        text = "\n\n".join(b for b in self.blocks if b is not None)
        return text.rstrip("\n") + "\n"

    def _indent(self) -> str:
        return "".join(" " * len(level["marker"]) for level in self.lists)

    def walk(self, tokens: list[Token]) -> None:
        tight_items: list[bool] = []
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "heading_open":
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0
                self.lists.append({"ordered": kind == "ordered_list_open", "n": start, "marker": ""})
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                level = self.lists[-1]
                if level["ordered"]:
                    level["marker"] = f"{level['n']}. "
                    level["n"] += 1
                else:
                    level["marker"] = "- "
                self.pending_prefix = level["marker"]
            elif kind == "inline":
                parent = tokens[index - 1].type if index else ""
                text = _inline_text(token)
                if parent == "heading_open":
                    self._add_block(text, heading=True)
                else:
                    self._add_block(text)
            elif kind in ("fence", "code_block"):
                self._add_raw(token.content.rstrip("\n"))
            elif kind == "hr":
                self._add_raw("-" * min(self.width or 20, 20))
        del tight_items

    def _add_raw(self, text: str) -> None:
        indent = self._indent()
        self.blocks.append("\n".join(indent + line for line in text.split("\n")))

    def _add_block(self, text: str, heading: bool = False) -> None:
        indent = self._indent()
        if self.pending_prefix is not None:
            first = indent[: len(indent) - len(self.pending_prefix)] + self.pending_prefix
            self.pending_prefix = None
            joiner_tight = True
        else:
            first = indent
            joiner_tight = False
        paragraphs = text.split("\n")
        lines: list[str] = []
        for number, para in enumerate(paragraphs):
            lead = first if number == 0 else indent
            if self.width and not heading:
                wrapped = textwrap.wrap(para, width=max(self.width, len(lead) + 20),
                                        initial_indent=lead, subsequent_indent=indent,
                                        break_long_words=False, break_on_hyphens=False)
                lines.extend(wrapped or [lead.rstrip()])
            else:
                lines.append(lead + para)
        block = "\n".join(lines)
        if self.lists and not joiner_tight and self.blocks:
            self.blocks.append(block)
        else:
            self.blocks.append(block)


def _inline_text(token: Token) -> str:
    """Text of an inline token: marks dropped, hard breaks kept, link targets shown in brackets."""
    out: list[str] = []
    link_stack: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "link_open":
            link_stack.append(child.attrGet("href") or "")
        elif kind == "link_close":
            href = link_stack.pop() if link_stack else ""
            if href and href not in "".join(out[-3:]):
                out.append(f" ({href})")
        elif kind == "image":
            out.append(child.content)
    return "".join(out)
