"""Every rule in every rubric file runs its own examples: fail examples must be flagged, pass examples not.

This is the test that keeps rules honest (proselint's example-driven checks):
a rule without both kinds of example fails here.
"""

from __future__ import annotations

import pytest

from poa.files.paths import rubrics_dir
from poa.rubric.compiled import COMMON, load_rubric
from poa.rubric.engine import run
from poa.rubric.examples import example_draft

KINDS = [None] + sorted(p.stem for p in rubrics_dir().glob("*.yaml") if p.stem != COMMON)


def _own_rules():
    """(kind, rule) for each rule, once: common rules with no kind, kind rules with their kind."""
    for kind in KINDS:
        rubric = load_rubric(kind)
        rules = rubric.common.rules if kind is None else rubric.kind.rules
        for rule in rules:
            yield kind, rule


RULES = list(_own_rules())
CASES = [pytest.param(kind, rule.id, verdict, index, id=f"{rule.id}-{verdict}{index}")
         for kind, rule in RULES
         for verdict in ("fail", "pass")
         for index in range(len(getattr(rule.examples, "fail" if verdict == "fail" else "pass_")))]


def test_there_are_rules_for_every_kind():
    assert len(KINDS) >= 2
    assert len(RULES) >= 30


@pytest.mark.parametrize("kind,rule", [pytest.param(k, r, id=r.id) for k, r in RULES])
def test_every_rule_has_both_kinds_of_example(kind, rule):
    assert rule.examples.fail, f"{rule.id} has no failing example"
    assert rule.examples.pass_, f"{rule.id} has no passing example"


@pytest.mark.parametrize("kind,rule_id,verdict,index", CASES)
def test_rule_example(kind, rule_id, verdict, index):
    rubric = load_rubric(kind)
    rule = next(r for r in rubric.rules if r.id == rule_id)
    examples = rule.examples.fail if verdict == "fail" else rule.examples.pass_
    draft = example_draft(examples[index], rule.scope)
    findings = run(draft, rubric, only=rule_id)
    if verdict == "fail":
        assert findings, f"{rule_id} did not flag: {examples[index]!r}"
    else:
        assert not findings, f"{rule_id} flagged a passing example: {[f.text for f in findings]}"


@pytest.mark.parametrize("kind,rule", [pytest.param(k, r, id=r.id) for k, r in RULES])
def test_every_rule_cites_a_source_and_says_what_to_write(kind, rule):
    assert rule.link.startswith("https://") or rule.link.startswith("http://")
    assert len(rule.message) > 30 and len(rule.why) > 20
