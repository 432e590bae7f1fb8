"""How the cost of a request grows with the length of a hostile CORS request header.

For each header a client controls (``Origin``, ``Access-Control-Request-Method``,
``Access-Control-Request-Headers``) and each kind of policy, times one request with a
1 KiB value and one with a 64 KiB value, and prints the ratio. The work must grow no
faster than the header (issue: "a 64 KiB header costs no more than ~64x a 1 KiB one");
most values are refused by a length check, so the ratio is usually near 1.

    python benchmarks/hostile_scaling.py
"""

from __future__ import annotations

import gc
import sys
import timeit
import warnings
from collections.abc import Callable
from typing import Any

from wsgi_cors import CORSMiddleware, CORSSecurityWarning

ALLOWED = "https://app.example.com"


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    headers = [("Content-Type", "text/plain"), ("Content-Length", "2")]
    if environ["REQUEST_METHOD"] == "OPTIONS":
        headers.append(("Allow", "GET, PUT, OPTIONS"))
    start_response("200 OK", headers)
    return [b"ok"]


def policies() -> dict[str, CORSMiddleware]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CORSSecurityWarning)
        return {
            "list": CORSMiddleware(app, allow_origins=[ALLOWED], allow_credentials="*"),
            "pattern+regex": CORSMiddleware(
                app,
                allow_origins=["https://*.example.com"],
                allow_origin_regex=r"https://[a-z.]+\.example\.org",
            ),
            "star+credentials": CORSMiddleware(app, allow_credentials="*"),
            "short-circuit": CORSMiddleware(
                app,
                allow_origins=[ALLOWED],
                allow_methods=["GET", "PUT"],
                allow_headers=["content-type", "x-token"],
            ),
        }


def environ(header: str, value: str) -> dict[str, Any]:
    env: dict[str, Any] = {
        "REQUEST_METHOD": "OPTIONS",
        "PATH_INFO": "/",
        "HTTP_ORIGIN": ALLOWED,
        "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "PUT",
    }
    env[header] = value
    if header == "HTTP_ORIGIN":
        env["REQUEST_METHOD"] = "GET"
        del env["HTTP_ACCESS_CONTROL_REQUEST_METHOD"]
    return env


def hostile(size: int, header: str) -> str:
    if header == "HTTP_ORIGIN":
        return "https://" + "a." * ((size - 20) // 2) + "example.com"
    if header == "HTTP_ACCESS_CONTROL_REQUEST_METHOD":
        return "P" * size
    return ("x-a, " * size)[:size]


def cost(middleware: CORSMiddleware, env: dict[str, Any]) -> float:
    def start_response(status: str, headers: list[Any], exc_info: Any = None) -> None:
        pass

    def one() -> None:
        for _ in middleware(dict(env), start_response):
            pass

    number = 2000
    gc.disable()
    try:
        return min(timeit.repeat(one, number=number, repeat=7)) / number * 1e9
    finally:
        gc.enable()


def main() -> int:
    worst = 0.0
    print(f"{'policy':18} {'header':36} {'1 KiB ns':>10} {'64 KiB ns':>10} {'ratio':>7}")
    for name, middleware in policies().items():
        for header in (
            "HTTP_ORIGIN",
            "HTTP_ACCESS_CONTROL_REQUEST_METHOD",
            "HTTP_ACCESS_CONTROL_REQUEST_HEADERS",
        ):
            small = cost(middleware, environ(header, hostile(1024, header)))
            large = cost(middleware, environ(header, hostile(65536, header)))
            ratio = large / small
            worst = max(worst, ratio)
            print(f"{name:18} {header:36} {small:10,.0f} {large:10,.0f} {ratio:6.1f}x")
    verdict = "PASS" if worst <= 64 else "FAIL"
    print(f"\n{verdict}: the worst 64 KiB / 1 KiB ratio is {worst:.1f}x (limit 64x)")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
