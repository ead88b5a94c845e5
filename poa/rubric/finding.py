"""What the rubric reports: one Finding per problem, gathered in a Report."""

from __future__ import annotations

from collections import namedtuple

SEVERITIES = ("error", "warning", "suggestion")
SECTION_ORDER = {"context": 0, "root_cause": 1, "corrective_actions": 2, "preventive_measures": 3,
                 "letter": 4}

_FIELDS = "rule category severity section item message why link text line column start end field"


class Finding(namedtuple("Finding", _FIELDS, defaults=(None,) * 6)):
    """One problem a reviewer would object to, and where it is (or None when something is missing).

    rule, category, severity, section, item (None: the section or letter as a whole),
    message (what to write instead), why, link (the source); then, when the finding is
    about words in an answer: text (the words), line and column in the file, start and
    end in the answer, and the answer's field. A named tuple, like Problem (see poa/errors.py).
    """

    __slots__ = ()

    def sort_key(self) -> tuple:
        return (SECTION_ORDER.get(self.section, 9), -1 if self.item is None else self.item,
                self.line or 0, self.column or 0, self.field or "",
                self.start if self.start is not None else -1, SEVERITIES.index(self.severity),
                self.rule)

    def as_json(self) -> dict:
        return self._asdict()


class Report:
    """The result of checking one file."""

    def __init__(self, file: str, kind: str | None, findings: list[Finding],
                 notes: list[str] | None = None, dismissed: list | None = None) -> None:
        self.file = file
        self.kind = kind
        self.findings = findings
        """The findings that count: readiness and the counts are theirs."""
        self.notes = notes if notes is not None else []
        """Plain-language remarks: how the kind was chosen, which rubric applied."""
        self.dismissed = dismissed if dismissed is not None else []
        """Findings overruled (poa/rubric/overrule.py Dismissed: the finding and the reason);
        listed, never counted."""

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def ready(self) -> bool:
        """Ready means no errors; warnings and suggestions are advice."""
        return self.counts["error"] == 0

    def as_json(self) -> dict:
        return {"file": self.file, "kind": self.kind, "ready": self.ready, "counts": self.counts,
                "notes": self.notes, "findings": [f.as_json() for f in self.findings],
                "dismissed": [d.as_json() for d in self.dismissed]}
