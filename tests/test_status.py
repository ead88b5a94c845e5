"""Step status (empty / needs work / ready) is read off the check report."""

from poa.answers.model import Answers
from poa.letters.draft import draft_from_answers
from poa.rubric.compiled import load_rubric
from poa.workflow.check import check_draft
from poa.workflow.status import EMPTY, NEEDS_WORK, READY, findings_for, step_of, step_status


def _report(answers):
    return check_draft(draft_from_answers(answers), load_rubric(answers.kind), "x")


def test_new_draft_is_empty_everywhere():
    answers = Answers(kind="valid_tracking_rate")
    report = _report(answers)
    assert {s: step_status(report, answers, s) for s in
            ("context", "root_cause", "corrective_actions", "preventive_measures")} == dict.fromkeys(
        ("context", "root_cause", "corrective_actions", "preventive_measures"), EMPTY)


def test_weak_root_cause_needs_work_and_whole_letter_findings_go_to_context():
    answers = Answers.model_validate({"kind": "valid_tracking_rate", "root_cause": [
        {"what": "For no apparent reason the e-mails went to my spam folder."}]})
    report = _report(answers)
    assert step_status(report, answers, "root_cause") == NEEDS_WORK
    rules = {f.rule for f in findings_for(report, "root_cause")}
    assert {"vague.unknown-cause", "blame.spam-folder"} <= rules
    letter = [f for f in report.findings if f.section == "letter"]
    assert letter and all(step_of(f) == "context" for f in letter)


def test_good_example_is_ready(tmp_path):
    from pathlib import Path

    from poa.answers.file import load_answers

    loaded = load_answers(Path(__file__).parent.parent / "examples" / "valid-tracking-rate.yaml")
    report = _report(loaded.answers)
    for step in ("context", "root_cause", "corrective_actions", "preventive_measures"):
        assert step_status(report, loaded.answers, step) == READY
