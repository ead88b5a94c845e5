"""The sections of a Plan of Action and their text fields: plain names, importable without pydantic.

model.py re-exports these; the command line's check path (letters, reports)
imports them from here so that it does not load pydantic.
"""

from __future__ import annotations

SECTIONS = ("root_cause", "corrective_actions", "preventive_measures")
"""The three sections of a Plan of Action, in the order Amazon asks for them."""

SECTION_TITLES = {
    "context": "Context",
    "root_cause": "Root cause",
    "corrective_actions": "Corrective actions",
    "preventive_measures": "Preventive measures",
    "letter": "Whole letter",
}

TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "root_cause": ("what", "why", "not_caught", "evidence"),
    "corrective_actions": ("what", "evidence"),
    "preventive_measures": ("what", "frequency", "owner", "tool"),
}
"""Fields of each item that hold the seller's prose, in reading order: the rubric checks these."""
