"""The layers of poa hold: import contracts (import-linter), no import cycle, a tree that shows them.

The contracts live in pyproject.toml ([tool.importlinter]); function-level and
TYPE_CHECKING imports count as dependencies, as they do for a reader.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parent.parent / "poa"


def test_the_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is a test dependency (pip install -e '.[test]')"
    run = subprocess.run([lint, "--no-cache"], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout and "3 kept" in run.stdout, run.stdout


def test_no_module_of_poa_is_in_an_import_cycle():
    graph = grimp.build_graph("poa", cache_dir=None)
    cycles = []
    for importer in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(importer):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                cycles.append(" -> ".join((importer, *back)))
    assert cycles == []


def test_a_cycle_would_be_found(tmp_path, monkeypatch):
    """Control for the test above: a two-module cycle in a scratch package is reported."""
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "__init__.py").write_text("")
    (tmp_path / "loop" / "a.py").write_text("def f():\n    from loop import b\n")
    (tmp_path / "loop" / "b.py").write_text("from loop import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("loop", cache_dir=None)
    assert graph.find_shortest_chain(importer="loop.b", imported="loop.a")
    assert graph.find_shortest_chain(importer="loop.a", imported="loop.b")


def test_the_top_of_the_package_reads_like_the_layers():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert len(loose) <= 4, loose
    packages = sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert len(packages) >= 4
    for package in packages:
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert doc, f"{package.name}/__init__.py opens with no docstring"
        assert "import" in doc, f"{package.name}/__init__.py does not say what it may import"
