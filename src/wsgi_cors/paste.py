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
from typing import TYPE_CHECKING, Any

from .caught import caught_warnings
from .config import CORSConfigurationError, Problem
from .middleware import CORSMiddleware
from .sources import CORS_NAMED_OPTIONS, OPTION_NAMES

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

__all__ = ["filter_app_factory"]


def filter_app_factory(
    app: WSGIApplication, global_conf: dict[str, Any], **local_conf: str
) -> CORSMiddleware:
    """Wrap *app* with the filter's ini options (*local_conf*); the ``[DEFAULT]``
    section (*global_conf*) is not read. Errors name the ini option.

    A CORS option (``allow_...``, ``expose_...``) that ``[DEFAULT]`` sets and the
    filter is not given would take its default (``*`` for ``allow_origins``), so it
    is a configuration error, whether it is set there alone (or by a ``set`` line,
    which PasteDeploy moves there) or also by a line the filter's section holds, which
    PasteDeploy then leaves out of *local_conf*. Such a line of the filter's section
    is found by reading the ini file again, and any other option it hides (``debug``)
    is refused too, with the line's own value; every other problem of the section is
    reported with them.

    :raises wsgi_cors.CORSConfigurationError: an unknown option, an invalid value, or
        an option of ours that ``[DEFAULT]`` sets and the filter is not given.
    """
    # The names PasteDeploy gave the filter from [DEFAULT] alone: there, or hidden.
    default_only = global_conf.keys() - local_conf.keys()
    hidden_values = _hidden_options(default_only, global_conf, local_conf)
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
    # Option names are read in any case (from_mapping): Allow_Origins sets one.
    given = {name.lower() for name in [*local_conf, *hidden_values]}
    problems += [
        _unread_problem(name, global_conf[name])
        for name in sorted(default_only)
        if name.lower() in CORS_NAMED_OPTIONS and name.lower() not in given
    ]
    if not problems:
        return CORSMiddleware.from_mapping(app, local_conf)
    # The section as written, for its other problems (all reported at once); not
    # a value PasteDeploy would interpolate (%(name)s), read here as written.
    as_written = {n: v for n, v in hidden_values.items() if "%(" not in v}
    try:
        with caught_warnings("ignore"):  # for a configuration refused all the same
            CORSMiddleware.from_mapping(app, {**local_conf, **as_written})
    except CORSConfigurationError as error:
        problems += error.problems
    except ValueError:  # a CORS layer in the application: told once the options are fixed
        pass
    raise CORSConfigurationError(problems)


def _unread_problem(name: str, value: object) -> Problem:
    """The problem of a CORS option (:data:`~wsgi_cors.sources.CORS_NAMED_OPTIONS`, not
    ``debug``, which Pylons-style files set in ``[DEFAULT]`` for the application) that
    ``[DEFAULT]`` sets, or a ``set name = value`` line (which PasteDeploy moves
    there), and that the filter is not given: the filter's section does not set it,
    or sets it in a way this module does not follow (``use = config:other.ini#cors``,
    ``use = another_section``) and PasteDeploy hides that line. Either way the filter
    would keep the option's default (``allow_origins``: ``*``, every origin)."""
    return Problem(
        name,
        value,
        "is set in [DEFAULT] (or by a 'set' line, or as a variable given to the loader:"
        f" 'pserve app.ini {name}=...'), which the wsgi-cors filter does not read:"
        " PasteDeploy gives a filter only its own section's lines, and leaves out those"
        " [DEFAULT] also sets, so the filter would keep the default (allow_origins='*'"
        " lets every website read the responses)",
        f"remove {name} from [DEFAULT] and set it in the filter's section, as a plain"
        f" line; for the loader's variable, write 'get {name} = {name}' there",
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
