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

from .caught import caught_warnings
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
        # Option names are read in any case (from_mapping): Allow_Origins sets one.
        set_here = {name.lower() for name in local_conf}
        default_names = {name.lower() for name in default_only} - set_here
        unread = [name for name in CORS_NAMED_OPTIONS if name in default_names]
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
        with caught_warnings("ignore"):  # for a configuration refused all the same
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
    *local_conf* lacks, an option's name in any case), with their values, that this
    filter's wsgi-cors section of the ini file (``[filter:...]`` or
    ``[filter-app:...]``, by ``use = egg:wsgi-cors`` or its factory) sets and that
    PasteDeploy kept from *local_conf* because ``[DEFAULT]`` sets them too. The file
    (``global_conf["__file__"]``) is read again for the sections' own lines
    (:func:`_own_lines`), with ``[DEFAULT]`` read as an ordinary section so that it is
    merged into none; an option ``[DEFAULT]`` sets for the application alone is not
    named.

    PasteDeploy does not say which section the filter is. With one wsgi-cors section
    in the file, it is that one; with several, the one whose other lines are
    *local_conf* (:func:`_is_the_section`), and where none is, every one's hidden
    options are taken (the filter is refused rather than left at a default)."""
    candidates = {name for name in default_only if name.lower() in OPTION_NAMES}
    path = global_conf.get("__file__")
    if not candidates or not isinstance(path, str):
        return {}
    parser = _AsWritten(default_section="\0 none", strict=False)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeError):
        return {}
    sections = [
        _own_lines(parser, section)
        for section in parser.sections()
        if section.startswith(("filter:", "filter-app:")) and _is_ours(parser, section)
    ]
    if len(sections) > 1:
        the_one = [s for s in sections if _is_the_section(*s, global_conf, local_conf)]
        sections = the_one or sections
    own: dict[str, str] = {}
    for lines, hideable in sections:
        own.update((name, lines[name]) for name in hideable)
    return {name: own[name] for name in sorted(candidates & own.keys())}


class _AsWritten(configparser.RawConfigParser):
    """The ini file read with each name as written: PasteDeploy keeps their case
    (its ``ConfigLoader``), where :mod:`configparser` lowers it."""

    def optionxform(self, optionstr: str) -> str:
        return optionstr


def _is_ours(parser: configparser.RawConfigParser, section: str) -> bool:
    """Whether *section* is a wsgi-cors filter: ``use = egg:wsgi-cors`` (or
    ``egg:wsgi_cors``, ``call:wsgi_cors...``) or its factory named."""
    use = parser.get(section, "use", fallback="").replace("_", "-").lower()
    factory = parser.get(section, "paste.filter_app_factory", fallback="")
    return "wsgi-cors" in use or factory.startswith("wsgi_cors")


def _own_lines(
    parser: configparser.RawConfigParser, section: str
) -> tuple[dict[str, str], set[str]]:
    """The options *section*'s own lines give the filter, as PasteDeploy reads them
    (its ``ConfigLoader.get_context``), with the names of those ``[DEFAULT]`` can hide:
    a ``set name = value`` line goes to ``[DEFAULT]``'s options instead, and a ``get
    name = other`` line gives the filter ``[DEFAULT]``'s *other* (never hidden; its
    value is not known here, and is written as ``%(other)s``)."""
    lines: dict[str, str] = {}
    hideable: set[str] = set()
    fetched: dict[str, str] = {}
    for name in parser.options(section):
        value = parser.get(section, name)
        if name in _PASTE_KEYS or name.startswith("set "):
            continue
        if name.startswith("get "):
            fetched[name[4:].strip()] = f"%({value.strip()})s"
            continue
        lines[name] = value
        hideable.add(name)
    hideable -= fetched.keys()
    return {**lines, **fetched}, hideable


def _is_the_section(
    lines: dict[str, str],
    hideable: set[str],
    global_conf: dict[str, Any],
    local_conf: dict[str, str],
) -> bool:
    """Whether a section's own *lines* (:func:`_own_lines`) are what PasteDeploy made
    *local_conf* of: the same options, but those of *hideable* that ``[DEFAULT]``
    hides, with the same values (but those it interpolates, with a ``%`` in them,
    which are read here as written)."""
    shown = {name for name in lines if name not in hideable or name not in global_conf}
    ours = {name for name in local_conf if name not in _PASTE_KEYS}
    return shown == ours and all(
        "%" in lines[name] or lines[name] == local_conf[name] for name in shown
    )
