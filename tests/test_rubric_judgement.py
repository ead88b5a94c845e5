"""How findings are counted: one per rule per sentence, one 'missing X' per section."""

from __future__ import annotations

from poa.letters.draft import draft_from_answers
from poa.letters.letter_import import import_letter
from poa.answers.model import Answers
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
