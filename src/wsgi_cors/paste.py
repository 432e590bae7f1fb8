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
    option of ours that ``[DEFAULT]`` sets is logged at WARNING on the ``wsgi_cors``
    logger, with the fix.

    :raises wsgi_cors.CORSConfigurationError: an unknown option or an invalid value.
    """
    for name in sorted(OPTION_NAMES & global_conf.keys() - local_conf.keys()):
        logger.warning(
            "the ini file's [DEFAULT] section sets %s, so PasteDeploy leaves a %s line of"
            " the CORS filter's own section out, and the filter keeps its default for it."
            " If the filter's section sets %s, remove or rename it in [DEFAULT].",
            name,
            name,
            name,
        )
    return CORSMiddleware.from_mapping(app, local_conf)
