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

from .middleware import CORSMiddleware

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

__all__ = ["filter_app_factory"]


def filter_app_factory(
    app: WSGIApplication, global_conf: dict[str, Any], **local_conf: str
) -> CORSMiddleware:
    """Wrap *app* with the filter's ini options (*local_conf*); the ``[DEFAULT]``
    section (*global_conf*) is not read. Errors name the ini option.

    :raises wsgi_cors.CORSConfigurationError: an unknown option or an invalid value.
    """
    return CORSMiddleware.from_mapping(app, local_conf)
