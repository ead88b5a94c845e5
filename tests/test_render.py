"""The rendered letter: golden files for Markdown and plain text, literal answers, user templates, the sandbox.

Set POA_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change (then read the diff).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_poa

from poa.answers.file import load_answers
from poa.answers.model import Answers, CorrectiveAction, RootCause
from poa.errors import InputError
from poa.render.letter import render_markdown
from poa.render.plaintext import markdown_to_text
from poa.rubric.compiled import load_rubric

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures"
DAY = dt.date(2026, 11, 24)
"""The date the golden letters are signed (a letter is dated the day it is rendered)."""


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
    _golden("valid-tracking-rate.md", render_markdown(answers, kind, today=DAY))


def test_plain_text_letter_matches_golden():
    answers, kind = _example()
    _golden("valid-tracking-rate.txt", markdown_to_text(render_markdown(answers, kind, today=DAY)))


def _half_finished():
    answers = load_answers(FIXTURES / "half-finished-vtr.yaml").answers
    return answers, load_rubric(answers.kind).kind


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_half_finished_plan_matches_golden(fmt):
    answers, kind = _half_finished()
    markdown = render_markdown(answers, kind, today=DAY)
    _golden(f"half-finished-vtr.{fmt}", markdown if fmt == "md" else markdown_to_text(markdown))


def test_blank_items_never_render_and_numbering_follows_what_was_written():
    answers, kind = _half_finished()
    text = markdown_to_text(render_markdown(answers, kind, today=DAY))
    assert not re.search(r"^\d+\.\s*$", text, re.M), "an empty numbered line"
    assert not re.search(r"^\d+\. (?:Section|Supporting)", text, re.M), "an empty item merged with a heading"
    actions = text.split("Section 2: Corrective actions already taken")[1].split("Section 3")[0]
    assert re.findall(r"^(\d+)\.", actions, re.M) == ["1", "2"]


def test_a_date_the_text_already_gives_is_not_printed_again():
    answers, kind = _half_finished()
    text = markdown_to_text(render_markdown(answers, kind, today=DAY))
    assert "1. On 21 November 2026 I got the real carrier tracking" in text
    assert "2. 22 November 2026: I asked the supplier" in text  # not in its text: printed once, in front
    for letter in (text, markdown_to_text(render_markdown(*_example(), today=DAY))):
        for date in re.findall(r"\d{1,2} [A-Z][a-z]+ \d{4}", letter):
            assert f"{date}: On {date}" not in letter and f"{date}: {date}" not in letter


def test_the_signature_comes_from_the_context_one_line_each():
    answers, kind = _half_finished()
    text = markdown_to_text(render_markdown(answers, kind, today=DAY))
    assert text.endswith("\n\nPriya Raman\nSunny Gadgets\nMerchant Token: A1B2C3D4E5F6G7\n24 November 2026\n")


def test_details_written_as_sentences_read_as_prose_fragments_keep_their_labels():
    answers, kind = _example()
    text = markdown_to_text(render_markdown(answers, kind, today=DAY))
    assert "\nMy supplier ships these orders" in text and "Why: My supplier" not in text
    assert "- How often: every working day at 16:00" in text  # a fragment keeps its label
    answers.preventive_measures[1].frequency = "I do this every working day at 16:00."
    answers.preventive_measures[1].owner = "I do it myself, as the owner."
    answers.preventive_measures[1].tool = "I use the shared order sheet and the UPS pickup scans."
    text = markdown_to_text(render_markdown(answers, kind, today=DAY))
    assert ("I do this every working day at 16:00. I do it myself, as the owner. I use the shared order "
            "sheet and the UPS pickup scans. In place since 18 November 2026.") in text


def _assert_no_sentence_broken(text: str) -> None:
    """Consecutive non-blank lines are list entries, or the signature's lines: never a sentence cut in two."""
    paragraphs = text.strip("\n").split("\n\n")
    for paragraph in paragraphs[:-1]:  # the last is the signature, one line per line on purpose
        lines = paragraph.split("\n")
        for line in lines[1:]:
            assert re.match(r"(?:- |\d+\. )", line), f"a paragraph broken across lines: {paragraph!r}"


@pytest.mark.parametrize("source", ["example", "half"])
def test_no_sentence_of_the_plain_text_is_broken_across_lines(source):
    answers, kind = _example() if source == "example" else _half_finished()
    text = markdown_to_text(render_markdown(answers, kind, today=DAY))
    _assert_no_sentence_broken(text)
    assert max(len(line) for line in text.splitlines()) > 200  # long paragraphs stay one line


def test_plain_text_has_no_markdown_left_and_wraps_when_asked():
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


def test_form_gives_each_box_with_its_character_count(poa, tmp_path):
    result = poa("render", str(EXAMPLES / "valid-tracking-rate.yaml"), "--format", "form")
    assert result.returncode == 0, result.stderr
    headings = re.findall(r"^(.+) \(([\d,]+) characters\)\n=+$", result.stdout, re.M)
    assert [h for h, _ in headings] == ["Root cause", "Corrective actions already taken",
                                        "Preventive measures", "Additional information"]
    boxes = re.split(r"^.+ \([\d,]+ characters\)\n=+\n\n", result.stdout, flags=re.M)[1:]
    for (title, count), box in zip(headings, boxes):
        assert int(count.replace(",", "")) == len(box.strip("\n")), title
    assert "Between 20 October and 9 November 2026" in boxes[0] and "Buy Shipping history" in boxes[3]
    assert "warning" not in result.stderr


def test_a_box_over_the_limit_is_a_warning(poa):
    result = poa("render", str(EXAMPLES / "valid-tracking-rate.yaml"), "--format", "form", "--box-limit", "1000")
    assert result.returncode == 0
    assert "over the limit of 1,000" in result.stdout
    assert re.search(r"warning: the Root cause box has [\d,]+ characters, over your limit of 1,000", result.stderr)


def test_wrap_gives_wrapped_text_for_an_e_mail(poa):
    result = poa("render", str(EXAMPLES / "valid-tracking-rate.yaml"), "--wrap", "70")
    assert result.returncode == 0 and max(len(line) for line in result.stdout.splitlines()) <= 70


def _rejected_twice(tmp_path: Path) -> Path:
    """The example plan, sent twice and rejected twice, with an action added after each reply."""
    from poa.answers.file import save_answers
    from poa.answers.model import Submission
    from poa.workflow.letter import letter_text

    answers, _kind = _example()
    rubric = load_rubric(answers.kind)
    full = list(answers.corrective_actions)
    answers.corrective_actions = full[:2]
    first = letter_text(answers, rubric, today=dt.date(2026, 11, 16))
    answers.corrective_actions = full[:3]
    second = letter_text(answers, rubric, today=dt.date(2026, 11, 19))
    answers.corrective_actions = full
    ask = ("We reviewed your appeal and cannot reinstate you yet. Please send:\n"
           "- More detail on the actions you have taken to provide valid tracking numbers.\n")
    answers.history = [Submission(date=dt.date(2026, 11, 16), letter=first, reply=ask),
                       Submission(date=dt.date(2026, 11, 19), letter=second,
                                  reply="Your plan does not explain how you will prevent this going forward.")]
    path = tmp_path / "appeal.yaml"
    save_answers(answers, path)
    return path


def test_an_escalation_letter_lists_each_submission_and_ends_with_the_plan(poa, tmp_path):
    path = _rejected_twice(tmp_path)
    result = poa("render", str(path), "--template", "escalation")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("Request for a senior review of my appeal: Valid Tracking Rate")
    assert "Executive Seller Relations" in text and "not accepted" in text
    assert ("1. 16 November 2026: Amazon replied: More detail on the actions you have taken to provide "
            "valid tracking numbers.") in text
    assert "2. 19 November 2026: Amazon replied: Your plan does not explain how you will prevent" in text
    changed = re.findall(r"^Changed since: (.+)$", text, re.M)
    assert len(changed) == 2 and all("Corrective actions: " in line and "added" in line for line in changed)
    letter, plan = text.split("The plan of action\n")
    assert "Section 3: Preventive measures" in plan and "Section 1: Root cause" not in letter
    assert len(letter.split()) < 500  # the letter itself fits on a page; the plan follows
    assert "escalation is for a plan" not in result.stderr


def test_an_escalation_before_two_rejections_says_so(poa):
    result = poa("render", str(EXAMPLES / "valid-tracking-rate.yaml"), "--template", "escalation")
    assert result.returncode == 0 and "rejected at least 2 times; this one has 0" in result.stderr


def test_an_unknown_template_name_lists_the_ones_there_are(poa):
    result = poa("render", str(EXAMPLES / "valid-tracking-rate.yaml"), "--template", "lettre")
    assert result.returncode == 2 and "escalation, form, letter" in result.stderr


def test_submitted_stores_the_letter_exactly_as_exported(poa, tmp_path):
    path = tmp_path / "appeal.yaml"
    path.write_text((EXAMPLES / "valid-tracking-rate.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    exported = tmp_path / "letter.txt"
    assert poa("render", str(path), "-o", str(exported)).returncode == 0
    assert poa("submitted", str(path)).returncode == 0
    stored = load_answers(path).answers.history[-1].letter
    assert stored == exported.read_text(encoding="utf-8")
    exported.write_text(stored.replace("Brightbox Toys\n", "Brightbox Toys Ltd\n"), encoding="utf-8")
    assert poa("submitted", str(path), "--letter", str(exported)).returncode == 0
    assert load_answers(path).answers.history[-1].letter == exported.read_text(encoding="utf-8")


@pytest.fixture
def poa():
    return run_poa
