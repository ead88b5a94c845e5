"""Letters written outside poa are split into the three sections by their headings or lead-ins."""

from __future__ import annotations

import pytest

from poa.letters.letter_import import import_letter


def _sections(text: str) -> dict[str, list[str]]:
    draft = import_letter(text)
    out: dict[str, list[str]] = {}
    for piece in draft.pieces:
        out.setdefault(piece.section, []).append(piece.text)
    return out


@pytest.mark.parametrize("root,corrective,preventive", [
    ("Root cause", "Corrective actions", "Preventive measures"),
    ("## 1. Root Cause:", "## 2. Corrective Actions Taken:", "## 3. Preventive Measures:"),
    ("**What happened**", "**Actions taken**", "**Prevention**"),
    ("Section 1: Explain what went wrong", "Section 2: The corrective actions I took",
     "Section 3: How I will prevent this"),
    ("“-- Greater detail on the root causes of not providing valid tracking numbers.”",
     "“-- Greater detail on the actions you have taken to provide valid tracking numbers.”",
     "-- Greater detail on the steps you have taken to prevent not providing valid tracking numbers going forward."),
    ("ROOT CAUSE", "WHAT WE HAVE DONE", "GOING FORWARD"),
    ("I. Root causes", "II. Corrective measures", "III. Preventative measures"),
])
def test_headings_in_many_styles(root, corrective, preventive):
    letter = (f"{root}\nOrders were confirmed early.\n\n{corrective}\n"
              f"1. I fixed 12 orders.\n2. I changed carriers.\n\n{preventive}\n- Daily check at 16:00.\n")
    sections = _sections(letter)
    assert sections["root_cause"] == ["Orders were confirmed early."]
    assert sections["corrective_actions"] == ["1. I fixed 12 orders.", "2. I changed carriers."]
    assert sections["preventive_measures"] == ["- Daily check at 16:00."]
    assert "letter" not in sections


def test_a_lead_in_starts_a_section_and_keeps_its_words():
    sections = _sections("Root cause: orders were confirmed before tracking existed.\n\n"
                         "Going forward, I buy every label through Buy Shipping.\n")
    assert sections["root_cause"] == ["Root cause: orders were confirmed before tracking existed."]
    assert sections["preventive_measures"] == ["Going forward, I buy every label through Buy Shipping."]


def test_text_before_the_first_heading_is_letter_text():
    sections = _sections("Dear Seller Performance,\n\nRoot cause\nOrders were confirmed early.\n")
    assert sections["letter"] == ["Dear Seller Performance,"]
    assert sections["root_cause"] == ["Orders were confirmed early."]


def test_a_letter_without_headings_is_one_text_and_counts_none():
    draft = import_letter("I had a problem and fixed it.\nNow everything works as before.\n")
    assert draft.headings == 0
    assert [p.section for p in draft.pieces] == ["letter"]
    assert draft.item_counts == {"root_cause": 0, "corrective_actions": 0, "preventive_measures": 0}


def test_sentences_that_merely_start_like_headings_stay_body_text():
    sections = _sections("Root cause\nThe future orders were not affected by this.\n"
                         "Prevention of the problem was not in place.\n")
    assert list(sections) == ["root_cause"]


def test_positions_point_at_the_right_line_and_column():
    text = "Root cause\n\n   Orders went to the spam folder.\n  - second item here\n"
    draft = import_letter(text)
    first, second = draft.pieces
    assert first.position(first.text.index("spam")) == (3, 23)
    assert second.position(second.text.index("second")) == (4, 5)
    lines = text.split("\n")
    assert lines[2][23 - 1:].startswith("spam")
    assert lines[3][5 - 1:].startswith("second")
