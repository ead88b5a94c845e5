"""A file's words are shown on the terminal as one harmless line: no escape sequences, no line breaks."""

from __future__ import annotations

from poa.cli.report import format_report
from poa.errors import Problem
from poa.workflow.check import check_file

ESC = "\x1b"


def test_a_problem_is_one_line_whatever_the_file_holds():
    problem = Problem("evil\nname.yaml", f"unknown kind 'x{ESC}]0;pwned\x07\nsecond line \u202eevil'", 3, 4)
    text = str(problem)
    assert "\n" not in text and ESC not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b]0;pwned\\x07" in text and "\\u202e" in text and "\\n" in text


def test_right_to_left_text_itself_is_shown_as_typed():
    assert "שלום" in str(Problem("f.yaml", "got 'שלום'"))


def test_a_letter_with_escape_sequences_is_reported_without_them(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(f"Root cause\nThe e-mails went to spam folder.\n\n"
                      f"Corrective actions\n{ESC}[2J{ESC}]0;title\x07 I will fix it soon.\n",
                      encoding="utf-8")
    report = check_file(letter)
    assert any(ESC in f.message for f in report.findings)  # a finding quotes the hostile item
    out = format_report(report, color=False)
    assert ESC not in out and "\x07" not in out
    assert "\\x1b[2J" in out


def test_the_rendered_letter_and_the_diff_carry_no_escape_sequences(tmp_path, capsys):
    """YAML escapes (\\e, \\x07) can put control characters in answers; they never reach the terminal."""
    from reliability_helpers import run_main

    path = tmp_path / "appeal.yaml"
    path.write_text('kind: valid_tracking_rate\nroot_cause:\n  - what: "Labels were late.\\e]0;pwned\\x07 '
                    'Really\\ttabbed."\n', encoding="utf-8")
    letter = run_main(capsys, "render", str(path))
    assert letter.returncode == 0 and ESC not in letter.stdout and "\x07" not in letter.stdout
    assert "Labels were late.]0;pwned Really" in letter.stdout
    path.write_text('kind: valid_tracking_rate\nhistory:\n  - date: 2026-11-19\n'
                    '    letter: "Dear team,\\e[2J\\e]0;pwned\\x07 this was the old letter.\\n"\n', encoding="utf-8")
    diff = run_main(capsys, "diff", str(path))
    assert diff.returncode == 0, diff.stderr
    assert ESC not in diff.stdout and "\x07" not in diff.stdout
    assert "-Dear team,\\x1b[2J\\x1b]0;pwned\\x07 this was the old letter." in diff.stdout
