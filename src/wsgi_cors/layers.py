"""What an application brings that wsgi-cors must not be put around, as far as can be
known when the middleware is made: an ASGI application, which no WSGI middleware can
serve, and a CORS layer inside the application (another ``CORSMiddleware``,
flask-cors, django-cors-headers, Falcon's own, wsgicors), whose headers would win over
the middleware's, even to an origin the policy denies (README, "Two CORS layers").

Each framework is looked at only when the application already imported it, through
its public attributes where it has them. Three things are read that are not: Falcon's
and Django's lists of middleware, and the ``resources`` flask-cors's ``CORS(app)``
keeps for its function (each read as the flask-cors loaded matches it: by its
``__version__``, a string as a pattern up to 6.0.3, case-insensitively up to 5.x);
each with a default, so that a version without it is read as the safe answer (no
layer seen, or one that answers every path). A value that raises
when read is taken as nothing seen, and the search goes on.

The application is read through the WSGI middleware around it that keep the
application they wrap as ``app`` or ``application`` (Werkzeug's ``ProxyFix``,
WhiteNoise, Sentry's), through a Flask application's ``wsgi_app``, through an
object's bound ``__call__`` and a ``functools.partial`` without arguments to the
object they call, and through Werkzeug's ``DispatcherMiddleware`` to its default and
mounted applications. Beside
``paths``, what a layer behind them answers is read through those known to keep the
path or to mount it (``_KEEP_THE_PATH``), and is unknown behind any other, and in a
Flask or Django application whose class brings its own ``__call__`` or ``wsgi_app``
(``get_response``), which may pass on another path too (``_in_own_methods``). Past
``_MOST_APPLICATIONS`` (10,000) applications, one not read is taken to hold a layer.

Not seen: a layer added after the middleware is made; a view decorated without
:func:`functools.wraps` over ``@cross_origin``; an application behind a WSGI layer
that keeps it under another name (Werkzeug's ``ProfilerMiddleware``), or mounted by
another dispatcher (PasteDeploy's ``urlmap``), or more than ``_DEEPEST`` (100)
layers deep; django-cors-headers behind an async-only middleware, or behind one that
keeps the next under another name than ``get_response``. Such a layer shows up only
in the log of a passed-through preflight (``CORSMiddleware``'s warning of "a CORS
layer inside the application").
"""

from __future__ import annotations

import functools
import inspect
import itertools
import os
import re
import sys
import types
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from .paths import _as_path_info, _merged_slashes, is_under, literal_starts

__all__ = ["InnerLayer", "inner_cors_layer", "inner_cors_layers", "is_asgi"]


class InnerLayer(NamedTuple):
    """A CORS layer found inside an application (:func:`inner_cors_layer`)."""

    #: What it is: ``"it is a Flask application with flask-cors's CORS(app)"``.
    cause: str
    #: How to take it out, or keep it instead of wsgi-cors.
    fix: str
    #: Whether it may answer some path under a ``paths`` prefix (``"/api"``: ``/api``
    #: and the paths under ``/api/``), as far as can be read; None when it answers
    #: every path, or what it answers cannot be read.
    answers: Callable[[str], bool] | None
    #: How it can keep paths of its own beside wsgi-cors's ``paths`` entries (a
    #: migration in parts), or None where it cannot.
    apart: str | None = None
    #: Why what it answers cannot be read (``"behind PrefixMiddleware, ..."``), when
    #: it is not because it answers every path; else None.
    unread: str | None = None


def is_asgi(app: object) -> bool:
    """True when *app* is an ASGI application, never a WSGI one: an ``async def``
    function, or an object whose ``__call__`` is one (``falcon.asgi.App``, Starlette,
    Django's ``ASGIHandler``, Quart). A PEP 3333 application returns its iterable
    from a plain call. An object whose attributes raise when read is taken as none."""
    try:
        return inspect.iscoroutinefunction(app) or inspect.iscoroutinefunction(type(app).__call__)
    except Exception:
        return False


def inner_cors_layers(app: object, ours: type) -> Iterator[InnerLayer]:
    """Each CORS layer inside *app*, outermost first, as far as can be seen from
    outside. *app* and each application it wraps (``_applications_within``: a Flask
    application's ``wsgi_app``, each WSGI middleware's ``app`` or ``application``,
    and the applications Werkzeug's ``DispatcherMiddleware`` mounts, inward) is
    looked at for:

    * *ours* (``CORSMiddleware``) or wsgicors's ``CORS``;
    * a Flask application (or its bound ``wsgi_app``) with flask-cors in it
      (``_flask_cors_in``);
    * a Django ``WSGIHandler`` (``get_wsgi_application()``) with django-cors-headers,
      or a class derived from its middleware, among its middleware
      (``_django_middleware``);
    * a ``falcon.App`` with ``falcon.CORSMiddleware`` among its middleware
      (``cors_enable=True`` adds one), read from ``App._unprepared_middleware``
      (Falcon 3.1 to 4.x).

    What a layer behind other middleware answers (:attr:`InnerLayer.answers`) is read
    through them (``_seen_through``). Where reading an application fails where
    nothing here foresaw it, no layer is seen in it rather than the middleware not
    made, and the next one is looked at."""
    for application, steps in _applications_within(app):
        if application is _NOT_READ:
            yield _not_read(steps)
            continue
        try:
            layer = _cors_layer_of(application, ours, _subject(steps))
        except Exception:
            continue
        if layer is None:
            continue
        try:
            layer = _seen_through(layer, steps)
        except Exception:  # what it answers cannot be read: it may answer every path
            layer = layer._replace(answers=None)
        yield layer


def inner_cors_layer(app: object, ours: type) -> InnerLayer | None:
    """The outermost CORS layer inside *app* (:func:`inner_cors_layers`), or None."""
    return next(inner_cors_layers(app, ours), None)


#: Where a WSGI middleware keeps the application it wraps: a Flask application's
#: ``wsgi_app``; ``app`` (Werkzeug's ``ProxyFix``, ``SharedDataMiddleware`` and
#: ``DispatcherMiddleware``, Sentry's ``SentryWsgiMiddleware``, ``CORSMiddleware``);
#: ``application`` (WhiteNoise, Django's ``StaticFilesHandler``). The first that holds
#: a callable is followed.
_WRAPPED_AS = ("wsgi_app", "app", "application")
#: How deep :func:`_applications_within` reads, middleware inside middleware: a stack
#: is a few deep; an object that makes a new one for every attribute read (a mock)
#: is read no deeper, and nothing past it is seen.
_DEEPEST = 100
#: How many applications :func:`_applications_within` reads at most, and how many
#: mounts of one dispatcher: past them, what is not read is taken as a layer that may
#: answer every path (``_NOT_READ``).
_MOST_APPLICATIONS = 10_000

#: The WSGI middleware known to pass each request on with the path it got
#: (``PATH_INFO``), so that what a layer behind them answers reads as it would in
#: front of them: the ``module.QualifiedName`` of the class whose ``__call__`` an
#: instance runs (a class derived from one of these that brings its own ``__call__``
#: is not known). ``DispatcherMiddleware`` gives a mount's paths to the mounted
#: application, less the mount (``_under_mount``), and every other to its default
#: application. Behind any other, what a layer answers cannot be read (PasteDeploy's
#: ``PrefixMiddleware`` takes a prefix off).
_KEEP_THE_PATH = frozenset(
    {
        "flask.app.Flask",
        "werkzeug.middleware.proxy_fix.ProxyFix",
        "werkzeug.middleware.shared_data.SharedDataMiddleware",
        "werkzeug.middleware.lint.LintMiddleware",
        "werkzeug.middleware.dispatcher.DispatcherMiddleware",
        "werkzeug.debug.DebuggedApplication",
        "whitenoise.base.WhiteNoise",
        "sentry_sdk.integrations.wsgi.SentryWsgiMiddleware",
        "django.contrib.staticfiles.handlers.StaticFilesHandler",
        "wsgicors.CORS",
        "wsgi_cors.middleware.CORSMiddleware",
        # An object's bound __call__, and a functools.partial without arguments: they
        # call the object with the same arguments (the only ones _wrapped_by follows).
        "builtins.method",
        "functools.partial",
    }
)
_DISPATCHER = "werkzeug.middleware.dispatcher.DispatcherMiddleware"


class Step(NamedTuple):
    """One step from an application inward: the *middleware* read, the *attribute*
    read, and for a ``DispatcherMiddleware``'s mounted application its *mount*
    (``"/api"``)."""

    middleware: object
    attribute: str
    mount: str | None = None

    def __str__(self) -> str:
        return self.attribute if self.mount is None else f"mounts[{self.mount!r}]"


#: The way from *app* to an application inside it, outermost first.
Steps = tuple[Step, ...]

#: Stands for the applications past :data:`_MOST_APPLICATIONS`, not read.
_NOT_READ = object()


def _applications_within(app: object) -> Iterator[tuple[object, Steps]]:
    """*app*, then each application it wraps (``_wrapped_by``), inward, depth first,
    with the steps that lead to it from *app*. An application reached again another
    way is read again (a ``DispatcherMiddleware`` may mount one application twice,
    and each mount has its paths), but not inside itself (a cycle); no deeper than
    :data:`_DEEPEST`; at most :data:`_MOST_APPLICATIONS`, then :data:`_NOT_READ`
    for the rest."""
    pending: list[tuple[object, Steps]] = [(app, ())]
    for _ in range(_MOST_APPLICATIONS):
        if not pending:
            return
        app, steps = pending.pop()
        yield app, steps
        if app is _NOT_READ or len(steps) >= _DEEPEST:
            continue
        inner = [
            (application, (*steps, step))
            for step, application in _wrapped_by(app)
            if application is not app and all(application is not s.middleware for s in steps)
        ]
        pending.extend(reversed(inner))
    if pending:
        yield _NOT_READ, pending[-1][1]


def _wrapped_by(app: object) -> list[tuple[Step, object]]:
    """The applications *app* wraps, each with the step to it: the object whose bound
    ``__call__`` it is, or that a ``functools.partial`` without arguments calls; the
    first of its ``_WRAPPED_AS`` attributes that holds a callable; and a
    ``DispatcherMiddleware``'s mounted ones (its public ``mounts``: path to
    application), at most :data:`_MOST_APPLICATIONS` of them, then :data:`_NOT_READ`."""
    wrapped: list[tuple[Step, object]] = []
    # CORSMiddleware(inner.__call__), CORSMiddleware(functools.partial(inner)): inner.
    # By type(): isinstance() reads __class__, which an application's object may raise for.
    if type(app) is types.MethodType and _read(app, "__name__") == "__call__":
        return [(Step(app, "__self__"), app.__self__)]
    if type(app) is functools.partial and not (app.args or app.keywords):
        return [(Step(app, "func"), app.func)]
    for attribute in _WRAPPED_AS:
        inner = _read(app, attribute)
        if callable(inner):
            wrapped.append((Step(app, attribute), inner))
            break
    if _called_as(app) == _DISPATCHER:
        try:
            mounts = itertools.islice(_read(app, "mounts", {}).items(), _MOST_APPLICATIONS + 1)
            for count, (mount, inner) in enumerate(mounts):
                if count == _MOST_APPLICATIONS:
                    wrapped.append((Step(app, "mounts", "..."), _NOT_READ))
                elif isinstance(mount, str) and callable(inner):
                    wrapped.append((Step(app, "mounts", mount), inner))
        except Exception:  # not a mapping after all: Werkzeug would fail on it too
            pass
    return wrapped


def _called_as(instance: object) -> str:
    """The ``module.QualifiedName`` of the class whose ``__call__`` *instance* runs;
    ``""`` where that cannot be read (a metaclass of the application's may raise for
    any name), which no middleware is trusted as (``_KEEP_THE_PATH``)."""
    try:
        for cls in type(instance).__mro__:
            if "__call__" in vars(cls):
                return f"{cls.__module__}.{cls.__qualname__}"
    except Exception:
        pass
    return ""


def _class_name(instance: object) -> str:
    """The name of *instance*'s class, for messages; ``"WSGIMiddleware"`` where it
    cannot be read (a metaclass of the application's may raise for any name)."""
    return str(_read(type(instance), "__name__", "WSGIMiddleware"))


def _subject(steps: Steps) -> str:
    """How a message names the application *steps* lead to: ``"it"`` (*app*
    itself), ``"its wsgi_app"``, or ``"the application behind its ProxyFix
    (app.app)"``."""
    if not steps:
        return "it"
    if len(steps) == 1 and steps[0].attribute == "wsgi_app":
        return "its wsgi_app"
    names = list(dict.fromkeys(_class_name(step.middleware) for step in steps))
    shown = " and ".join(names if len(names) <= 3 else [*names[:3], "others"])
    way = ".".join(str(step) for step in steps[:5]) + (".…" if len(steps) > 5 else "")
    return f"the application behind its {shown} (app.{way})"


def _not_read(steps: Steps) -> InnerLayer:
    """The layer taken to lie among the applications not read (:data:`_NOT_READ`)."""
    return InnerLayer(
        f"it holds more than the {_MOST_APPLICATIONS:,} applications read (the next"
        f" is {_subject(steps)}), and one not read may hold a CORS layer",
        "wrap the applications that need CORS each, inside the dispatcher, instead",
        None,
        unread=_PAST_THE_APPLICATIONS_READ,
    )


#: :attr:`InnerLayer.unread` of the layer taken to lie among the applications not
#: read (:func:`_not_read`), which may hold none.
_PAST_THE_APPLICATIONS_READ = "past the applications read"


def _seen_through(layer: InnerLayer, steps: Steps) -> InnerLayer:
    """*layer*, found at the end of *steps*, with what it answers read through the
    middleware in front of it: the same paths behind middleware that keep the path
    (``_KEEP_THE_PATH``); for an application a ``DispatcherMiddleware`` mounts, those
    under its mount (``_under_mount``); for its default application, those it answers
    on its own (a path under a mount reaches it too when Werkzeug does not find the
    mount in it as sent: ``//api/x``); unknown (every path) behind any other
    middleware, which is named, with the way to keep both (wrap inside it, where the
    paths are the layer's)."""
    answers, apart = layer.answers, layer.apart
    # Built inward: each step's reading wraps the reading of the steps inside it.
    for step in reversed(steps):
        called = _called_as(step.middleware)
        if called not in _KEEP_THE_PATH:
            name = _class_name(step.middleware)
            return layer._replace(
                answers=None,
                unread=f"behind {name}, which may pass on another path than it gets",
                apart=f"wrap the application inside {name} with CORSMiddleware instead,"
                " where its paths= entries see the paths the layer sees",
            )
        if step.mount is not None:
            answers = _under_mount(step.mount, answers)
        elif called == _DISPATCHER:
            apart = (
                "wrap the mounted applications that need CORS each, inside"
                " DispatcherMiddleware, instead of the whole"
            )
    return layer._replace(answers=answers, apart=apart)


def _under_mount(mount: str, answers: Callable[[str], bool] | None) -> Callable[[str], bool]:
    """What an application a ``DispatcherMiddleware`` mounts at *mount* answers, given
    what it *answers* on its own, of the paths it gets (``PATH_INFO`` less the mount).

    Werkzeug hands it a path that is *mount* or goes on from it with a ``/``, as
    sent, so such a path lies under the mount with its runs of slashes merged, as the
    ``paths`` prefixes are matched (``wsgi_cors.paths``), in ``PATH_INFO``'s form
    (UTF-8 read as Latin-1). A prefix under the mount is answered as far as the rest
    of it is; a prefix the mount lies under (``"/"``) holds its every path."""
    within = _merged_slashes(mount).rstrip("/")

    def under(prefix: str) -> bool:
        base = _as_path_info(_merged_slashes(prefix)).rstrip("/")
        if is_under(base, within):
            try:
                rest = base[len(within) :].encode("latin-1").decode("utf-8")
            except UnicodeError:
                return True
            return answers is None or answers(rest or "/")
        return is_under(within, base)

    return under


def _cors_layer_of(app: object, ours: type, subject: str) -> InnerLayer | None:
    """The CORS layer *app* is or holds itself (:func:`inner_cors_layer`), said of
    *subject* (``"it"``, ``"its wsgi_app"``), or None."""
    if isinstance(app, ours):
        once = "wrap the application once, with all the options in one CORSMiddleware(...)"
        # Its own paths entries are not read: where they route may depend on the
        # request (X-Vhm-Root).
        entries: str | None = "its own paths= entries are not compared with these"
        if _read(app, "router") is None:
            entries = None
        return InnerLayer(f"{subject} is a CORSMiddleware", once, None, unread=entries)
    wsgicors = sys.modules.get("wsgicors")
    if wsgicors is not None and isinstance(app, wsgicors.CORS):
        return InnerLayer(
            f"{subject} is wsgicors's CORS middleware",
            "remove wsgicors's CORS and wrap the application it wrapped with"
            " CORSMiddleware, given its options (the guide 'From wsgicors' maps"
            " each)",
            None,
        )
    flask = sys.modules.get("flask")
    flask_app = _read(app, "__self__", app)  # flask_app.wsgi_app: bound to flask_app
    if flask is not None and isinstance(flask_app, flask.Flask):
        flask_cors = _flask_cors_in(flask_app)
        if flask_cors is not None:
            used, fix, answers = flask_cors
            layer = InnerLayer(
                f"{subject} is a Flask application with flask-cors's {used}",
                f"{fix}, or keep flask-cors and don't wrap the app",
                answers,
                "limit flask-cors to the paths it keeps first (CORS(app, resources=...),"
                " or CORS(bp) on their blueprint), then give CORSMiddleware paths="
                " entries for the other paths only (a migration in parts)",
            )
            # Its bound wsgi_app is called without its __call__.
            called = ("wsgi_app",) if flask_app is not app else ("__call__", "wsgi_app")
            return _in_own_methods(layer, flask_app, "flask", called)
    django_wsgi = sys.modules.get("django.core.handlers.wsgi")
    if django_wsgi is not None and isinstance(app, django_wsgi.WSGIHandler):
        if any(_is_from("corsheaders", m) for m in _django_middleware(app)):
            answers, signalled = _django_cors_headers_answers(), _django_cors_signalled()
            receivers = (
                ", and disconnect the receivers of its check_request_enabled signal"
                if signalled
                else ""
            )
            layer = InnerLayer(
                f"{subject} is a Django application with django-cors-headers'"
                " CorsMiddleware in MIDDLEWARE",
                "remove it from MIDDLEWARE and give its CORS_* settings to"
                " CORSMiddleware (the guide 'From django-cors-headers' maps each), or"
                " keep django-cors-headers and don't wrap the app",
                None if signalled else answers,
                "limit it with CORS_URLS_REGEX to paths that no CORSMiddleware paths="
                f" entry matches{receivers} (a migration in parts)",
                unread=(
                    "a receiver of its check_request_enabled signal may turn it on for any path"
                    if signalled and answers is not None
                    else None
                ),
            )
            return _in_own_methods(layer, app, "django", ("__call__", "get_response"))
    falcon = sys.modules.get("falcon")
    if falcon is not None and isinstance(app, falcon.App):
        middleware = _read(app, "_unprepared_middleware", ())
        if any(isinstance(m, falcon.CORSMiddleware) for m in middleware):
            return InnerLayer(
                f"{subject} is a falcon.App made with cors_enable=True or falcon.CORSMiddleware",
                "drop those from falcon.App(...) and its add_middleware() calls and give"
                " their options to"
                " CORSMiddleware (allow_methods=None keeps Falcon's preflight headers),"
                " or keep Falcon's and don't wrap the app",
                None,
            )
    return None


def _in_own_methods(
    layer: InnerLayer, holder: object, framework: str, called: tuple[str, ...]
) -> InnerLayer:
    """*layer*, found in *holder*, an application of *framework* (``"flask"``,
    ``"django"``), whose methods *called* (``__call__``, ``wsgi_app``) pass each
    request on to it: as it is where each comes from the framework's classes; else
    what it answers is unknown (every path), since a method of the application's own
    class may pass on another path than it gets (strip a ``/v1``), as a middleware not
    known to keep the path may (``_seen_through``). Unknown too where the class cannot
    be read."""
    own: str | None = f"{_class_name(holder)}.{called[0]}"
    try:
        mro = type(holder).__mro__
        owners = {name: next(cls for cls in mro if name in vars(cls)) for name in called}
        own = next(
            (
                f"{cls.__name__}.{name}"
                for name, cls in owners.items()
                if _package_of(cls) != framework
            ),
            None,
        )
    except Exception:  # a metaclass of the application's may raise for any name
        pass
    if own is None:
        return layer
    return layer._replace(
        answers=None,
        unread=f"in {own}, of the application's own class, which may pass on another path"
        " than it gets",
        apart=None,
    )


def _flask_cors_in(flask_app: Any) -> tuple[str, str, Callable[[str], bool] | None] | None:
    """Where *flask_app* (a ``flask.Flask``) uses flask-cors, how to take it out, and
    what it answers (:attr:`InnerLayer.answers`); or None.

    ``CORS(app)`` adds its function to ``after_request_funcs`` under None, and answers
    the paths its ``resources`` match from their start (read from the function's
    closure; every path where they cannot be read). ``CORS(bp)`` adds it under the
    blueprint's name once it is registered, and answers that blueprint's routes.
    ``@cross_origin`` wraps a view in a function of its own, whose code (a function's
    public ``__code__``) lies in the flask-cors package, under whatever
    :func:`functools.wraps` copied onto it, and under other decorators that keep it as
    ``__wrapped__`` (:func:`inspect.unwrap`), and answers that view's routes. Where
    there are several blueprints and views, the first is named, and what they all
    answer is read."""
    after_request = _read(flask_app, "after_request_funcs", {})
    functions: dict[str | None, list[Any]] = {}
    for name, hooks in after_request.items():
        for function in hooks:
            if _package_of(function) == "flask_cors":
                functions.setdefault(name, []).append(function)
    blueprints = tuple(f"{name}." for name in functions if name is not None)
    views = _cross_origin_views(flask_app)
    if not functions and not views:
        return None
    # What they all answer: each CORS(app)'s resources, and the routes of the
    # blueprints and views.
    decorated = set(views)  # looked up once a rule: thousands of views each, at worst
    rules = [
        rule.rule
        for rule in flask_app.url_map.iter_rules()
        if rule.endpoint in decorated or rule.endpoint.startswith(blueprints)
    ]
    parts = [_resources_answer(function) for function in functions.get(None, ())]
    parts.append(_routes_answer(rules))
    answers = _any_answers(parts)
    if None in functions:
        used, call = "CORS(app)", "CORS(app)"
    elif blueprints:
        used, call = f"CORS(bp) on its blueprint {blueprints[0][:-1]!r}", "CORS(bp)"
    else:
        fix = "remove @cross_origin and give its options to a paths entry for that view's"
        guide = "URL (the guide 'From flask-cors')"
        return f"@cross_origin on its view {views[0]!r}", f"{fix} {guide}", answers
    fix = f"remove {call} and give its options to CORSMiddleware (the guide"
    return used, f"{fix} 'From flask-cors' maps each)", answers


def _any_answers(
    parts: list[Callable[[str], bool] | None],
) -> Callable[[str], bool] | None:
    """What several parts of a layer answer together: None (every path) if one does."""
    known = [part for part in parts if part is not None]
    if len(known) < len(parts):
        return None
    return lambda prefix: any(part(prefix) for part in known)


def _cross_origin_views(flask_app: Any) -> list[str]:
    """The endpoints of *flask_app* whose view flask-cors's ``@cross_origin`` wraps,
    or, for a class-based view, a function of its class (:func:`_view_class_functions`:
    a ``MethodView``'s ``get``)."""
    # A package's directories: a module of the application's own named flask_cors
    # (one file, no __path__) holds no @cross_origin.
    package = list(_read(sys.modules.get("flask_cors"), "__path__", ()))
    if not package:
        return []

    def made_by_flask_cors(function: Any) -> bool:
        filename = _read(_read(function, "__code__"), "co_filename", "")
        return os.path.dirname(filename) in package

    def wrapped_by_flask_cors(function: Any) -> bool:
        try:
            return made_by_flask_cors(inspect.unwrap(function, stop=made_by_flask_cors))
        except Exception:  # a cycle of __wrapped__, or a __wrapped__ that raises
            return False

    return [
        endpoint
        for endpoint, view in _read(flask_app, "view_functions", {}).items()
        if any(map(wrapped_by_flask_cors, [view, *_view_class_functions(view)]))
    ]


def _view_class_functions(view: Any) -> list[Any]:
    """The functions of the class a class-based Flask *view* was made from
    (``View.as_view`` keeps it as ``view_class``), of each class it derives from too:
    those a request may reach (``dispatch_request``, a ``MethodView``'s ``get``) and
    others; none for another view, or where they cannot be read."""
    view_class = _read(view, "view_class")
    if not isinstance(view_class, type):
        return []
    try:
        return [
            _read(value, "__func__", value)  # a staticmethod's or classmethod's
            for cls in view_class.__mro__
            for value in vars(cls).values()
        ]
    except Exception:
        return []


def _resources_answer(after_request: Any) -> Callable[[str], bool] | None:
    """What ``CORS(app)``'s *after_request* function answers: the paths its
    ``resources`` match, read from its closure (:func:`inspect.getclosurevars`), each
    as the flask-cors loaded matches it (:func:`_resource_answer`); None (every path)
    where they cannot be read, or the closure holds none (another version's)."""
    try:
        resources = inspect.getclosurevars(after_request).nonlocals.get("resources", _UNREAD)
        if resources is _UNREAD:
            return None
        case_sensitive = _flask_cors_matches_case()
        return _any_answers([_resource_answer(pattern, case_sensitive) for pattern, _ in resources])
    except Exception:
        return None


#: Stands for a value that was not there to read.
_UNREAD = object()
#: The characters flask-cors takes a resource string holding any of for a pattern
#: (its ``probably_regex``, 4.0 to 6.0.x).
_FLASK_CORS_PATTERN_HINTS = frozenset("*\\]?$^[()")


def _resource_answer(pattern: object, case_sensitive: bool) -> Callable[[str], bool] | None:
    """What one of ``CORS(app)``'s resources answers, as flask-cors matches it against
    a path: a compiled pattern from the path's start (:func:`_may_match_under`); a
    string with a pattern's character (:data:`_FLASK_CORS_PATTERN_HINTS`), which
    flask-cors up to 6.0.3 keeps as it is and matches so too (``re.match``,
    case-insensitively up to 5.x), and 6.0.4 on compiles before keeping it, so that
    one kept anyway is read as the whole path too; any other string as the whole path
    (:func:`_literal_answer`). *case_sensitive*: whether the flask-cors loaded matches
    so (:func:`_flask_cors_matches_case`). None (every path) for anything else, and
    for a string no pattern compiles from."""
    if isinstance(pattern, re.Pattern):
        return lambda prefix: _may_match_under(pattern, prefix)
    if not isinstance(pattern, str):
        return None
    literal = _literal_answer(pattern, case_sensitive)
    if _FLASK_CORS_PATTERN_HINTS.isdisjoint(pattern):
        return literal
    try:
        compiled = re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)
    except re.error:
        return None
    return lambda prefix: _may_match_under(compiled, prefix) or literal(prefix)


def _literal_answer(path: str, case_sensitive: bool) -> Callable[[str], bool]:
    """What a flask-cors resource compared whole with a path answers: *path*, with
    its runs of slashes merged as the prefixes' are (``"/legacy//api"`` is answered on
    a path the ``"/legacy/api"`` entry takes); without *case_sensitive*, in any case
    (flask-cors up to 5.x compares the two by :meth:`str.lower`), as far as both are
    ASCII, and every prefix where one is not."""
    whole = _merged_slashes(path)

    def answers(prefix: str) -> bool:
        base, target = prefix.rstrip("/"), whole
        if not case_sensitive:
            if not (base.isascii() and target.isascii()):
                return True
            base, target = base.lower(), target.lower()
        return is_under(target, base)

    return answers


def _flask_cors_matches_case() -> bool:
    """Whether the flask-cors loaded matches a path with its resources case-sensitively,
    as 6.0 on does (its ``__version__``); where that cannot be read, it is taken not
    to, the reading under which a resource answers more paths."""
    version = str(_read(sys.modules.get("flask_cors"), "__version__", ""))
    major = version.partition(".")[0]
    return major.isdigit() and int(major) >= 6


def _routes_answer(rules: list[str]) -> Callable[[str], bool]:
    """What Flask routes (*rules*, as ``/items/<int:id>``) answer: a route can lie
    under a prefix when its literal start (up to its first ``<converter>``) does, or
    could go on into it. Runs of slashes are merged, as the prefixes' are."""
    starts = [(_merged_slashes(rule.partition("<")[0]), "<" in rule) for rule in rules]

    def answers(prefix: str) -> bool:
        base = prefix.rstrip("/")
        for start, varies in starts:
            if is_under(start, base):
                return True
            if varies and f"{base}/".startswith(start):
                return True
        return False

    return answers


def _django_cors_headers_answers() -> Callable[[str], bool] | None:
    """What django-cors-headers answers: the paths its ``CORS_URLS_REGEX`` setting
    matches from their start (``r"^.*$"`` by default: every path, None)."""
    settings = _read(sys.modules.get("django.conf"), "settings")
    regex = _read(settings, "CORS_URLS_REGEX", r"^.*$")
    try:
        pattern = re.compile(regex)
    except Exception:
        return None
    if pattern.match("/"):
        return None
    return lambda prefix: _may_match_under(pattern, prefix)


def _django_cors_signalled() -> bool:
    """Whether django-cors-headers' ``check_request_enabled`` signal has receivers
    (its public ``has_listeners()``): the middleware answers a path its
    ``CORS_URLS_REGEX`` matches, or any path a receiver says yes for, which cannot be
    read. True where that cannot be read either."""
    signals = sys.modules.get("corsheaders.signals")
    if signals is None:
        return False
    try:
        return bool(signals.check_request_enabled.has_listeners())
    except Exception:
        return True


def _may_match_under(pattern: re.Pattern[str], prefix: str) -> bool:
    """Whether *pattern*, matched from a path's start (``re.match``, as flask-cors and
    django-cors-headers match theirs), may match a path a ``paths`` *prefix* matches
    (itself, or one under it): unless the text every match of each of its top-level
    alternatives starts with (:func:`~wsgi_cors.paths.literal_starts`) parts ways
    with the prefix, it may. A run of slashes counts as one, as for the prefixes
    (``r"^/legacy//api"`` reaches ``/legacy/api``); under IGNORECASE, only the text
    before the first character that is not ASCII is compared. Sound, not exact:
    ``r"^/[lo]egacy/"`` is taken to reach ``/api`` too (a class ends the reading), as is
    ``r"^/(legacy|old)+/"`` (a repeated group), but not ``r"^/(legacy|old)/"``."""
    ignore_case = pattern.flags & re.IGNORECASE
    base = prefix.rstrip("/") + "/"  # "/api/", or "/" for every path
    if ignore_case:
        base = _ascii_lower(base)
    for start in literal_starts(pattern):
        start = _merged_slashes(start)
        if ignore_case:
            start = _ascii_lower(start)
        if start.startswith(base) or base.startswith(start):
            return True
    return False


def _ascii_lower(text: str) -> str:
    """*text* up to its first character that is not ASCII, in lower case: as far as
    IGNORECASE folds as :meth:`str.lower` does (``re`` also matches ``"ı"`` to
    ``"i"`` and ``"ſ"`` to ``"s"``)."""
    return "".join(itertools.takewhile(str.isascii, text)).lower()


def _django_middleware(handler: Any) -> Iterator[object]:
    """The middleware a Django ``WSGIHandler`` loaded, outermost first: its
    ``_middleware_chain`` (Django 2.0 to 5.x), each middleware behind Django's own
    exception wrapper (``__wrapped__``: :func:`inspect.unwrap`), then the next one: a
    class-based middleware's ``get_response`` (the public attribute of Django's
    middleware), or the ``get_response`` a function-style one closes over (Django's
    documented shape; :func:`inspect.getclosurevars`), down to the handler's own
    method. The handler's, not the ``MIDDLEWARE`` setting, which may have changed
    since. A step that raises ends the walk."""
    node = _read(handler, "_middleware_chain")
    for _ in range(_MOST_MIDDLEWARE):
        if node is None:
            return
        try:
            middleware = inspect.unwrap(node)
        except Exception:  # a cycle of __wrapped__, or a __wrapped__ that raises
            return
        yield middleware
        try:
            if inspect.isfunction(middleware):
                node = inspect.getclosurevars(middleware).nonlocals.get("get_response")
            else:
                node = getattr(middleware, "get_response", None)
        except Exception:
            return


#: How many middleware :func:`_django_middleware` reads at most: a chain is a few dozen.
_MOST_MIDDLEWARE = 1000


def _read(value: object, attribute: str, default: Any = None) -> Any:
    """*value*'s *attribute*, or *default* where it has none or reading it raises (an
    object of the application's, whose properties may do anything)."""
    try:
        return getattr(value, attribute, default)
    except Exception:
        return default


def _is_from(package: str, instance: object) -> bool:
    """True when *instance*'s class, or a class it derives from, is defined in
    *package* (a top-level package's name)."""
    return any(_package_of(cls) == package for cls in type(instance).__mro__)


def _package_of(function: object) -> str:
    """The top-level package *function* (or class) was defined in (``__module__`` may
    be None)."""
    return str(_read(function, "__module__") or "").partition(".")[0]
