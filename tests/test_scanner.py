"""An independent CORS misconfiguration scanner (corsair_scan) finds nothing to report
against a real server running a strict policy: it sends a foreign origin, a
pre-domain, a post-domain and a sub-domain variant of the allowed origin, and flags any
answer that reflects them, or answers ``*`` or ``null``. (A subdomain pattern such as
``https://*.example.com`` is deliberately permissive, and the scanner reports it.)"""

from __future__ import annotations

import threading

import falcon
import pytest

from wsgi_cors import CORSMiddleware

corsair = pytest.importorskip("corsair_scan.corsair_scan", reason="corsair_scan is a test extra")
waitress_server = pytest.importorskip("waitress.server")

# Deselected by default; `python -m pytest -m scanner` runs it.
pytestmark = pytest.mark.scanner

ALLOWED = "https://app.example.com"


class Items:
    def on_get(self, req, resp):
        resp.media = {"items": []}

    def on_post(self, req, resp):
        resp.media = {"created": True}


@pytest.fixture(scope="module")
def base_url():
    api = falcon.App()
    api.add_route("/items", Items())
    app = CORSMiddleware(
        api,
        allow_origins=[ALLOWED, "http://localhost:8000"],
        allow_credentials=[ALLOWED],
        expose_headers=["X-Request-Id"],
    )
    server = waitress_server.create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()


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
    assert all(probe["status_code"] in (200, 405) for probe in probes), probes
