"""User templates render in a sandbox: no way out, no files from elsewhere, no enormous values, no hang."""

from __future__ import annotations

import os

import pytest

from poa.answers.file import load_answers
from poa.errors import InputError
from poa.render.letter import render_markdown
from poa.rubric.compiled import load_rubric
from conftest import EXAMPLES
from reliability_helpers import hang_guard, run_main

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
