"""The example answers a rubric file gives per field (`placeholders:`): what the key may hold."""

from __future__ import annotations

import shutil

import pytest
from conftest import EXAMPLES

from poa.answers.sections import TEXT_FIELDS
from poa.files.paths import rubrics_dir
from poa.rubric.loader import Placeholders


def test_the_placeholders_key_has_every_text_field_of_every_section():
    fields = {section: tuple(model.model_fields) for section, model in
              ((name, Placeholders.model_fields[name].annotation) for name in Placeholders.model_fields)}
    assert fields == TEXT_FIELDS


# --- a rubric file with a bad placeholders key: one located line, exit 2 --------------------


def _rubrics_with(tmp_path, old: str, new: str):  # noqa: ANN202
    folder = tmp_path / "rubrics"
    shutil.copytree(rubrics_dir(), folder)
    vtr = folder / "valid_tracking_rate.yaml"
    text = vtr.read_text(encoding="utf-8")
    assert old in text
    vtr.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, vtr


@pytest.mark.parametrize("old,new,says", [
    ("    owner: me, the owner\n", "    owner: [me, the owner]\n", "placeholders.preventive_measures.owner: expected text"),
    ("    owner: me, the owner\n", "    owners: me, the owner\n", "unknown key 'owners'; did you mean 'owner'?"),
    ("    owner: me, the owner\n", "    owner: e.g. me, the owner\n", "leave out 'e.g.'"),
    ("    owner: me, the owner\n", "    done_on: 2026-05-06\n", "unknown key 'done_on'"),
    ("    owner: me, the owner\n", f"    owner: {'x' * 130}\n", "expected 1 to 120 characters (got 130)"),
    ("  corrective_actions:\n    what:", "  corrective_action:\n    what:", "unknown key 'corrective_action'"),
])
def test_a_bad_placeholder_is_a_located_error(poa, tmp_path, old, new, says):
    folder, vtr = _rubrics_with(tmp_path, old, new)
    result = poa("check", str(EXAMPLES / "valid-tracking-rate.yaml"), "--rubrics", str(folder))
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    where = f"poa: {vtr}:"
    assert lines[0].startswith(where) and says in lines[0], lines[0]
    line = int(lines[0][len(where):].split(":")[0])
    key = new.split("\n")[0].split(":")[0].strip()
    assert vtr.read_text(encoding="utf-8").split("\n")[line - 1].strip().startswith(key + ":")
