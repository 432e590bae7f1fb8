"""What the migration guides (docs/migrating/) say the other CORS libraries do, checked
against the installed versions.

The guides warn about three behaviours of the libraries users leave: regular
expressions matched from the start of the origin only, credentials given to every
origin, and denied preflights answered with a 2xx status. Each claim is a test here,
so that a peer that changes shows up. flask-cors, django-cors-headers and wsgicors are
in the ``bench`` extra, not the ``test`` one: each test skips, with the reason, when
its library is missing.

Marked ``docs``: ``python -m pytest -m docs`` runs it.
"""

from __future__ import annotations

from typing import Any

import pytest
from webtest import TestApp

pytestmark = pytest.mark.docs

EVIL = "https://a.example.com.evil.net"


def cors_headers(response: Any) -> dict[str, str]:
    return {
        name.lower(): value
        for name, value in response.headerlist
        if name.lower().startswith("access-control-") or name.lower() == "vary"
    }


# -- flask-cors ----------------------------------------------------------------------------


def flask_cors_app(**options: Any) -> TestApp:
    pytest.importorskip("flask_cors", reason="flask-cors is in the 'test' extra")
    from flask import Flask
    from flask_cors import CORS

    app = Flask(__name__)

    @app.get("/items")
    def items() -> dict[str, list[str]]:
        return {"items": []}

    CORS(app, **options)
    return TestApp(app)


def test_flask_cors_regex_origins_are_matched_from_the_start_only() -> None:
    app = flask_cors_app(origins=[r"https://.*\.example\.com"])
    response = app.get("/items", headers={"Origin": EVIL})
    assert cors_headers(response)["access-control-allow-origin"] == EVIL


def test_flask_cors_credentials_with_the_default_origins_reflect_every_origin() -> None:
    app = flask_cors_app(supports_credentials=True)
    headers = cors_headers(app.get("/items", headers={"Origin": "https://evil.example"}))
    assert headers["access-control-allow-origin"] == "https://evil.example"
    assert headers["access-control-allow-credentials"] == "true"


def test_flask_cors_default_reflects_the_origin() -> None:
    headers = cors_headers(flask_cors_app().get("/items", headers={"Origin": EVIL}))
    assert headers["access-control-allow-origin"] == EVIL
    assert headers["vary"] == "Origin"


def test_flask_cors_denied_preflight_is_200_without_cors_headers() -> None:
    app = flask_cors_app(origins=["https://app.example.com"])
    response = app.options(
        "/items",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"},
    )
    assert response.status_int == 200
    assert "access-control-allow-origin" not in cors_headers(response)


# -- django-cors-headers -----------------------------------------------------------------------


def corsheaders_response(settings: dict[str, Any], method: str, headers: dict[str, str]) -> Any:
    pytest.importorskip("corsheaders", reason="django-cors-headers is in the 'test' extra")
    from apps import configure_django

    configure_django()
    from corsheaders.middleware import CorsMiddleware
    from django.http import HttpResponse
    from django.test import RequestFactory, override_settings

    environ = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
    request = RequestFactory().generic(method, "/items", **environ)
    with override_settings(**settings):
        return CorsMiddleware(lambda request: HttpResponse("{}"))(request)


def test_corsheaders_regexes_are_matched_from_the_start_only() -> None:
    response = corsheaders_response(
        {"CORS_ALLOWED_ORIGIN_REGEXES": [r"^https://\w+\.example\.com"]},
        "GET",
        {"Origin": EVIL},
    )
    assert response["Access-Control-Allow-Origin"] == EVIL


def test_corsheaders_all_origins_with_credentials_reflect_every_origin() -> None:
    response = corsheaders_response(
        {"CORS_ALLOW_ALL_ORIGINS": True, "CORS_ALLOW_CREDENTIALS": True},
        "GET",
        {"Origin": "https://evil.example"},
    )
    assert response["Access-Control-Allow-Origin"] == "https://evil.example"
    assert response["Access-Control-Allow-Credentials"] == "true"


def test_corsheaders_denied_preflight_is_200_without_cors_headers() -> None:
    response = corsheaders_response(
        {"CORS_ALLOWED_ORIGINS": ["https://app.example.com"]},
        "OPTIONS",
        {"Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"},
    )
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_corsheaders_default_allows_no_origin() -> None:
    """The migration guide: without CORS_ALLOWED_ORIGINS the peer allows no origin
    (wsgi-cors's default, Falcon's, allows every one)."""
    response = corsheaders_response({}, "GET", {"Origin": "https://app.example.com"})
    assert "Access-Control-Allow-Origin" not in response


# -- wsgicors --------------------------------------------------------------------------------------


def wsgicors_app(**options: str) -> TestApp:
    wsgicors = pytest.importorskip("wsgicors", reason="wsgicors is in the 'test' extra")

    def items(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b"{}"]

    return TestApp(wsgicors.CORS(items, **options))


def test_wsgicors_patterns_are_shell_patterns() -> None:
    app = wsgicors_app(origin="https://*example.com", methods="GET")
    response = app.get("/", headers={"Origin": "https://evilexample.com"})
    assert cors_headers(response)["access-control-allow-origin"] == "https://evilexample.com"


def test_wsgicors_copy_with_credentials_gives_them_to_every_origin() -> None:
    app = wsgicors_app(origin="copy", methods="GET", credentials="true")
    headers = cors_headers(app.get("/", headers={"Origin": "https://evil.example"}))
    assert headers["access-control-allow-origin"] == "https://evil.example"
    assert headers["access-control-allow-credentials"] == "true"


def test_wsgicors_denied_preflight_is_204_without_cors_headers() -> None:
    app = wsgicors_app(origin="https://app.example.com", methods="GET, PUT")
    response = app.options(
        "/",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"},
    )
    assert response.status_int == 204
    assert "access-control-allow-origin" not in cors_headers(response)
