"""Read a letter someone already wrote (.txt or .md) into the three sections.

Sections are found by their headings or lead-ins ("Root cause", "What
happened", "Section 2", "Going forward", Amazon's own "Greater detail on the
actions..."), whatever the numbering, bullets, Markdown marks or case. Each
paragraph or list entry under a heading becomes one item, so per-item rules
(an owner for each preventive measure) still work. Text before the first
heading, or a whole letter without headings, is kept as 'letter' text and
still checked.
"""

from __future__ import annotations

import re

from poa.files.cache import compile_regex
from poa.letters.draft import Draft, TextPiece
from poa.answers.sections import SECTIONS
from poa.files.sourcemap import SourceMap

_LEAD = r"^[\s>#*_\-–—•\"“”'‘’]*(?:(?:\d+|[ivx]+|[a-c])[.):]\s*)?(?:section\s*\d\s*[:.\-–—)]?\s*)?[*_\"“”]*\s*"

_HEADINGS = {
    "root_cause": [
        r"greater detail on the (?:root )?causes?", r"greater detail on the reasons?",
        r"greater detail on the issues?", r"(?:the )?root[- ]causes?", r"what (?:has )?happened",
        r"what went wrong", r"causes? of the (?:issue|problem)", r"why (?:it|this) happened",
        r"reasons? for the (?:issue|problem|violation)", r"explanation of the (?:issue|problem)",
        r"investigation", r"section\s*1\b", r"what caused",
    ],
    "corrective_actions": [
        r"greater detail on the actions", r"corrective(?: actions?| measures?| steps?)?",
        r"actions? (?:i|we) (?:have )?(?:already )?taken", r"actions? (?:already )?taken",
        r"(?:immediate|remedial) actions?", r"what (?:i|we) (?:have )?(?:done|did|fixed|changed)",
        r"(?:issue )?resolution", r"how (?:i|we) (?:fixed|resolved|solved)", r"section\s*2\b",
        r"steps (?:i|we) (?:have )?(?:already )?taken to (?:resolve|fix|correct)",
    ],
    "preventive_measures": [
        r"greater detail on the steps", r"prevent(?:ive|ative)(?: actions?| measures?| steps?)?",
        r"prevention", r"going forward", r"(?:in the )?future(?: steps| actions| measures)?",
        r"steps (?:i|we) (?:have )?taken to prevent", r"how (?:i|we) will prevent",
        r"to prevent (?:this|it|the issue|recurrence)", r"long[- ]term (?:steps|measures|plan)",
        r"section\s*3\b",
    ],
}

_REGEXES = {section: compile_regex(_LEAD + "(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)
            for section, patterns in _HEADINGS.items()}
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)]|[a-z][.)])\s+")


def _heading(line: str) -> str | None:
    """The section a line opens, when it is a heading or a lead-in."""
    stripped = line.strip()
    if not stripped or len(stripped) > 200:
        return None
    for section, regex in _REGEXES.items():
        match = regex.match(stripped)
        if not match:
            continue
        rest = stripped[match.end():].strip(" *_\"“”")
        short = len(stripped.split()) <= 14
        if not rest or rest[0] in ":.–—-)" or (short and not rest.endswith((".", "!")))\
                or "greater detail" in stripped.lower() or rest.startswith(","):
            return section
    return None


def import_letter(text: str) -> Draft:
    """Split a letter into section items; positions are exact lines and columns in the file."""
    pieces: list[TextPiece] = []
    lines = text.split("\n")
    section = "letter"
    headings = 0
    counts = dict.fromkeys(SECTIONS, 0)
    block: list[tuple[int, str]] = []  # (0-based line number, line text)

    def flush() -> None:
        nonlocal block
        while block and not block[-1][1].strip():
            block.pop()
        if not block:
            return
        first_line = block[0][0]
        body_lines = [line for _, line in block]
        indents = [len(line) - len(line.lstrip()) for line in body_lines]
        body = "\n".join(line.lstrip() for line in body_lines)
        source = SourceMap.lines_from(body, first_line + 1, [i + 1 for i in indents])
        if section == "letter":
            item = None
        else:
            item = counts[section]
            counts[section] += 1
        pieces.append(TextPiece(section, item, "text", body, source))
        block = []

    for number, line in enumerate(lines):
        opened = _heading(line)
        if opened is not None:
            flush()
            headings += 1
            section = opened
            if _is_lead_in(line):
                block.append((number, line))
            continue
        if not line.strip():
            flush()
            continue
        if _LIST_ITEM.match(line) and block:
            flush()
        block.append((number, line))
    flush()
    return Draft(pieces, "letter", None, counts, headings)


def _is_lead_in(line: str) -> bool:
    """A lead-in ("Going forward, I check...") carries text; a heading ("Root cause:") does not."""
    stripped = line.strip()
    lowered = stripped.lower()
    if "greater detail" in lowered:
        return False
    for regex in _REGEXES.values():
        match = regex.match(stripped)
        if match:
            rest = stripped[match.end():].strip(" *_:\"“”–—-)")
            words = len(rest.split())
            return words >= 3 and (rest.endswith((".", "!", "?")) or words >= 8)
    return False
