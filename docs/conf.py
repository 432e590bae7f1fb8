"""Sphinx configuration for wsgi-cors. Build: python -m sphinx -W docs docs/_build"""

import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "src")))

import wsgi_cors  # noqa: E402

project = "wsgi-cors"
release = version = wsgi_cors.__version__
author = "The wsgi-cors developers"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.intersphinx"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# No inventories are fetched: the build must work without a network.
intersphinx_mapping = {}
# Every cross-reference to wsgi-cors's own names must resolve (a typo or a private
# name in a docstring fails the build). Without inventories the standard library's
# names cannot, nor can names that exist for type checkers only: those render as code.
nitpicky = True
nitpick_ignore_regex = [
    # (_py_warnings: where Python 3.14 defines warnings.WarningMessage.)
    (r"py:.*", r"(collections\.abc|re|functools|os|time|logging|_py_warnings|warnings)(\..*)?"),
    (r"py:class", r"WSGIApplication|WSGIEnvironment|StartResponse|_M|(wsgi_cors\.paths\.)?T"),
]
exclude_patterns = ["_build"]

html_theme = "furo"
html_title = f"wsgi-cors {release}"
html_static_path = ["_static"]
# Tables and code that fit a 390 px phone as well as a 1280 px screen
# (tests/browser/test_docs_pages.py measures both).
html_css_files = ["custom.css"]
html_theme_options = {
    "navigation_with_keys": True,
}
