"""Amazon's appeal form: the plan cut into the form's boxes, each as plain text with its length.

An appeal in Account Health is often a form with one box per question rather
than one letter. templates/form.md.j2 writes each box as a level-1 heading and
its text; this module cuts the Markdown at those headings, turns each box into
plain text (the same conversion as the letter) and counts its characters, so
the command line and the screen's review step show the same boxes.

Amazon publishes no limit per box (poa-domain.md 1.7), so there is none by
default; a limit given by the seller turns a longer box into a warning.
"""

from __future__ import annotations

from collections import namedtuple

from markdown_it import MarkdownIt

from poa.render.plaintext import markdown_to_text

FORM_TEMPLATE = "form"


class Box(namedtuple("Box", "title text")):
    """One box of the form: its title ("Root cause") and the plain text to paste into it."""

    __slots__ = ()

    @property
    def characters(self) -> int:
        """The length Amazon's box counts: every character of the text, line breaks included."""
        return len(self.text.rstrip("\n"))

    def heading(self, limit: int | None = None) -> str:
        """'Root cause (1,204 characters)'; with a limit, how it compares."""
        count = f"{self.characters:,} character{'s' if self.characters != 1 else ''}"
        if limit is not None and self.characters > limit:
            count += f", over the limit of {limit:,}"
        return f"{self.title} ({count})"

    def over(self, limit: int | None) -> bool:
        return limit is not None and self.characters > limit


def boxes_from_markdown(markdown: str, width: int = 0) -> list[Box]:
    """Cut rendered form Markdown at its level-1 headings; each part becomes a Box."""
    lines = markdown.split("\n")
    tokens = MarkdownIt("commonmark", {"html": False}).parse(markdown)
    starts: list[tuple[int, int, str]] = []  # (heading's first line, line after it, title)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and token.map:
            title = tokens[index + 1].content.strip()
            starts.append((token.map[0], token.map[1], title))
    boxes = []
    for number, (_first, after, title) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        body = "\n".join(lines[after:end]).strip("\n")
        text = markdown_to_text(body, width) if body.strip() else ""
        boxes.append(Box(title, text))
    return boxes


def format_form(boxes: list[Box], limit: int | None = None) -> str:
    """Each box under its heading line (underlined, so it stands out from the text to copy), two
    blank lines between boxes: what `poa render --format form` prints."""
    parts = []
    for box in boxes:
        heading = box.heading(limit)
        parts.append(f"{heading}\n{'=' * len(heading)}\n\n{box.text.rstrip() or '(empty)'}\n")
    return "\n\n".join(parts)
