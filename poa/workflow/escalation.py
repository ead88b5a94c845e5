"""The submissions so far, as the escalation letter lists them: when, what Amazon asked, what changed.

After two rejections sellers write to Executive Seller Relations (templates/
escalation.md.j2 says why and cites the sources). That letter is short and
factual: it lists each submission from the history, the requests in Amazon's
reply to it, and what changed in the plan after it. What changed is read from
the letters themselves, as sent: each is split into its sections by the same
import `poa check` uses on a letter, and the paragraphs of each section are
compared with those of the next letter (or of the plan as it renders now).
"""

from __future__ import annotations

import difflib
import re

from poa.answers.model import Answers
from poa.answers.sections import SECTION_TITLES, SECTIONS
from poa.letters.letter_import import import_letter

REJECTIONS_BEFORE_ESCALATING = 2
"""Escalate after two rejected appeals, not before (see templates/escalation.md.j2)."""

_ASK_LINE = re.compile(r"^\s*(?:[-–—•*]+\s*|\d{1,2}[.)]\s+)(?P<ask>\S.*)$")
"""A bullet of Amazon's reply: its requests are listed one per bullet."""
_ASK_SENTENCE = re.compile(r"[^.!?\n]*\b(?:greater detail|please (?:send|provide|explain|include)|"
                           r"we (?:still )?need|explain how|missing)\b[^.!?\n]*[.!?]?", re.IGNORECASE)
"""A sentence that asks for something, when the reply has no bullets."""


def submissions(answers: Answers, letter_now: str) -> list[dict]:
    """Each recorded submission: number, date, Amazon's requests, and what changed after it.

    `letter_now` is the plain-text letter as it renders today: what changed
    after the last submission is measured against it.
    """
    history = answers.history
    letters = [entry.letter for entry in history] + [letter_now]
    out = []
    for number, entry in enumerate(history):
        out.append({
            "number": number + 1,
            "date": entry.date,
            "replied": bool(entry.reply.strip()),
            "asked": asks(entry.reply),
            "changed": changes(letters[number], letters[number + 1]),
        })
    return out


def rejections(answers: Answers) -> int:
    """How many submissions have a reply recorded (each reply to an appeal is a rejection: an
    accepted appeal ends the history)."""
    return sum(1 for entry in answers.history if entry.reply.strip())


def asks(reply: str) -> list[str]:
    """The requests in Amazon's reply: its bullets, or else the sentences that ask for something."""
    bullets = [m.group("ask").strip() for line in reply.splitlines() if (m := _ASK_LINE.match(line))]
    if bullets:
        return bullets
    return [" ".join(m.group(0).split()) for m in _ASK_SENTENCE.finditer(reply) if m.group(0).strip()]


def changes(before: str, after: str) -> list[str]:
    """What changed from one letter to the next, per section, in plain words."""
    old, new = _paragraphs(before), _paragraphs(after)
    out = []
    for section in SECTIONS:
        matcher = difflib.SequenceMatcher(a=old[section], b=new[section], autojunk=False)
        added = removed = rewritten = 0
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op == "insert":
                added += b1 - b0
            elif op == "delete":
                removed += a1 - a0
            elif op == "replace":
                rewritten += min(a1 - a0, b1 - b0)
                added += max(0, (b1 - b0) - (a1 - a0))
                removed += max(0, (a1 - a0) - (b1 - b0))
        words = [_count(added, "added"), _count(rewritten, "rewritten"), _count(removed, "removed")]
        words = [w for w in words if w]
        if words:
            out.append(f"{SECTION_TITLES[section]}: {', '.join(words)}")
    return out


def _count(n: int, what: str) -> str:
    return f"{n} paragraph{'s' if n != 1 else ''} {what}" if n else ""


_DATE_LINE = re.compile(r"(?m)^\d{1,2} [A-Z][a-z]+ \d{4}$")
"""The signature's date: each letter is dated the day it was sent, which is not a change to the plan."""


def _paragraphs(letter: str) -> dict[str, list[str]]:
    """The paragraphs of each section of a letter, spaces normalised."""
    found: dict[str, list[str]] = {section: [] for section in SECTIONS}
    for piece in import_letter(letter).pieces:
        if piece.section in found:
            text = " ".join(_DATE_LINE.sub("", piece.text).split())
            if text:
                found[piece.section].append(text)
    return found
