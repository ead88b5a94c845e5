"""The `poa` command line, run as a real subprocess: exit codes, output, and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES

from poa.files.paths import rubrics_dir

EXAMPLE = str(EXAMPLES / "valid-tracking-rate.yaml")


def test_weak_letter_is_not_ready_with_the_reviewers_categories(poa):
    result = poa("check", str(FIXTURES / "weak-vtr-letter.txt"), "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["ready"] is False and report["kind"] == "valid_tracking_rate"
    categories = {f["category"] for f in report["findings"]}
    assert {"vague", "blame", "kind", "process", "specifics", "tense", "tone"} <= categories
    rules = {f["rule"] for f in report["findings"]}
    assert {"kind.vtr-carrier", "kind.vtr-integrated", "blame.spam-folder", "vague.unknown-cause",
            "vague.promise", "process.no-change", "kind.vtr-dropship-supplier"} <= rules


def test_json_findings_carry_every_documented_field(poa):
    report = json.loads(poa("check", str(FIXTURES / "weak-vtr-letter.txt"), "--format", "json").stdout)
    assert set(report) >= {"file", "kind", "ready", "counts", "findings"}
    assert set(report["counts"]) == {"error", "warning", "suggestion"}
    assert report["counts"]["error"] == sum(f["severity"] == "error" for f in report["findings"])
    for finding in report["findings"]:
        assert set(finding) >= {"rule", "category", "severity", "section", "item", "message", "why",
                                "link", "text", "line", "column", "start", "end"}
        assert finding["section"] in {"root_cause", "corrective_actions", "preventive_measures",
                                      "context", "letter"}
    spam = next(f for f in report["findings"] if f["rule"] == "vague.unknown-cause")
    lines = (FIXTURES / "weak-vtr-letter.txt").read_text(encoding="utf-8").split("\n")
    assert lines[spam["line"] - 1][spam["column"] - 1:].startswith(spam["text"])
    assert spam["section"] == "root_cause" and spam["item"] == 0
    absent = next(f for f in report["findings"] if f["rule"] == "kind.vtr-carrier")
    assert absent["line"] is None and absent["text"] is None and absent["start"] is None


def test_findings_in_an_answers_file_point_at_its_lines(poa, tmp_path):
    path = tmp_path / "appeal.yaml"
    path.write_text("kind: valid_tracking_rate\nroot_cause:\n  - what: |\n      Orders were fine.\n"
                    "      For no apparent reason the e-mails went to spam.\n", encoding="utf-8")
    report = json.loads(poa("check", str(path), "--format", "json").stdout)
    finding = next(f for f in report["findings"] if f["rule"] == "vague.unknown-cause")
    assert (finding["line"], finding["column"]) == (5, 7)
    assert finding["start"] == len("Orders were fine.\n") and finding["text"] == "For no apparent reason"


def test_strong_answers_file_is_ready_and_renders_both_formats(poa, tmp_path):
    check = poa("check", EXAMPLE)
    assert check.returncode == 0, check.stdout
    assert "Ready: no errors" in check.stdout.splitlines()[-1]
    for fmt in ("md", "txt"):
        out = tmp_path / f"letter.{fmt}"
        result = poa("render", EXAMPLE, "--format", fmt, "-o", str(out))
        assert result.returncode == 0, result.stderr
        text = out.read_text(encoding="utf-8")
        for heading in ("Section 1: Root cause", "Section 2: Corrective actions already taken",
                        "Section 3: Preventive measures"):
            assert heading in text
        assert poa("render", EXAMPLE, "--format", fmt).stdout == text


def test_human_output_groups_by_section_quotes_words_and_ends_with_a_verdict(poa):
    result = poa("check", str(FIXTURES / "weak-vtr-letter.txt"))
    out = result.stdout
    assert "\x1b[" not in out  # no colours when not on a terminal
    assert out.index("\nRoot cause\n") < out.index("\nCorrective actions\n") < out.index("\nPreventive measures\n")
    assert '"For no apparent reason"' in out and "(line 8, item 1)" in out
    assert out.rstrip().splitlines()[-1].startswith("Not ready: ")
    assert "note: kind inferred: valid_tracking_rate" in out


def test_letter_without_known_kind_uses_common_rubric_and_says_so(poa):
    result = poa("check", str(FIXTURES / "weak-no-headings.txt"))
    assert result.returncode == 1
    assert "only the common rubric applied" in result.stdout
    assert "structure.no-headings" in result.stdout


def test_kind_given_on_the_command_line(poa):
    result = poa("check", str(FIXTURES / "weak-no-headings.txt"), "--kind", "valid_tracking_rate",
                 "--format", "json")
    assert json.loads(result.stdout)["kind"] == "valid_tracking_rate"


def test_kinds_lists_each_kind_with_one_line(poa):
    result = poa("kinds")
    assert result.returncode == 0
    assert result.stdout.startswith("valid_tracking_rate") or "\nvalid_tracking_rate" in result.stdout
    assert all(len(line.split(None, 1)) == 2 for line in result.stdout.splitlines())


def test_new_writes_a_commented_skeleton_that_checks_as_not_ready(poa, tmp_path):
    out = tmp_path / "appeal.yaml"
    result = poa("new", "--kind", "valid_tracking_rate", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "# Root cause. Reviewers ask:" in text and "Which carrier and service" in text
    check = poa("check", str(out), "--format", "json")
    assert check.returncode == 1
    assert "structure.root-cause-missing" in {f["rule"] for f in json.loads(check.stdout)["findings"]}
    again = poa("new", "--kind", "valid_tracking_rate", "-o", str(out))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_python_dash_m_works_like_the_script(poa):
    assert poa("--version").stdout.startswith("poa ")


def _assert_one_clean_line(result, *expected):
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) >= 1 and all(line.startswith("poa: ") for line in lines)
    for text in expected:
        assert text in result.stderr, result.stderr


def test_bad_inputs_each_give_a_clear_error_and_exit_2(poa, tmp_path):
    cases = {
        "malformed.yaml": ("kind: x\nroot_cause: [\n", "malformed.yaml:3:1: invalid YAML"),
        "wrongtype.yaml": ("kind: valid_tracking_rate\ncontext:\n  affected_orders: many\n",
                           "wrongtype.yaml:3:20: context.affected_orders: expected a whole number (got 'many')"),
        "unknown.yaml": ("kind: valid_tracking_rate\nroot_cause:\n  - wat: x\n",
                         "unknown.yaml:3:5: root_cause.0: unknown key 'wat'; did you mean 'what'?"),
        "empty.yaml": ("", "empty.yaml: the file is empty"),
        "badkind.yaml": ("kind: valid_traking_rate\n", "badkind.yaml:1:7: kind: unknown suspension kind "
                         "'valid_traking_rate'; did you mean 'valid_tracking_rate'?"),
        "empty.txt": ("  \n", "empty.txt: the letter is empty"),
        "letter.docx": ("x", "expected an answers file (.yaml, .yml) or a letter"),
    }
    for name, (content, expected) in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        _assert_one_clean_line(poa("check", str(path)), expected)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"Root cause\n\x00\xff\xfe")
    _assert_one_clean_line(poa("check", str(binary)), "binary.txt:2:1: this is not a text file")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Root cause\nCaf\xe9 orders".encode("latin-1"))
    _assert_one_clean_line(poa("check", str(latin)), "latin.txt:2:4: not valid UTF-8")
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * (2 * 1024 * 1024))
    _assert_one_clean_line(poa("check", str(huge)), "huge.txt: the file is 10.0 MB", "up to 2 MB")
    _assert_one_clean_line(poa("check", str(tmp_path / "nope.yaml")), "nope.yaml: no such file")
    _assert_one_clean_line(poa("render", str(tmp_path / "nope.yaml")), "nope.yaml: no such file")
    _assert_one_clean_line(poa("new", "--kind", "nope"), "unknown suspension kind 'nope'")


def _rubrics_with(tmp_path, new: str, old: str = "'\\bsomehow\\b'"):
    """A copy of the bundled rubrics where one text of common.yaml (a pattern) is replaced."""
    folder = tmp_path / "rubrics"
    shutil.copytree(rubrics_dir(), folder)
    common = folder / "common.yaml"
    text = common.read_text(encoding="utf-8")
    assert old in text
    common.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, common


def test_a_rubric_with_an_invalid_regex_is_a_located_error(poa, tmp_path):
    folder, common = _rubrics_with(tmp_path, "'\\bsome(how\\b'")
    result = poa("check", EXAMPLE, "--rubrics", str(folder))
    _assert_one_clean_line(result, "common.yaml:", "invalid regular expression", "rules.")
    line = result.stderr.split(":")[2]
    assert "some(how" in common.read_text(encoding="utf-8").split("\n")[int(line) - 1]


def test_a_rubric_with_a_lookahead_is_refused(poa, tmp_path):
    """Rubric patterns run on RE2 (linear time), which has no lookaround: tests/reliability/test_regex_safety.py."""
    folder, _ = _rubrics_with(tmp_path, "'somehow(?! else)'")
    _assert_one_clean_line(poa("check", EXAMPLE, "--rubrics", str(folder)), "no lookaround")


@pytest.mark.parametrize("args", [("render", "-o"), ("check",)])
def test_usage_errors_exit_2(poa, args):
    assert poa(*args).returncode == 2


def test_a_folder_of_drafts_is_checked_file_by_file_with_a_tally(poa, tmp_path):
    for source in (EXAMPLES / "valid-tracking-rate.yaml", FIXTURES / "weak-vtr-letter.txt"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("kind: [\n", encoding="utf-8")
    (tmp_path / "notes.docx").write_text("not a draft", encoding="utf-8")
    text = poa("check", str(tmp_path), "--brief")
    assert text.returncode == 2  # one file could not be read
    assert text.stdout.rstrip().splitlines()[-1] == "3 files: 1 ready, 1 not ready, 1 bad input"
    assert "broken.yaml:2:1: invalid YAML" in text.stderr
    data = json.loads(poa("check", str(tmp_path), "--format", "json").stdout)
    assert [(Path(r["file"]).name, r.get("ready")) for r in data] == [
        ("broken.yaml", None), ("valid-tracking-rate.yaml", True), ("weak-vtr-letter.txt", False)]
    assert data[0]["errors"][0].endswith("invalid YAML: expected the node content, but found '<stream end>'")
    both = poa("check", str(tmp_path / "valid-tracking-rate.yaml"), str(tmp_path / "weak-vtr-letter.txt"))
    assert both.returncode == 1 and "2 files: 1 ready, 1 not ready, 0 bad input" in both.stdout


def test_a_rubric_rule_yielding_to_an_unknown_rule_is_a_located_error(poa, tmp_path):
    folder, common = _rubrics_with(tmp_path, "yields_to: [reply.corective]", "yields_to: [reply.corrective]")
    result = poa("check", EXAMPLE, "--rubrics", str(folder))
    _assert_one_clean_line(result, "common.yaml:", "in rule length.corrective-short: yields_to names "
                                                   "'reply.corective'")
    line, column = result.stderr.split(":")[2:4]
    assert "reply.corective" in common.read_text(encoding="utf-8").split("\n")[int(line) - 1]


def test_a_together_rule_naming_a_rule_that_is_not_required_is_a_located_error(poa, tmp_path):
    folder, _ = _rubrics_with(tmp_path, "rules: [vague.promise,", "rules: [process.preventive-owner,")
    result = poa("check", EXAMPLE, "--rubrics", str(folder))
    _assert_one_clean_line(result, "common.yaml:", "in rule process.preventive-no-system: rules names "
                                                   "'vague.promise', which is not a required rule")
