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
    "context": "The facts of the notice, and how orders ship.",
    "root_cause": "What went wrong, why, and why nobody caught it.",
    "corrective_actions": "What you already fixed, with dates and proof.",
    "preventive_measures": "What you changed for good: who, how often, with what.",
    "review": "The verdict, every finding, and the letter.",
}

ITEM_NOUN = {
    "root_cause": "cause",
    "corrective_actions": "action",
    "preventive_measures": "measure",
}

FIELD_LABELS: dict[str, dict[str, tuple[str, str, str]]] = {
    "root_cause": {
        "what": ("What happened", "which orders, how many, which dates",
                 "Between 20 October and 9 November, 27 of 296 orders were confirmed "
                 "without a valid tracking number."),
        "why": ("Why your process allowed it", "the step that failed",
                "My process depended on the supplier's e-mail to get each tracking number, "
                "which I then typed in by hand."),
        "not_caught": ("Why nobody noticed", "before Amazon did",
                       "I had no check comparing confirmed orders with the tracking numbers "
                       "Amazon received."),
        "evidence": ("Evidence", "reports, numbers, order IDs",
                     "Valid Tracking Rate report with the 27 order IDs."),
    },
    "corrective_actions": {
        "what": ("What you already did", "past tense, one action each",
                 "I entered the correct UPS tracking number for all 27 affected orders."),
        "done_on": ("Done on", "the date", ""),
        "evidence": ("Proof", "screenshots, order IDs, an agreement",
                     "Spreadsheet of the 27 order IDs with their tracking numbers."),
    },
    "preventive_measures": {
        "what": ("The lasting change", "what is different now",
                 "Every order is confirmed only through Buy Shipping, which uploads the "
                 "tracking number automatically."),
        "frequency": ("How often", "or on what trigger", "every working day at 16:00"),
        "owner": ("Who does it", "a role or a name", "me, the owner"),
        "tool": ("With what", "report, setting or software",
                 "Account Health > Valid Tracking Rate page"),
        "started_on": ("In place since", "the date", ""),
    },
}
"""Per section: field -> (label, hint, example placeholder), in the order the editor shows them.

The example is the generic one, for a draft whose kind's rubric gives none (see `placeholder`)."""


def placeholder(section: str, field: str, rubric) -> str:  # noqa: ANN001 - a compiled.Rubric
    """What an empty answer box shows: the kind's own example (its rubric's `placeholders:`), so a
    seller with a listing case is not shown a tracking one, else the generic example."""
    example = rubric.placeholder(section, field) or FIELD_LABELS[section][field][2]
    return f"e.g. {example}" if example else ""


CATEGORY_LABELS = {"kind": "required", "specifics": "facts", "length": "too short"}
"""Rubric categories shown in other words where the rule name would puzzle a seller."""

SEVERITY_MARK = {"error": "✖", "warning": "⚠", "suggestion": "·"}
SEVERITY_STYLE = {"error": "bold $error", "warning": "bold $warning", "suggestion": "$accent"}
STATUS_MARK = {"empty": "○", "needs work": "●", "ready": "✔"}
STATUS_STYLE = {"empty": "$text-muted", "needs work": "$error", "ready": "$success"}


def field_name(section: str, field: str | None) -> str:
    """The on-screen name of a field of an item, or of a context answer."""
    if field is None:
        return ""
    if field.startswith("shipping."):
        return TRACKING_LABEL
    return FIELD_LABELS.get(section, {}).get(field, (field.replace("_", " "), "", ""))[0]


TRACKING_LABEL = "How tracking reaches Amazon now"
"""The shipping answer is printed under 'How orders ship now': it is the process after the fix."""
TRACKING_HINT = ("after your changes, not how it went wrong (that is the root cause): typed in "
                 "Manage Orders, a file, shipping software, Buy Shipping; and when")

CONTEXT_LABELS = {
    "context.seller": "Seller or store name",
    "context.marketplace": "Marketplace",
    "context.category": "Category in the notice",
    "context.metric_value": "Metric in the notice",
    "context.notice_date": "Date of the notice",
    "context.period_start": "Report from",
    "context.period_end": "Report to",
    "context.name": "Your name",
    "context.merchant_token": "Merchant Token",
    "context.affected_orders": "Orders affected",
    "context.asins": "ASINs in the notice",
    "shipping.handling_time_days": "Handling time",
    "shipping.tracking_upload": TRACKING_LABEL,
    "shipping.buy_shipping": "Labels via Buy Shipping",
    "shipping.dropship": "A supplier ships for you",
    "context.amazon_reply": "Amazon's latest reply",
}
LIST_NOUN = {"shipping.carriers": "carrier", "documents": "document"}


def answer_name(path: str) -> str:
    """Where an answer is, in the seller's words: 'Date of the notice', 'action 2 · Done on'."""
    if path in CONTEXT_LABELS:
        return CONTEXT_LABELS[path]
    head, _, rest = path.rpartition(".")
    list_path, _, number = head.rpartition(".")
    if number.isdigit():
        if list_path in ITEM_NOUN:
            return f"{ITEM_NOUN[list_path]} {int(number) + 1} · {field_name(list_path, rest)}"
        if list_path in LIST_NOUN:
            return f"{LIST_NOUN[list_path]} {int(number) + 1} · {rest}"
    return path


THIS_REPLY = "Amazon's reply to this case asks"
"""How a rubric quotes a reply it was written from; shown otherwise when no reply was pasted."""


def reviewer_note(why: str, has_reply: bool = True) -> str:
    """The dimmed line under a finding: why reviewers ask for it, said once.

    'Why: ' goes before it, never 'Reviewers: ' (the note often starts 'Reviewers reject...');
    a note quoting "Amazon's reply to this case" is about replies to such cases when the seller
    pasted none.
    """
    text = " ".join(why.split())
    if not has_reply and text.startswith(THIS_REPLY):
        text = "Amazon's replies to cases like this ask" + text[len(THIS_REPLY):]
    return f"Why: {text}" if text else ""


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
