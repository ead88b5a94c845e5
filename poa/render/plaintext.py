"""Plain text from the rendered Markdown: what a seller pastes into Seller Central's text box.

No Markdown syntax is left: headings become plain lines, emphasis marks go,
numbered and bulleted lists keep their numbers and dashes. By default each
paragraph is one line, with a blank line between paragraphs: Seller Central's
box wraps text by itself, so a line break inside a sentence would show as a
break in the middle of it. A width (`poa render --wrap N`, for an e-mail)
wraps paragraphs with hanging indents under list markers.
"""

from __future__ import annotations

import textwrap

from markdown_it import MarkdownIt
from markdown_it.token import Token

DEFAULT_WIDTH = 0
"""No wrapping: one line per paragraph (what a seller pastes)."""


def markdown_to_text(markdown: str, width: int = DEFAULT_WIDTH) -> str:
    """Convert Markdown to wrapped plain text (width 0 means no wrapping)."""
    tokens = MarkdownIt("commonmark", {"html": False}).parse(markdown)
    writer = _Writer(width)
    writer.walk(tokens)
    return writer.result()


class _Writer:
    """Walks markdown-it tokens and writes blocks; tight list items are kept on consecutive lines."""

    def __init__(self, width: int):
        self.width = width
        self.out: list[str] = []
        self.lists: list[dict] = []  # stack of {"ordered", "n", "marker"}
        self.pending_prefix: str | None = None
        self.starts_list = False

    def result(self) -> str:
        return "".join(self.out).strip("\n") + "\n"

    def _indent(self) -> str:
        """Hanging indent under list markers, when wrapping (unwrapped, a pasted box would show
        the spaces in front of a paragraph's first line only)."""
        if not self.width:
            return ""
        return "".join(" " * len(level["marker"]) for level in self.lists)

    def walk(self, tokens: list[Token]) -> None:
        for index, token in enumerate(tokens):
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0
                self.lists.append({"ordered": kind == "ordered_list_open", "n": start, "marker": ""})
                self.starts_list = True
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                level = self.lists[-1]
                level["marker"] = f"{level['n']}. " if level["ordered"] else "- "
                level["n"] += 1
                self.pending_prefix = level["marker"]
            elif kind == "inline":
                opener = tokens[index - 1] if index else None
                heading = opener is not None and opener.type == "heading_open"
                tight = opener is not None and opener.hidden and not self.starts_list
                self._add_block(_inline_text(token), heading, tight)
            elif kind in ("fence", "code_block"):
                self._add_raw(token.content.rstrip("\n"))
            elif kind == "hr":
                self._add_raw("-" * 20)

    def _separate(self, tight: bool) -> None:
        if self.out:
            self.out.append("\n" if tight else "\n\n")
        self.starts_list = False

    def _add_raw(self, text: str) -> None:
        indent = self._indent()
        self._separate(False)
        self.out.append("\n".join(indent + line for line in text.split("\n")))

    def _add_block(self, text: str, heading: bool, tight: bool) -> None:
        indent = self._indent()
        first = indent
        if self.pending_prefix is not None:
            first = indent[: max(len(indent) - len(self.pending_prefix), 0)] + self.pending_prefix
            self.pending_prefix = None
        lines: list[str] = []
        for number, para in enumerate(text.split("\n")):
            lead = first if number == 0 else indent
            if self.width and not heading:
                wrapped = textwrap.wrap(para, width=max(self.width, len(lead) + 20),
                                        initial_indent=lead, subsequent_indent=indent,
                                        break_long_words=False, break_on_hyphens=False)
                lines.extend(wrapped or [lead.rstrip()])
            else:
                lines.append(lead + para)
        self._separate(tight)
        self.out.append("\n".join(lines))


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
