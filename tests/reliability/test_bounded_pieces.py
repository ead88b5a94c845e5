"""Long texts reach the rules in bounded pieces, cut between sentences, with findings placed in the whole text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from poa.answers.file import parse_answers
from poa.letters.draft import draft_of
from poa.letters.pieces import MAX_PIECE, cut
from poa.rubric.compiled import load_rubric
from poa.workflow.check import check_draft


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!?\n"), max_size=5000), st.integers(min_value=2, max_value=300))
def test_pieces_rebuild_the_text_and_respect_the_limit(text, limit):
    pieces = cut(text, limit)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= limit for _, piece in pieces)
    assert [offset for offset, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]


def test_a_cut_falls_between_sentences():
    sentence = "The e-mails with tracking numbers went to the spam folder on busy days. "
    pieces = cut(sentence * 40)
    assert len(pieces) > 1
    assert all(piece.endswith(".") for _, piece in pieces[:-1])


def test_every_finding_in_a_long_answer_is_found_and_placed_in_the_whole_answer():
    sentence = "For no apparent reason the e-mails went to the spam folder again. "
    copies = 3 * MAX_PIECE // len(sentence)
    text = "kind: valid_tracking_rate\nroot_cause:\n  - what: |\n      " + sentence * copies + "\n"
    loaded = parse_answers(text, Path("long.yaml"))
    report = check_draft(draft_of(loaded), load_rubric("valid_tracking_rate"), "long.yaml")
    found = [f for f in report.findings if f.rule == "vague.unknown-cause"]
    assert len(found) == copies
    answer = loaded.answers.root_cause[0].what
    for number, finding in enumerate(found):
        assert finding.start == number * len(sentence)
        assert answer[finding.start:finding.end] == finding.text == "For no apparent reason"
        assert (finding.line, finding.column) == (4, 7 + finding.start)
