"""The agreement report (bench/agree.py) runs, and its figures are those of the letters it read.

Nothing here asserts the agreement goals: they measure the rubric, not the report. What is
checked is that the report counts what poa said: the same verdict and counts as a direct
`poa check` of the same text, totals that add up, and the labels read as documented.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "bench"))

import agree_corpus  # noqa: E402
from agree_figures import figures, found, lintscore  # noqa: E402

CORPUS = FIXTURES / "agree"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
WEAK_VTR = "weak/01-vtr-garden-tools-courier-blamed.yaml"


def agree(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "bench" / "agree.py"), "--quick", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def report() -> dict:
    result = agree("--corpus", str(CORPUS), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_each_form_counts_every_fixture_letter(report):
    (corpus,) = report["corpora"]
    assert set(corpus["forms"]) == {"as written", "sections"}
    for form in corpus["forms"].values():
        assert form["letters"] == {"strong": 1, "weak": 2, "unreadable": []}
        names = sorted(row["letter"] for row in form["per_letter"])
        assert names == sorted(f"{p.parent.name}/{p.name}" for p in CORPUS.glob("*/*.yaml"))


def test_the_figures_add_up_to_the_letters(report):
    visible = sum(1 for path in CORPUS.glob("*/*.yaml")
                  for point in yaml.safe_load(path.read_text(encoding="utf-8"))["expected"]
                  if point["visible"])
    assert visible == 4  # the invisible point of the weak VTR letter is not counted
    for form in report["corpora"][0]["forms"].values():
        rows = form["per_letter"]
        strong = [r for r in rows if r["group"] == "strong"]
        weak = [r for r in rows if r["group"] == "weak"]
        assert form["strong_ready"]["count"] == sum(r["ready"] for r in strong)
        assert form["weak_not_ready"]["count"] == sum(not r["ready"] for r in weak)
        assert form["points"] == {"found": sum(r["points_found"] for r in rows), "of": visible,
                                  "share": form["points"]["share"]}
        assert form["points"]["found"] + len(form["disagreements"]["points_missed"]) == visible
        assert form["strong_mean"]["findings"] == sum(r["findings"] for r in strong) / len(strong)
        assert sum(r["strong_findings"] + r["weak_findings"] for r in form["rules"]) == \
            sum(r["findings"] for r in rows)
        assert [d["letter"] for d in form["disagreements"]["strong_not_ready"]] == \
            [r["letter"] for r in strong if not r["ready"]]
        ranks = [r["strong_letters"] for r in form["rules"]]
        assert ranks == sorted(ranks, reverse=True)


def test_a_letter_counts_as_poa_judges_it_checked_alone(report, tmp_path, poa):
    """The weak VTR letter, checked with its kind as a one-file `poa check`, gets the verdict
    and counts the report gives it: the grouping by kind loses or mixes nothing."""
    letter = agree_corpus.read_letter(CORPUS / WEAK_VTR, "weak")
    for form, make in agree_corpus.FORMS.items():
        path = tmp_path / f"{form.replace(' ', '-')}.txt"
        path.write_text(make(letter) + "\n", encoding="utf-8")
        alone = json.loads(poa("check", str(path), "--format", "json", "--kind", letter.kind).stdout)
        (row,) = [r for r in report["corpora"][0]["forms"][form]["per_letter"] if r["letter"] == WEAK_VTR]
        assert not alone["ready"] and not row["ready"]  # poa flags it, and it counts as not ready
        assert row["counts"] == alone["counts"]
        assert row["checked_kind"] == "valid_tracking_rate"


def test_the_text_report_prints_the_goals_and_the_disagreements():
    result = agree("--corpus", str(CORPUS))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "quick mode" in out and "(1 strong, 2 weak letters)" in out
    for line in ("strong letters judged ready", "mean errors per strong letter",
                 "mean findings per strong letter", "weak letters judged not ready",
                 "labelled points found", "rules by strong letters they fire on",
                 "strong letters judged not ready:", "labelled points not found:"):
        assert line in out, line
    assert re.search(r"^weak letters judged not ready +100% +2/2 = 100%  met +2/2 = 100%  met$", out, re.M)
    assert "proselint:" in out  # its rows, or the note that it is absent


def test_an_absent_corpus_is_noted_and_skipped(tmp_path):
    result = agree("--corpus", str(tmp_path / "nowhere"), "--corpus", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    absent, empty = json.loads(result.stdout)["corpora"]
    assert absent["forms"] == {} and "folder absent: skipped" in absent["notes"]
    assert empty["forms"] == {} and "no letters: skipped" in empty["notes"]


def test_a_point_matches_only_the_same_category_in_the_same_section():
    point = agree_corpus.Point("vague", "root_cause")
    assert found(point, [{"category": "vague", "section": "root_cause"}])
    assert not found(point, [{"category": "vague", "section": "letter"}])
    assert not found(point, [{"category": "blame", "section": "root_cause"}])
    assert found(agree_corpus.Point("vague", "letter"), [{"category": "vague", "section": "letter"}])
    # a point about the whole letter (its tone) is borne out by the words flagged in any section
    assert found(agree_corpus.Point("tone", "letter"), [{"category": "tone", "section": "root_cause"}])
    assert not found(agree_corpus.Point("tone", "letter"), [{"category": "blame", "section": "root_cause"}])


def test_the_forms_strip_the_end_mark_and_leave_out_missing_sections():
    letter = agree_corpus.read_letter(CORPUS / "weak" / "02-other-garden-tools-sections-only.yaml", "weak")
    assert "[stored text ends here]" not in letter.sections["corrective_actions"]
    written = agree_corpus.as_written(letter)
    assert written.startswith(letter.sections["root_cause"])  # no full_text: the fields joined
    headed = agree_corpus.under_headings(letter)
    assert headed.startswith("Root cause\n\n") and "\n\nCorrective actions\n\n" in headed
    assert "Preventive measures" not in headed  # empty: not in the stored copy


def test_figures_and_lintscore_arithmetic():
    strong = agree_corpus.Letter("strong", "strong/a.yaml", "other", "x", {}, ())
    weak = agree_corpus.Letter("weak", "weak/b.yaml", "other", "y", {},
                               (agree_corpus.Point("tense", "corrective_actions"),))
    results = {"strong/a.yaml": {"ready": True, "findings": [
                   {"rule": "r.one", "severity": "warning", "category": "tone", "section": "letter"}]},
               "weak/b.yaml": {"ready": True, "findings": []}}
    out = figures([strong, weak], results, {"strong/a.yaml": 0, "weak/b.yaml": 2})
    assert out["strong_ready"]["share"] == 1.0 and out["strong_mean"]["warning"] == 1.0
    assert out["weak_not_ready"]["count"] == 0
    assert out["disagreements"]["weak_ready"][0]["letter"] == "weak/b.yaml"
    assert out["points"] == {"found": 0, "of": 1, "share": 0.0}
    assert [g["met"] for g in out["goals"]] == [True, True, True, False, False]
    assert out["proselint"]["strong_clean"] == 1.0 and out["proselint"]["lintscore"] == 2.0
    assert lintscore(90, 10) == pytest.approx(72.9) and lintscore(0, 0) == 0.0


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="no ../shared/corpus beside the repo")
def test_the_shared_corpus_is_read_in_quick_mode():
    result = agree("--corpus", "shared", "--format", "json")
    assert result.returncode == 0, result.stderr
    (corpus,) = json.loads(result.stdout)["corpora"]
    assert corpus["name"] == "shared" and corpus["path"] == "../shared/corpus"
    form = corpus["forms"]["as written"]
    assert form["letters"]["strong"] == min(3, len(list((SHARED_CORPUS / "good").glob("*.yaml"))))
    assert form["letters"]["weak"] == min(3, len(list((SHARED_CORPUS / "weak").glob("*.yaml"))))
