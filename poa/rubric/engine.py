"""Apply a rubric to a draft: every rule, once, in rubric order; findings sorted by place in the letter.

The rules see the draft with long texts cut into bounded pieces (see bounded.py).
"""

from __future__ import annotations

from poa.letters.draft import Draft
from poa.rubric.bounded import bounded_draft
from poa.rubric.compiled import Rubric
from poa.rubric.finding import Finding


def run(draft: Draft, rubric: Rubric, only: str | None = None) -> list[Finding]:
    """All findings of `rubric` on `draft` (or of the single rule `only`)."""
    findings: list[Finding] = []
    emit = findings.append
    if draft.reply.strip() and draft.reply_reading is None:
        from poa.letters.reply import read_reply  # only with a reply: checking a letter need not load it

        draft.reply_reading = read_reply(draft.reply, rubric.reply_asks)
    bounded = bounded_draft(draft)
    together = []
    for rule in rubric.rules:
        if only is not None and rule.id != only:
            continue
        if rule.applies_to(bounded):
            if rule.kind == "together":
                together.append(rule)  # judged from the rules it names
            else:
                rule.check(bounded, emit)
    if together:
        by_id = {rule.id: rule for rule in rubric.rules}
        for rule in together:
            rule.judge(bounded, emit, by_id)
    if only is None:
        findings = _without_yielded(findings, rubric)
    findings.sort(key=Finding.sort_key)
    return findings


def _without_yielded(findings: list[Finding], rubric: Rubric) -> list[Finding]:
    """Drop a finding whose rule `yields_to` another that fired in the same section, at the same
    or a higher severity: the seller reads one precise finding ('at least 80 words', as
    Amazon's reply asks) instead of two."""
    yields = {rule.id: rule.yields_to for rule in rubric.rules if getattr(rule, "yields_to", None)}
    if not yields:
        return findings
    rank = {"suggestion": 0, "warning": 1, "error": 2}
    fired: dict[tuple[str, str], int] = {}
    for f in findings:
        key = (f.rule, f.section)
        fired[key] = max(fired.get(key, -1), rank[f.severity])
    # a finding gives way only to one at least as severe (a reply rule met is a mere suggestion)
    return [f for f in findings
            if not any(fired.get((other, f.section), -1) >= rank[f.severity] for other in yields.get(f.rule, ()))]
