"""Amazon's reply read back into the draft, and resubmissions: history, repeats and diff."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES

from poa.answers.file import load_answers, save_answers
from poa.answers.model import Answers
from poa.letters.reply import read_reply
from poa.rubric.compiled import load_rubric
from poa.workflow.check import check_draft

VTR_REPLY = """We received your submission but do not have enough information to reactivate your
seller-fulfilled selling privileges at this time. To reactivate your seller-fulfilled selling
privileges, please send the following:
– Greater detail on the root causes of not providing valid tracking numbers.
– Greater detail on the actions you have taken to provide valid tracking numbers.
– Greater detail on the steps you have taken to prevent not providing valid tracking numbers going forward.
"""

ODR_REPLY = """– Greater detail on the reasons for buyers not receiving orders or late receipt of orders.
– Greater detail on the actions you have taken to resolve buyers not receiving orders.
– Greater detail on the steps you have taken to prevent buyers not receiving orders going forward.
– Greater detail on the reasons for buyers receiving defective items.
– Greater detail on the actions you have taken to resolve buyers receiving defective items.
– Greater detail on the steps you have taken to prevent buyers receiving defective items going forward.
"""

AUTHENTICITY_REPLY = """– Greater detail on the issue(s) that you believe caused the complaints about the
authenticity of your items. – Greater detail on the actions you have taken to resolve these complaints.
– Greater detail on the steps you have taken to prevent future complaints about the authenticity of
your items. Here are a few things to consider: Sourcing, Listing, Packaging, Shipping."""

LISTING_REPLY = """Thank you for submitting your appeal. We reviewed your appeal and determined that it is
missing the following information. -- Greater detail on the root cause(s) of the violation.
-- Greater detail on the actions you have taken to resolve the identified issues."""

OLD_REPLY = """We received your information, but your plan is not complete. Some of your buyers have not
received their orders on time. Explain how you will prevent non-receipt and late-receipt complaints
in the future."""


def _asks():
    return load_rubric(None).reply_asks


def test_the_forum_reply_maps_to_all_three_sections_of_a_vtr_case():
    reading = read_reply(VTR_REPLY, _asks())
    assert reading.asked == {
        "root_cause": ["not providing valid tracking numbers"],
        "corrective_actions": ["provide valid tracking numbers"],
        "preventive_measures": ["not providing valid tracking numbers"],
        "letter": [""],
    }


def test_odr_reply_keeps_each_defect_type():
    reading = read_reply(ODR_REPLY, _asks())
    assert reading.asked["root_cause"] == ["buyers not receiving orders or late receipt of orders",
                                           "buyers receiving defective items"]
    assert len(reading.asked["preventive_measures"]) == 2


@pytest.mark.parametrize("reply,sections", [
    (AUTHENTICITY_REPLY, {"root_cause", "corrective_actions", "preventive_measures"}),
    (LISTING_REPLY, {"root_cause", "corrective_actions", "letter"}),
    (OLD_REPLY, {"preventive_measures", "letter"}),
])
def test_other_reply_formats_from_the_research(reply, sections):
    assert set(read_reply(reply, _asks()).asked) == sections


def _report(answers: Answers, reply: str):
    answers.context.amazon_reply = reply
    from poa.letters.draft import draft_from_answers

    return check_draft(draft_from_answers(answers), load_rubric(answers.kind), "x")


def test_each_named_section_gets_one_reply_finding_stricter_when_thin():
    weak = Answers(kind="valid_tracking_rate", root_cause=[{"what": "E-mails went to the junk folder."}],
                   corrective_actions=[{"what": "On 3 May I fixed it."}],
                   preventive_measures=[{"what": "Daily check."}])
    report = _report(weak, VTR_REPLY)
    reply_findings = [f for f in report.findings if f.rule.startswith("reply.")]
    assert sorted(f.section for f in reply_findings) == ["corrective_actions", "preventive_measures",
                                                         "root_cause"]
    assert all(f.category == "scope" and f.severity == "error" for f in reply_findings)
    root = next(f for f in reply_findings if f.section == "root_cause")
    assert "not providing valid tracking numbers" in root.message
    assert "at least 80 words (it has 6)" in root.message and "order IDs" in root.message


def test_a_section_that_meets_the_stricter_check_gets_a_suggestion_only():
    strong = load_answers(EXAMPLES / "valid-tracking-rate.yaml").answers
    report = _report(strong, VTR_REPLY)
    reply_findings = [f for f in report.findings if f.rule.startswith("reply.")]
    assert len(reply_findings) == 3 and {f.severity for f in reply_findings} == {"suggestion"}
    assert report.ready


def test_an_unrecognised_reply_is_reported_not_ignored():
    report = _report(Answers(kind="valid_tracking_rate"), "Your account is under review.")
    assert [f.rule for f in report.findings if f.rule.startswith("reply.")] == ["reply.unrecognised"]


def test_check_reply_option_reads_a_reply_file(poa, tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text(VTR_REPLY, encoding="utf-8")
    letter = tmp_path / "letter.txt"
    letter.write_text("Root cause\nThe e-mails went to spam.\n\nCorrective actions\nI fixed it on 3 May.\n\n"
                      "Preventive measures\nI check daily.\n", encoding="utf-8")
    report = json.loads(poa("check", str(letter), "--reply", str(reply), "--format", "json").stdout)
    assert {f["section"] for f in report["findings"] if f["rule"].startswith("reply.")} == {
        "root_cause", "corrective_actions", "preventive_measures"}


def test_submitted_reply_and_diff_round_trip(poa, tmp_path):
    path = tmp_path / "appeal.yaml"
    save_answers(load_answers(EXAMPLES / "valid-tracking-rate.yaml").answers, path)
    nothing = poa("diff", str(path))
    assert nothing.returncode == 2 and "no submission is recorded yet" in nothing.stderr
    assert poa("submitted", str(path), "--date", "2026-11-19").returncode == 0
    reply = tmp_path / "reply.txt"
    reply.write_text(VTR_REPLY, encoding="utf-8")
    assert poa("reply", str(path), str(reply)).returncode == 0
    answers = load_answers(path).answers
    assert answers.history[0].date.isoformat() == "2026-11-19"
    assert "Section 1: Root cause" in answers.history[0].letter
    assert "Greater detail on the root causes" in answers.history[0].reply
    assert answers.context.amazon_reply == answers.history[0].reply

    unchanged = json.loads(poa("check", str(path), "--format", "json").stdout)
    repeats = [f for f in unchanged["findings"] if f["rule"] == "repeat.rejected-sentence"]
    assert len(repeats) > 5 and all(f["severity"] == "warning" for f in repeats)

    text = path.read_text(encoding="utf-8").replace("I entered the correct UPS tracking number",
                                                    "I entered the right UPS tracking number", 1)
    path.write_text(text, encoding="utf-8")
    diff = poa("diff", str(path))
    assert diff.returncode == 0
    assert "-1. 15 November 2026: I entered the correct UPS tracking number" in diff.stdout
    assert "+1. 15 November 2026: I entered the right UPS tracking number" in diff.stdout
    after = json.loads(poa("check", str(path), "--format", "json").stdout)
    assert len([f for f in after["findings"] if f["rule"] == "repeat.rejected-sentence"]) == len(repeats) - 1
