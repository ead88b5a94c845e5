"""Several issues in one notice: one chain (cause, action, measure) per issue, checked and rendered."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES

from poa.answers.file import load_answers, save_answers
from poa.errors import InputError
from poa.render.letter import render_markdown
from poa.render.plaintext import markdown_to_text
from poa.rubric.compiled import load_rubric

TWO_CATEGORIES = """\
kind: valid_tracking_rate
issues:
  - id: toys
    title: Valid Tracking Rate in Toys & Games
  - id: garden
    title: Valid Tracking Rate in Garden
root_cause:
  - what: In Toys, 12 of 140 orders between 1 and 9 May were confirmed before tracking existed.
    issue: toys
  - what: In Garden, 4 of 60 orders between 1 and 9 May used a carrier that is not integrated.
    issue: garden
corrective_actions:
  - what: On 10 May I corrected the 12 Toys orders in Manage Orders.
    issue: toys
preventive_measures:
  - what: Every label is bought through Buy Shipping, which confirms each order automatically.
    issue: toys
  - what: Every working day at 16:00 I open the Valid Tracking Rate page in Account Health.
"""


def _load(tmp_path, text):
    path = tmp_path / "multi.yaml"
    path.write_text(text, encoding="utf-8")
    return load_answers(path)


def test_each_issue_must_have_its_own_chain(tmp_path):
    loaded = _load(tmp_path, TWO_CATEGORIES)
    from poa.letters.draft import draft_of
    from poa.workflow.check import check_draft

    report = check_draft(draft_of(loaded), load_rubric("valid_tracking_rate"), "multi.yaml")
    incomplete = [(f.section, f.message) for f in report.findings if f.rule == "structure.chain-incomplete"]
    assert [s for s, _ in incomplete] == ["corrective_actions", "preventive_measures"]
    assert all("Valid Tracking Rate in Garden" in m for _, m in incomplete)
    untagged = [f for f in report.findings if f.rule == "structure.item-without-issue"]
    assert [(f.section, f.item) for f in untagged] == [("preventive_measures", 1)]


def test_letter_renders_one_block_per_issue(tmp_path):
    answers = _load(tmp_path, TWO_CATEGORIES).answers
    markdown = render_markdown(answers, load_rubric("valid_tracking_rate").kind)
    toys = markdown.index("## Issue 1: Valid Tracking Rate in Toys & Games")
    garden = markdown.index("## Issue 2: Valid Tracking Rate in Garden")
    shared = markdown.index("## Issue 3: Across all issues")
    assert toys < garden < shared
    assert markdown.index("12 of 140 orders") < garden < markdown.index("4 of 60 orders") < shared
    assert markdown.index("Every working day at 16:00") > shared
    assert "Section 1:" not in markdown
    text = markdown_to_text(markdown)
    assert "#" not in text and "\nIssue 2: Valid Tracking Rate in Garden\n" in text


def test_an_item_naming_an_unknown_issue_is_a_located_error(tmp_path):
    text = TWO_CATEGORIES.replace("    issue: garden\n", "    issue: gardn\n")
    with pytest.raises(InputError) as caught:
        _load(tmp_path, text)
    message = str(caught.value)
    assert "multi.yaml:11:12: root_cause.1.issue: unknown issue 'gardn'; did you mean 'garden'?" in message


def test_duplicate_issue_ids_are_refused(tmp_path):
    text = TWO_CATEGORIES.replace("  - id: garden\n", "  - id: toys\n", 1)
    with pytest.raises(InputError) as caught:
        _load(tmp_path, text)
    assert "issue id 'toys' is listed twice" in str(caught.value)


def test_the_bundled_odr_example_is_checked_and_rendered_per_issue(poa, tmp_path):
    example = str(EXAMPLES / "order-defect-rate-two-issues.yaml")
    check = poa("check", example, "--format", "json")
    assert check.returncode == 0, check.stdout
    markdown = poa("render", example, "--format", "md").stdout
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings[1:8] == [
        "## Issue 1: Buyers not receiving orders, or receiving them late",
        "### 1.1 Root cause", "### 1.2 Corrective actions already taken", "### 1.3 Preventive measures",
        "## Issue 2: Buyers receiving defective items",
        "### 2.1 Root cause", "### 2.2 Corrective actions already taken",
    ]
    # Take the defective-items measures away: that issue's chain is now incomplete.
    answers = load_answers(EXAMPLES / "order-defect-rate-two-issues.yaml").answers
    kept = [m for m in answers.preventive_measures if m.issue != "defective"]
    path = tmp_path / "odr.yaml"
    save_answers(answers.model_copy(update={"preventive_measures": kept}), path)
    report = json.loads(poa("check", str(path), "--format", "json").stdout)
    missing = [f for f in report["findings"] if f["rule"] == "structure.chain-incomplete"]
    assert [(f["section"], "defective items" in f["message"]) for f in missing] == [
        ("preventive_measures", True)]
    assert report["ready"] is False
