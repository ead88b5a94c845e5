"""The real forum case, when the team's shared folder sits beside the repository (it does in CI).

The repository's own fixtures cover the same ground, so a clone without
../shared loses nothing but this cross-check against the real texts.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "examples").is_dir(), reason="no ../shared beside the repo")


@needs_shared
def test_the_forum_letter_is_not_ready_for_the_reasons_reviewers_give(poa):
    result = poa("check", str(SHARED / "examples" / "forum-letter.txt"), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1 and not report["ready"]
    assert report["kind"] == "valid_tracking_rate"
    categories = {f["category"] for f in report["findings"]}
    assert {"vague", "blame", "kind", "process", "specifics"} <= categories
    rules = {f["rule"] for f in report["findings"]}
    assert {"kind.vtr-carrier", "kind.vtr-integrated"} <= rules


@needs_shared
def test_amazons_reply_from_the_forum_maps_to_all_three_sections():
    from poa.letters.reply import read_reply
    from poa.rubric.compiled import load_rubric

    reply = (SHARED / "examples" / "amazon-reply.txt").read_text(encoding="utf-8")
    asked = read_reply(reply, load_rubric(None).reply_asks).asked
    assert {"root_cause", "corrective_actions", "preventive_measures"} <= set(asked)
