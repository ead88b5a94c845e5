"""The wheel carries the rubrics and templates, and poa works from it outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_wheel_ships_rubrics_and_templates_and_runs_from_elsewhere(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(dist), str(ROOT)], capture_output=True, text=True, timeout=180)
    assert build.returncode == 0, build.stderr
    [wheel] = list(dist.glob("poa-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "poa/rubrics/common.yaml" in names and "poa/rubrics/valid_tracking_rate.yaml" in names
    assert "poa/templates/letter.md.j2" in names
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                              str(target), str(wheel)], capture_output=True, text=True, timeout=180)
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "letter.txt").write_text("Root cause\nThe tracking e-mails went to spam.\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(target))
    code = "import poa.files.paths, sys; print(poa.files.paths.rubrics_dir()); from poa.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run([sys.executable, "-c", code, "check", "letter.txt", "--kind",
                             "valid_tracking_rate"], cwd=elsewhere, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == str(target / "poa" / "rubrics")
    assert "blame.spam-folder" in result.stdout
