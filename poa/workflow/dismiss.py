"""Dismiss a finding in an answers file, restore it, and keep the entries pointing at their items.

A dismissal is kept in the answers (`dismissed:`, poa/answers/model.py Dismissal) with the
seller's reason; the matching is poa/rubric/overrule.py's. The drafting screen calls these
and holds no rule of its own about what matches what.
"""

from __future__ import annotations

import datetime as dt

from poa.answers.model import Answers, Dismissal
from poa.rubric.finding import Finding
from poa.rubric.overrule import Dismissed, matches, words

MAX_REASON = 300


def reason_problem(reason: str) -> str | None:
    """Why a typed reason cannot be kept (None when it can): required, and short."""
    if not reason.strip():
        return "Type a short reason: whoever reads the file later must see why."
    if len(reason.strip()) > MAX_REASON:
        return f"Keep the reason under {MAX_REASON} characters."
    return None


def dismiss(answers: Answers, finding: Finding, reason: str, day: dt.date) -> Dismissal:
    """Keep a dismissal of `finding` in the answers (once: dismissing it again changes nothing)."""
    problem = reason_problem(reason)
    if problem:
        raise ValueError(problem)
    existing = next((entry for entry in answers.dismissed if matches(entry, finding)), None)
    if existing is not None:
        return existing
    entry = Dismissal(rule=finding.rule, section=finding.section, item=finding.item,
                      field=finding.field, text=words(finding.text), reason=" ".join(reason.split()),
                      date=day)
    answers.dismissed.append(entry)
    return entry


def restorable(dismissed: Dismissed) -> bool:
    """Whether the seller can restore it here: dismissed in the answers file, not by a setting."""
    return dismissed.entry is not None


def restore(answers: Answers, dismissed: Dismissed) -> bool:
    """Remove the entries that dismissed this finding; True if any went (it counts again)."""
    before = len(answers.dismissed)
    answers.dismissed = [entry for entry in answers.dismissed if not matches(entry, dismissed.finding)]
    return len(answers.dismissed) != before


def item_removed(answers: Answers, section: str, index: int) -> None:
    """Item `index` of `section` was deleted: its dismissals go, later items' move up one."""
    kept = []
    for entry in answers.dismissed:
        if entry.section == section and entry.item is not None:
            if entry.item == index:
                continue
            if entry.item > index:
                entry = entry.model_copy(update={"item": entry.item - 1})
        kept.append(entry)
    answers.dismissed = kept


def items_swapped(answers: Answers, section: str, first: int, second: int) -> None:
    """Items `first` and `second` of `section` changed places: their dismissals follow them."""
    moved = []
    for entry in answers.dismissed:
        if entry.section == section and entry.item in (first, second):
            entry = entry.model_copy(update={"item": second if entry.item == first else first})
        moved.append(entry)
    answers.dismissed = moved
