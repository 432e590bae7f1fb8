"""The demo page in a real browser: with each policy, the page's cross-origin fetch()
calls are allowed or blocked exactly as the Fetch standard says. The cases' ids come from
their one definition, the package's static/cases.json (``wsgi_cors.demo.CASE_IDS``).
Uses the browser suite's session Chromium (see conftest.py), so it skips, or fails in
CI, the same way."""

from __future__ import annotations

from typing import Any

import pytest

from wsgi_cors.__main__ import make_parser
from wsgi_cors.demo import CASE_IDS, Demo, start_demo

pytestmark = pytest.mark.browser


def browser_outcomes(
    browser: Any, flags: list[str], screenshot: str | None = None
) -> dict[str, str]:
    args = make_parser().parse_args(["demo", "--api-port", "0", "--page-port", "0", *flags])
    demo: Demo = start_demo(args)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(demo.page_url)
        page.wait_for_function("document.body.dataset.done === '1'", timeout=20_000)
        if screenshot:
            page.screenshot(path=screenshot, full_page=True)
        rows = page.eval_on_selector_all(
            "tr[data-case]", "rows => rows.map(r => [r.dataset.case, r.dataset.outcome])"
        )
        assert [case for case, _ in rows] == list(CASE_IDS)  # one row per case, in order
        return dict(rows)
    finally:
        context.close()
        demo.stop()


def test_browser_with_credentials_and_exposed_header(browser) -> None:
    outcomes = browser_outcomes(
        browser, ["--allow-credentials", "--expose-header", "X-Request-Id"], "/tmp/demo.png"
    )
    assert outcomes == {case: "allowed" for case in CASE_IDS} | {"hidden-header": "blocked"}


def test_browser_default_policy(browser) -> None:
    outcomes = browser_outcomes(browser, [])
    assert outcomes == {case: "allowed" for case in CASE_IDS} | {
        "credentialed-get": "blocked",
        "exposed-header": "blocked",
        "hidden-header": "blocked",
    }


def test_browser_other_origin_only(browser) -> None:
    outcomes = browser_outcomes(browser, ["--allow-origin", "https://elsewhere.example"])
    assert outcomes == {case: "blocked" for case in CASE_IDS}


def test_browser_short_circuit_without_delete(browser) -> None:
    outcomes = browser_outcomes(
        browser, ["--allow-method", "PUT", "--allow-header", "content-type"]
    )
    assert outcomes["preflight-put"] == "allowed"
    assert outcomes["delete"] == "blocked"
    assert outcomes["custom-header"] == "blocked"
    assert outcomes["simple-get"] == "allowed"
