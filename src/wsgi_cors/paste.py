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

from .middleware import CORSMiddleware, logger
from .sources import OPTION_NAMES

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

__all__ = ["filter_app_factory"]


def filter_app_factory(
    app: WSGIApplication, global_conf: dict[str, Any], **local_conf: str
) -> CORSMiddleware:
    """Wrap *app* with the filter's ini options (*local_conf*); the ``[DEFAULT]``
    section (*global_conf*) is not read. Errors name the ini option.

    PasteDeploy leaves out of *local_conf* every line of the filter's section whose
    name ``[DEFAULT]`` also has, so such an option silently takes its default: each
    one the filter's section sets (the ini file is read again to know) is logged at
    WARNING on the ``wsgi_cors`` logger, with the fix.

    :raises wsgi_cors.CORSConfigurationError: an unknown option or an invalid value.
    """
    for name in _hidden_options(global_conf, local_conf):
        logger.warning(
            "the ini file's [DEFAULT] section sets %s, so PasteDeploy leaves the %s line"
            " of the CORS filter's own section out, and the filter keeps its default for"
            " it: remove or rename %s in [DEFAULT].",
            name,
            name,
            name,
        )
    return CORSMiddleware.from_mapping(app, local_conf)


def _hidden_options(global_conf: dict[str, Any], local_conf: dict[str, str]) -> list[str]:
    """The options of ours that a wsgi-cors filter section of the ini file sets and that
    PasteDeploy kept from *local_conf* because ``[DEFAULT]`` sets them too. The file
    (``global_conf["__file__"]``) is read again for the sections' own lines, with
    ``[DEFAULT]`` read as an ordinary section so that it is merged into none; an
    option ``[DEFAULT]`` sets for the application alone (``debug``) is not named."""
    candidates = OPTION_NAMES & global_conf.keys() - local_conf.keys()
    path = global_conf.get("__file__")
    if not candidates or not isinstance(path, str):
        return []
    parser = configparser.RawConfigParser(default_section="\0 none", strict=False)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeError):
        return []
    own: set[str] = set()
    for section in parser.sections():
        use = parser.get(section, "use", fallback="")
        if section.startswith("filter:") and "wsgi-cors" in use.replace("_", "-").lower():
            own.update(parser.options(section))
    return sorted(candidates & own)
