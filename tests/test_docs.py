"""The Sphinx docs (which include parts of the README) build without a warning."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Deselected by default; `python -m pytest -m docs` runs it.
pytestmark = pytest.mark.docs


def test_docs_build_cleanly(tmp_path):
    pytest.importorskip("sphinx", reason="sphinx is in the 'test' and 'docs' extras")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-W",
            "-b",
            "html",
            str(ROOT / "docs"),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "index.html").exists()
