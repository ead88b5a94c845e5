"""Where poa finds its bundled rubrics and templates.

In the repository (and an editable install) they sit at the top level beside
the package; in a wheel they are copied inside the package. One function per
resource keeps that knowledge in one place.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # poa/, not poa/files/


def _bundled(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"poa is installed without its {name}/ folder")


def rubrics_dir() -> Path:
    """The folder holding common.yaml and one rubric file per suspension kind."""
    return _bundled("rubrics")


def templates_dir() -> Path:
    """The folder holding the built-in Jinja templates of the letter."""
    return _bundled("templates")


def evidence_dir() -> Path:
    """The folder holding the report column names and the integrated carriers (poa evidence)."""
    return rubrics_dir() / "evidence"
