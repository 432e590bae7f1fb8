"""Session-wide test configuration: say which ``wsgi_cors`` is under test.

``WSGI_CORS_TEST_INSTALLED``
    when set to a non-empty value other than ``0``, the run fails at once if
    ``wsgi_cors`` is imported from this checkout's ``src/`` rather than from an installed
    distribution (``.ci/run`` sets it: it tests the wheel it built).
"""

from __future__ import annotations

import os
import pathlib

import pytest

import hypothesis_budget
import wsgi_cors

INSTALLED_ENV = "WSGI_CORS_TEST_INSTALLED"
SRC = pathlib.Path(__file__).resolve().parent.parent / "src"


def _package_dir() -> pathlib.Path:
    return pathlib.Path(wsgi_cors.__file__).resolve().parent


def pytest_report_header(config: pytest.Config) -> str:
    return f"wsgi_cors {wsgi_cors.__version__} from {_package_dir()}"


def pytest_configure(config: pytest.Config) -> None:
    # Every suite selected (-m ""): each Hypothesis test tries its whole count of
    # examples; the quick suite's default selection tries fewer (hypothesis_budget).
    hypothesis_budget.FULL = config.getoption("markexpr") == ""
    if os.environ.get(INSTALLED_ENV, "") in ("", "0"):
        return
    if _package_dir().is_relative_to(SRC):
        raise pytest.UsageError(
            f"{INSTALLED_ENV} is set, but wsgi_cors was imported from the checkout "
            f"({wsgi_cors.__file__}), not from the installed wheel"
        )
