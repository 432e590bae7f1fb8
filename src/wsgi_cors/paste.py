"""The PasteDeploy filter: ``[filter:cors] use = egg:wsgi-cors`` in an ini pipeline.

Registered as the ``paste.filter_app_factory`` entry point named ``main`` of the
``wsgi-cors`` distribution. The filter's ini options are the keywords of
:class:`~wsgi_cors.CORSMiddleware`, written as :meth:`~wsgi_cors.CORSMiddleware.from_mapping`
reads text::

    [filter:cors]
    use = egg:wsgi-cors
    allow_origins = https://app.example.com https://admin.example.com
    allow_credentials = https://app.example.com
    max_age = 600

    [pipeline:main]
    pipeline = cors myapp
"""

from __future__ import annotations

import configparser
import warnings
from typing import TYPE_CHECKING, Any

from .config import CORSConfigurationError, CORSSecurityWarning, Problem, caller_stacklevel
from .middleware import CORSMiddleware
from .sources import CORS_NAMED_OPTIONS, OPTION_NAMES

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

__all__ = ["filter_app_factory"]


def filter_app_factory(
    app: WSGIApplication, global_conf: dict[str, Any], **local_conf: str
) -> CORSMiddleware:
    """Wrap *app* with the filter's ini options (*local_conf*); the ``[DEFAULT]``
    section (*global_conf*) is not read, and a CORS option set there alone is warned
    of (:class:`~wsgi_cors.CORSSecurityWarning`). Errors name the ini option.

    PasteDeploy leaves out of *local_conf* every line of the filter's section whose
    name ``[DEFAULT]`` also has, so such an option would silently take its default
    (``*`` for a hidden ``allow_origins``): each one the filter's section sets (the ini
    file is read again to know) is a configuration error, with the fix, reported with
    every other problem of the section (its hidden lines read with their own values).

    :raises wsgi_cors.CORSConfigurationError: an unknown option, an invalid value, or
        an option of the filter's section hidden by ``[DEFAULT]``.
    """
    # The names PasteDeploy gave the filter from [DEFAULT] alone: there, or hidden.
    default_only = global_conf.keys() - local_conf.keys()
    hidden_values = _hidden_options(default_only, global_conf, local_conf)
    if not hidden_values:
        unread = [name for name in CORS_NAMED_OPTIONS if name in default_only]
        if unread:
            warning = _default_only_warning(unread)
            warnings.warn(warning, CORSSecurityWarning, stacklevel=caller_stacklevel())
        return CORSMiddleware.from_mapping(app, local_conf)
    problems = [
        Problem(
            name,
            value,
            "is hidden by the [DEFAULT] section, which sets it too: PasteDeploy leaves"
            " the filter's own line out, and the filter would keep its default",
            f"remove or rename {name} in [DEFAULT]",
        )
        for name, value in hidden_values.items()
    ]
    # The section as written, for its other problems (all reported at once); not
    # a value PasteDeploy would interpolate (%(name)s), read here as written.
    as_written = {n: v for n, v in hidden_values.items() if "%(" not in v}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # for a configuration refused all the same
            CORSMiddleware.from_mapping(app, {**local_conf, **as_written})
    except CORSConfigurationError as error:
        problems += error.problems
    raise CORSConfigurationError(problems)


def _default_only_warning(unread: list[str]) -> str:
    """The warning for CORS options (:data:`~wsgi_cors.sources.CORS_NAMED_OPTIONS`,
    not ``debug``, which Pylons-style files set in ``[DEFAULT]`` for the application)
    that ``[DEFAULT]`` sets, or a ``set name = value`` line (which PasteDeploy moves
    there), and the filter's section does not: the filter never sees them, and takes
    each one's default (``allow_origins``: ``*``, every origin)."""
    names = ", ".join(unread)
    return (
        f"[DEFAULT] (or a 'set' line) sets {names}, which the wsgi-cors filter does not"
        f" read: PasteDeploy gives a filter only its own section's lines, so the filter"
        f" keeps the default{'s' if len(unread) > 1 else ''} (allow_origins='*' lets every"
        f" website read the responses). Move {names} from there to the filter's section,"
        f" as plain lines"
    )


# Lines of a filter section that are PasteDeploy's own, not options.
_PASTE_KEYS = frozenset({"use", "next", "paste.filter_app_factory", "paste.filter_factory"})


def _hidden_options(
    default_only: set[str], global_conf: dict[str, Any], local_conf: dict[str, str]
) -> dict[str, str]:
    """The options of ours among *default_only* (the names ``[DEFAULT]`` sets and
    *local_conf* lacks), with their values, that this filter's wsgi-cors section of
    the ini file (``[filter:...]`` or ``[filter-app:...]``, by ``use = egg:wsgi-cors``
    or its factory) sets and that PasteDeploy kept from *local_conf* because
    ``[DEFAULT]`` sets them too. The file (``global_conf["__file__"]``) is read again
    for the sections' own lines, with ``[DEFAULT]`` read as an ordinary section so that
    it is merged into none; an option ``[DEFAULT]`` sets for the application alone is
    not named. PasteDeploy does not say which section the filter is: it is the one
    whose other lines are *local_conf* (:func:`_is_the_section`)."""
    candidates = OPTION_NAMES & default_only
    path = global_conf.get("__file__")
    if not candidates or not isinstance(path, str):
        return {}
    parser = configparser.RawConfigParser(default_section="\0 none", strict=False)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeError):
        return {}
    own: dict[str, str] = {}
    for section in parser.sections():
        if not section.startswith(("filter:", "filter-app:")):
            continue
        use = parser.get(section, "use", fallback="").replace("_", "-").lower()
        factory = parser.get(section, "paste.filter_app_factory", fallback="")
        if "wsgi-cors" in use or factory.startswith("wsgi_cors"):
            lines = {
                name: parser.get(section, name)
                for name in parser.options(section)
                if name not in _PASTE_KEYS
            }
            if _is_the_section(lines, global_conf, local_conf):
                own.update(lines)
    return {name: own[name] for name in sorted(candidates & own.keys())}


def _is_the_section(
    lines: dict[str, str], global_conf: dict[str, Any], local_conf: dict[str, str]
) -> bool:
    """Whether a section's own *lines* are what PasteDeploy made *local_conf* of: the
    same options, but those ``[DEFAULT]`` hides, with the same values (but those it
    interpolates, ``%(name)s``, which are read here as written)."""
    shown = {name for name in lines if name not in global_conf}
    ours = {name for name in local_conf if name not in _PASTE_KEYS}
    return shown == ours and all(
        "%(" in lines[name] or lines[name] == local_conf[name] for name in shown
    )
