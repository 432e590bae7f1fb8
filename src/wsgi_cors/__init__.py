"""wsgi-cors: CORS for any PEP 3333 (WSGI) application.

``CORSMiddleware(app, ...)`` follows ``falcon.CORSMiddleware``'s options and
behaviour, adds a preflight short-circuit, method and header policies, subdomain and
regex origins, and validates its configuration. ``enable_cors(app)`` is the one-line
equivalent of ``falcon.App(cors_enable=True)``. See the README for the contract.
"""

from .config import CORSConfig, CORSConfigurationError, CORSSecurityWarning, Problem
from .middleware import CORSMiddleware, enable_cors
from .policy import CORSPolicy, Grant

__all__ = [
    "CORSConfig",
    "CORSConfigurationError",
    "CORSMiddleware",
    "CORSPolicy",
    "CORSSecurityWarning",
    "Grant",
    "Problem",
    "enable_cors",
]

__version__ = "0.2.0"
