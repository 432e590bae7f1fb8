"""User code the type hints must accept, checked by ``mypy --strict`` (the ``files``
of ``[tool.mypy]`` in pyproject.toml; ``tox -e lint``), not collected by pytest.

Each line is how the README and the docs write it, or how a user builds the same
value in a variable; a type checker that rejects one of them rejects working code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from wsgi_cors import CORSMiddleware, enable_cors
from wsgi_cors.config import Origins
from wsgi_cors.paths import Paths


def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


@lru_cache(maxsize=1024)
def is_tenant(origin: str) -> bool:
    return origin.endswith(".tenant.example")


def trusted(origin: str) -> bool:
    return origin == "https://app.example.com"


# Every documented shape of the origin options.
CORSMiddleware(app, allow_origins="https://app.example.com")
CORSMiddleware(app, allow_origins=("https://a.example", "https://*.example.com"))
CORSMiddleware(app, allow_origins={"https://a.example"})
CORSMiddleware(app, allow_origins=(o for o in ["https://a.example"]))
CORSMiddleware(app, allow_origins=is_tenant, allow_credentials="*")
CORSMiddleware(app, allow_origins=["https://a.example", trusted], allow_credentials=[trusted])
MIXED: Origins = ["https://a.example", trusted]
CORSMiddleware(app, allow_origins=MIXED, allow_origin_regex=re.compile(r"https://.+\.a\.example"))
CORSMiddleware(app, allow_methods="GET, PUT", allow_headers=["X-Token"], max_age=None)
CORSMiddleware(app, allow_methods=None, expose_headers="X-Request-Id", debug=True)

# paths= as a literal, and built in variables of each key shape.
CORSMiddleware(
    app, paths={"/api": {"allow_origins": "*"}, re.compile(r"/v[0-9]+/.*"): {"max_age": 600}}
)
BY_PREFIX: dict[str, dict[str, Any]] = {"/api": {"allow_origins": "*"}}
BY_PATTERN: dict[re.Pattern[str], dict[str, Any]] = {re.compile(r"/v1/.*"): {}}
BOTH: Paths = {"/api": {}, re.compile(r"/v1/.*"): {}}
CORSMiddleware(app, paths=BY_PREFIX)
CORSMiddleware(app, paths=BY_PATTERN)
CORSMiddleware(app, paths=BOTH)

# enable_cors takes CORSMiddleware's keywords.
wrapped: CORSMiddleware = enable_cors(app, allow_origins=["https://a.example"])


class MyCORS(CORSMiddleware):
    pass


# The alternative constructors build the class they are called on.
mine: MyCORS = MyCORS.from_mapping(app, {"allow_origins": "https://a.example"})
mine = MyCORS.from_env(app, environ={"CORS_MAX_AGE": "600"})
