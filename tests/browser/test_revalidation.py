"""A response Chromium keeps in its HTTP cache and revalidates for another origin.

Two pages of one site (``http://localhost:P`` and ``http://localhost:Q``, so one
cache partition) fetch the same URL of a Flask application with
``credentials: "include"``: the view answers with an ``ETag`` and
``Cache-Control: private, no-cache``, and ``304 Not Modified`` to a matching
``If-None-Match`` (Werkzeug's ``make_conditional``). The policy allows both origins
and gives credentials to P only.

What the Fetch standard says should happen: Q's credentialed request passes the CORS
check only with ``Access-Control-Allow-Credentials: true`` ("CORS check"), which the
policy never gives Q. But when P's 200 is stored, Chromium sends Q's request with P's
``If-None-Match`` (the stored ``Vary: Origin`` does not match), and a cache keeps
every stored header a 304 does not carry (RFC 9111, 4.3.4): P's ``-Allow-Credentials:
true`` stayed beside the 304's ``Access-Control-Allow-Origin`` for Q, and Q's page
read P's credentialed response (helper-130's review). The middleware's 304 to Q now
says ``Access-Control-Allow-Credentials: false`` (README difference 9), which
overwrites it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from wsgi_cors import CORSMiddleware

pytestmark = pytest.mark.browser

P, Q = "http://localhost:{P}", "http://localhost:{Q}"


class Answers:
    """WSGI wrapper (outside the middleware): each request's origin, its
    ``If-None-Match``, and the status the middleware answered with."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.seen: list[tuple[str | None, str | None, str]] = []
        self._lock = threading.Lock()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        def record(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            with self._lock:
                self.seen.append(
                    (environ.get("HTTP_ORIGIN"), environ.get("HTTP_IF_NONE_MATCH"), status[:3])
                )
            return start_response(status, headers, exc_info)

        return self.app(environ, record)


def _private_page() -> Any:
    import flask

    app = flask.Flask(__name__)

    @app.get("/me")
    def me() -> Any:
        user = flask.request.cookies.get("sid", "anonymous")
        response = flask.make_response(f"private data of {user}")
        response.headers["Cache-Control"] = "private, no-cache"
        response.set_etag(hashlib.sha256(user.encode()).hexdigest()[:16])
        return response.make_conditional(flask.request)

    return app


def test_a_revalidated_answer_keeps_no_other_origins_credentials(
    deploy: Any, page_ports: Any
) -> None:
    first, second = page_ports.origin(P), page_ports.origin(Q)
    flask_app = _private_page()
    flask_app.wsgi_app = CORSMiddleware(  # type: ignore[method-assign]
        flask_app.wsgi_app, allow_origins=[first, second], allow_credentials=[first]
    )
    answers = Answers(flask_app)
    with deploy(answers) as deployment:
        # localhost, the pages' site, so that the SameSite=Lax cookie goes with fetch().
        url = f"http://localhost:{deployment.api_port}/me"
        deployment.pages.context.add_cookies(
            [{"name": "sid", "value": "alice", "url": url, "sameSite": "Lax"}]
        )

        def fetch(origin: str) -> dict[str, Any]:
            (result,) = deployment.pages.fetch(
                origin, url, method="GET", headers={}, body=None, credentials="include"
            )
            return result

        got_first = fetch(first)
        assert got_first["ok"] and got_first["body"] == "private data of alice", got_first
        got_second = fetch(second)
        report = f"{got_second!r}; the server saw {answers.seen!r}"
        # The case happened: Q's request revalidated P's stored answer, and got a 304.
        assert [(origin, status) for origin, _, status in answers.seen] == [
            (first, "200"),
            (second, "304"),
        ], report
        assert answers.seen[1][1] is not None, report
        assert not got_second["ok"] and got_second["error"].startswith("TypeError"), report
