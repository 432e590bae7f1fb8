"""What an application brings that wsgi-cors must not be put around, as far as can be
known when the middleware is made: an ASGI application, which no WSGI middleware can
serve, and a CORS layer inside the application (flask-cors, django-cors-headers,
Falcon's own, wsgicors), whose headers would win over the middleware's, even to an
origin the policy denies (README, "Two CORS layers").

Each framework is looked at only when the application already imported it, through
its public attributes where it has them; the two private ones read, Falcon's and
Django's lists of middleware, are read with a default, so that a version without them
is simply not inspected. What is not seen so (a layer added after the middleware is
made, a view decorated without :func:`functools.wraps`, a Django handler wrapped by
another WSGI layer, a function-style or async-only Django middleware in front of
django-cors-headers) is not refused: such a layer shows up only in the log of a
passed-through preflight (``CORSMiddleware``'s warning of "a CORS layer inside the
application").
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Iterator
from typing import Any, NamedTuple

__all__ = ["InnerLayer", "inner_cors_layer", "is_asgi"]


class InnerLayer(NamedTuple):
    """A CORS layer found inside an application (:func:`inner_cors_layer`)."""

    #: What it is: ``"it is a Flask application with flask-cors's CORS(app)"``.
    cause: str
    #: How to take it out, or keep it instead of wsgi-cors.
    fix: str
    #: True when the application can limit the layer to some of its paths
    #: (flask-cors's ``resources``, blueprint and view; django-cors-headers'
    #: ``CORS_URLS_REGEX``): beside ``paths=`` it may serve only paths no entry
    #: matches, a migration made in parts, where the two never answer the same request.
    scoped: bool


def is_asgi(app: object) -> bool:
    """True when *app* is an ASGI application, never a WSGI one: an ``async def``
    function, or an object whose ``__call__`` is one (``falcon.asgi.App``, Starlette,
    Django's ``ASGIHandler``, Quart). A PEP 3333 application returns its iterable
    from a plain call."""
    return inspect.iscoroutinefunction(app) or inspect.iscoroutinefunction(type(app).__call__)


def inner_cors_layer(app: object) -> InnerLayer | None:
    """The CORS layer inside *app*, as far as can be seen from outside, or None:

    * wsgicors's ``CORS``, as *app* or as a Flask application's ``wsgi_app``;
    * a Flask application (or its bound ``wsgi_app``) with flask-cors in it
      (``_flask_cors_in``);
    * a Django ``WSGIHandler`` (``get_wsgi_application()``) with django-cors-headers,
      or a class derived from its middleware, among its middleware
      (``_django_middleware``);
    * a ``falcon.App`` with ``falcon.CORSMiddleware`` among its middleware
      (``cors_enable=True`` adds one), read from ``App._unprepared_middleware``
      (Falcon 3.1 to 4.x).

    An application object whose attributes raise when read is taken as holding none."""
    try:
        return _inner_cors_layer(app)
    except Exception:  # an attribute of the user's object raised: nothing is seen
        return None


def _inner_cors_layer(app: object) -> InnerLayer | None:
    wsgicors = sys.modules.get("wsgicors")
    if wsgicors is not None:
        for candidate, what in (
            (app, "it is"),
            (getattr(app, "wsgi_app", None), "its wsgi_app is"),
        ):
            if isinstance(candidate, wsgicors.CORS):
                return InnerLayer(
                    f"{what} wsgicors's CORS middleware",
                    "wrap the application inside it instead, with its options given to"
                    " CORSMiddleware (the guide 'Migrating from wsgicors' maps each)",
                    scoped=False,
                )
    flask = sys.modules.get("flask")
    flask_app = getattr(app, "__self__", app)  # flask_app.wsgi_app: bound to flask_app
    if flask is not None and isinstance(flask_app, flask.Flask):
        flask_cors = _flask_cors_in(flask_app)
        if flask_cors is not None:
            used, fix = flask_cors
            return InnerLayer(
                f"it is a Flask application with flask-cors's {used}",
                f"{fix}, or keep flask-cors and don't wrap the app",
                scoped=True,
            )
    django_wsgi = sys.modules.get("django.core.handlers.wsgi")
    if django_wsgi is not None and isinstance(app, django_wsgi.WSGIHandler):
        if any(_is_from("corsheaders", m) for m in _django_middleware(app)):
            return InnerLayer(
                "it is a Django application with django-cors-headers' CorsMiddleware in MIDDLEWARE",
                "remove it from MIDDLEWARE and give its CORS_* settings to"
                " CORSMiddleware (the guide 'Migrating from django-cors-headers' maps"
                " each), or keep django-cors-headers and don't wrap the app",
                scoped=True,
            )
    falcon = sys.modules.get("falcon")
    if falcon is not None and isinstance(app, falcon.App):
        middleware = getattr(app, "_unprepared_middleware", ())
        if any(isinstance(m, falcon.CORSMiddleware) for m in middleware):
            return InnerLayer(
                "it is a falcon.App made with cors_enable=True or falcon.CORSMiddleware",
                "drop those from falcon.App(...) and give their options to"
                " CORSMiddleware (allow_methods=None keeps Falcon's preflight headers),"
                " or keep Falcon's and don't wrap the app",
                scoped=False,
            )
    return None


def _flask_cors_in(flask_app: Any) -> tuple[str, str] | None:
    """Where *flask_app* (a ``flask.Flask``) uses flask-cors, and how to take it out; or
    None. ``CORS(app)`` adds its function to ``after_request_funcs`` under None,
    ``CORS(bp)`` under the blueprint's name once it is registered (Flask's public
    attribute); ``@cross_origin`` wraps a view in a function of its own, whose code (a
    function's public ``__code__``) lies in the flask-cors package, under whatever
    :func:`functools.wraps` copied onto it, and under other decorators that keep it as
    ``__wrapped__`` (:func:`inspect.unwrap`)."""
    with_cors = [
        name
        for name, functions in flask_app.after_request_funcs.items()
        if any(_package_of(function) == "flask_cors" for function in functions)
    ]
    if with_cors:
        call = "CORS(app)" if None in with_cors else "CORS(bp)"
        on = "" if None in with_cors else f" on its blueprint {with_cors[0]!r}"
        fix = f"remove {call} and give its options to CORSMiddleware (the guide"
        return f"{call}{on}", f"{fix} 'Migrating from flask-cors' maps each)"
    # A package's directories: a module of the application's own named flask_cors
    # (one file, no __path__) holds no @cross_origin.
    package: list[str] = list(getattr(sys.modules.get("flask_cors"), "__path__", ()))
    if not package:
        return None

    def made_by_flask_cors(function: Any) -> bool:
        filename = getattr(getattr(function, "__code__", None), "co_filename", "")
        return os.path.dirname(filename) in package

    for endpoint, view in flask_app.view_functions.items():
        try:
            innermost = inspect.unwrap(view, stop=made_by_flask_cors)
        except ValueError:  # a cycle of __wrapped__
            continue
        if made_by_flask_cors(innermost):
            return (
                f"@cross_origin on its view {endpoint!r}",
                "remove @cross_origin and give its options to a paths entry for that"
                " view's URL (the guide 'Migrating from flask-cors')",
            )
    return None


def _django_middleware(handler: Any) -> Iterator[object]:
    """The middleware a Django ``WSGIHandler`` loaded, outermost first: its
    ``_middleware_chain`` (Django 2.0 to 5.x), each middleware behind Django's own
    exception wrapper (``__wrapped__``: :func:`inspect.unwrap`), then the next one: a
    class-based middleware's ``get_response`` (the public attribute of Django's
    middleware), or the ``get_response`` a function-style one closes over (Django's
    documented shape; :func:`inspect.getclosurevars`), down to the handler's own
    method. The handler's, not the ``MIDDLEWARE`` setting, which may have changed
    since."""
    node = getattr(handler, "_middleware_chain", None)
    for _ in range(_MOST_MIDDLEWARE):
        if node is None:
            return
        try:
            middleware = inspect.unwrap(node)
        except ValueError:  # a cycle of __wrapped__
            return
        yield middleware
        if inspect.isfunction(middleware):
            node = inspect.getclosurevars(middleware).nonlocals.get("get_response")
        else:
            node = getattr(middleware, "get_response", None)


#: How many middleware :func:`_django_middleware` reads at most: a chain is a few dozen.
_MOST_MIDDLEWARE = 1000


def _is_from(package: str, instance: object) -> bool:
    """True when *instance*'s class, or a class it derives from, is defined in
    *package* (a top-level package's name)."""
    return any(_package_of(cls) == package for cls in type(instance).__mro__)


def _package_of(function: object) -> str:
    """The top-level package *function* (or class) was defined in (``__module__`` may
    be None)."""
    return (getattr(function, "__module__", None) or "").partition(".")[0]
