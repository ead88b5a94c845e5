"""Apply a rubric to a draft: every rule, once, in rubric order; findings sorted by place in the letter."""

from __future__ import annotations

from poa.draft import Draft
from poa.rubric.compiled import Rubric
from poa.rubric.finding import Finding


def run(draft: Draft, rubric: Rubric, only: str | None = None) -> list[Finding]:
    """All findings of `rubric` on `draft` (or of the single rule `only`)."""
    findings: list[Finding] = []
    emit = findings.append
    for rule in rubric.rules:
        if only is not None and rule.id != only:
            continue
        if rule.applies_to(draft):
            rule.check(draft, emit)
    findings.sort(key=Finding.sort_key)
    return findings
