"""What the rubric reports: one Finding per problem, gathered in a Report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "suggestion")
SECTION_ORDER = {"context": 0, "root_cause": 1, "corrective_actions": 2, "preventive_measures": 3,
                 "letter": 4}


@dataclass
class Finding:
    """One problem a reviewer would object to, and where it is (or None when something is missing)."""

    rule: str
    category: str
    severity: str
    section: str
    item: int | None
    message: str
    why: str
    link: str
    text: str | None = None
    line: int | None = None
    column: int | None = None
    start: int | None = None
    end: int | None = None
    field: str | None = None

    def sort_key(self) -> tuple:
        return (SECTION_ORDER.get(self.section, 9), -1 if self.item is None else self.item,
                self.line or 0, self.column or 0, self.field or "",
                self.start if self.start is not None else -1, SEVERITIES.index(self.severity),
                self.rule)

    def as_json(self) -> dict:
        return asdict(self)


@dataclass
class Report:
    """The result of checking one file."""

    file: str
    kind: str | None
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    """Plain-language remarks: how the kind was chosen, which rubric applied."""

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
                "notes": self.notes, "findings": [f.as_json() for f in self.findings]}
