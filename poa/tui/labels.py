"""Words on screen: what each step and answer field is called, and a hint of what to write.

Presentation only; the questions reviewers ask for each kind come from the
rubric YAML (`questions:`), not from here.
"""

from __future__ import annotations

STEP_TITLES = {
    "context": "Context",
    "root_cause": "Root cause",
    "corrective_actions": "Corrective actions",
    "preventive_measures": "Preventive measures",
    "review": "Review",
}

STEP_PROMPTS = {
    "context": "The facts of the notice, and how your orders ship now.",
    "root_cause": "What went wrong, why your process allowed it, and why nobody caught it.",
    "corrective_actions": "What you have already done to fix it, with dates and proof.",
    "preventive_measures": "What you changed so it cannot happen again: who, how often, with what.",
    "review": "The verdict, every finding, and the letter as the reviewer will read it.",
}

ITEM_NOUN = {
    "root_cause": "cause",
    "corrective_actions": "action",
    "preventive_measures": "measure",
}

FIELD_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "root_cause": {
        "what": ("What happened", "which orders, how many, between which dates; order IDs"),
        "why": ("Why your process allowed it", "the step in your own process that failed"),
        "not_caught": ("Why nobody noticed", "why it was not caught before Amazon did"),
        "evidence": ("Evidence", "reports, numbers, order IDs that show it"),
    },
    "corrective_actions": {
        "what": ("What you already did", "in the past tense: 'I entered...', 'I switched...'"),
        "done_on": ("Done on", "the date, e.g. 2026-11-21"),
        "evidence": ("Proof", "screenshots, order IDs, a supplier e-mail"),
    },
    "preventive_measures": {
        "what": ("The lasting change", "what is different in how you work now"),
        "frequency": ("How often", "e.g. every working day at 16:00, before each shipment"),
        "owner": ("Who does it", "a role or a name, e.g. me, the owner"),
        "tool": ("With what", "the report, setting or software, e.g. Buy Shipping"),
        "started_on": ("In place since", "the date, e.g. 2026-11-21"),
    },
}
"""Per section: field -> (label, hint), in the order the editor shows them."""

SEVERITY_MARK = {"error": "✖", "warning": "⚠", "suggestion": "·"}
SEVERITY_STYLE = {"error": "bold $error", "warning": "bold $warning", "suggestion": "$accent"}
STATUS_MARK = {"empty": "○", "needs work": "●", "ready": "✔"}
STATUS_STYLE = {"empty": "$text-muted", "needs work": "$error", "ready": "$success"}


def field_name(section: str, field: str | None) -> str:
    """The on-screen name of a field of an item, or of a context answer."""
    if field is None:
        return ""
    if field.startswith("shipping."):
        return "How tracking reaches Amazon"
    return FIELD_LABELS.get(section, {}).get(field, (field.replace("_", " "), ""))[0]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def shown_path(path, cwd) -> str:  # noqa: ANN001
    """A path as the seller typed it: relative to the working folder when inside it."""
    from pathlib import Path

    path, cwd = Path(path), Path(cwd)
    try:
        return str(path.absolute().relative_to(cwd.absolute()))
    except ValueError:
        home = Path.home()
        try:
            return "~/" + str(path.absolute().relative_to(home))
        except ValueError:
            return str(path)


def typed_path(text: str, cwd) -> "Path":  # noqa: ANN001
    """What the seller typed as a file name, resolved against the working folder."""
    from pathlib import Path

    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else Path(cwd) / path
