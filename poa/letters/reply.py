"""Read Amazon's canned reply: which sections it asks about, and for which issue.

Rejections restate the plan's three parts as "Greater detail on ..." lines
(one block per defect type for ODR). The phrases that recognise each part
are data, in the `asks` of the reply rules in rubrics/common.yaml; this
module only finds them in the reply and keeps the issue each line names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from poa.letters.pieces import cut


@dataclass
class ReplyReading:
    """What a reply asks for: scope -> the issues named (possibly empty strings)."""

    asked: dict[str, list[str]] = field(default_factory=dict)

    @property
    def recognised(self) -> bool:
        return bool(self.asked)


def read_reply(reply: str, asks_by_scope: dict[str, list[re.Pattern[str]]]) -> ReplyReading:
    """Match each ask pattern against the reply, one line (or bullet) at a time."""
    reading = ReplyReading()
    text = " ".join(reply.split())
    # Bullets and sentences of the reply, so one pattern does not run into the next line.
    parts = [p.strip(" -–—•*\"“”") for p in re.split(r"\s[-–—•*]{1,2}\s|(?<=[.:;])\s", " " + text)]
    parts = [piece for part in parts for _, piece in cut(part)]  # bounded, like a draft's pieces
    for scope, patterns in asks_by_scope.items():
        for part in parts:
            for pattern in patterns:
                match = pattern.search(part)
                if not match:
                    continue
                issue = (match.groupdict().get("issue") or "").strip(" .;:")
                issues = reading.asked.setdefault(scope, [])
                if issue not in issues:
                    issues.append(issue)
                break
    return reading
