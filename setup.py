"""The one thing pyproject.toml cannot say: the optional C accelerator.

``wsgi_cors._speedups`` does the per-response pass over the application's headers in C
(README, "Speed"). ``optional=True``: where it cannot be compiled (no C compiler or no
Python headers), the build says so and goes on, and wsgi_cors runs its pure-Python code,
which behaves the same.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("wsgi_cors._speedups", ["src/wsgi_cors/_speedups.c"], optional=True),
    ]
)
