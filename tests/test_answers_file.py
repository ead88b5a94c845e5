"""Answers files: round trips, hand edits, and every problem reported at once with its place."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest
from conftest import EXAMPLES

from poa.answers.file import ConflictError, load_answers, save_answers, to_yaml
from poa.answers.model import Answers, PreventiveMeasure, RootCause
from poa.errors import InputError

EXAMPLE = EXAMPLES / "valid-tracking-rate.yaml"


def _problems(tmp_path, text: str, name: str = "appeal.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_answers(path)
    return [str(p) for p in caught.value.problems]


def test_example_loads_with_every_section():
    loaded = load_answers(EXAMPLE)
    answers = loaded.answers
    assert answers.kind == "valid_tracking_rate"
    assert answers.context.notice_date == dt.date(2026, 11, 14)
    assert answers.context.metric_value == pytest.approx(91.2)
    assert answers.shipping.carriers[0].integrated is True
    assert len(answers.root_cause) == 1 and len(answers.corrective_actions) == 4
    assert len(answers.preventive_measures) == 3


def test_new_answers_never_share_their_lists_or_sections():
    """The model's defaults are plain values ([] and Context()), copied for each new Answers."""
    from poa.answers.model import Carrier

    first, second = Answers(kind="valid_tracking_rate"), Answers(kind="valid_tracking_rate")
    first.root_cause.append(RootCause(what="the supplier's e-mails went to spam"))
    first.context.asins.append("B0EXAMPLE1")
    first.shipping.carriers.append(Carrier(name="UPS"))
    assert second.root_cause == [] and second.context.asins == [] and second.shipping.carriers == []
    assert first.context is not second.context and first.shipping is not second.shipping


def test_load_save_load_gives_equal_data(tmp_path):
    original = load_answers(EXAMPLE).answers
    path = tmp_path / "copy.yaml"
    save_answers(original, path)
    again = load_answers(path).answers
    assert again == original
    save_answers(again, path)
    assert load_answers(path).answers == original


def test_saved_file_is_readable_yaml_in_a_fixed_order(tmp_path):
    answers = Answers(kind="valid_tracking_rate",
                      root_cause=[RootCause(what="Line one\nLine two — café ✓")])
    text = to_yaml(answers, "a.yaml")
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == ["schema_version", "kind", "context", "shipping", "issues", "root_cause",
                    "corrective_actions", "preventive_measures", "documents", "history", "dismissed"]
    assert "what: |" in text  # multi-line answers as a block
    assert "café ✓" in text and "\\u" not in text  # unicode kept as typed


def test_hand_edited_file_keeps_its_content(tmp_path):
    path = tmp_path / "hand.yaml"
    path.write_text(
        "kind: valid_tracking_rate\n"
        "# my own comment\n"
        "root_cause:\n"
        "  - what: \"Orders were confirmed: before tracking existed\"\n"
        "    why: >\n      folded text\n      on two lines\n"
        "preventive_measures:\n"
        "  - what: Check the report\n    frequency: daily\n",
        encoding="utf-8")
    answers = load_answers(path).answers
    assert answers.root_cause[0].what == "Orders were confirmed: before tracking existed"
    assert answers.root_cause[0].why == "folded text on two lines\n"
    save_answers(answers, path)
    assert load_answers(path).answers == answers


def test_save_is_atomic_keeps_a_backup_and_is_private(tmp_path):
    path = tmp_path / "appeal.yaml"
    first = Answers(kind="valid_tracking_rate", root_cause=[RootCause(what="first")])
    second = Answers(kind="valid_tracking_rate", root_cause=[RootCause(what="second")])
    save_answers(first, path)
    save_answers(second, path)
    assert load_answers(path).answers == second
    backup = tmp_path / "appeal.yaml.bak"
    assert "first" in backup.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_save_refuses_to_overwrite_a_file_changed_on_disk(tmp_path):
    path = tmp_path / "appeal.yaml"
    save_answers(Answers(kind="valid_tracking_rate"), path)
    opened = load_answers(path)
    path.write_text(path.read_text(encoding="utf-8") + "# edited elsewhere\n", encoding="utf-8")
    with pytest.raises(ConflictError):
        save_answers(opened.answers, path, expected=opened.fingerprint)
    assert "# edited elsewhere" in path.read_text(encoding="utf-8")


def test_every_problem_is_reported_at_once_with_line_and_column(tmp_path):
    problems = _problems(tmp_path,
                         "kind: valid_tracking_rate\n"
                         "context:\n"
                         "  affected_orders: thirty\n"
                         "  notice_date: last week\n"
                         "root_cause:\n"
                         "  - wat: typo here\n"
                         "preventive_measures:\n"
                         "  - what: ok\n"
                         "    ownr: me\n")
    text = "\n".join(problems)
    assert len(problems) == 4, text
    assert any(p.startswith(str(tmp_path / "appeal.yaml") + ":3:20: context.affected_orders: "
                            "expected a whole number (got 'thirty')") for p in problems), text
    assert any(":4:16: context.notice_date: expected a date like 2026-03-12" in p for p in problems), text
    assert any(":6:5: root_cause.0: unknown key 'wat'; did you mean 'what'?" in p for p in problems), text
    assert any(":9:5: preventive_measures.0: unknown key 'ownr'; did you mean 'owner'?" in p
               for p in problems), text


@pytest.mark.parametrize("text,expected", [
    ("kind: valid_tracking_rate\nroot_cause: [unclosed\n", ":3:1: invalid YAML"),
    ("kind: x\nroot_cause:\n  - what: a: b\n", ":3:12: invalid YAML: mapping values are not allowed here"),
    ("", "the file is empty"),
    ("# only a comment\n", "holds only comments"),
    ("- a\n- b\n", ":1:1: expected 'key: value' lines"),
    ("kind: valid_tracking_rate\nkind: other\n", ":2:1: kind: key 'kind' appears twice"),
    ("a: &x [1]\nb: *x\n", ":1:4: anchors and aliases"),
    ("kind: !!python/object/apply:os.system ['echo hi']\n", "unsupported tag"),
    ("schema_version: 99\nkind: valid_tracking_rate\n", "schema version 99, but this poa reads up to version 3"),
    ("root_cause: []\n", "kind: is required"),
    ("kind: valid_tracking_rate\nroot_cause: just text\n", ":2:13: root_cause: expected a list"),
    ("kind: valid_tracking_rate\nshipping:\n  buy_shipping: maybe\n", "expected true or false (got 'maybe')"),
])
def test_bad_answers_files_give_one_clear_line(tmp_path, text, expected):
    problems = _problems(tmp_path, text)
    assert any(expected in p for p in problems), problems
    assert all("\n" not in p and "Traceback" not in p for p in problems)


def test_deep_nesting_is_refused(tmp_path):
    problems = _problems(tmp_path, "kind: x\ncontext: " + "[" * 200 + "]" * 200 + "\n")
    assert any("nested deeper than" in p for p in problems)


def test_binary_non_utf8_missing_and_huge_files(tmp_path):
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"kind: x\n\x00\x01\x02")
    latin = tmp_path / "l.yaml"
    latin.write_bytes("kind: valid_tracking_rate\nroot_cause:\n  - what: caf\xe9\n".encode("latin-1"))
    huge = tmp_path / "h.yaml"
    huge.write_bytes(b"# " + b"x" * (10 * 1024 * 1024))
    messages = {}
    for path in (binary, latin, huge, tmp_path / "missing.yaml"):
        with pytest.raises(InputError) as caught:
            load_answers(path)
        messages[path.name] = str(caught.value)
    assert "b.yaml:2:1: this is not a text file" in messages["b.yaml"]
    assert "l.yaml:3:14: not valid UTF-8 (byte 0xe9)" in messages["l.yaml"]
    assert "poa reads files up to 2 MB" in messages["h.yaml"] and "10.0 MB" in messages["h.yaml"]
    assert messages["missing.yaml"].endswith("missing.yaml: no such file")


def test_item_models_accept_numbers_as_text_and_keep_dates(tmp_path):
    path = tmp_path / "n.yaml"
    path.write_text("kind: valid_tracking_rate\npreventive_measures:\n  - what: 42\n"
                    "    started_on: 2026-11-18\n", encoding="utf-8")
    measure = load_answers(path).answers.preventive_measures[0]
    assert measure == PreventiveMeasure(what="42", started_on=dt.date(2026, 11, 18))
