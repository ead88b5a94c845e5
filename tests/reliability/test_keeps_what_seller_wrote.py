"""Files keep what the seller wrote: every save poa makes keeps comments, key order and blocks.

`poa new` writes the reviewers' questions as comments; a seller adds notes of
their own. `poa submitted`, `poa reply` and the drafting screen's save change
the values they must and leave the rest of the text as it was.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import EXAMPLES
from reliability_helpers import run_main

from poa.answers.file import KEEP_BACKUPS, backup_names, load_answers, save_answers
from poa.answers.model import SCHEMA_VERSION, Answers, RootCause
from poa.files.journal import Journal
from poa.tui.session import DraftSession


def _comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line and "'#" not in line]


def _filled_skeleton(tmp_path: Path, capsys) -> Path:  # noqa: ANN001
    path = tmp_path / "a.yaml"
    assert run_main(capsys, "new", "--kind", "valid_tracking_rate", "-o", str(path)).returncode == 0
    text = path.read_text(encoding="utf-8")
    text = text.replace("  seller: ''   ", "  seller: Toy Corner", 1)
    text = text.replace("kind: valid_tracking_rate\n", "kind: valid_tracking_rate\n# my note: call the carrier on Monday\n", 1)
    text = text.replace("  - what: ''", "  - what: |\n      Tracking numbers came by e-mail\n      and were typed in late.\n    # (kept the supplier's e-mails)\n    notused: x", 1)
    text = text.replace("\n    notused: x", "", 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_submitted_and_reply_keep_every_comment_the_order_and_the_blocks(tmp_path, capsys):
    path = _filled_skeleton(tmp_path, capsys)
    before = path.read_text(encoding="utf-8")
    assert len(_comments(before)) >= 48
    assert run_main(capsys, "submitted", str(path), "--date", "2026-11-20").returncode == 0
    reply = tmp_path / "reply.txt"
    reply.write_text("Please give greater detail on the root cause.\n", encoding="utf-8")
    assert run_main(capsys, "reply", str(path), str(reply)).returncode == 0
    after = path.read_text(encoding="utf-8")
    for comment in _comments(before):
        assert comment in after, comment
    # what was in the file before is still there, line for line, in the same order
    kept = [line for line in after.splitlines() if line in before.splitlines()]
    assert len(kept) >= len(before.splitlines()) - 2  # only amazon_reply's line changed
    assert "  - what: |\n      Tracking numbers came by e-mail\n      and were typed in late.\n" in after
    assert "  buy_shipping:            # true if" in after  # empty keys stay, no 'shipping: {}'
    assert "{}" not in after
    answers = load_answers(path).answers
    assert answers.history[0].reply.startswith("Please give greater detail")
    assert answers.context.seller == "Toy Corner"


def test_the_screens_save_keeps_the_comments_too(tmp_path, capsys):
    path = _filled_skeleton(tmp_path, capsys)
    before = path.read_text(encoding="utf-8")
    session = DraftSession.open(path, Journal(tmp_path / "journal"), dt.datetime.now)
    session.answers.root_cause[0].why = "Nobody checked the upload."
    session.answers.context.category = "Toys & Games"
    session.changed()
    session.save()
    session.answers.corrective_actions[0].what = "Uploaded all 27 tracking numbers."
    session.changed()
    session.save()
    after = path.read_text(encoding="utf-8")
    for comment in _comments(before):
        assert comment in after, comment
    assert "    why: Nobody checked the upload." in after
    assert load_answers(path).answers.corrective_actions[0].what == "Uploaded all 27 tracking numbers."


def test_a_hand_written_layout_is_kept(tmp_path):
    path = tmp_path / "hand.yaml"
    text = (f"# my own file\nschema_version: {SCHEMA_VERSION}\nkind: valid_tracking_rate   # the kind\nroot_cause:\n- what: \"quoted: text\"\n"
            "  why: >\n    folded\n    text\npreventive_measures:\n- what: daily check\n  frequency: 16:00\n")
    path.write_text(text, encoding="utf-8")
    loaded = load_answers(path)
    from poa.answers.file import document_of

    document = document_of(loaded)
    loaded.answers.preventive_measures[0].owner = "me"
    save_answers(loaded.answers, path, loaded.fingerprint, document)
    after = path.read_text(encoding="utf-8")
    assert after.startswith(f"# my own file\nschema_version: {SCHEMA_VERSION}\nkind: valid_tracking_rate   # the kind\nroot_cause:\n"
                            "- what: \"quoted: text\"\n  why: >\n    folded\n    text\n")
    assert "  frequency: 16:00\n  owner: me\n" in after


def test_earlier_versions_are_kept_and_bounded(tmp_path):
    path = tmp_path / "appeal.yaml"
    for number in range(KEEP_BACKUPS + 3):
        save_answers(Answers(kind="valid_tracking_rate", root_cause=[RootCause(what=f"version {number}")]), path)
    names = backup_names(path)
    assert len(names) == KEEP_BACKUPS and all(name.exists() for name in names)
    found = [load_answers(name).answers.root_cause[0].what for name in names]
    last = KEEP_BACKUPS + 2
    assert found == [f"version {last - n}" for n in range(1, KEEP_BACKUPS + 1)]
    assert not path.with_name(f"appeal.yaml.bak.{KEEP_BACKUPS + 1}").exists()


def test_the_example_saves_to_exactly_its_own_text(tmp_path):
    path = tmp_path / "example.yaml"
    path.write_text((EXAMPLES / "valid-tracking-rate.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load_answers(path)
    from poa.answers.file import document_of, to_yaml

    assert to_yaml(loaded.answers, path.name, document_of(loaded)) == loaded.yaml.text
