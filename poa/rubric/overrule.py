"""Overruling findings: what a seller or a consultant decided about the rubric's judgement.

Three sources, in this order: dismissals kept in the answers file (one finding, at one
place, with the seller's reason), `poa check --ignore RULE` (a rule or a category, for one
run), and a settings file (a severity per rule, rules switched off, the lowest level shown;
see poa/workflow/settings.py). A finding overruled is never silently gone: it moves from
`Report.findings` to `Report.dismissed` with the reason, and the report lists it.

Plain classes and named tuples: this runs on the path of `poa check` on a letter, which
loads neither pydantic nor dataclasses. Dismissal entries are read by attribute (rule,
section, item, field, text, reason), so the answers model's entries fit without importing it.
"""

from __future__ import annotations

from collections import namedtuple

from poa.rubric.finding import SEVERITIES, Finding

LEVELS = SEVERITIES
"""The levels a setting may give a rule (error, warning, suggestion), strongest first."""
OFF = "off"


class Dismissed(namedtuple("Dismissed", "finding reason entry", defaults=(None,))):
    """A finding the rubric raised and someone overruled: why, and (from the answers file) which
    `dismissed:` entry did it (None for --ignore or a setting)."""

    __slots__ = ()

    def as_json(self) -> dict:
        return {**self.finding.as_json(), "reason": self.reason}


def words(text: str | None) -> str | None:
    """The flagged words as compared: runs of spaces and line breaks count as one space."""
    return None if text is None else " ".join(text.split())


def matches(entry, finding: Finding) -> bool:  # noqa: ANN001 - any object with the entry's fields
    """Whether a `dismissed:` entry is about this finding: same rule, same place, same words.

    A finding about something missing has no words; its entry has `text: null` and
    matches it wherever the rule raises it again at that place.
    """
    return (entry.rule == finding.rule and entry.section == finding.section
            and entry.item == finding.item and (entry.field or None) == (finding.field or None)
            and words(entry.text) == words(finding.text))


def rule_pattern_matches(pattern: str, rule: str) -> bool:
    """`tone.apology` names one rule; `tone.*` (or `tone`) every rule of that category."""
    if pattern.endswith(".*"):
        return rule.startswith(pattern[:-1])
    if "." not in pattern:  # a category alone
        return rule.startswith(pattern + ".")
    return rule == pattern


class Levels:
    """A severity per rule (or OFF), from settings: an exact rule id wins over `category.*`,
    a longer prefix over a shorter one. Each value carries where it was set (a file name)."""

    def __init__(self, rules: dict[str, tuple[str, str]] | None = None,
                 min_level: tuple[str, str] | None = None) -> None:
        self.rules = dict(rules or {})
        """{rule id or `category.*`: (level or OFF, where it was set)}."""
        self.min_level = min_level
        """(the lowest level shown, where it was set), or None: every level is shown."""

    def __bool__(self) -> bool:
        return bool(self.rules or self.min_level)

    def level_for(self, rule: str) -> tuple[str, str] | None:
        """(level or OFF, where) set for `rule`, or None when no setting names it."""
        exact = self.rules.get(rule)
        if exact is not None:
            return exact
        best = None
        for pattern, value in self.rules.items():
            if pattern.endswith(".*") and rule.startswith(pattern[:-1]):
                if best is None or len(pattern) > len(best[0]):
                    best = (pattern, value)
        return best[1] if best else None


class Overrules:
    """Everything that overrules findings in one check; empty by default (nothing changes)."""

    def __init__(self, dismissals: list | tuple = (), ignore: list[str] | tuple = (),
                 levels: Levels | None = None) -> None:
        self.dismissals = list(dismissals)
        self.ignore = list(ignore)
        self.levels = levels or Levels()

    def __bool__(self) -> bool:
        return bool(self.dismissals or self.ignore or self.levels)

    def apply(self, findings: list[Finding]) -> tuple[list[Finding], list[Dismissed], list[int]]:
        """(the findings kept, the findings dismissed with why, indexes of the dismissal entries
        that matched no finding: stale, to be reported)."""
        used = [False] * len(self.dismissals)
        kept: list[Finding] = []
        dismissed: list[Dismissed] = []
        levels = self.levels
        lowest = levels.min_level
        for finding in findings:
            setting = levels.level_for(finding.rule) if levels.rules else None
            if setting is not None and setting[0] != OFF and setting[0] != finding.severity:
                finding = finding._replace(severity=setting[0])
            entry_index = next((i for i, entry in enumerate(self.dismissals)
                                if matches(entry, finding)), None)
            if entry_index is not None:
                for i, entry in enumerate(self.dismissals):  # identical entries: none is stale
                    used[i] = used[i] or matches(entry, finding)
                entry = self.dismissals[entry_index]
                dismissed.append(Dismissed(finding, entry.reason, entry))
            elif any(rule_pattern_matches(p, finding.rule) for p in self.ignore):
                dismissed.append(Dismissed(finding, "--ignore"))
            elif setting is not None and setting[0] == OFF:
                dismissed.append(Dismissed(finding, f"off in {setting[1]}"))
            elif lowest is not None and LEVELS.index(finding.severity) > LEVELS.index(lowest[0]):
                dismissed.append(Dismissed(finding, f"below min_level {lowest[0]} in {lowest[1]}"))
            else:
                kept.append(finding)
        return kept, dismissed, [i for i, hit in enumerate(used) if not hit]


def describe_entry(entry) -> str:  # noqa: ANN001
    """'tone.apology (root_cause, item 1, what: "so sorry")' — a dismissal entry in one line."""
    place = [entry.section]
    if entry.item is not None:
        place.append(f"item {entry.item + 1}")
    if entry.field:
        place.append(entry.field)
    text = f": \"{words(entry.text)}\"" if entry.text else ""
    return f"{entry.rule} ({', '.join(place)}{text})"
