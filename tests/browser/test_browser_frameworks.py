"""Every framework in headless Chromium: a page on another origin PUTs JSON with a custom
header, which needs a CORS-preflight request, and reads the JSON answer.

The applications are the counted ones in ``apps.py`` (Django function and class-based
views, Pyramid, Bottle, Flask, Falcon, WebOb, plain WSGI), set up with the README's line
for each framework (:func:`apps.setup_cors`): ``enable_cors(app)``, and
``CORSMiddleware(app, allow_origins=[<the page's origin>])``. Each runs behind the
conftest's :class:`RequestLog` (which sees the preflight, since it is outside the
middleware) and waitress, with a fresh browser context; each test calls its own URL
(a unique ``?k=``), so no preflight is ever answered from Chromium's cache.

What the Fetch standard says should happen: the preflight (``OPTIONS`` with
``Access-Control-Request-Method: PUT`` and ``Access-Control-Request-Headers:
content-type,x-token``) passes when its answer is 2xx, allows the origin, the method
and both headers; the ``PUT`` then goes out, and the page reads its answer when it
allows the origin. From an origin the policy does not allow, the preflight fails, the
``PUT`` is never sent, and ``fetch()`` rejects with a ``TypeError``. In every case the
view runs only for the ``PUT``: the middleware answers the preflight itself.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from apps import COUNTED_FRAMEWORKS, CountedApp, make_counted_app, setup_cors, updated

pytestmark = pytest.mark.browser

# Origin templates, as in test_browser_cors.py: {P} and {Q} are the page servers' ports.
PAGE = "http://localhost:{P}"
OTHER = "http://localhost:{Q}"  # listed by no policy here

VARIANTS = ("enable_cors", "listed")
PUT_BODY = {"name": "widget", "qty": 2}
HEADERS = {"Content-Type": "application/json", "X-Token": "t"}
#: What Chromium sends for HEADERS: lower case, sorted, comma without space.
REQUEST_HEADERS = "content-type,x-token"


@dataclass
class Running:
    variant: str
    counted: CountedApp
    deployment: Any  # conftest.Deployment

    def put(self, origin: str, name: str) -> tuple[dict[str, Any], list[Any], list[str]]:
        """The page on *origin* PUTs JSON: what the page got, the requests the server
        saw (outside the middleware), and the methods the view ran for."""
        key = f"{self.counted.framework}-{self.variant}-{name}-{uuid.uuid4().hex}"
        before = self.counted.views.count
        (result,) = self.deployment.pages.fetch(
            origin,
            self.deployment.url("/items", key),
            method="PUT",
            headers=HEADERS,
            body=json.dumps(PUT_BODY),
            credentials="same-origin",
        )
        return result, self.deployment.log.requests(key), self.counted.views.methods[before:]


DEPLOYMENTS = [(framework, variant) for framework in COUNTED_FRAMEWORKS for variant in VARIANTS]


@pytest.fixture(scope="module", params=DEPLOYMENTS, ids=[f"{f}-{v}" for f, v in DEPLOYMENTS])
def running(request: pytest.FixtureRequest, deploy: Any, page_ports: Any) -> Iterator[Running]:
    framework, variant = request.param
    counted = make_counted_app(framework)
    options = {} if variant == "enable_cors" else {"allow_origins": [page_ports.origin(PAGE)]}
    with deploy(setup_cors(counted, **options)) as deployment:
        yield Running(variant, counted, deployment)


def assert_preflighted(seen: list[Any], origin: str, methods: list[str], report: str) -> None:
    assert [s.method for s in seen] == methods, report
    for s in seen:
        assert s.origin == origin, report
    preflight = seen[0]
    assert preflight.request_method == "PUT", report
    assert preflight.request_headers == REQUEST_HEADERS, report


def test_page_puts_json_and_reads_the_answer(running: Running, page_ports: Any) -> None:
    origin = page_ports.origin(PAGE)
    result, seen, views = running.put(origin, "allowed")
    report = f"{result!r}; server saw {seen!r}; view ran for {views!r}"

    assert result["ok"], report
    assert result["status"] == 200, report
    assert "application/json" in result["headers"].get("content-type", ""), report
    assert json.loads(result["body"]) == updated(PUT_BODY), report
    assert_preflighted(seen, origin, ["OPTIONS", "PUT"], report)
    assert views == ["PUT"], report  # not for the preflight


def test_page_on_another_origin(running: Running, page_ports: Any) -> None:
    """``enable_cors(app)`` lets every origin read; the listed variant fails the
    preflight of an origin it does not list, so the PUT is never sent."""
    origin = page_ports.origin(OTHER)
    result, seen, views = running.put(origin, "other")
    report = f"{result!r}; server saw {seen!r}; view ran for {views!r}"

    if running.variant == "enable_cors":
        assert result["ok"] and json.loads(result["body"]) == updated(PUT_BODY), report
        assert_preflighted(seen, origin, ["OPTIONS", "PUT"], report)
        assert views == ["PUT"], report
    else:
        assert not result["ok"], report
        assert result["error"].startswith("TypeError"), report
        assert_preflighted(seen, origin, ["OPTIONS"], report)
        assert views == [], report
