"""The demo page in a real browser: with each policy, the page's cross-origin fetch()
calls are allowed or blocked exactly as the Fetch standard says, each row shows what the
middleware decided ("server said") and an explanation, an outcome the policy asks for is
never shown as a failure, and the page fits a 390 px wide screen. The cases' ids come from
their one definition, the package's static/cases.json (``wsgi_cors.demo.CASE_IDS``).
Uses the browser suite's session Chromium (see conftest.py), so it skips, or fails in
CI, the same way.

The screenshots in docs/_static/ are taken here, on the demo's default ports (8000 and
8001, so that they show the addresses the README names); when those are busy the
screenshots go to a temporary directory instead, with a warning."""

from __future__ import annotations

import contextlib
import pathlib
import re
import shlex
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from wsgi_cors.__main__ import make_parser
from wsgi_cors.demo import (
    CASE_IDS,
    Demo,
    DemoPortError,
    policy_call,
    policy_options,
    start_demo,
)

pytestmark = pytest.mark.browser

DOCS_STATIC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "_static"
WIDE, NARROW = 1280, 390

#: Each row of the results table, as the page shows it.
ROWS_JS = """rows => rows.map(r => ({
  case: r.dataset.case,
  outcome: r.dataset.outcome,
  tone: r.dataset.tone,
  badge: r.querySelector('.badge').textContent,
  server: r.cells[2].textContent,
  why: r.cells[3].textContent,
}))"""


@contextlib.contextmanager
def running_demo(flags: list[str], ports: tuple[int, int] = (0, 0)) -> Iterator[Demo]:
    api_port, page_port = ports
    args = make_parser().parse_args(
        ["demo", "--api-port", str(api_port), "--page-port", str(page_port), *flags]
    )
    demo = start_demo(args)
    try:
        yield demo
    finally:
        demo.stop()


@contextlib.contextmanager
def opened(browser: Any, url: str, width: int = WIDE, **options: Any) -> Iterator[Any]:
    """The demo page at *url* in a fresh context *width* px wide, once every case ran."""
    context = browser.new_context(viewport={"width": width, "height": 844}, **options)
    try:
        page = context.new_page()
        page.goto(url)
        wait_done(page)
        yield page
    finally:
        context.close()


def wait_done(page: Any) -> None:
    page.wait_for_function("document.body.dataset.done === '1'", timeout=20_000)


def rows(page: Any) -> dict[str, dict[str, str]]:
    found = page.eval_on_selector_all("tr[data-case]", ROWS_JS)
    assert [row["case"] for row in found] == list(CASE_IDS)  # one row per case, in order
    return {row["case"]: row for row in found}


def assert_explained(shown: dict[str, dict[str, str]]) -> None:
    """No row is a surprise; every row says what the server decided and why; a request
    the middleware denied shows its reason, and its expected outcome no red badge."""
    for case, row in shown.items():
        assert row["tone"] in ("allowed", "expected"), (case, row)
        assert row["server"] and row["why"], (case, row)
        if row["tone"] == "allowed":
            assert row["outcome"] == "allowed" and row["badge"] == "allowed", (case, row)
        else:
            assert row["outcome"] == "blocked" and row["badge"].endswith("\u00b7 expected")
        if "denied" in row["server"]:
            assert row["outcome"] == "blocked" and row["tone"] == "expected", (case, row)


def outcomes(shown: dict[str, dict[str, str]]) -> dict[str, str]:
    return {case: row["outcome"] for case, row in shown.items()}


def suggested_restart(why: str) -> list[str]:
    """The flags of the ``wsgi-cors demo`` command line a row's why suggests."""
    match = re.search(r"restart the demo as (wsgi-cors demo [^\n]*)\.$", why)
    assert match is not None, why
    argv = shlex.split(match.group(1))
    assert argv[:2] == ["wsgi-cors", "demo"], why
    return argv[2:]


def assert_credentials_fixed(browser: Any, why: str, url: str) -> None:
    """Restarted as the credentialed GET's why suggests (on the same ports, so the
    page's origins stay), the demo lets the page at *url* read that response: the
    suggestion is the page server's (demo/options.py credentials_fix), and it must be
    a policy the middleware accepts that does what it says."""
    with running_demo(suggested_restart(why)):
        with opened(browser, url) as page:
            shown = rows(page)
    assert shown["credentialed-get"]["outcome"] == "allowed", shown["credentialed-get"]
    assert_explained(shown)


def no_horizontal_overflow(page: Any, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page is {scroll_width} px wide in a {width} px viewport"


# -- each policy, from the page's origin ------------------------------------------------


def test_browser_with_credentials_and_exposed_header(browser: Any) -> None:
    with running_demo(["--allow-credentials", "--expose-header", "X-Request-Id"]) as demo:
        with opened(browser, demo.page_url) as page:
            shown = rows(page)
    assert outcomes(shown) == {case: "allowed" for case in CASE_IDS} | {"hidden-header": "blocked"}
    assert_explained(shown)
    assert shown["hidden-header"]["badge"] == "hidden \u00b7 expected"
    assert "secret" in shown["hidden-header"]["why"]
    assert 'allow_credentials="*"' in shown["credentialed-get"]["why"]


def test_browser_default_policy(browser: Any) -> None:
    with running_demo([]) as demo:
        with opened(browser, demo.page_url) as page:
            shown = rows(page)
    assert outcomes(shown) == {case: "allowed" for case in CASE_IDS} | {
        "credentialed-get": "blocked",
        "exposed-header": "blocked",
        "hidden-header": "blocked",
    }
    assert_explained(shown)
    # Allowed by the middleware, refused by the browser: each says which option to change.
    credentialed = shown["credentialed-get"]
    assert "allowed: Access-Control-Allow-Origin: " in credentialed["server"]
    assert "The option to change: allow_credentials=None." in credentialed["why"]
    assert "--allow-credentials" in credentialed["why"]
    assert_credentials_fixed(browser, credentialed["why"], demo.page_url)
    assert "--expose-header X-Request-Id" in shown["exposed-header"]["why"]
    assert "--expose-header" not in shown["hidden-header"]["why"]  # a secret stays hidden
    assert "preflight for PUT \u2192 204 No Content, allowed" in shown["preflight-put"]["server"]


def test_run_again_says_the_browser_used_its_cached_preflight(browser: Any) -> None:
    """The "Run again" button keeps the request ids, so Chromium answers the
    preflights from its cache (Max-Age 86400) and sends none: the rows said the first
    run's preflights were sent again (a review). Now each says no preflight was sent,
    and whose answer the browser used; the simple requests are unchanged."""
    with running_demo([]) as demo:
        with opened(browser, demo.page_url) as page:
            first = rows(page)
            page.click("#rerun")
            wait_done(page)
            again = rows(page)
    assert outcomes(again) == outcomes(first)
    assert_explained(again)
    for case in ("preflight-put", "custom-header", "delete"):
        server, why = again[case]["server"], again[case]["why"]
        assert server.startswith(
            "no preflight: the browser used its cached answer to the preflight at "
        ), (case, server)
        assert "then " in server and "allowed" in server, (case, server)
        assert "but the browser sent none this time" in why, (case, why)
        assert "Access-Control-Max-Age: 86400" in why, (case, why)
        assert first[case]["server"].startswith("preflight for "), (case, first[case])
    assert again["simple-get"]["why"].startswith("A simple request: no preflight.")


def test_run_again_after_a_restart_reloads_the_page_for_the_new_policy(browser: Any) -> None:
    """Restarted with another policy on the same ports, the demo answers with a new
    start id: "Run again" reloads the page, which shows and explains the new policy.
    Without it the old page mixed two policies: the cached preflight let the PUT
    through, explained as "a simple request", beside the old policy (a review)."""
    with running_demo([]) as demo:
        ports = (demo.api_server.server_address[1], demo.page_server.server_address[1])
        url = demo.page_url
    context = browser.new_context(viewport={"width": WIDE, "height": 844})
    try:
        page = context.new_page()
        with running_demo([], ports):
            page.goto(url)
            wait_done(page)
            assert outcomes(rows(page))["preflight-put"] == "allowed"
        with running_demo(["--allow-method", "GET"], ports):
            with page.expect_navigation(timeout=20_000):
                page.click("#rerun")
            wait_done(page)
            shown = rows(page)
            policy = page.text_content("#policy")
    finally:
        context.close()
    assert 'allow_methods=["GET"]' in policy
    assert outcomes(shown)["preflight-put"] == "blocked"
    assert_explained(shown)
    put = shown["preflight-put"]
    assert "preflight for PUT \u2192 403 Forbidden" in put["server"]
    assert 'PUT is not in allow_methods=["GET"]' in put["why"]


def test_browser_other_origin_only(browser: Any) -> None:
    elsewhere = "https://elsewhere.example"
    with running_demo(["--allow-origin", elsewhere]) as demo:
        with opened(browser, demo.page_url) as page:
            shown = rows(page)
        origin = demo.page_url.rstrip("/")
    assert outcomes(shown) == {case: "blocked" for case in CASE_IDS}
    assert_explained(shown)
    for case, row in shown.items():
        assert "denied: origin" in row["server"], (case, row)
        # The why follows the policy: the origin, never credentials (the old fixed text).
        assert f"--allow-origin {elsewhere} --allow-origin {origin}" in row["why"], case
        assert "--allow-credentials" not in row["why"], case


def test_browser_short_circuit_without_delete(browser: Any) -> None:
    with running_demo(["--allow-method", "PUT", "--allow-header", "content-type"]) as demo:
        with opened(browser, demo.page_url) as page:
            shown = rows(page)
    assert outcomes(shown)["preflight-put"] == "allowed"
    assert outcomes(shown)["delete"] == "blocked"
    assert outcomes(shown)["custom-header"] == "blocked"
    assert outcomes(shown)["simple-get"] == "allowed"
    assert_explained(shown)
    delete = shown["delete"]
    assert (
        "preflight for DELETE \u2192 403 Forbidden, denied: method 'DELETE' not allowed"
        in (delete["server"])
    )
    assert "--allow-method PUT --allow-method DELETE --allow-header content-type" in delete["why"]
    # The explanation tells the status the API recorded, not one written in the page.
    assert "the middleware answered it 403 Forbidden" in delete["why"]
    assert "the middleware answered it 403 Forbidden" in shown["custom-header"]["why"]


# -- the third origin, without a restart ------------------------------------------------


def test_the_same_cases_from_a_denied_origin_without_a_restart(browser: Any) -> None:
    with running_demo([]) as demo:
        page_origin, other = demo.page_url.rstrip("/"), demo.other_page_url.rstrip("/")
        with opened(browser, demo.page_url) as page:
            link = page.locator("#origins a[data-role='other']")
            assert "denied by the policy" in link.text_content()
            with page.expect_navigation():
                link.click()
            wait_done(page)
            assert page.evaluate("location.origin") == other
            shown = rows(page)
    assert outcomes(shown) == {case: "blocked" for case in CASE_IDS}
    assert_explained(shown)
    fix = f"--allow-origin {page_origin} --allow-origin {other}"
    for case, row in shown.items():
        preflighted = case in ("preflight-put", "custom-header", "delete")
        reason = "origin not allowed" if preflighted else f"origin '{other}' not allowed"
        assert f"denied: {reason}" in row["server"], (case, row)
        assert fix in row["why"] and "--allow-credentials" not in row["why"], (case, row)
        if preflighted:
            assert "answered the preflight 403 Forbidden" in row["why"], (case, row)


def test_the_other_origin_once_the_policy_names_it(browser: Any) -> None:
    with running_demo(["--allow-origin", "*"]) as demo:
        with opened(browser, demo.other_page_url) as page:
            assert (
                "allowed by the policy"
                in page.locator("#origins a[data-role='other']").text_content()
            )
            shown = rows(page)
    assert outcomes(shown) == {case: "allowed" for case in CASE_IDS} | {
        "credentialed-get": "blocked",
        "exposed-header": "blocked",
        "hidden-header": "blocked",
    }
    assert_explained(shown)
    # allow_origins="*" answers "*", which never passes with credentials, and
    # allow_credentials="*" beside it is refused: allow_origins is the option named, and
    # the restart narrows it to this origin.
    why = shown["credentialed-get"]["why"]
    other = demo.other_page_url.rstrip("/")
    assert 'The option to change: allow_origins="*".' in why
    assert f"--allow-origin {other} --allow-credentials" in why
    assert_credentials_fixed(browser, why, demo.other_page_url)


# -- the policy box -----------------------------------------------------------------------


def test_the_policy_is_the_python_call_and_copies(browser: Any) -> None:
    flags = ["--expose-header", "X-Request-Id", "--max-age", "600"]
    with running_demo(flags) as demo:
        permissions = ["clipboard-read", "clipboard-write"]
        with opened(browser, demo.page_url, permissions=permissions) as page:
            shown = page.locator("#policy").text_content()
            page.click("#copy-policy")
            page.wait_for_function("document.getElementById('copy-policy').textContent !== 'Copy'")
            assert page.locator("#copy-policy").text_content() == "Copied"
            copied = page.evaluate("navigator.clipboard.readText()")
        expected = policy_call(demo.options)
    assert shown == copied == expected
    assert 'expose_headers=["X-Request-Id"],' in copied and "max_age=600," in copied
    compile(copied, "<copied>", "exec")  # Python, ready to paste


def test_the_restart_commands_give_the_policies_they_describe(browser: Any) -> None:
    """The page shows the ``wsgi-cors demo`` command line for each policy it suggests,
    which its script's ``command()`` asks the API for (demo_command, the one home of the
    flags): read back by the demo's own parser and ``policy_options``, each line gives
    exactly that policy, on the ports the demo runs on."""
    with running_demo(["--max-age", "600", "--allow-header", "content-type"]) as demo:
        page_origin, other = demo.page_url.rstrip("/"), demo.other_page_url.rstrip("/")
        ports = (demo.api_server.server_address[1], demo.page_server.server_address[1])
        suggestions = [
            {},
            {"allow_credentials": "*"},
            {"allow_origins": "*"},
            {"allow_origins": [page_origin, other]},
            {"allow_origins": [other]},
            {"allow_methods": ["PUT", "DELETE"]},
            {"allow_methods": None},
            {"allow_headers": None},
            {"allow_headers": ["content-type", "x-demo"]},
            {"expose_headers": ["X-Request-Id"]},
            {"max_age": 86400},
            {"max_age": 0},
            {"max_age": None},
            {"allow_private_network": True},
        ]
        with opened(browser, demo.page_url) as page:
            for changes in suggestions:
                line = page.evaluate("(c) => command(c)", changes)
                argv = shlex.split(line)
                assert argv[:2] == ["wsgi-cors", "demo"], line
                args = make_parser().parse_args(argv[1:])
                wanted = {**demo.options, **changes}
                assert policy_options(args, page_origin) == wanted, (changes, line)
                assert (args.api_port, args.page_port) == ports, line
            # A policy no flags give: the page says the API could not tell, never a
            # command line that does something else.
            refused = page.evaluate("() => restart({allow_methods: ['none']})")
            assert refused == (
                " (The API could not say how to restart the demo: no flags of the demo give"
                " allow_methods=['none'].)"
            )


# -- layout, and the screenshots for the docs -------------------------------------------------


@contextlib.contextmanager
def demo_on_documented_ports(tmp_path: pathlib.Path) -> Iterator[tuple[Demo, pathlib.Path]]:
    """The default demo on ports 8000 and 8001, and docs/_static/ for its screenshots;
    on free ports and *tmp_path* when those are busy."""
    try:
        with running_demo([], ports=(8000, 8001)) as demo:
            yield demo, DOCS_STATIC
        return
    except DemoPortError as error:
        warnings.warn(
            f"screenshots not written to {DOCS_STATIC} ({error}): written to {tmp_path}",
            stacklevel=1,
        )
    with running_demo([]) as demo:
        yield demo, tmp_path


def test_layout_at_1280_and_390_px_and_the_docs_screenshots(
    browser: Any, tmp_path: pathlib.Path
) -> None:
    with demo_on_documented_ports(tmp_path) as (demo, folder):
        folder.mkdir(parents=True, exist_ok=True)
        for url in (demo.page_url, demo.other_page_url):
            for width in (WIDE, NARROW):
                with opened(browser, url, width) as page:
                    no_horizontal_overflow(page, width)
                    assert_explained(rows(page))
                    if url == demo.page_url and width == WIDE:
                        # The whole page down to the policy (the notes below are text).
                        box = page.locator("#policy-help").bounding_box()
                        bottom = box["y"] + box["height"] + 16
                        clip = {"x": 0, "y": 0, "width": WIDE, "height": bottom}
                        path = str(folder / "demo-1280.png")
                        page.screenshot(path=path, full_page=True, clip=clip)
                    if url == demo.other_page_url and width == NARROW:
                        page.screenshot(path=str(folder / "demo-390.png"))
    for name in ("demo-1280.png", "demo-390.png"):
        assert (folder / name).stat().st_size > 10_000


def test_no_overflow_at_390_px_with_long_values(browser: Any) -> None:
    headers = [f"X-Some-Rather-Long-Header-Name-{n}" for n in range(6)]
    flags = [flag for name in headers for flag in ("--expose-header", name)]
    flags += ["--allow-origin", "https://a-very-long-subdomain-name.of-an-example-domain.example"]
    with running_demo(flags) as demo:
        with opened(browser, demo.page_url, NARROW) as page:
            no_horizontal_overflow(page, NARROW)
            assert_explained(rows(page))
