"""The command-line path must not import Textual: it would slow every `poa check`."""

from __future__ import annotations

import subprocess
import sys

from conftest import EXAMPLES, FIXTURES


def test_check_and_render_do_not_import_textual():
    code = (
        "import sys\n"
        "from poa.cli import main\n"
        f"main(['check', {str(FIXTURES / 'weak-vtr-letter.txt')!r}, '--format', 'json'])\n"
        f"main(['render', {str(EXAMPLES / 'valid-tracking-rate.yaml')!r}, '--format', 'txt'])\n"
        f"main(['new', '--kind', 'valid_tracking_rate'])\n"
        "main(['kinds'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('LOADED', loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "LOADED []"
