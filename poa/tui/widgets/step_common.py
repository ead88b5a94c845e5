"""What every step shares: the message that the answers changed, the status line, the questions.

Kept apart from the step widgets so the drafting screen can import it without
loading the editors of steps not shown yet.
"""

from __future__ import annotations

from textual.content import Content
from textual.message import Message

from poa.rubric.finding import Report
from poa.workflow.status import findings_for, step_status
from poa.tui.labels import STATUS_MARK, STATUS_STYLE


class Edited(Message):
    """The answers changed (the screen debounces checking and saving)."""


def status_line(report: Report, session, step: str) -> Content:  # noqa: ANN001
    """'● Needs work · 3 errors' etc., for the top of a step."""
    status = step_status(report, session.answers, step)
    findings = findings_for(report, step)
    errors = sum(f.severity == "error" for f in findings)
    text = {"empty": "Not started", "needs work": "Needs work", "ready": "Ready"}[status]
    if status == "needs work":
        text += f": {errors} error{'s' if errors != 1 else ''} to fix"
    elif status == "ready" and findings:
        text += " (see the advice beside)"
    return Content.from_markup(f"[{STATUS_STYLE[status]}]{STATUS_MARK[status]} $text[/]", text=text)


def questions_text(questions: list[str]) -> Content:
    lines = [Content.from_markup("[b]What reviewers ask[/b]")]
    lines += [Content.from_markup("· $q", q=q) for q in questions]
    return Content("\n").join(lines)
