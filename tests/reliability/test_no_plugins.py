"""A pydantic plugin installed beside poa never sees a seller's answers.

pydantic finds plugins through the entry points of every installed package
and hands each one the data it validates; observability plugins send it
over the network. poa turns them all off (poa/__init__.py). The fake plugin
here is installed for a child process only; the control shows that pydantic
would have run it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from conftest import EXAMPLES

PLUGIN = '''
import os


class _Handlers:
    def on_enter(self, input, **kwargs):  # noqa: A002 - pydantic's name
        with open(os.environ["SEEN_FILE"], "a", encoding="utf-8") as out:
            out.write(repr(input)[:200] + "\\n")


class Plugin:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, config,
                             plugin_settings):
        return _Handlers(), _Handlers(), _Handlers()


plugin = Plugin()
'''


def _install_fake_plugin(folder):  # noqa: ANN001, ANN202
    (folder / "spy_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = folder / "spy_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n", encoding="utf-8")


def _run(code: str, folder, seen) -> None:  # noqa: ANN001
    env = dict(os.environ, SEEN_FILE=str(seen),
               PYTHONPATH=os.pathsep.join([str(folder), *sys.path]))
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_a_pydantic_plugin_would_see_validated_data_without_poa(tmp_path):
    """The control: the fake plugin works, so the next test can fail."""
    _install_fake_plugin(tmp_path)
    seen = tmp_path / "seen.txt"
    _run("""
        from pydantic import BaseModel

        class Answer(BaseModel):
            what: str

        Answer.model_validate({"what": "my supplier's e-mails went to spam"})
    """, tmp_path, seen)
    assert "spam" in seen.read_text(encoding="utf-8")


def test_no_pydantic_plugin_sees_the_answers_poa_loads(tmp_path):
    _install_fake_plugin(tmp_path)
    seen = tmp_path / "seen.txt"
    _run(f"""
        from pathlib import Path
        from poa.answers.file import load_answers

        answers = load_answers(Path({str(EXAMPLES / 'valid-tracking-rate.yaml')!r})).answers
        assert answers.root_cause
    """, tmp_path, seen)
    assert not seen.exists()
