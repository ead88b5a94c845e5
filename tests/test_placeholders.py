"""Each kind's example answers (`placeholders:` in its rubric) fit the screen and pass poa's own rules.

A placeholder is not an answer, but a seller copies its shape: an example that
poa would flag (vague words, no numbers in the root cause, a measure with no
owner) would teach the wrong thing. So each kind's examples, put together as
one plan with one item per section, are checked by that kind's rubric.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import EXAMPLES

from poa.answers.sections import SECTIONS, TEXT_FIELDS
from poa.files.paths import rubrics_dir
from poa.rubric.compiled import kind_files, load_rubric
from poa.rubric.engine import run
from poa.rubric.examples import example_draft
from poa.rubric.loader import PLACEHOLDER_LENGTH, Placeholders
from poa.tui.labels import FIELD_LABELS, placeholder

KINDS = list(kind_files())
DATES = {"corrective_actions": "done_on", "preventive_measures": "started_on"}
"""The date each item has beside its text (a field of its own on the screen, not an example)."""


def examples_of(kind: str | None) -> dict[str, dict[str, str]]:
    """What the screen shows a draft of `kind` in each empty box, without the 'e.g. '."""
    rubric = load_rubric(kind)
    return {section: {name: placeholder(section, name, rubric).removeprefix("e.g. ")
                      for name in TEXT_FIELDS[section]} for section in SECTIONS}


def test_the_placeholders_key_has_every_text_field_of_every_section():
    fields = {section: tuple(model.model_fields) for section, model in
              ((name, Placeholders.model_fields[name].annotation) for name in Placeholders.model_fields)}
    assert fields == TEXT_FIELDS


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_gives_its_own_example_for_every_field(kind):
    """No field falls back to the generic (tracking) example, which fits another kind."""
    given = load_rubric(kind).kind_file.placeholders
    for section in SECTIONS:
        assert sorted(given.get(section, {})) == sorted(TEXT_FIELDS[section]), (kind, section)
        for name, text in given[section].items():
            assert text.strip() and "\n" not in text and len(text) <= PLACEHOLDER_LENGTH, (kind, name)


def test_only_tracking_cases_show_the_tracking_examples():
    generic = {section: {name: FIELD_LABELS[section][name][2] for name in TEXT_FIELDS[section]}
               for section in SECTIONS}
    assert examples_of("valid_tracking_rate") == generic
    assert examples_of(None) == generic  # a draft of no known kind
    for kind in KINDS:
        if kind != "valid_tracking_rate":
            shown = examples_of(kind)
            assert all(shown[s]["what"] != generic[s]["what"] for s in SECTIONS), kind


@pytest.mark.parametrize("kind", [None, *KINDS])
def test_each_kinds_examples_pass_its_own_rubric(kind):
    """One item per section made of the examples: no error in the three sections, nothing said
    about an item (each example item is complete: a measure has its trigger, owner and tool),
    and no flagged words. Section-wide warnings may stay (one item cannot say everything)."""
    examples = examples_of(kind)
    items = {section: [dict(fields, **({DATES[section]: dt.date(2026, 5, 6)} if section in DATES else {}))]
             for section, fields in examples.items()}
    findings = run(example_draft(items, "root_cause"), load_rubric(kind))
    errors = [f for f in findings if f.severity == "error" and f.section in SECTIONS]
    about_items = [f for f in findings if f.item is not None or f.text]
    assert not errors, [(f.rule, f.message) for f in errors]
    assert not about_items, [(f.rule, f.field, f.text, f.severity) for f in about_items]


# --- a rubric file with a bad placeholders key: one located line, exit 2 --------------------


def _rubrics_with(tmp_path, old: str, new: str):  # noqa: ANN202
    folder = tmp_path / "rubrics"
    shutil.copytree(rubrics_dir(), folder)
    vtr = folder / "valid_tracking_rate.yaml"
    text = vtr.read_text(encoding="utf-8")
    assert old in text
    vtr.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, vtr


@pytest.mark.parametrize("old,new,says", [
    ("    owner: me, the owner\n", "    owner: [me, the owner]\n", "placeholders.preventive_measures.owner: expected text"),
    ("    owner: me, the owner\n", "    owners: me, the owner\n", "unknown key 'owners'; did you mean 'owner'?"),
    ("    owner: me, the owner\n", "    owner: e.g. me, the owner\n", "leave out 'e.g.'"),
    ("    owner: me, the owner\n", "    done_on: 2026-05-06\n", "unknown key 'done_on'"),
    ("    owner: me, the owner\n", f"    owner: {'x' * 130}\n", "expected 1 to 120 characters (got 130)"),
    ("  corrective_actions:\n    what:", "  corrective_action:\n    what:", "unknown key 'corrective_action'"),
])
def test_a_bad_placeholder_is_a_located_error(poa, tmp_path, old, new, says):
    folder, vtr = _rubrics_with(tmp_path, old, new)
    result = poa("check", str(EXAMPLES / "valid-tracking-rate.yaml"), "--rubrics", str(folder))
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    where = f"poa: {vtr}:"
    assert lines[0].startswith(where) and says in lines[0], lines[0]
    line = int(lines[0][len(where):].split(":")[0])
    key = new.split("\n")[0].split(":")[0].strip()
    assert vtr.read_text(encoding="utf-8").split("\n")[line - 1].strip().startswith(key + ":")
