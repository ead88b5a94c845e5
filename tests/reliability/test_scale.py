"""A 1 MB letter and an answers file with 1,000 items are checked and rendered without error.

No timing is asserted (bench/scale.py reports it); a generous hang guard
only turns a hang into a failure.
"""

from __future__ import annotations

from reliability_helpers import hang_guard
from scale_inputs import MEGABYTE, big_letter, many_items

from poa.answers.file import load_answers, save_answers
from poa.files.textfile import read_text
from poa.letters.draft import draft_of
from poa.letters.letter_import import import_letter
from poa.render.letter import render_markdown
from poa.render.plaintext import markdown_to_text
from poa.rubric.compiled import Rubric, kind_files, load_rubric
from poa.workflow.check import check_draft, check_file


def test_a_1_mb_letter_is_checked_by_every_bundled_rubric(tmp_path):
    """The whole path for the kind the letter reveals; then the rules of every other kind on it too."""
    path = tmp_path / "letter.txt"
    path.write_text(big_letter(), encoding="utf-8")
    assert path.stat().st_size >= MEGABYTE
    with hang_guard(600):
        report = check_file(path)
        assert report.kind == "valid_tracking_rate" and not report.ready
        assert {"vague.unknown-cause", "blame.spam-folder"} <= {f.rule for f in report.findings}
        draft = import_letter(read_text(path))
        for kind in kind_files():
            if kind != report.kind:
                rubric = load_rubric(kind)
                others = Rubric(rubric.kind, rubric.common, tuple(rubric.kind.rules))
                assert check_draft(draft, others, str(path)).kind == kind


def test_an_answers_file_with_1000_items_is_checked_and_rendered(tmp_path):
    path = tmp_path / "appeal.yaml"
    save_answers(many_items(), path)
    with hang_guard(300):
        loaded = load_answers(path)
        assert sum(len(loaded.answers.items(s)) for s in ("root_cause", "corrective_actions",
                                                         "preventive_measures")) == 1_000
        rubric = load_rubric(loaded.answers.kind)
        report = check_draft(draft_of(loaded), rubric, str(path))
        assert report.findings is not None
        text = markdown_to_text(render_markdown(loaded.answers, rubric.kind))
    assert text.count("Manage Orders") == 333 and text.count("How often: every working day at 16:00") == 334
