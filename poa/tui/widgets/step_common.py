"""What every step shares: the message that the answers changed, the status line, the questions.

Kept apart from the step widgets so the drafting screen can import it without
loading the editors of steps not shown yet.
"""

from __future__ import annotations

from textual.content import Content
from textual.message import Message

from poa.rubric.finding import Report
from poa.tui.labels import STATUS_MARK, STATUS_STYLE, plural
from poa.workflow.status import findings_for, step_status


class Edited(Message):
    """The answers changed (the screen debounces checking and saving)."""


def status_line(report: Report, session, step: str, refused: int = 0) -> Content:  # noqa: ANN001
    """'● Needs work: 3 errors to fix' etc., for the top of a step.

    No "beside" or "below": the findings are beside the answers on a wide screen and under
    them on a narrow one. An answer poa could not accept makes the step need work.
    """
    status = step_status(report, session.answers, step)
    findings = findings_for(report, step)
    errors = sum(f.severity == "error" for f in findings)
    if refused and status != "empty":
        status = "needs work"
    text = {"empty": "Not started", "needs work": "Needs work", "ready": "Ready"}[status]
    if status == "needs work":
        fix = [plural(errors, "error")] if errors else []
        if refused:
            fix.append(plural(refused, "answer") + " not accepted")
        text += ": " + " and ".join(fix) + " to fix" if fix else ""
    elif status == "ready" and findings:
        advice = [plural(sum(f.severity == s for f in findings), s)
                  for s in ("warning", "suggestion") if any(f.severity == s for f in findings)]
        text += f" ({' and '.join(advice)} worth reading)"
    return Content.from_markup(f"[{STATUS_STYLE[status]}]{STATUS_MARK[status]} $text[/]", text=text)


def refused_in(session, step: str) -> int:  # noqa: ANN001
    """How many answers of a step hold text poa could not accept (kept, not saved)."""
    heads = ("context.", "shipping.", "documents.") if step == "context" else (f"{step}.",)
    return sum(path.startswith(heads) for path in session.unsaved)


def questions_text(questions: list[str]) -> Content:
    lines = [Content.from_markup("[b]What reviewers ask[/b]")]
    lines += [Content.from_markup("· $q", q=q) for q in questions]
    return Content("\n").join(lines)


def has_reply(session) -> bool:  # noqa: ANN001
    """Whether Amazon's latest reply was pasted (in the context step, or stored by `poa reply`)."""
    answers = session.answers
    return bool((answers.context.amazon_reply or "").strip()) or any(
        (getattr(s, "reply", None) or "").strip() for s in answers.history)
