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
    for rule in rubric.rules:
        if only is not None and rule.id != only:
            continue
        if rule.applies_to(bounded):
            rule.check(bounded, emit)
    findings.sort(key=Finding.sort_key)
    return findings
