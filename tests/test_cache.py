"""The compiled-rubric cache: same results, never trusted when stale or damaged, and no code in it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import EXAMPLES, FIXTURES, run_poa

from poa.files import cache
from poa.files.paths import rubrics_dir
from poa.rubric import compiled


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache folder, and no rubric kept in this process."""
    monkeypatch.setenv("POA_CACHE_DIR", str(tmp_path / "cache"))
    compiled.compiled_file.cache_clear()
    compiled.load_rubric.cache_clear()
    yield tmp_path / "cache"
    compiled.compiled_file.cache_clear()
    compiled.load_rubric.cache_clear()


def _load(path):  # noqa: ANN001, ANN202
    return cache.unpack(path.read_bytes())


def _store(path, data) -> None:  # noqa: ANN001 - written as poa writes it, with a right checksum
    path.write_bytes(cache.pack(data))


def _reload(kind="valid_tracking_rate"):  # noqa: ANN001
    compiled.compiled_file.cache_clear()
    compiled.load_rubric.cache_clear()
    return compiled.load_rubric(kind)


def _rules(rubric) -> list[dict]:  # noqa: ANN001
    out = []
    for rule in rubric.rules:
        fields = {k: v for k, v in vars(rule).items() if not k.startswith("_") and k != "examples"}
        fields["examples"] = (rule.examples.fail, rule.examples.pass_)
        for name in rule.matchers:
            matcher = getattr(rule, name)
            fields[name] = matcher and (matcher.patterns, matcher.flags, matcher.needles, matcher.anchored)
        out.append(fields)
    return out


def test_a_cached_rubric_is_the_rubric_it_was_compiled_from(fresh):
    first = _reload()
    assert list(fresh.glob("rubric-*.json"))
    second = _reload()
    assert _rules(first) == _rules(second)
    assert second.kind_id == "valid_tracking_rate" and second.professional_help == first.professional_help
    assert second.kind.title and second.common.rubric == "common"  # the validated files, on demand


@pytest.mark.parametrize("kind", [None, *compiled.kind_files()])
def test_what_the_screens_and_the_letter_show_of_a_kind_comes_from_the_cache_unchanged(fresh, kind):
    """kind_info, questions and placeholders (title, summary, metric, guiding questions, example
    answers) are the validated file's, whether the rubric was just compiled or read back from
    the cache."""
    for _ in ("compiled", "read back"):
        rubric = _reload(kind)
        validated = rubric.kind if kind else rubric.common
        info = rubric.kind_info or rubric.common_file
        assert isinstance(info, compiled.CompiledFile)
        assert (info.rubric, info.title, info.summary) == (validated.rubric, validated.title,
                                                             validated.summary)
        assert info.questions == validated.questions
        assert rubric.questions == validated.questions
        assert info.placeholders == validated.placeholders.by_section()
        assert all(rubric.placeholder(section, name) == text
                   for section, fields in info.placeholders.items() for name, text in fields.items())
        if validated.metric is None:
            assert info.metric is None
        else:
            assert info.metric._asdict() == validated.metric.model_dump()
    assert list(fresh.glob("rubric-*.json"))


def test_known_kinds_come_from_the_cache(fresh):
    kinds = compiled.known_kinds()
    assert [k.rubric for k in kinds] == list(compiled.kind_files())
    assert all(isinstance(k, compiled.CompiledFile) and k.title and k.summary for k in kinds)


def test_findings_are_the_same_with_and_without_the_cache(fresh, monkeypatch):
    outputs = []
    for setting in (str(fresh), str(fresh), ""):  # compile and write, read back, no cache at all
        for path in (FIXTURES / "weak-vtr-letter.txt", EXAMPLES / "valid-tracking-rate.yaml"):
            result = run_poa("check", str(path), "--format", "json")
            outputs.append((setting, path.name, result.returncode, result.stdout))
        monkeypatch.setenv("POA_CACHE_DIR", setting)
    assert len({(name, code, out) for _, name, code, out in outputs}) == 2


def test_common_rules_of_every_kind_are_cached_and_read_the_reply_from_the_cache(fresh, tmp_path):
    """common.yaml has reply, chain and repeat rules: their plain twins let it be cached too."""
    from poa.rubric import checks

    first = _reload(None)
    assert {"reply", "chain", "repeat"} <= {rule.kind for rule in first.rules}
    assert list(fresh.glob("rubric-common-*.json"))
    second = _reload(None)
    assert all(isinstance(rule, checks._Plain) for rule in second.rules)
    assert _rules(first) == _rules(second)
    asks = {scope: [p.pattern for p in patterns] for scope, patterns in second.reply_asks.items()}
    assert asks == {scope: [p.pattern for p in patterns] for scope, patterns in first.reply_asks.items()}
    assert {"root_cause", "corrective_actions", "preventive_measures"} <= set(asks)
    reply = tmp_path / "reply.txt"
    reply.write_text("– Greater detail on the root causes of not providing valid tracking numbers.\n",
                     encoding="utf-8")
    outputs = {run_poa("check", str(EXAMPLES / "valid-tracking-rate.yaml"), "--reply", str(reply),
                       "--format", "json", env={"POA_CACHE_DIR": setting}).stdout
               for setting in (str(fresh), "")}
    assert len(outputs) == 1 and '"reply.root-cause"' in outputs.pop()


def test_damaged_or_stale_cache_files_are_ignored(fresh):
    _reload()
    for path in fresh.glob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert _rules(_reload()) and _load(next(fresh.glob("rubric-*.json")))
    target = next(fresh.glob("rubric-valid*.json"))
    data = _load(target)
    data["file"]["rules"][0]["fields"]["message"] = "tampered"
    data["key"]["crc"] += 1  # as if the rubric file had been edited since
    _store(target, data)
    assert all(rule.message != "tampered" for rule in _reload().rules)


def test_a_damaged_rule_in_a_current_cache_file_is_compiled_again_when_the_rules_are_built(fresh):
    """Rules are built from the cache only when used (guessing a letter's kind reads every kind's
    file but needs only its `detect`); a damaged rule found then is compiled from the rubric."""
    expected = _rules(_reload())
    target = next(fresh.glob("rubric-valid*.json"))
    data = _load(target)
    del data["file"]["rules"][0]["matchers"]["_regex"]["patterns"]
    _store(target, data)
    compiled.compiled_file.cache_clear()
    compiled.load_rubric.cache_clear()
    assert compiled.infer_kind("my valid tracking rate fell; tracking ID not uploaded, carrier") is not None
    assert _rules(compiled.load_rubric("valid_tracking_rate")) == expected


def test_an_edited_rubric_is_compiled_again_and_a_broken_one_still_names_file_line_col(tmp_path, fresh):
    folder = tmp_path / "rubrics"
    shutil.copytree(rubrics_dir(), folder)
    env = {"POA_CACHE_DIR": str(fresh)}
    letter = str(FIXTURES / "weak-vtr-letter.txt")
    assert run_poa("check", letter, "--rubrics", str(folder), env=env).returncode == 1
    common = folder / "common.yaml"
    text = common.read_text(encoding="utf-8")
    common.write_text(text.replace("'\\bsomehow\\b'", "'\\bsome(how\\b'", 1), encoding="utf-8")
    result = run_poa("check", letter, "--rubrics", str(folder), env=env)
    assert result.returncode == 2
    assert re.match(r"poa: .*common\.yaml:\d+:\d+: rules\.\d+\.patterns\.\d+: in rule vague\.unknown-cause: "
                    r"invalid regular expression", result.stderr), result.stderr


def test_a_rule_kind_without_a_plain_twin_runs_on_the_validated_models(fresh, monkeypatch):
    from poa.rubric import checks
    from poa.workflow.check import check_file

    letter = FIXTURES / "weak-vtr-letter.txt"
    want = check_file(letter).as_json()
    monkeypatch.delitem(checks.RUNTIME, "count")
    compiled.compiled_file.cache_clear()
    compiled.load_rubric.cache_clear()
    for path in fresh.glob("rubric-*.json"):
        path.unlink()
    assert check_file(letter).as_json() == want
    assert not list(fresh.glob("rubric-common-*.json"))  # that file was not cached


def test_no_cache_folder_means_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("POA_CACHE_DIR", "")
    assert cache.cache_dir() is None
    cache.write_json("x.json", {"a": 1})
    assert cache.read_json("x.json") is None
    monkeypatch.setenv("POA_CACHE_DIR", str(tmp_path / "c"))
    cache.write_json("x.json", {"a": 1})
    assert cache.read_json("x.json") == {"a": 1}
    assert oct((tmp_path / "c" / "x.json").stat().st_mode)[-3:] == "600"


def test_the_cache_holds_data_only(fresh):
    """No pickle, no compiled regular expressions, no compiled templates: every file is checked JSON."""
    from poa.workflow.check import check_file

    check_file(FIXTURES / "weak-vtr-letter.txt")
    run_poa("render", str(EXAMPLES / "valid-tracking-rate.yaml"), env={"POA_CACHE_DIR": str(fresh)})
    names = sorted(p.name for p in fresh.iterdir())
    assert names and all(n.startswith("rubric-") and n.endswith(".json") for n in names), names
    assert all(isinstance(_load(p), dict) for p in fresh.iterdir())


def test_checking_a_letter_loads_neither_pydantic_nor_yaml_nor_dataclasses(fresh):
    """On a warm cache: dataclasses (it imports inspect) alone cost `poa check` ~20 ms."""
    code = ("import sys, io, contextlib\n"
            "from poa.cli import main\n"
            "for _ in range(2):\n"
            "    with contextlib.redirect_stdout(io.StringIO()):\n"
            f"        main(['check', {str(FIXTURES / 'weak-vtr-letter.txt')!r}])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml', 'ruamel', 'filelock', 'typing')\n"
            "             or m in ('poa.rubric.loader', 'poa.rubric.regex_safety', 'dataclasses',\n"
            "                      'inspect', 'shutil')))\n")
    env = {"POA_CACHE_DIR": str(fresh)}
    first = run_poa_code(code, env)  # compiles the rubric (pydantic) and writes the cache
    second = run_poa_code(code, env)
    assert "pydantic" in first and "poa.rubric.regex_safety" in first  # validated when compiled
    assert second.strip().splitlines()[-1] == "[]"  # not on a warm cache


def run_poa_code(code: str, env: dict) -> str:
    import os

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, **env))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_each_rule_kind_has_its_behaviour_in_checks_py_only():
    """The engine runs plain twins of the rules (checks.py): behaviour written in rules.py would be skipped."""
    import typing

    from poa.rubric import checks, rules

    kinds = typing.get_args(typing.get_args(rules.Rule)[0])
    assert kinds
    for model in kinds:
        kind = typing.get_args(model.model_fields["kind"].annotation)[0]
        twin = checks.RUNTIME[kind]
        for name in ("check", "compile", "applies_to", "finding"):
            assert name not in vars(model), f"rules.{model.__name__}.{name}: put it in checks.py"
            assert getattr(model, name) is getattr(twin, name), (model, name)
