"""User templates render in a sandbox: no way out, no files from elsewhere, no enormous values, no hang."""

from __future__ import annotations

import os

import pytest
from conftest import EXAMPLES
from reliability_helpers import hang_guard, run_main

from poa.answers.file import load_answers
from poa.errors import InputError
from poa.render.letter import render_markdown
from poa.rubric.compiled import load_rubric

EXAMPLE = EXAMPLES / "valid-tracking-rate.yaml"


@pytest.fixture(scope="module")
def example():
    answers = load_answers(EXAMPLE).answers
    return answers, load_rubric(answers.kind).kind


def _refused(folder, example, body: str, template: str = "letter.md.j2") -> str:
    (folder / "letter.md.j2").write_text(body, encoding="utf-8")
    with hang_guard(20), pytest.raises(InputError) as caught:
        render_markdown(*example, folder)
    message = str(caught.value)
    assert "\n" not in message and template in message
    return message


ESCAPES = [
    "{{ self.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ ''.__class__.__base__.__subclasses__() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ namespace.__init__.__globals__['os'] }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('echo pwned').read() }}",
    "{{ answers.__class__ }}",
    "{{ answers.keys.__self__ }}",
    "{{ '{0.__class__.__mro__}'.format('') }}",
    "{{ '{0.__globals__}'.format(lipsum) }}",
    "{{ '%s' % answers.__class__ }}",
    "{{ ''|attr('__class__') }}",
    "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "{% set x = ''.__class__ %}{{ x }}",
    "{{ today.__reduce_ex__(2) }}",
    "{{ range.__globals__ }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../../../etc/passwd' %}",
    "{% extends '/etc/hostname' %}",
]


@pytest.mark.parametrize("body", ESCAPES)
def test_classic_escapes_are_refused(tmp_path, example, body):
    message = _refused(tmp_path, example, body + "\n")
    assert "root:" not in message and "pwned" not in message


BOMBS = [
    ("{{ 'x' * 10**10 }}", "too large"),
    ("{{ [1] * 10**9 }}", "too large"),
    ("{{ 'x'|center(10**10) }}", "center filter"),
    ("{{ 'x'|indent(10**9) }}", "indent filter"),
    ("{{ 'x'.ljust(10**10) }}", "too large"),
    ("{{ 'a'.zfill(10**9) }}", "too large"),
    ("{{ '%999999999s' % 1 }}", "format width"),
    ("{{ '%*s' % (10**9, 1) }}", "'*' width"),
    ("{{ '{:>999999999}'.format(1) }}", "format width"),
    ("{{ '{:>{w}}'.format(1, w=999999999) }}", "not allowed"),
    ("{{ 7 ** 100000000 }}", "power"),
    ("{{ lipsum(10**7) }}", "too large"),
    ("{% for i in range(10**9) %}{% endfor %}", "too large"),
    ("{% for i in range(100000) %}{% for j in range(1000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
     "{% endfor %}{% endfor %}", "more than 10 MB"),
    ("{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", "calls itself"),
    ("{% include 'letter.md.j2' %}", "calls itself"),
    ("{{ 'a' + 1 }}", "TypeError"),
    ("{{ 1 / 0 }}", "ZeroDivisionError"),
    ("{{ 10.0 ** 400 }}", "cannot compute"),
]


@pytest.mark.parametrize("body,words", BOMBS)
def test_templates_cannot_build_enormous_values_or_crash(tmp_path, example, body, words):
    assert words in _refused(tmp_path, example, body + "\n")


def test_a_link_in_the_template_folder_cannot_pull_in_a_file_from_elsewhere(tmp_path, example):
    secret = tmp_path / "id_rsa"
    secret.write_text("-----BEGIN PRIVATE KEY-----\n", encoding="utf-8")
    folder = tmp_path / "client-templates"
    folder.mkdir()
    (folder / "footer.j2").symlink_to(secret)
    message = _refused(folder, example, "Dear team,\n{% include 'footer.j2' %}\n")
    assert "outside the template folder" in message and "PRIVATE KEY" not in message


def test_a_template_that_is_a_pipe_or_not_utf8_is_a_clear_error(tmp_path, example):
    os.mkfifo(tmp_path / "footer.j2")
    assert "footer.j2: is a named pipe" in _refused(tmp_path, example, "{% include 'footer.j2' %}\n", "footer.j2")
    latin = tmp_path / "latin"
    latin.mkdir()
    (latin / "letter.md.j2").write_bytes("Caf\xe9 {{ answers.kind }}\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        render_markdown(*example, latin)
    assert "letter.md.j2:1:4: not valid UTF-8" in str(caught.value)


def test_a_template_inside_its_folder_still_includes_its_parts(tmp_path, example):
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "sign.j2").write_text("Signed, {{ answers.context.seller }}\n", encoding="utf-8")
    (tmp_path / "letter.md.j2").write_text("Hello\n{% include 'parts/sign.j2' %}\n", encoding="utf-8")
    assert render_markdown(*example, tmp_path) == "Hello\nSigned, Brightbox Toys\n"


def test_render_stops_a_template_that_loops_without_end(tmp_path, capsys, monkeypatch):
    (tmp_path / "letter.md.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n", encoding="utf-8")
    monkeypatch.setenv("POA_TEMPLATE_SECONDS", "1")
    result = run_main(capsys, "render", str(EXAMPLE), "--templates", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"poa: {tmp_path}: the template was still rendering after 1 s (a loop without end?); poa stopped it"]


# --- growth: no value can grow past MAX_VALUE, whatever operator builds it ---------------------

def _doubling(step: str) -> str:
    """A macro that doubles `s` with `step` 31 times: 2 GB without a bound (issue 13 built one)."""
    return ("{% macro grow(s, n) %}{% if n %}{{ grow(" + step + ", n - 1) }}{% else %}{{ s|length }}"
            "{% endif %}{% endmacro %}\nDear team,\n{{ grow('xy', 31) }}\n")


GROWTH = [
    ("+", _doubling("s + s"), "this +"),
    ("~", _doubling("s ~ s"), "this ~"),
    ("*", _doubling("s * 2"), "repeating a value"),
    ("* of a list", "Dear team,\n{% set s = 'x' * 900000 %}{{ [s] * 1000 }}\n", "repeating a value"),
    ("replace", _doubling("s.replace('x', 'xx').replace('y', 'yy')"), "this replace"),
    ("replace filter", _doubling("s|replace('x', 'xx')|replace('y', 'yy')"), "this replace"),
    ("join", _doubling("''.join([s, s])"), "this join"),
    ("join filter", _doubling("[s, s]|join"), "the join filter"),
    ("format", _doubling("'{0}{0}'.format(s)"), "this format"),
    ("format filter", _doubling("'%s%s'|format(s, s)"), "this % format"),
    ("%", _doubling("'%s%s' % (s, s)"), "this % format"),
    ("format, one call", "Dear team,\n{{ ('{0}' * 300000).format('x' * 900000)|length }}\n", "this format"),
    ("expandtabs", "Dear team,\n{{ ('\\t' * 100000).expandtabs(100000)|length }}\n", "this expandtabs"),
    ("extend", "Dear team,\n{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) or '' }}{% endfor %}\n",
     "this extend"),
    ("append, then print", "Dear team,\n{% set l = [] %}{% set s = 'x' * 900000 %}"
     "{% for i in range(100000) %}{{ l.append(s) or '' }}{% endfor %}{{ l }}\n", "printing this"),
    ("a captured block", "{% macro grow(n) %}{% if n %}{{ grow(n - 1) }}{{ grow(n - 1) }}{% else %}xxxxxxxx"
     "{% endif %}{% endmacro %}\nDear team,\n{{ grow(30) }}\n", "a block would capture"),
    ("indent", "Dear team,\n{{ ('\\n' * 900000)|indent(100000) }}\n", "the indent filter"),
    ("sum", "Dear team,\n{% set l = ['x' * 900000] * 1 %}{{ ([l] * 1000)|sum(start=[])|length }}\n",
     "too large"),
]


@pytest.mark.parametrize("operator, body, words", GROWTH, ids=[g[0] for g in GROWTH])
def test_no_operator_can_grow_a_value_past_the_bound(tmp_path, example, operator, body, words):
    """Each stops at MAX_VALUE (1 MB) with one line naming the template and the line of the
    expression that would pass it."""
    message = _refused(tmp_path, example, body)
    assert words in message, (operator, message)
    line = 2 if "Dear team,\n{{" in body or "Dear team,\n{%" in body else 3
    if body.startswith("{% macro"):
        line = 1  # the macro's own line builds the value
    assert f"letter.md.j2:{line}:" in message, (operator, message)


def test_the_bound_is_one_line_and_exit_2_from_the_command_line(tmp_path, capsys):
    (tmp_path / "letter.md.j2").write_text(_doubling("s ~ s"), encoding="utf-8")
    result = run_main(capsys, "render", str(EXAMPLE), "--templates", str(tmp_path))
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "letter.md.j2:1:" in result.stderr, result.stderr
    assert "would build a value of more than 1,000,000 characters" in result.stderr


def test_ordinary_growth_still_renders(tmp_path, example):
    (tmp_path / "letter.md.j2").write_text(
        "{% set parts = [] %}{% for i in range(50) %}{{ parts.append('line ' ~ i) or '' }}{% endfor %}"
        "{{ parts|join(', ') }}\n{{ ('ab' * 100).replace('a', 'c')|length }} {{ '{0}-{1}'.format(1, 2) }}"
        " {{ '%s!'|format('hi') }} {{ ('a' + 'b') * 3 }}\n", encoding="utf-8")
    text = render_markdown(*example, tmp_path)
    assert text.startswith("line 0, line 1,") and text.rstrip().endswith("200 1-2 hi! ababab")
