"""Answers files carry a schema version: older ones are migrated on load with a note, newer ones refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES
from reliability_helpers import run_main

from poa.answers.file import load_answers, parse_answers, save_answers
from poa.answers.migrate import FIRST_VERSION, STEPS
from poa.answers.model import SCHEMA_VERSION
from poa.errors import InputError

OLD = FIXTURES / "answers-schema-v1.yaml"


def test_the_steps_lead_from_the_first_version_to_the_current_one():
    assert [version for version, _ in STEPS] == list(range(FIRST_VERSION, SCHEMA_VERSION))


def test_a_version_1_file_is_migrated_with_a_note_and_keeps_every_answer():
    old = load_answers(OLD)
    current = load_answers(EXAMPLES / "valid-tracking-rate.yaml")
    assert old.answers == current.answers
    assert old.answers.schema_version == SCHEMA_VERSION == 3
    assert len(old.notes) == 1
    assert "schema version 1" in old.notes[0] and "read as version 3" in old.notes[0]
    assert "'issues' and 'history'" in old.notes[0]
    assert current.notes == []


def test_a_version_2_file_without_dismissed_loads_unchanged_with_one_note():
    text = (EXAMPLES / "valid-tracking-rate.yaml").read_text(encoding="utf-8")
    assert "schema_version: 3\n" in text and "dismissed" not in text
    old = parse_answers(text.replace("schema_version: 3\n", "schema_version: 2\n"), Path("v2.yaml"))
    assert old.answers == load_answers(EXAMPLES / "valid-tracking-rate.yaml").answers
    assert old.answers.dismissed == []
    assert old.notes == ["this file was schema version 2 and is read as version 3 (added an empty "
                         "'dismissed'); it is saved as version 3"]


def test_a_file_without_a_version_is_version_1():
    loaded = parse_answers("kind: valid_tracking_rate\n", Path("bare.yaml"))
    assert loaded.notes and "schema version 1" in loaded.notes[0]


def test_a_version_1_file_that_already_lists_issues_loses_nothing():
    text = ("schema_version: 1\nkind: valid_tracking_rate\nissues:\n  - id: toys\n    title: Toys\n"
            "root_cause:\n  - what: Late labels.\n    issue: toys\n")
    loaded = parse_answers(text, Path("today.yaml"))
    assert [i.id for i in loaded.answers.issues] == ["toys"]
    assert loaded.answers.root_cause[0].issue == "toys"
    assert "added empty 'history'" in loaded.notes[0] and "'issues'" not in loaded.notes[0]


def test_saving_writes_the_current_version_and_the_note_goes_away(tmp_path):
    path = tmp_path / "appeal.yaml"
    path.write_text(OLD.read_text(encoding="utf-8"), encoding="utf-8")
    opened = load_answers(path)
    save_answers(opened.answers, path, expected=opened.fingerprint)
    text = path.read_text(encoding="utf-8")
    assert f"schema_version: {SCHEMA_VERSION}\n" in text and "\nissues: []\n" in text
    again = load_answers(path)
    assert again.notes == [] and again.answers == opened.answers
    assert "schema_version: 1\n" in (tmp_path / "appeal.yaml.bak").read_text(encoding="utf-8")


def test_a_newer_file_is_refused_naming_both_versions():
    with pytest.raises(InputError) as caught:
        parse_answers("kind: valid_tracking_rate\nschema_version: 4\n", Path("new.yaml"))
    assert str(caught.value) == ("new.yaml:2:17: schema_version: this file is schema version 4, but this "
                                 "poa reads up to version 3; update poa")


@pytest.mark.parametrize("value", ["0", "-1", "true", "two", "[1]", "1.5", "null"])
def test_a_nonsense_version_is_a_located_error(value):
    with pytest.raises(InputError) as caught:
        parse_answers(f"kind: valid_tracking_rate\nschema_version: {value}\n", Path("odd.yaml"))
    assert str(caught.value).startswith("odd.yaml:2:17: schema_version: expected a schema version from 1 to 3")


def test_check_prints_the_note_and_puts_it_in_the_json(capsys):
    text = run_main(capsys, "check", str(OLD))
    assert "note: this file was schema version 1" in text.stdout
    report = json.loads(run_main(capsys, "check", str(OLD), "--format", "json").stdout)
    assert any("schema version 1" in note for note in report["notes"])


def test_render_prints_the_note_on_stderr_only(poa):
    """As a real process: the letter on stdout must stay clean for `poa render FILE > letter.txt`."""
    result = poa("render", str(OLD))
    assert result.returncode == 0, result.stderr
    assert "poa: note: this file was schema version 1" in result.stderr
    assert "schema version" not in result.stdout
    assert "Section 1: Root cause" in result.stdout


def test_submitted_tells_before_rewriting_an_old_file(capsys, tmp_path):
    path = tmp_path / "appeal.yaml"
    path.write_text(OLD.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_main(capsys, "submitted", str(path), "--date", "2026-11-20")
    assert result.returncode == 0, result.stderr
    assert "poa: note: this file was schema version 1" in result.stderr
    assert load_answers(path).notes == []
