from collections.abc import Callable
from typing import Any

class Appender:
    """A start_response wrapper; see _speedups.c."""

    def __init__(
        self, fallback: Callable[..., Any], appended: list[tuple[str, str]], cors_names: bool
    ) -> None: ...
    def __call__(
        self,
        start_response: Callable[..., Any],
        status: str,
        headers: list[tuple[str, str]],
        exc_info: Any = None,
    ) -> Any: ...

class PreflightAppender:
    """A pass-through preflight's start_response wrapper; see _speedups.c."""

    def __init__(
        self, fallback: Callable[..., Any], memo: dict[Any, Any], max_requested: int
    ) -> None: ...
    def __call__(
        self,
        request: tuple[Callable[..., Any], Any, dict[str, Any]],
        status: str,
        headers: list[tuple[str, str]],
        exc_info: Any = None,
    ) -> Any: ...
