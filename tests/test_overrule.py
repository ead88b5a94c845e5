"""Overruling findings: `dismissed:` entries, --ignore, settings files. Each overruled finding stays
listed as dismissed with its reason; none is silently gone.

The findings overruled are taken from a real check of a weak letter or answers file first, so
the tests follow the rubric as it changes, and fail when an overrule does not take effect.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, run_poa

from poa.rubric.finding import Finding
from poa.rubric.overrule import Levels, Overrules, matches, rule_pattern_matches
from poa.workflow import settings
from poa.workflow.check import check_file

WEAK_LETTER = FIXTURES / "weak-vtr-letter.txt"
WEAK_CAUSE = ("Tracking numbers from my supplier arrived by e-mail and I typed them in by hand.\n"
              "      For no apparent reason the e-mails went to my spam folder.")


@pytest.fixture(autouse=True)
def no_settings_cache():
    settings._CACHE.clear()
    yield
    settings._CACHE.clear()


@pytest.fixture
def letter(tmp_path) -> Path:
    """The weak letter in a folder of its own (settings are looked for from there upward)."""
    folder = tmp_path / "client" / "drafts"
    folder.mkdir(parents=True)
    path = folder / "letter.txt"
    shutil.copy(WEAK_LETTER, path)
    return path


@pytest.fixture
def appeal(tmp_path) -> Path:
    """The bundled example with a weak root cause: a few errors with words, some without."""
    text = (EXAMPLES / "valid-tracking-rate.yaml").read_text(encoding="utf-8")
    start = text.index("  - what: |\n      Between 20 October")
    end = text.index("    why:", start)
    path = tmp_path / "appeal.yaml"
    path.write_text(text[:start] + f"  - what: |\n      {WEAK_CAUSE}\n" + text[end:], encoding="utf-8")
    return path


def _json(*args: str, env: dict | None = None) -> tuple[dict, int]:
    result = run_poa("check", *args, "--format", "json", env=env)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout), result.returncode


def _entry_yaml(finding: dict, reason: str) -> str:
    lines = [f"  - rule: {finding['rule']}", f"    section: {finding['section']}",
             f"    item: {'null' if finding['item'] is None else finding['item']}",
             f"    field: {finding['field'] or 'null'}",
             f"    text: {json.dumps(finding['text']) if finding['text'] else 'null'}",
             f"    reason: {json.dumps(reason)}", "    date: 2026-11-20"]
    return "\n".join(lines) + "\n"


def _with_dismissed(path: Path, entries: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "dismissed:\n" + entries, encoding="utf-8")


# --- dismissed entries in the answers file ------------------------------------------------

def test_a_dismissed_finding_stays_listed_as_dismissed_and_is_not_counted(appeal):
    before, _ = _json(str(appeal))
    target = next(f for f in before["findings"] if f["text"] and f["severity"] == "error")
    _with_dismissed(appeal, _entry_yaml(target, "the supplier's e-mails really were the cause"))
    after, _ = _json(str(appeal))
    assert target not in after["findings"]
    assert after["counts"]["error"] == before["counts"]["error"] - 1
    assert after["dismissed"] == [{**target, "reason": "the supplier's e-mails really were the cause"}]
    assert not any("no longer matches" in note for note in after["notes"])
    text = run_poa("check", str(appeal)).stdout
    tail = text[text.index("Dismissed, not counted (1)"):]
    assert target["rule"] in tail and f"\"{target['text']}\"" in tail
    assert "reason: the supplier's e-mails really were the cause" in tail
    assert tail.rstrip().endswith("1 dismissed.")


def test_a_finding_about_something_missing_is_dismissed_by_an_entry_without_text(appeal):
    import re

    appeal.write_text(re.sub(r"(?m)^    done_on: .*\n", "", appeal.read_text(encoding="utf-8")),
                      encoding="utf-8")  # actions without dates
    before, _ = _json(str(appeal))
    missing = [f for f in before["findings"] if f["text"] is None]
    assert missing, "the weak answers should miss something"
    target = missing[0]
    _with_dismissed(appeal, _entry_yaml(target, "stated in the attachment"))
    after, _ = _json(str(appeal))
    assert [d["rule"] for d in after["dismissed"]] == [target["rule"]]
    assert len(after["findings"]) == len(before["findings"]) - 1


def test_an_entry_whose_words_changed_no_longer_matches_and_says_so(appeal):
    before, _ = _json(str(appeal))
    target = next(f for f in before["findings"] if f["text"])
    _with_dismissed(appeal, _entry_yaml({**target, "text": target["text"] + " and more"}, "ok"))
    after, _ = _json(str(appeal))
    assert after["findings"] == before["findings"] and after["dismissed"] == []
    stale = [note for note in after["notes"] if note.startswith("dismissal no longer matches: ")]
    assert len(stale) == 1 and target["rule"] in stale[0] and "and more" in stale[0]
    assert "note: dismissal no longer matches" in run_poa("check", str(appeal)).stdout


@pytest.mark.parametrize("entry, problem", [
    ("  - rule: tone.apology\n    section: root_cause\n", "dismissed.0.reason: is required"),
    ("  - rule: tone.apology\n    section: root_cause\n    reason: '  '\n", "reason:"),
    ("  - rule: tone.apology\n    section: root_cause\n    reason: x\n    on: 2026-11-20\n", ""),
])
def test_a_bad_entry_is_a_located_error(appeal, entry, problem):
    _with_dismissed(appeal, entry)
    result = run_poa("check", str(appeal))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"poa: {appeal}:") and problem in result.stderr


def _finding(rule="tone.apology", section="root_cause", item=0, field="what", text="so sorry"):
    return Finding(rule, rule.split(".")[0], "error", section, item, "m", "w", "l", text,
                   None, None, 0, 5, field)


class _Entry:
    def __init__(self, **fields):
        defaults = dict(rule="tone.apology", section="root_cause", item=0, field="what",
                        text="so sorry", reason="r")
        self.__dict__.update(defaults, **fields)


@pytest.mark.parametrize("entry, same", [
    (_Entry(), True),
    (_Entry(text="so\n   sorry"), True),  # the words as wrapped in the file
    (_Entry(text="So sorry"), False),
    (_Entry(item=1), False),
    (_Entry(field="why"), False),
    (_Entry(section="corrective_actions"), False),
    (_Entry(rule="tone.emotional"), False),
    (_Entry(text=None), False),
])
def test_an_entry_matches_the_same_rule_place_and_words_only(entry, same):
    assert matches(entry, _finding()) is same


def test_a_missing_finding_matches_an_entry_without_words():
    missing = _finding(rule="process.preventive-owner", section="preventive_measures", item=1,
                       field=None, text=None)
    assert matches(_Entry(rule="process.preventive-owner", section="preventive_measures", item=1,
                          field=None, text=None), missing)


@pytest.mark.parametrize("pattern, rule, hit", [
    ("tone.apology", "tone.apology", True), ("tone.*", "tone.apology", True),
    ("tone", "tone.apology", True), ("tone.*", "tense.corrective-future", False),
    ("tone.apolog", "tone.apology", False), ("kind.vtr-*", "kind.vtr-carrier", False),
])
def test_ignore_names_a_rule_or_a_category(pattern, rule, hit):
    assert rule_pattern_matches(pattern, rule) is hit


# --- --ignore ---------------------------------------------------------------------------

def test_ignore_lists_the_findings_as_dismissed_with_reason_ignore(letter):
    before, _ = _json(str(letter))
    rules = {f["rule"] for f in before["findings"]}
    category = next(iter(sorted(rules))).split(".")[0]
    single = sorted(r for r in rules if not r.startswith(category + "."))[0]
    after, _ = _json(str(letter), "--ignore", f"{category}.*", "--ignore", single)
    gone = [f for f in before["findings"] if f["rule"].startswith(category + ".") or f["rule"] == single]
    assert gone and [{k: v for k, v in d.items() if k != "reason"} for d in after["dismissed"]] == gone
    assert {d["reason"] for d in after["dismissed"]} == {"--ignore"}
    assert after["findings"] == [f for f in before["findings"] if f not in gone]


def test_ignoring_every_rule_that_raises_an_error_makes_the_letter_ready(letter):
    before, code = _json(str(letter))
    assert code == 1
    errors = sorted({f["rule"] for f in before["findings"] if f["severity"] == "error"})
    args = [a for rule in errors for a in ("--ignore", rule)]
    result = run_poa("check", str(letter), *args)
    assert result.returncode == 0, result.stdout
    assert "Ready: no errors" in result.stdout and "dismissed" in result.stdout.splitlines()[-1]


def test_ignoring_a_rule_no_rubric_has_is_a_note(letter):
    after, _ = _json(str(letter), "--ignore", "tone.apologyy")
    assert "--ignore: no rule or category is named 'tone.apologyy' (see: docs/rubrics.md)" in after["notes"]


@pytest.mark.parametrize("bad", ["", "tone apology"])
def test_a_malformed_ignore_is_a_one_line_error(letter, bad):
    result = run_poa("check", str(letter), "--ignore", bad)
    assert result.returncode == 2 and result.stderr.startswith("poa: --ignore: expected a rule id")


# --- settings files ---------------------------------------------------------------------

def _error_rule(report: dict) -> tuple[str, int]:
    """A rule that raises errors in the report, and how many."""
    rules = [f["rule"] for f in report["findings"] if f["severity"] == "error"]
    rule = max(sorted(set(rules)), key=rules.count)
    return rule, rules.count(rule)


def test_settings_change_severities_and_readiness_follows(letter):
    before, _ = _json(str(letter))
    rule, count = _error_rule(before)
    (letter.parent / ".poa.yaml").write_text(f"rules:\n  {rule}: warning\n", encoding="utf-8")
    after, _ = _json(str(letter))
    assert after["counts"]["error"] == before["counts"]["error"] - count
    assert after["counts"]["warning"] == before["counts"]["warning"] + count
    assert {f["severity"] for f in after["findings"] if f["rule"] == rule} == {"warning"}
    assert after["dismissed"] == []


def test_settings_raise_a_rule_to_error(letter):
    before, _ = _json(str(letter))
    rule = next(f["rule"] for f in before["findings"] if f["severity"] == "warning")
    (letter.parent / ".poa.yaml").write_text(f"rules:\n  {rule}: error\n", encoding="utf-8")
    after, _ = _json(str(letter))
    assert {f["severity"] for f in after["findings"] if f["rule"] == rule} == {"error"}


def test_a_rule_switched_off_is_listed_as_dismissed_with_the_settings_file(letter):
    before, _ = _json(str(letter))
    rule, count = _error_rule(before)
    path = letter.parent / ".poa.yaml"
    path.write_text(f"# our house style\nrules:\n  {rule}: off\n", encoding="utf-8")
    after, _ = _json(str(letter))
    assert rule not in {f["rule"] for f in after["findings"]}
    off = [d for d in after["dismissed"] if d["rule"] == rule]
    assert len(off) == count and {d["reason"] for d in off} == {f"off in {path}"}


def test_min_level_hides_lower_levels_from_the_findings_but_lists_them(letter):
    before, _ = _json(str(letter))
    (letter.parent / ".poa.yaml").write_text("min_level: error\n", encoding="utf-8")
    after, code = _json(str(letter))
    assert {f["severity"] for f in after["findings"]} == {"error"}
    assert after["counts"]["error"] == before["counts"]["error"] and code == 1
    hidden = before["counts"]["warning"] + before["counts"]["suggestion"]
    assert len(after["dismissed"]) == hidden
    assert all(d["reason"].startswith("below min_level error in ") for d in after["dismissed"])


def test_the_nearer_file_wins_key_by_key_over_the_folder_above_and_the_user_file(letter, tmp_path):
    before, _ = _json(str(letter))
    rule, _count = _error_rule(before)
    category = rule.split(".")[0]
    user = tmp_path / "config"
    user.mkdir()
    (user / "settings.yaml").write_text(f"min_level: error\nrules:\n  {rule}: off\n", encoding="utf-8")
    (letter.parent.parent / ".poa.yaml").write_text(f"rules:\n  {rule}: suggestion\n", encoding="utf-8")
    (letter.parent / ".poa.yaml").write_text("min_level: suggestion\n", encoding="utf-8")
    after, _ = _json(str(letter), env={"POA_CONFIG_DIR": str(user)})
    # the rule's level comes from the folder above (nearer than the user's), min_level from here
    assert {f["severity"] for f in after["findings"] if f["rule"] == rule} == {"suggestion"}
    assert after["dismissed"] == []
    # a category entry is less specific than the user's exact entry for the rule
    (letter.parent.parent / ".poa.yaml").write_text(f"rules:\n  {category}.*: warning\n",
                                                    encoding="utf-8")
    settings._CACHE.clear()
    again, _ = _json(str(letter), env={"POA_CONFIG_DIR": str(user)})
    assert rule in {d["rule"] for d in again["dismissed"]}
    others = {f["severity"] for f in again["findings"]
              if f["rule"].startswith(category + ".") and f["rule"] != rule}
    assert others <= {"warning"}


def test_the_user_file_applies_alone(letter, tmp_path):
    before, _ = _json(str(letter))
    rule, count = _error_rule(before)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(f"rules:\n  {rule}: off\n", encoding="utf-8")
    after, _ = _json(str(letter), env={"POA_CONFIG_DIR": str(tmp_path / "config")})
    assert len([d for d in after["dismissed"] if d["rule"] == rule]) == count
    assert after["dismissed"][0]["reason"] == f"off in {tmp_path / 'config' / 'settings.yaml'}"


def test_settings_option_names_one_file_and_no_settings_ignores_them(letter, tmp_path):
    before, _ = _json(str(letter))
    rule, count = _error_rule(before)
    (letter.parent / ".poa.yaml").write_text(f"rules:\n  {rule}: off\n", encoding="utf-8")
    assert len(_json(str(letter))[0]["dismissed"]) == count
    assert _json(str(letter), "--no-settings")[0] == before
    other = tmp_path / "strict.yaml"
    other.write_text("min_level: error\n", encoding="utf-8")
    named, _ = _json(str(letter), "--settings", str(other))  # instead of the folder's file
    assert rule in {f["rule"] for f in named["findings"]}
    assert {f["severity"] for f in named["findings"]} == {"error"}


@pytest.mark.parametrize("text, where, what", [
    ("min_level: loud\n", ":1:12: min_level: expected one of error, warning, suggestion", ""),
    ("rules:\n  tone.*: loud\n", ":2:11: rules.tone.*: expected one of off, error, warning", ""),
    ("min_levle: error\n", ":1:1: min_levle: unknown key 'min_levle'", "did you mean 'min_level'?"),
    ("rules:\n  - tone.apology\n", ":2:3: rules: expected one rule a line", ""),
    ("rules:\n  tone apology: off\n", ":2:3: rules.tone apology: expected a rule id", ""),
    ("rules: [\n", ":2:1: invalid YAML", ""),
    ("- off\n", ":1:1: expected 'key: value' lines", ""),
])
def test_a_malformed_settings_file_is_a_one_line_error_with_line_and_column(letter, text, where, what):
    path = letter.parent / ".poa.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_poa("check", str(letter))
    assert result.returncode == 2 and result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"poa: {path}{where}"), first
    assert what in first and "Traceback" not in result.stderr


def test_a_rule_in_settings_that_no_rubric_has_is_a_note_but_another_kinds_rule_is_not(letter):
    from poa.workflow.check import all_rule_ids

    other_kind = next(r for r in all_rule_ids() if r.startswith("kind.") and "vtr" not in r)
    (letter.parent / ".poa.yaml").write_text(
        f"rules:\n  tone.apologyy: off\n  {other_kind}: off\n", encoding="utf-8")
    after, _ = _json(str(letter))
    notes = [n for n in after["notes"] if "no rule or category" in n]
    assert notes == [f"{letter.parent / '.poa.yaml'}: no rule or category is named 'tone.apologyy' "
                     "(see: docs/rubrics.md)"]


def test_an_empty_or_comment_only_settings_file_changes_nothing(letter):
    before, _ = _json(str(letter))
    (letter.parent / ".poa.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert _json(str(letter))[0] == before


def test_the_settings_files_are_found_from_the_folder_upward_nearest_first(tmp_path, monkeypatch):
    monkeypatch.setenv("POA_CONFIG_DIR", str(tmp_path / "config"))
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    for folder in (tmp_path / "a", deep):
        (folder / ".poa.yaml").write_text("min_level: error\n", encoding="utf-8")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text("", encoding="utf-8")
    found = settings.settings_files(deep)
    assert found[:2] == [deep / ".poa.yaml", tmp_path / "a" / ".poa.yaml"]
    assert found[-1] == tmp_path / "config" / "settings.yaml"


def test_the_config_folder_is_platformdirs_one(monkeypatch, tmp_path):
    from platformdirs import user_config_path

    monkeypatch.delenv("POA_CONFIG_DIR", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert settings.config_dir() == user_config_path("poa", appauthor=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert settings.config_dir() == user_config_path("poa", appauthor=False)
    monkeypatch.setenv("POA_CONFIG_DIR", str(tmp_path / "mine"))
    assert settings.config_dir() == tmp_path / "mine"


def test_levels_prefer_the_exact_rule_then_the_longest_category():
    levels = Levels({"tone.*": ("warning", "a"), "tone.apology": ("off", "b"),
                     "kind.*": ("suggestion", "c"), "kind.vtr.*": ("error", "d")})
    assert levels.level_for("tone.apology") == ("off", "b")
    assert levels.level_for("tone.emotional") == ("warning", "a")
    assert levels.level_for("kind.vtr.carrier") == ("error", "d")
    assert levels.level_for("blame.spam-folder") is None


def test_overrules_on_a_real_report_keep_every_finding_somewhere(letter):
    """Findings kept + dismissed are the findings raised, each once, whatever overrules them."""
    plain = check_file(letter, use_settings=False)
    first = next(f for f in plain.findings if f.text)
    entry = _Entry(rule=first.rule, section=first.section, item=first.item, field=first.field,
                   text=first.text, reason="mine")
    overrules = Overrules([entry], ["tone.*"], Levels({"vague.*": ("off", "s")},
                                                      ("warning", "s")))
    kept, dismissed, stale = overrules.apply(plain.findings)
    assert stale == []
    assert sorted(kept + [d.finding for d in dismissed], key=Finding.sort_key) == \
        sorted(plain.findings, key=Finding.sort_key)
    assert next(d for d in dismissed if d.finding == first).reason == "mine"  # the seller's first
    assert all(f.severity != "suggestion" and not f.rule.startswith(("tone.", "vague."))
               for f in kept)


def test_checking_a_letter_with_ignore_and_no_settings_loads_neither_pydantic_nor_yaml(letter):
    import subprocess
    import sys

    code = ("import sys, io, contextlib\n"
            "from poa.cli import main\n"
            "for _ in range(2):\n"
            "    with contextlib.redirect_stdout(io.StringIO()):\n"
            f"        main(['check', {str(letter)!r}, '--ignore', 'tone.*', '--format', 'json'])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml',\n"
            "             'platformdirs', 'difflib')))\n")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().splitlines()[-1] == "[]", (first.stdout, again.stdout)


def test_render_says_not_ready_only_for_what_poa_check_counts(appeal):
    before, _ = _json(str(appeal))
    errors = [f for f in before["findings"] if f["severity"] == "error"]
    assert errors
    assert "not ready yet" in run_poa("render", str(appeal)).stderr
    _with_dismissed(appeal, "".join(_entry_yaml(f, "checked by hand") for f in errors))
    assert _json(str(appeal))[1] == 0
    assert "not ready" not in run_poa("render", str(appeal)).stderr
