"""`poa import`: a letter someone wrote becomes an answers file that loads, keeps every word, and renders.

The fixtures are letters written for these tests (tests/fixtures/letters/); the forum letter in
../shared is a cross-check that skips when that folder is not beside the repository.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from test_render import DAY, _assert_no_sentence_broken, _golden

from poa.answers.file import load_answers
from poa.cli.main import main as cli_main
from poa.render.letter import render_markdown
from poa.render.plaintext import markdown_to_text
from poa.rubric.compiled import load_rubric

LETTERS = FIXTURES / "letters"
SHARED_LETTER = ROOT.parent / "shared" / "examples" / "forum-letter.txt"
POA_HEADINGS = {"root", "cause", "causes", "corrective", "actions", "action", "taken", "preventive",
                "measures", "what", "happened", "i", "have", "going", "forward"}
"""Words of the section headings poa writes itself: a letter's own 'Root cause:' may go."""


def _words(text: str) -> Counter:
    """Words as a reader counts them: letters (and digits inside them), case ignored; list numbers
    and punctuation are not words."""
    return Counter(w.lower() for w in re.findall(r"[^\W\d_][\w'’-]*", text))


def _strings(value) -> list[str]:  # noqa: ANN001
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _kept(letter: str, answers) -> float:  # noqa: ANN001
    """The share of the letter's words found in the answers' texts (headings poa rewrites aside)."""
    before = _words(letter)
    after = _words("\n".join(_strings(answers.model_dump(mode="json"))))
    total = sum(n for w, n in before.items() if w not in POA_HEADINGS) or 1
    kept = sum(min(n, after[w]) for w, n in before.items() if w not in POA_HEADINGS)
    return kept / total


def _import(poa, letter: Path, out: Path, *extra: str):  # noqa: ANN001
    result = poa("import", str(letter), "-o", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return load_answers(out).answers, result


@pytest.mark.parametrize("name", ["late-shipment-letter.txt", "odr-letter.md"])
def test_an_imported_letter_loads_fills_every_section_and_keeps_its_words(poa, tmp_path, name):
    letter = LETTERS / name
    answers, result = _import(poa, letter, tmp_path / "appeal.yaml")
    assert answers.root_cause and answers.corrective_actions and answers.preventive_measures
    assert _kept(letter.read_text(encoding="utf-8"), answers) >= 0.97
    assert "wrote" in result.stderr and "poa check" in result.stderr


def test_the_facts_the_letter_states_fill_the_context(poa, tmp_path):
    answers, result = _import(poa, LETTERS / "late-shipment-letter.txt", tmp_path / "a.yaml")
    c = answers.context
    assert answers.kind == "late_shipment_rate" and "kind inferred" in result.stderr
    assert (c.marketplace, c.category, c.metric_value, c.notice_date, c.affected_orders) == \
        ("amazon.co.uk", "Garden & Outdoors", 6.1, dt.date(2026, 3, 3), 58)
    assert c.order_ids == ["205-1834527-3310974", "206-7712093-4458120"]
    assert (c.name, c.seller, c.merchant_token) == ("Ellen Marsh", "Marsh Garden Supplies", "A2QX7ZK4P9WB3L")
    assert [carrier.name for carrier in answers.shipping.carriers] == ["Royal Mail"]
    assert [a.done_on for a in answers.corrective_actions] == [dt.date(2026, 3, 4), dt.date(2026, 3, 5), None]
    assert answers.preventive_measures[0].started_on == dt.date(2026, 3, 5)


def test_opening_and_sign_off_are_kept_apart_from_the_items(poa, tmp_path):
    answers, _ = _import(poa, LETTERS / "odr-letter.md", tmp_path / "a.yaml")
    assert answers.context.opening.startswith("Hello,")
    assert answers.context.sign_off.splitlines() == ["Thank you for your time.", "Best regards,", "Omar Haddad"]
    assert not any("regards" in m.what.lower() for m in answers.preventive_measures)
    assert answers.corrective_actions[0].what.startswith("**On 14 January 2027** I refunded")  # as written


def test_a_closing_request_and_a_bare_name_after_the_last_measure_close_the_letter(poa, tmp_path):
    """No "Regards" before the name: the request, the attachment line and the name are still the
    letter's closing, never a root cause put first."""
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Dear Seller Performance,\n\n"
        "Root cause\n\nOn 2 May 2026 I listed 4 kettles with a wrong voltage in the title.\n\n"
        "Corrective actions\n\nOn 3 May 2026 I corrected the 4 titles.\n\n"
        "Preventive measures\n\nEvery Monday I check new titles against the supplier's data sheet.\n\n"
        "Please reinstate my account. I attach the 4 corrected titles.\n\n"
        "Priya Raman\nRaman Home Goods\n", encoding="utf-8")
    answers, _ = _import(poa, letter, tmp_path / "a.yaml")
    assert [c.what for c in answers.root_cause] == [
        "On 2 May 2026 I listed 4 kettles with a wrong voltage in the title."]
    assert answers.context.sign_off.splitlines() == [
        "Please reinstate my account. I attach the 4 corrected titles.", "Priya Raman", "Raman Home Goods"]
    assert (answers.context.name, answers.context.seller) == ("Priya Raman", "Raman Home Goods")


def test_list_numbers_go_and_the_text_stays_as_written(poa, tmp_path):
    answers, _ = _import(poa, LETTERS / "late-shipment-letter.txt", tmp_path / "a.yaml")
    assert answers.corrective_actions[0].what.startswith("On 4 March 2026 I shipped the 11 orders")
    assert answers.preventive_measures[2].what == ("My brother packs orders on Saturdays, so no order "
                                                   "waits over the weekend.")


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_an_imported_letter_renders_like_the_golden_one(poa, tmp_path, fmt):
    answers, _ = _import(poa, LETTERS / "late-shipment-letter.txt", tmp_path / "a.yaml")
    markdown = render_markdown(answers, load_rubric(answers.kind).kind, today=DAY)
    text = markdown if fmt == "md" else markdown_to_text(markdown)
    _golden(f"imported-late-shipment.{fmt}", text)
    if fmt == "txt":
        _assert_no_sentence_broken(text)
        assert "1. On 4 March 2026 I shipped" in text and "4 March 2026: On 4 March" not in text
        assert text.count("Merchant Token: A2QX7ZK4P9WB3L") == 1  # in the sign-off, not twice


def test_import_refuses_to_overwrite_an_answers_file(poa, tmp_path):
    out = tmp_path / "a.yaml"
    out.write_text("kind: valid_tracking_rate\n", encoding="utf-8")
    result = poa("import", str(LETTERS / "odr-letter.md"), "-o", str(out))
    assert result.returncode == 2 and "already exists" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "kind: valid_tracking_rate\n"


@pytest.mark.skipif(not SHARED_LETTER.is_file(), reason="no ../shared/examples/forum-letter.txt beside the repo")
def test_the_forum_letter_imports_into_three_sections_keeping_97_percent_of_its_words(poa, tmp_path):
    answers, _ = _import(poa, SHARED_LETTER, tmp_path / "a.yaml")
    assert answers.root_cause and answers.corrective_actions and answers.preventive_measures
    assert _kept(SHARED_LETTER.read_text(encoding="utf-8"), answers) >= 0.97
    assert "Greater detail on the root causes" in answers.context.amazon_reply


@pytest.mark.parametrize("command", [["submitted"], ["reply", "REPLY"], ["diff"]])
def test_commands_on_an_answers_file_explain_the_import_when_given_a_letter(poa, tmp_path, command):
    letter = tmp_path / "draft.txt"
    letter.write_text((LETTERS / "late-shipment-letter.txt").read_text(encoding="utf-8"), encoding="utf-8")
    args = [command[0], str(letter)] + ([str(letter)] if len(command) > 1 else [])
    if command == ["diff"]:
        args = ["diff", str(letter)]
    result = poa(*args)
    assert result.returncode == 2
    assert f"poa import {letter} -o {tmp_path / 'draft.yaml'}" in result.stderr
    assert "invalid YAML" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_diff_compares_two_letters(poa, tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("Root cause\n\nThe e-mails went to spam.\n", encoding="utf-8")
    new.write_text("Root cause\n\nThe supplier's e-mails went to spam from 20 October.\n", encoding="utf-8")
    result = poa("diff", str(old), str(new))
    assert result.returncode == 0
    assert "-The e-mails went to spam." in result.stdout
    assert "+The supplier's e-mails went to spam from 20 October." in result.stdout


def test_opening_a_letter_imports_it_beside_and_then_reuses_that_file(tmp_path, capsys):
    letter = tmp_path / "draft.txt"
    letter.write_text((LETTERS / "odr-letter.md").read_text(encoding="utf-8"), encoding="utf-8")
    opened: list[Path] = []

    def screen(path):  # noqa: ANN001, ANN202 - the launcher's callable: receives what it is to open
        opened.append(path)
        return 0

    assert cli_main([str(letter)], screen=screen) == 0
    target = tmp_path / "draft.yaml"
    assert opened == [target] and load_answers(target).answers.root_cause
    assert "imported" in capsys.readouterr().err
    target.write_text(target.read_text(encoding="utf-8") + "# my own note\n", encoding="utf-8")
    assert cli_main([str(letter)], screen=screen) == 0
    assert opened == [target, target] and target.read_text(encoding="utf-8").endswith("# my own note\n")
    assert "not imported again" in capsys.readouterr().err


def test_a_letter_of_no_kind_poa_knows_imports_into_a_file_poa_can_open(poa, tmp_path):
    """The importer writes `kind: common` when it cannot tell the kind: check, render and the
    screen's rubric must take that file, with a note saying how to set the kind."""
    letter = tmp_path / "letter.txt"
    letter.write_text("Problem:\nI had to cancel 3 orders because I could not supply them.\n\n"
                      "Solution:\n- On 2 May I removed the products from my store.\n"
                      "- Every morning I compare my stock with my supplier's list in a spreadsheet.\n",
                      encoding="utf-8")
    answers = tmp_path / "letter.yaml"
    assert poa("import", str(letter), "-o", str(answers)).returncode == 0
    assert "kind: common" in answers.read_text(encoding="utf-8")
    checked = poa("check", str(answers))
    assert checked.returncode in (0, 1), checked.stderr
    assert "sets no suspension kind" in checked.stdout
    assert poa("render", str(answers), "--format", "txt").returncode == 0
