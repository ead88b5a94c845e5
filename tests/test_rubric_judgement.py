"""How findings are counted: one per rule per sentence, one 'missing X' per section."""

from __future__ import annotations

from poa.answers.model import Answers
from poa.letters.draft import draft_from_answers
from poa.letters.letter_import import import_letter
from poa.rubric.compiled import load_rubric
from poa.rubric.engine import run


def _rules(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_the_same_word_twice_in_a_sentence_is_one_finding():
    draft = import_letter("Corrective actions\nI will call the supplier and I will fix the orders.\n")
    findings = run(draft, load_rubric(None), only="tense.corrective-future")
    assert len(findings) == 1


def test_a_missing_frequency_is_one_finding_for_the_whole_section_of_an_answers_file():
    answers = Answers.model_validate({"kind": "example", "preventive_measures": [
        {"what": "I check the tracking report."}, {"what": "I read the supplier's list."},
        {"what": "Every day at 16:00 I compare confirmed orders with the report."}]})
    findings = _rules(run(draft_from_answers(answers), load_rubric(None)), "process.preventive-frequency")
    assert len(findings) == 1
    assert findings[0].item == 0 and "1 other item" in findings[0].message


def test_in_a_letter_the_section_as_a_whole_meets_the_requirement():
    letter = ("Preventive measures\n- Our shipping lead, Tara Quinn, owns the tracking check.\n"
              "- Every Monday she reviews the Valid Tracking Rate page in Account Health.\n")
    findings = run(import_letter(letter), load_rubric(None))
    assert not {f.rule for f in findings} & {"process.preventive-frequency", "process.preventive-owner",
                                             "process.preventive-tool"}


def test_a_check_across_sections_reads_both_sections_of_a_pasted_letter():
    letter = ("Root cause\n\nOn 3 November 2024 we confirmed 23 orders without tracking numbers, because "
              "I copied each number from the supplier's e-mails by hand.\n\n"
              "Corrective actions\n\nOn 20 November 2026 I switched to ShipStation, connected to my Amazon store.\n\n"
              "Preventive measures\n\nEvery day I copy the tracking numbers from the supplier's e-mails.\n")
    findings = run(import_letter(letter), load_rubric("valid_tracking_rate"))
    assert [f.text for f in _rules(findings, "specifics.years-agree")] == ["3 November 2024"]
    assert [f.section for f in _rules(findings, "kind.vtr-email-still")] == ["preventive_measures"]
    # the root cause may describe the old e-mail process: only the measures are held to the new one
    assert not [f for f in _rules(findings, "kind.vtr-email-still") if f.section == "root_cause"]


def test_a_consistent_rule_compares_with_an_answer_or_a_section_not_both():
    import pytest
    from pydantic import TypeAdapter, ValidationError

    from poa.rubric.rules import Rule

    base = {"id": "x.years", "kind": "consistent", "category": "specifics", "severity": "warning",
            "scope": "root_cause", "value": "year", "patterns": [r"(?P<value>20\d\d)"], "message": "m",
            "why": "w", "link": "https://example.org", "examples": {}}
    TypeAdapter(Rule).validate_python({**base, "against": "corrective_actions"})
    with pytest.raises(ValidationError, match="one of them"):
        TypeAdapter(Rule).validate_python(base)
    with pytest.raises(ValidationError, match="years only"):
        TypeAdapter(Rule).validate_python({**base, "against": "corrective_actions", "value": "number"})


_REPLY = ("We received your submission but do not have enough information to reactivate your "
          "seller-fulfilled selling privileges at this time.\n"
          "– Greater detail on the root causes of not providing valid tracking numbers.\n")


def test_a_short_root_cause_under_amazons_reply_gets_one_word_target_not_two():
    """The reply rule asks for 80 words; the plain length rule (40) yields to it in that section."""
    answers = Answers.model_validate({"kind": "valid_tracking_rate", "context": {"amazon_reply": _REPLY},
                                      "root_cause": [{"what": "Because the tracking e-mails went to the wrong "
                                                              "folder on 3 days in May."}]})
    findings = [f for f in run(draft_from_answers(answers), load_rubric("valid_tracking_rate"))
                if f.section == "root_cause"]
    rules = {f.rule for f in findings}
    assert "reply.root-cause" in rules and "length.root-cause-short" not in rules
    assert sum("words" in f.message for f in findings) == 1


def test_without_a_reply_the_length_rule_still_speaks():
    answers = Answers.model_validate({"kind": "valid_tracking_rate", "root_cause": [
        {"what": "Because the tracking e-mails went to the wrong folder on 3 days in May."}]})
    rules = {f.rule for f in run(draft_from_answers(answers), load_rubric("valid_tracking_rate"))}
    assert "length.root-cause-short" in rules


def test_a_thin_root_cause_with_no_why_is_one_vague_finding_not_also_a_length_one():
    findings = run(import_letter("Root cause\nWe didn't double-check our items before they were sent.\n"),
                   load_rubric(None))
    rules = {f.rule for f in findings if f.section == "root_cause"}
    assert "vague.root-cause-no-why" in rules and "length.root-cause-short" not in rules


def test_a_long_root_cause_is_not_asked_for_the_why_words():
    """`below_words`: a detailed section explains itself in its own words."""
    long_cause = ("On 8 September 2026 we moved Amazon orders into our web shop's order manager. " * 9)
    findings = run(import_letter(f"Root cause\n{long_cause}\n"), load_rubric(None), only="vague.root-cause-no-why")
    assert not findings


def test_a_prevention_with_no_owner_no_trigger_and_no_tool_is_one_error_not_three_warnings():
    letter = ("Preventive measures\n1) Only enable our store when we are physically back to ship orders.\n"
              "2) We will be more careful with the orders.\n")
    findings = [f for f in run(import_letter(letter), load_rubric(None)) if f.section == "preventive_measures"]
    rules = {f.rule for f in findings}
    assert "process.preventive-no-system" in rules
    assert not rules & {"process.preventive-owner", "process.preventive-frequency", "process.preventive-tool"}


def test_a_prevention_naming_one_of_the_three_keeps_the_precise_warnings():
    letter = "Preventive measures\nOur warehouse lead checks the orders.\n"
    rules = {f.rule for f in run(import_letter(letter), load_rubric(None))}
    assert "process.preventive-no-system" not in rules
    assert {"process.preventive-frequency", "process.preventive-tool"} <= rules


def test_an_answers_file_item_field_counts_for_the_together_rule():
    answers = Answers.model_validate({"kind": "example", "preventive_measures": [
        {"what": "Orders are shipped with tracking."}, {"what": "Labels are bought online.", "tool": "Buy Shipping"}]})
    rules = {f.rule for f in run(draft_from_answers(answers), load_rubric(None))}
    assert "process.preventive-no-system" not in rules


def test_blanks_left_in_a_template_are_one_finding_that_counts_the_others():
    letter = ("Root cause\nOur invoices for ASIN B0XXXXXX were issued by a reseller, flagged on [date].\n\n"
              "Corrective actions\nWe removed the listing on [date] and stopped buying from it on [date].\n\n"
              "Preventive measures\nWe buy [Brand] only from [authorized distributor name], checked weekly "
              "in our sourcing register by [name/role].\n")
    findings = run(import_letter(letter), load_rubric(None))
    blanks = _rules(findings, "specifics.placeholder")
    assert len(blanks) == 1 and blanks[0].text == "B0XXXXXX" and "(and 6 more places)" in blanks[0].message
    # a blank stands for its fact: the letter is not also told it has no numbers, dates or owner
    assert not {f.rule for f in findings} & {"specifics.root-cause-numbers", "specifics.corrective-date",
                                             "process.preventive-owner"}


def test_a_finding_gives_way_only_to_one_at_least_as_severe():
    """Amazon's reply rule, once met, is a suggestion: it must not hide an error it does not make."""
    cause = ("Our supplier uploads the tracking after the label is printed, because our order "
             "tool waited for his e-mail, and nobody compared the confirmed orders with the "
             "carrier report, so the gap stayed hidden for weeks and the list of order IDs is "
             "attached. ") * 3 + "We had 1 person on it."
    answers = Answers.model_validate({"kind": "valid_tracking_rate", "context": {"amazon_reply": _REPLY},
                                      "root_cause": [{"what": cause}]})
    findings = [f for f in run(draft_from_answers(answers), load_rubric("valid_tracking_rate"))
                if f.section == "root_cause"]
    by_rule = {f.rule: f.severity for f in findings}
    assert by_rule.get("reply.root-cause") == "suggestion"
    assert by_rule.get("specifics.root-cause-numbers") == "error"


def test_an_empty_section_amazon_asked_about_is_one_finding():
    answers = Answers.model_validate({"kind": "valid_tracking_rate", "context": {"amazon_reply": (
        _REPLY + "– Greater detail on the steps you have taken to prevent not providing valid tracking "
                 "numbers going forward.\n")}})
    rules = [f.rule for f in run(draft_from_answers(answers), load_rubric("valid_tracking_rate"))
             if f.section == "preventive_measures"]
    assert rules == ["structure.preventive-missing"]
