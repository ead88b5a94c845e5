"""How far along each step of a draft is: empty, needs work, or ready, read off a check Report.

The drafting screen shows one mark per step; the rule is the same as the
report's verdict, per step: a step is ready when none of its findings is an
error (warnings and suggestions are advice). Findings about the whole letter
(a carrier never named, say) belong to the context step, where the shipping
facts that answer them are filled in.
"""

from __future__ import annotations

from poa.answers.model import SECTIONS, TEXT_FIELDS, Answers
from poa.rubric.finding import Finding, Report

EMPTY, NEEDS_WORK, READY = "empty", "needs work", "ready"
STEPS = ("context", *SECTIONS)
"""The steps whose findings and status are shown (the review step shows everything)."""


def step_of(finding: Finding) -> str:
    """The step a finding is shown in: its section, or 'context' for whole-letter findings."""
    return "context" if finding.section in ("context", "letter") else finding.section


def findings_for(report: Report, step: str) -> list[Finding]:
    """The findings shown in one step, in report order."""
    return [f for f in report.findings if step_of(f) == step]


def dismissed_for(report: Report, step: str) -> list:
    """The dismissed findings (overrule.Dismissed) of one step, in report order."""
    return [d for d in report.dismissed if step_of(d.finding) == step]


def is_empty(answers: Answers, step: str) -> bool:
    """True when the seller has written nothing yet in this step."""
    if step == "context":
        ctx, ship = answers.context, answers.shipping
        return not any(v not in (None, "", [], {}) for v in
                       (*ctx.model_dump().values(), *ship.model_dump().values(), answers.documents))
    return not any(getattr(item, name).strip()
                   for item in answers.items(step) for name in TEXT_FIELDS[step])


def step_status(report: Report, answers: Answers, step: str) -> str:
    """EMPTY, NEEDS_WORK or READY for one step."""
    if is_empty(answers, step):
        return EMPTY
    if any(f.severity == "error" for f in findings_for(report, step)):
        return NEEDS_WORK
    return READY


def item_errors(report: Report, section: str, item: int) -> dict[str, int]:
    """Counts of findings by severity for one item of a section (for the item list's marks)."""
    counts = {"error": 0, "warning": 0, "suggestion": 0}
    for finding in report.findings:
        if finding.section == section and finding.item == item:
            counts[finding.severity] += 1
    return counts
