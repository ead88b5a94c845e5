"""The rendered letter: golden files for Markdown and plain text, literal answers, user templates, the sandbox.

Set POA_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change (then read the diff).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from poa.answers.file import load_answers
from poa.errors import InputError
from poa.answers.model import Answers, CorrectiveAction, RootCause
from poa.render.plaintext import markdown_to_text
from poa.render.letter import render_markdown
from poa.rubric.compiled import load_rubric
from conftest import EXAMPLES

GOLDEN = Path(__file__).parent / "golden"


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("POA_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def _example():
    answers = load_answers(EXAMPLES / "valid-tracking-rate.yaml").answers
    return answers, load_rubric(answers.kind).kind


def test_markdown_letter_matches_golden():
    answers, kind = _example()
    _golden("valid-tracking-rate.md", render_markdown(answers, kind))


def test_plain_text_letter_matches_golden():
    answers, kind = _example()
    _golden("valid-tracking-rate.txt", markdown_to_text(render_markdown(answers, kind)))


def test_plain_text_has_no_markdown_left_and_is_wrapped():
    answers, kind = _example()
    text = markdown_to_text(render_markdown(answers, kind), width=60)
    assert "#" not in text and "**" not in text
    assert "Section 1: Root cause" in text and "Section 3: Preventive measures" in text
    assert all(len(line) <= 60 for line in text.splitlines() if " " in line.strip())
    assert "\n1. Between 20 October" in text and "\n   - How often: every working day at 16:00" in text


def test_every_section_renders_in_order():
    answers, kind = _example()
    markdown = render_markdown(answers, kind)
    positions = [markdown.index(h) for h in ("## Section 1: Root cause",
                                              "## Section 2: Corrective actions already taken",
                                              "## Section 3: Preventive measures",
                                              "## Supporting documents")]
    assert positions == sorted(positions)
    assert "91.2% against a target of at least 95%" in markdown


def test_template_syntax_in_an_answer_is_printed_literally():
    answers = Answers(kind="valid_tracking_rate",
                      root_cause=[RootCause(what="{{ 7*7 }} and {% if true %}x{% endif %}")],
                      corrective_actions=[CorrectiveAction(what="{{ ''.__class__ }}")])
    markdown = render_markdown(answers, load_rubric("valid_tracking_rate").kind)
    assert "{{ 7*7 }} and {% if true %}x{% endif %}" in markdown
    assert "{{ ''.__class__ }}" in markdown and "49" not in markdown


def test_user_templates_override_by_name(tmp_path):
    (tmp_path / "letter.md.j2").write_text(
        "Custom letter for {{ answers.context.seller }}: {{ answers.root_cause | length }} cause(s)\n",
        encoding="utf-8")
    answers, kind = _example()
    assert render_markdown(answers, kind, tmp_path) == "Custom letter for Brightbox Toys: 1 cause(s)\n"


@pytest.mark.parametrize("body", [
    "{{ answers.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__['os'].popen('echo pwned').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
])
def test_user_templates_cannot_escape_the_sandbox(tmp_path, body):
    (tmp_path / "letter.md.j2").write_text(body + "\n", encoding="utf-8")
    answers, kind = _example()
    with pytest.raises(InputError) as caught:
        render_markdown(answers, kind, tmp_path)
    assert "letter.md.j2" in str(caught.value)


def test_a_template_typo_is_a_clear_error(tmp_path):
    (tmp_path / "letter.md.j2").write_text("{{ answers.contxt.seller }}\n", encoding="utf-8")
    answers, kind = _example()
    with pytest.raises(InputError) as caught:
        render_markdown(answers, kind, tmp_path)
    assert "contxt" in str(caught.value)


def test_plain_text_from_markdown_lists_and_headings():
    text = markdown_to_text("# Title\n\nSome *emphasis* and **bold**.\n\n1. one\n2. two\n\n- a\n- b\n", 0)
    assert text == "Title\n\nSome emphasis and bold.\n\n1. one\n2. two\n\n- a\n- b\n"
