"""An independent CORS misconfiguration scanner (corsair_scan) finds nothing to report
against a real server running a listed-origins policy, with every other option at its
default and with strict method and header lists: it sends a foreign origin, a
pre-domain, a post-domain and a sub-domain variant of the allowed origin, and flags any
answer that reflects them, or answers ``*`` or ``null``. (``allow_origins="*"``, the
public-API default, is flagged by design, as is a subdomain pattern such as
``https://*.example.com``: both are deliberately permissive.)"""

from __future__ import annotations

import falcon
import pytest

import real_servers
from wsgi_cors import CORSMiddleware

corsair = pytest.importorskip("corsair_scan.corsair_scan", reason="corsair_scan is a test extra")
pytest.importorskip("waitress.server")

# Deselected by default; `python -m pytest -m scanner` runs it.
pytestmark = pytest.mark.scanner

ALLOWED = "https://app.example.com"


class Items:
    def on_get(self, req, resp):
        resp.media = {"items": []}

    def on_post(self, req, resp):
        resp.media = {"created": True}


LISTED = {
    "allow_origins": [ALLOWED, "http://localhost:8000"],
    "allow_credentials": [ALLOWED],
    "expose_headers": ["X-Request-Id"],
}
CONFIGS = {
    "defaults": LISTED,
    "strict": {
        **LISTED,
        "allow_methods": ["GET", "POST"],
        "allow_headers": ["Content-Type", "X-Token"],
        "max_age": 600,
    },
    "pass-through": {**LISTED, "allow_methods": None},
}


@pytest.fixture(scope="module", params=list(CONFIGS))
def base_url(request):
    api = falcon.App()
    api.add_route("/items", Items())
    app = CORSMiddleware(api, **CONFIGS[request.param])
    # Stopped in the server's own loop's thread (closing it from here raced its select).
    with real_servers.waitress(app, threads=2) as server:
        yield f"http://127.0.0.1:{server.port}"


@pytest.mark.parametrize("verb", ["GET", "POST", "OPTIONS"])
@pytest.mark.parametrize("origin", [ALLOWED, "http://localhost:8000"])
def test_scanner_reports_no_misconfiguration(base_url, verb, origin):
    headers = {"Origin": origin}
    if verb == "OPTIONS":
        headers["Access-Control-Request-Method"] = "POST"
    report = corsair.corsair_scan(
        [{"url": f"{base_url}/items", "verb": verb, "headers": headers}], verify=False
    )
    assert report["summary"]["misconfigured"] == [], report
    assert report["summary"]["error"] == [], report
    # The scanner did talk to the server: each probe got an answer.
    (single,) = report["report"]
    probes = [single[test] for test in corsair.CORS_TESTS if test in single]
    assert len(probes) == 4
    # Allowed (200, or 204 for a preflight the middleware answers), or a denied
    # preflight (403), or Falcon's 405 for a verb it does not route.
    assert all(probe["status_code"] in (200, 204, 403, 405) for probe in probes), probes
