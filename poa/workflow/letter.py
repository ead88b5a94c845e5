"""The letter as `poa render` gives it, in one place: the command line and the history use it.

A template is chosen by name (letter, escalation, form, or one of the user's
--templates); every template also gets the submissions recorded so far (what
the escalation letter lists). Plain text is one line per paragraph unless a
width is asked for; the form is cut into its boxes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from poa.answers.model import Answers
from poa.render.form import Box, boxes_from_markdown
from poa.render.letter import render_markdown
from poa.render.plaintext import markdown_to_text
from poa.rubric.compiled import Rubric
from poa.workflow import escalation


class Rendered:
    """What was rendered: the text to print, the form's boxes (format form), notes for the seller."""

    def __init__(self, text: str, boxes: list[Box], notes: list[str]) -> None:
        self.text = text
        self.boxes = boxes
        self.notes = notes


def render_letter(answers: Answers, rubric: Rubric, template: str = "letter", fmt: str = "txt",
                  wrap: int = 0, user_templates: Path | None = None,
                  today: dt.date | None = None) -> Rendered:
    """Render `template` as Markdown (md), plain text (txt) or the form's boxes (form)."""
    notes: list[str] = []
    extra = {"submissions": [], "rejections": escalation.rejections(answers)}
    if answers.history:
        now = letter_text(answers, rubric, today=today)
        extra["submissions"] = escalation.submissions(answers, now)
    if template == "escalation" and extra["rejections"] < escalation.REJECTIONS_BEFORE_ESCALATING:
        notes.append(f"an escalation is for a plan Amazon rejected at least "
                     f"{escalation.REJECTIONS_BEFORE_ESCALATING} times; this one has "
                     f"{extra['rejections']} recorded (poa reply FILE REPLY.txt records one)")
    markdown = render_markdown(answers, rubric.kind_info, user_templates, template, today, extra)
    if fmt == "md":
        return Rendered(markdown, [], notes)
    if fmt == "form":
        boxes = boxes_from_markdown(markdown, wrap)
        if not boxes:
            notes.append(f"the template {template} has no boxes (level-1 headings): printed as a letter")
            return Rendered(markdown_to_text(markdown, wrap), [], notes)
        return Rendered("", boxes, notes)
    return Rendered(markdown_to_text(markdown, wrap), [], notes)


def letter_text(answers: Answers, rubric: Rubric, today: dt.date | None = None) -> str:
    """The plain-text letter exactly as `poa render FILE` prints it: what a seller pastes."""
    return markdown_to_text(render_markdown(answers, rubric.kind_info, today=today))
