"""Configuration outside code (docs/configuration.rst, 'Configuration outside the code'):
``CORSMiddleware.from_mapping``, ``from_env`` and the PasteDeploy filter, through the same
validation as the keywords, with errors naming the key as the user wrote it."""

from __future__ import annotations

import inspect
import re
import textwrap
import warnings
from pathlib import Path
from typing import Any

import pytest

from wsgi_call import call, plain_app
from wsgi_cors import CORSConfigurationError, CORSMiddleware, CORSSecurityWarning
from wsgi_cors.paste import filter_app_factory
from wsgi_cors.sources import OPTION_NAMES, options_from_mapping

A = "https://a.example"
B = "https://b.example"

# (text value, option, parsed)
PARSED = [
    ("https://a.example https://b.example", "allow_origins", [A, B]),
    ("https://a.example,https://b.example", "allow_origins", [A, B]),
    (" https://a.example ,\n https://b.example ", "allow_origins", [A, B]),
    ("*", "allow_origins", "*"),
    ("", "allow_origins", []),
    ("https://a.example\u3000https://b.example", "allow_origins", [A, B]),
    ("none", "allow_credentials", None),
    ("", "allow_credentials", None),
    ("*", "allow_credentials", "*"),
    ("X-Request-Id, X-Total", "expose_headers", ["X-Request-Id", "X-Total"]),
    ("GET PUT QUERY", "allow_methods", ["GET", "PUT", "QUERY"]),
    ("None", "allow_methods", None),
    ("*", "allow_headers", "*"),
    ("600", "max_age", 600),
    ("none", "max_age", None),
    ("TRUE", "debug", True),
    ("yes", "allow_private_network", True),
    ("0", "allow_private_network", False),
    ("off", "debug", False),
    (r"https://[a-z]+\.example\.org", "allow_origin_regex", r"https://[a-z]+\.example\.org"),
    ("none", "allow_origin_regex", None),
    # Found untested by a mutation review:
    ("on", "allow_private_network", True),
    ("ON", "debug", True),
    ("", "allow_origin_regex", None),  # empty: None, as for every other option
    ("http://[::1]", "allow_origins", ["http://[::1]"]),  # brackets of an IPv6 address
    ("http://[::1]:8000 https://a.example", "allow_origins", ["http://[::1]:8000", A]),
    # a regex is read as written, "#" and all (a verbose pattern's comment)
    (
        r"(?x) https://app\.example\.com  # production",
        "allow_origin_regex",
        r"(?x) https://app\.example\.com  # production",
    ),
]


@pytest.mark.parametrize("text, option, parsed", PARSED)
def test_text_values_are_parsed(text: str, option: str, parsed: Any) -> None:
    options, labels, problems = options_from_mapping({option: text})
    assert options == {option: parsed}
    assert labels == {option: option}
    assert problems == []


def test_values_that_are_not_text_are_kept() -> None:
    mapping = {"allow_origins": (A, B), "max_age": 60, "debug": True, "allow_credentials": None}
    options, _, _ = options_from_mapping(mapping)
    assert options == mapping


def test_from_mapping_builds_the_middleware() -> None:
    app = CORSMiddleware.from_mapping(
        plain_app, {"allow_origins": f"{A} {B}", "allow_credentials": A, "max_age": "600"}
    )
    assert app.policy.config.allow_origins == (A, B)
    assert app.policy.config.max_age == 600
    response = call(app, headers={"Origin": A})
    assert response.cors() == {
        "access-control-allow-origin": A,
        "access-control-allow-credentials": "true",
    }


def test_flask_app_config_with_a_prefix() -> None:
    flask = pytest.importorskip("flask")
    flask_app = flask.Flask(__name__)
    flask_app.config.update(
        CORS_ALLOW_ORIGINS=[A], CORS_EXPOSE_HEADERS="X-Request-Id", SECRET_KEY="unrelated"
    )
    flask_app.wsgi_app = CORSMiddleware.from_mapping(  # type: ignore[method-assign]
        flask_app.wsgi_app, flask_app.config, prefix="CORS_"
    )
    config = flask_app.wsgi_app.policy.config
    assert (config.allow_origins, config.expose_headers) == ((A,), "X-Request-Id")


@pytest.mark.parametrize(
    ("variable", "value", "shown"),
    [
        ("CORS_ALLOW_ORIGINS", "http://localhost:*", "CORS_ALLOW_ORIGIN_REGEX=([^ ,;]+)$"),
        (
            "CORS_ALLOW_ORIGIN_REGEX",
            r"https://HOST\.example\.com",
            r"write it as (https://host\\\.example\\\.com)$",
        ),
    ],
)
def test_a_pattern_in_an_environment_fix_is_text_to_write(
    variable: str, value: str, shown: str
) -> None:
    """A fix read from the environment shows a pattern as the text to set, not as a
    Python raw string, which the parser refuses in a variable (a review: following the
    fix, CORS_ALLOW_ORIGIN_REGEX=r'...', gave a second error). Set as shown, it is
    accepted; from a mapping, which may be Python, the r'...' stays."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ={variable: value})
    fix = caught.value.problems[0].fix
    written = re.search(shown, fix)
    assert written is not None, fix
    assert "r'" not in fix, fix
    app = CORSMiddleware.from_env(plain_app, environ={"CORS_ALLOW_ORIGIN_REGEX": written[1]})
    assert app.policy.config.allow_origin_regex is not None
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, {variable: value}, prefix="CORS_")
    assert "r'" in caught.value.problems[0].fix


def test_from_env() -> None:
    environ = {
        "CORS_ALLOW_ORIGINS": f"{A}, {B}",
        "CORS_ALLOW_METHODS": "GET PUT",
        "CORS_MAX_AGE": "none",
        "cors_debug": "true",  # another prefix: the environment is case-sensitive
        "PATH": "/usr/bin",
    }
    app = CORSMiddleware.from_env(plain_app, environ=environ)
    config = app.policy.config
    assert config.allow_origins == (A, B)
    assert config.allow_methods == ("GET", "PUT")
    assert config.max_age is None
    assert config.debug is False


@pytest.mark.parametrize(
    ("environ", "error", "says"),
    [
        ({"CORS_PATHS": "/a"}, CORSConfigurationError, "CORS_PATHS: '/a' cannot be written"),
        ({"CORS_MAX_AGE": "x"}, CORSConfigurationError, "CORS_MAX_AGE: 'x' is not a whole"),
        ({"CORS_MAX_AGE": "5"}, ValueError, "flask-cors's CORS\\(app\\)"),
    ],
)
def test_settings_problems_come_before_a_cors_layer_inside_the_app(
    environ: dict[str, str], error: type[Exception], says: str
) -> None:
    """A value the settings could not give was reported as the application's CORS
    layer (the middleware was made without it): the settings' own problems come first,
    then the layer (a review)."""
    pytest.importorskip("flask_cors", reason="flask-cors is in the 'test' extra")
    import flask
    from flask_cors import CORS

    flask_app = flask.Flask("with_flask_cors")
    CORS(flask_app)
    with pytest.raises(error, match=says):
        CORSMiddleware.from_env(flask_app.wsgi_app, environ=environ)


def test_from_env_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MYAPP_CORS_ALLOW_ORIGINS", A)
    app = CORSMiddleware.from_env(plain_app, prefix="MYAPP_CORS_")
    assert app.policy.config.allow_origins == (A,)


# (read by, settings, prefix, the key the warning offers after "is set: pass prefix=")
NOTHING_READ = [
    ("from_env", {}, "CORS_", None),
    ("from_env", {"PATH": "/usr/bin", "FLASK_DEBUG": "1", "CACHE_MAX_AGE": "60"}, "CORS_", None),
    ("from_env", {"CORS_ALLOW_ORIGINS": A}, "CROS_", ("CORS_ALLOW_ORIGINS", "CORS_")),
    ("from_env", {"cors_allow_origins": A}, "CORS_", ("cors_allow_origins", "cors_")),
    ("from_env", {"V2_EXPOSE_HEADERS": "X-Id"}, "CORS_", ("V2_EXPOSE_HEADERS", "V2_")),
    ("from_env", {"ALLOW_ORIGINS": A}, "CORS_", None),  # prefix='' would read PATH too
    ("from_mapping", {"SECRET_KEY": "s", "DEBUG": True}, "CORS_", None),
    ("from_mapping", {"CROS_ALLOW_CREDENTIALS": A}, "CORS_", ("CROS_ALLOW_CREDENTIALS", "CROS_")),
    ("from_mapping", {"SECRET_KEY": "s"}, "MyApp_", None),  # keys spelled as errors spell them
    ("from_mapping", {"SECRET_KEY": "s"}, "cors_", None),
]  # fmt: skip


@pytest.mark.parametrize(("read_by", "settings", "prefix", "offered"), NOTHING_READ)
def test_settings_with_nothing_to_read_warn_that_every_origin_is_allowed(
    read_by: str, settings: dict[str, Any], prefix: str, offered: tuple[str, str] | None
) -> None:
    """A prefix no key starts with (mistyped, or the variables set in one shell and
    not in the server's) leaves every option at its default, allow_origins='*': said
    with a CORSSecurityWarning that names a key with another prefix, if any, and the
    prefix to pass. Only the CORS words (allow_..., expose_...) count: FLASK_DEBUG or
    CACHE_MAX_AGE are anyone's."""
    read = getattr(CORSMiddleware, read_by)
    source = {"environ": settings} if read_by == "from_env" else {"mapping": settings}
    with pytest.warns(CORSSecurityWarning) as caught:
        app = read(plain_app, prefix=prefix, **source)
    assert app.policy.config.allow_origins == "*"
    (warning,) = caught
    message = str(warning.message)
    assert message.startswith(f"{read_by}() read no ")
    assert f"starting with {prefix!r}" in message
    origins_key = prefix + ("ALLOW_ORIGINS" if prefix.isupper() else "allow_origins")
    assert f"Set {origins_key} to the origins to trust" in message
    if offered is None:
        assert "is set" not in message
    else:
        key, other = offered
        assert f"({key} is set: pass prefix={other!r})" in message
    assert warning.filename == __file__  # the caller's line, not the library's


@pytest.mark.parametrize(
    "read",
    [
        lambda: CORSMiddleware.from_env(plain_app, environ={"CORS_ALLOW_ORIGINS": "*"}),
        lambda: CORSMiddleware.from_env(plain_app, environ={"CORS_MAX_AGE": "600"}),
        lambda: CORSMiddleware.from_mapping(plain_app, {}),  # no prefix: nothing to miss
        lambda: CORSMiddleware.from_mapping(plain_app, {"cors_max_age": 6}, prefix="CORS_"),
    ],
    ids=["star", "another-option", "no-prefix", "any-case"],
)
def test_settings_read_do_not_warn(read: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read()


def test_errors_name_the_key_as_written() -> None:
    environ = {
        "CORS_ALLOW_ORIGINS": "https://a.example/ https://b.example",
        "CORS_MAX_AGE": "ten minutes",
        "CORS_DEBUG": "maybe",
        "CORS_ALLOW_ORIGIN": A,
        "CORS_ALLOW_CREDENTIALS": "https://c.example",
    }
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ=environ)
    problems = {problem.option: problem for problem in caught.value.problems}
    assert set(problems) == {
        "CORS_ALLOW_ORIGINS",
        "CORS_MAX_AGE",
        "CORS_DEBUG",
        "CORS_ALLOW_ORIGIN",
        "CORS_ALLOW_CREDENTIALS",
    }
    assert "drop the trailing '/'" in problems["CORS_ALLOW_ORIGINS"].fix
    assert problems["CORS_ALLOW_ORIGIN"].fix == "did you mean CORS_ALLOW_ORIGINS?"
    assert "CORS_MAX_AGE: 'ten minutes' is not a whole number" in str(caught.value)


@pytest.mark.parametrize(
    "key, text, fragment",
    [
        ("CORS_MAX_AGE", "6_00", "is not a whole number of seconds"),
        ("CORS_MAX_AGE", "+600", "is not a whole number of seconds"),
        ("CORS_MAX_AGE", "\u0666\u0660", "is not a whole number of seconds"),
        ("CORS_MAX_AGE", "-5", "is outside 0..86400 seconds"),
        ("CORS_MAX_AGE", "--5", "is not a whole number of seconds"),
        ("CORS_ALLOW_ORIGINS", "none", "leave the key out to allow every origin"),
        ("CORS_ALLOW_CREDENTIALS", "true", "'*' for every origin CORS_ALLOW_ORIGINS allows"),
        # Every name of ours in the key it is set by, the peers' as they write them (a
        # review: an apostrophe read as a quote left "allow_origins" in this one).
        ("CORS_ALLOW_CREDENTIALS", "true", "which needs CORS_ALLOW_ORIGINS to list them"),
        ("CORS_ALLOW_CREDENTIALS", "true", "'allow_credentials=True' in Starlette"),
    ],
)
def test_text_that_is_refused(key: str, text: str, fragment: str) -> None:
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ={key: text})
    (problem,) = caught.value.problems
    assert problem.option == key
    assert fragment in problem.why + problem.fix


@pytest.mark.parametrize(
    "key, fix",
    [
        # django-cors-headers' settings, as a Django user has them
        ("CORS_PREFLIGHT_MAX_AGE", "did you mean CORS_MAX_AGE?"),
        ("CORS_ALLOWED_ORIGINS", "did you mean CORS_ALLOW_ORIGINS?"),
        ("CORS_ALLOW_ALL_ORIGINS", "use CORS_ALLOW_ORIGINS='*' for True (the default); for False"),
        # the environment cannot set CORS_PATHS: these are told the code (reviewer's F4)
        ("CORS_URLS_REGEX", "per-path policies are a dict, which text cannot set: give them"),
        # flask-cors's, in Flask's app.config
        ("CORS_SUPPORTS_CREDENTIALS", "use CORS_ALLOW_CREDENTIALS, which names origins"),
        ("CORS_ORIGINS", "did you mean CORS_ALLOW_ORIGINS?"),
        ("CORS_RESOURCES", "per-path policies are a dict, which text cannot set: give them"),
        ("CORS_ALWAYS_SEND", "drop it: a request without Origin gets '*' under"),
        # neither: the closest of ours
        ("CORS_ALLOW_ORIGN", "did you mean CORS_ALLOW_ORIGINS?"),
        # django-cors-headers' prefix written a second time, and a typo
        ("CORS_CORS_DEBU", "did you mean CORS_DEBUG?"),
    ],
)
def test_a_peers_setting_names_ours(key: str, fix: str) -> None:
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ={key: "1"})
    (problem,) = caught.value.problems
    assert (problem.option, problem.why) == (key, "is not a CORS option")
    assert problem.fix.startswith(fix), problem.fix


@pytest.mark.parametrize(
    ("mapping", "prefix", "spelled"),
    [
        ({"CORS_FOO": "1"}, "CORS_", lambda name: "CORS_" + name.upper()),
        ({"myapp_cors_foo": 1}, "MYAPP_CORS_", lambda name: "myapp_cors_" + name),
        ({"foo": 1}, "", lambda name: name),
    ],
)
def test_the_list_of_options_names_every_one_as_the_user_writes_keys(
    mapping: dict[str, object], prefix: str, spelled: Any
) -> None:
    """The single words debug and paths too (a migration walkthrough saw them bare
    under a prefix, where only CORS_DEBUG and CORS_PATHS work)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, mapping, prefix=prefix)
    (problem,) = caught.value.problems
    names = ", ".join(spelled(name) for name in sorted(OPTION_NAMES))
    assert problem.fix == f"the options are {names}"
    assert spelled("debug") in problem.fix and spelled("paths") in problem.fix


def test_a_wsgicors_policys_own_options_are_told_ours() -> None:
    """An ini section or settings carried over from wsgicors (``policy = web``,
    ``web_origin = ...``): each of the named policies' options is told ours, without
    the policy's name; a key that only looks so is not (a migration walkthrough, then a
    review: ``regex_origin`` was told allow_origins, by a guess without the policy key)."""
    mapping = {
        "CORS_POLICY": "web, my_api",
        "CORS_WEB_ORIGIN": "https://app.example.com",
        "CORS_MY_API_MAXAGE": "600",  # a policy's name may hold "_"
        "CORS_REGEX_ORIGIN": "x",
    }
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, mapping, prefix="CORS_")
    fixes = {problem.option: problem.fix for problem in caught.value.problems}
    assert fixes["CORS_POLICY"].startswith("drop it: a CORSMiddleware is one policy")
    assert (
        fixes["CORS_WEB_ORIGIN"]
        == "use CORS_ALLOW_ORIGINS (wsgicors's policy 'web': its name goes)"
    )
    assert (
        fixes["CORS_MY_API_MAXAGE"]
        == "use CORS_MAX_AGE (wsgicors's policy 'my_api': its name goes)"
    )
    assert "wsgicors" not in fixes["CORS_REGEX_ORIGIN"]
    # Without a policy key, no key is read as a policy's.
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, {"web_origin": "https://app.example.com"})
    assert "wsgicors" not in caught.value.problems[0].fix


def test_type_errors_name_the_key() -> None:
    with pytest.raises(TypeError, match=r"^CORS_MAX_AGE: expected int seconds or None"):
        CORSMiddleware.from_mapping(plain_app, {"CORS_MAX_AGE": 1.5}, prefix="CORS_")


def test_without_a_prefix_every_key_must_be_an_option() -> None:
    with pytest.raises(
        CORSConfigurationError, match="origins: .* is not a CORS option; did you mean allow_origins"
    ):
        CORSMiddleware.from_mapping(plain_app, {"origins": A})
    with pytest.raises(CORSConfigurationError, match="paths: .* cannot be written as text"):
        CORSMiddleware.from_mapping(plain_app, {"paths": "/api"})


def test_paths_given_as_a_mapping_value() -> None:
    app = CORSMiddleware.from_mapping(
        plain_app, {"allow_origins": A, "paths": {"/api": {"allow_origins": [B]}}}
    )
    assert call(app, "GET", "/api/x", {"Origin": B}).cors()["access-control-allow-origin"] == B
    assert call(app, "GET", "/x", {"Origin": A}).cors() == {}


# -- PasteDeploy ------------------------------------------------------------------------------


def paste_plain_app(global_conf: dict[str, Any], **local_conf: str) -> Any:
    """A PasteDeploy app factory (``use = call:test_sources:paste_plain_app``)."""
    return plain_app


def paste_cors_app(global_conf: dict[str, Any], **local_conf: str) -> Any:
    """An application with a CORS layer of its own (``use = call:...``)."""
    return CORSMiddleware(plain_app, allow_origins=[A])


def paste_pyramid_app(global_conf: dict[str, Any], **settings: str) -> Any:
    """A Pyramid app factory, as ``pserve`` loads one (``use = call:...``)."""
    from apps import ViewCounter, make_pyramid_app

    return make_pyramid_app(ViewCounter())


def load(tmp_path: Path, ini: str) -> Any:
    loadapp = pytest.importorskip("paste.deploy").loadapp
    path = tmp_path / "app.ini"
    path.write_text(textwrap.dedent(ini))
    return loadapp(f"config:{path}")


def test_paste_deploy_pipeline(tmp_path: Path) -> None:
    app = load(
        tmp_path,
        """
        [pipeline:main]
        pipeline = cors api

        [filter:cors]
        use = egg:wsgi-cors
        allow_origins = https://a.example
            https://b.example
        allow_credentials = https://a.example
        max_age = 600

        [app:api]
        use = call:test_sources:paste_plain_app
        """,
    )
    assert isinstance(app, CORSMiddleware)
    preflight = {"Origin": A, "Access-Control-Request-Method": "PUT"}
    response = call(app, "OPTIONS", "/items", preflight)
    assert response.status == "204 No Content"
    assert response.cors()["access-control-max-age"] == "600"
    assert response.cors()["access-control-allow-credentials"] == "true"


def test_paste_deploy_pyramid_app_as_pserve_loads_it(tmp_path: Path) -> None:
    pytest.importorskip("pyramid")
    app = load(
        tmp_path,
        """
        [app:myapp]
        use = call:test_sources:paste_pyramid_app

        [filter:cors]
        use = egg:wsgi-cors#main

        [pipeline:main]
        pipeline = cors myapp
        """,
    )
    preflight = {
        "Origin": A,
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "content-type",
    }
    response = call(app, "OPTIONS", "/items", preflight)
    assert response.status == "204 No Content"  # Pyramid alone answers 404
    assert response.cors()["access-control-allow-origin"] == "*"
    assert call(app, "GET", "/items", {"Origin": A}).status == "200 OK"


def test_paste_deploy_errors_name_the_ini_option(tmp_path: Path) -> None:
    with pytest.raises(CORSConfigurationError) as caught:
        load(
            tmp_path,
            """
            [filter:cors]
            use = egg:wsgi-cors
            allow_origin = https://a.example
            max_age = forever

            [app:api]
            use = call:test_sources:paste_plain_app

            [pipeline:main]
            pipeline = cors api
            """,
        )
    assert {p.option for p in caught.value.problems} == {"allow_origin", "max_age"}


def test_a_mapping_may_set_every_keyword_of_the_middleware_and_nothing_else():
    keywords = set(inspect.signature(CORSMiddleware).parameters) - {"app"}
    assert OPTION_NAMES == keywords


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: CORSMiddleware.from_mapping(plain_app, None), "mapping: expected a mapping"),
        (
            lambda: CORSMiddleware.from_mapping(plain_app, [("allow_origins", "*")]),
            "mapping: expected a mapping",
        ),
        (
            lambda: CORSMiddleware.from_mapping(plain_app, {"allow_origins": "*"}, prefix=None),
            "prefix: expected str",
        ),
        (
            lambda: CORSMiddleware.from_env(plain_app, environ=[("CORS_MAX_AGE", "1")]),
            "environ: expected a mapping",
        ),
        (lambda: CORSMiddleware.from_env(plain_app, prefix=None, environ={}), "prefix: expected"),
        (lambda: CORSMiddleware(plain_app, paths={"/a": {1: 2}}), "option names must be str"),
    ],
)
def test_arguments_of_the_wrong_type_are_type_errors(build: Any, message: str) -> None:
    """Each was an AttributeError from inside the library (found by a configuration
    review): a wrong type is a TypeError naming the argument, as the contract says."""
    with pytest.raises(TypeError, match=message):
        build()


def test_djangos_settings_object_is_told_the_django_guides_way() -> None:
    """from_mapping(app, django.conf.settings): no mapping, so a TypeError, which says
    how the Django guide reads options instead (a new user's walkthrough)."""
    from django.conf import LazySettings

    settings = LazySettings()  # its own, as a project's django.conf.settings
    settings.configure(CORS={"allow_origins": ["https://app.example.com"]})
    with pytest.raises(TypeError) as caught:
        CORSMiddleware.from_mapping(plain_app, settings, prefix="CORS_")
    assert str(caught.value) == (
        "mapping: expected a mapping of option names or keys to values (a dict, Flask's"
        ' app.config, os.environ), got LazySettings <LazySettings "None">;'
        " Django's settings are not one: write the options in one setting, a dict (CORS ="
        " {'allow_origins': [...]}), and pass settings.CORS, without a prefix (docs: Django)"
    )
    assert CORSMiddleware.from_mapping(plain_app, settings.CORS).policy.config.allow_origins == (
        "https://app.example.com",
    )
    with pytest.raises(TypeError) as caught:
        CORSMiddleware.from_mapping(plain_app, None)
    assert "Django" not in str(caught.value)


# The end of an ini file whose [filter:cors] section wraps a plain application.
CORS_BEFORE_API = """
[app:api]
use = call:test_sources:paste_plain_app

[pipeline:main]
pipeline = cors api
"""


@pytest.mark.parametrize(
    ("filter_section", "option", "value"),
    [
        ("[filter:cors]\nuse = egg:wsgi-cors\ndebug = true", "debug", "true"),
        (
            "[filter:cors]\npaste.filter_app_factory = wsgi_cors.paste:filter_app_factory\n"
            "allow_origins = https://a.example",
            "allow_origins",
            "https://a.example",
        ),
    ],
)
def test_paste_deploy_refuses_an_option_of_the_filter_that_default_hides(
    tmp_path: Path, filter_section: str, option: str, value: str
) -> None:
    """PasteDeploy leaves out of the filter's options every line whose name [DEFAULT]
    also has: ``debug = true`` in the filter's section was silently ignored, and a
    hidden ``allow_origins`` fell back to '*' (configuration reviews). Refused, with
    the line's own value and the fix."""
    ini = (
        f"""
[DEFAULT]
{option} = other

{filter_section}

"""
        + CORS_BEFORE_API
    )
    with pytest.raises(CORSConfigurationError) as caught:
        load(tmp_path, ini)
    (problem,) = caught.value.problems
    assert (problem.option, problem.value) == (option, value)
    assert problem.fix == f"remove or rename {option} in [DEFAULT]"


@pytest.mark.parametrize(
    ("other_line", "hidden"),
    [
        ("Max_Age = 600", "allow_origins"),  # configparser lowers names, PasteDeploy not
        ("get debug = dbg", "allow_origins"),  # local_conf gets [DEFAULT]'s dbg
        ("set foo = bar", "allow_origins"),  # goes to [DEFAULT]'s options instead
        ("expose_headers = X-100%%", "allow_origins"),  # PasteDeploy reads %% as %
        ("allow_origins = https://a.example", "Max_Age"),  # hidden in its own case
    ],
    ids=["mixed-case-name", "get-line", "set-line", "percent", "hidden-in-its-case"],
)
def test_a_hidden_option_is_refused_whatever_else_the_section_holds(
    tmp_path: Path, other_line: str, hidden: str
) -> None:
    """The filter's section was found again in the file by its other lines, compared
    with what PasteDeploy made of them; a name in mixed case, a get or set line, or a
    %% in a value made them differ, no section was found, and the hidden
    allow_origins fell back to '*' (a configuration review). Now PasteDeploy's
    reading is followed, and a file's one wsgi-cors section is the filter's."""
    ini = f"""
[DEFAULT]
{hidden} = https://default.example
dbg = true

[filter:cors]
use = egg:wsgi-cors
{hidden} = https://a.example
{other_line}
"""
    with pytest.raises(CORSConfigurationError) as caught:
        load(tmp_path, ini + CORS_BEFORE_API)
    assert [(p.option, p.value) for p in caught.value.problems[:1]] == [
        (hidden, "https://a.example")
    ]


def test_two_wsgi_cors_sections_are_told_apart_by_their_lines(tmp_path: Path) -> None:
    """With two wsgi-cors filters in one file, the one PasteDeploy built is found by
    its other lines, mixed-case names included: the other's hidden line is not
    blamed on it, and where neither can be told, both are (refused, never '*')."""
    ini = """
[DEFAULT]
allow_origins = https://default.example

[filter:cors]
use = egg:wsgi-cors
Max_Age = 600

[filter:other]
use = egg:wsgi-cors
allow_origins = https://b.example

"""
    with pytest.raises(CORSConfigurationError) as caught:
        load(tmp_path, ini + CORS_BEFORE_API)
    # cors's section sets no allow_origins: not hidden, [DEFAULT]'s is unread
    (problem,) = caught.value.problems
    assert (problem.option, problem.value) == ("allow_origins", "https://default.example")
    assert problem.why.startswith("is set in [DEFAULT] (or by a 'set' line, or as a")
    with pytest.raises(CORSConfigurationError) as caught:
        load(tmp_path, ini + CORS_BEFORE_API.replace("cors api", "other api"))
    assert [(p.option, p.value) for p in caught.value.problems] == [
        ("allow_origins", "https://b.example")
    ]
    assert "hidden by the [DEFAULT] section" in caught.value.problems[0].why
    # Options no section of the file gives (PasteDeploy was handed them another way).
    global_conf = {"__file__": str(tmp_path / "app.ini"), "allow_origins": "x"}
    with pytest.raises(CORSConfigurationError) as caught:
        filter_app_factory(plain_app, global_conf, max_age="5")
    assert [p.option for p in caught.value.problems[:1]] == ["allow_origins"]


def test_an_option_set_in_another_case_is_not_said_to_be_unread(tmp_path: Path) -> None:
    """Option names are read in any case: Allow_Origins in the filter's section sets
    allow_origins, so [DEFAULT]'s allow_origins hides nothing and is no warning (a
    review found one saying the filter keeps '*')."""
    ini = """
[DEFAULT]
allow_origins = https://default.example

[filter:cors]
use = egg:wsgi-cors
Allow_Origins = https://a.example
"""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        app = load(tmp_path, ini + CORS_BEFORE_API)
    assert call(app, headers={"Origin": B}).get("Access-Control-Allow-Origin") is None
    assert call(app, headers={"Origin": A}).get("Access-Control-Allow-Origin") == A


def test_a_hidden_option_is_reported_with_every_other_problem(tmp_path: Path) -> None:
    """Every problem at once (README): the section's other problems, its hidden line's
    own value among them, come with the [DEFAULT] one; they were cut off by it (a
    new-user trial)."""
    ini = (
        """
[DEFAULT]
debug = false

[filter:cors]
use = egg:wsgi-cors
debug = maybe
max_age = ten
allow_origins = https://a.example/

"""
        + CORS_BEFORE_API
    )
    with pytest.raises(CORSConfigurationError) as caught:
        load(tmp_path, ini)
    problems = caught.value.problems
    assert [(p.option, p.value) for p in problems[:1]] == [("debug", "maybe")]
    assert "hidden by the [DEFAULT] section" in problems[0].why
    assert {p.option for p in problems[1:]} == {"debug", "max_age", "allow_origins"}


def test_the_prefix_is_read_in_any_case_and_one_option_set_once() -> None:
    """The prefix is compared case-insensitively (``cors_max_age`` is CORS_MAX_AGE's
    option), and two keys for one option are a problem, not the last one winning
    (both untested, by a mutation review)."""
    options, _, problems = options_from_mapping({"cors_max_age": "600"}, "CORS_")
    assert (options, problems) == ({"max_age": 600}, [])
    _, _, problems = options_from_mapping({"CORS_MAX_AGE": "600", "cors_max_age": "60"}, "CORS_")
    assert [(p.option, p.why) for p in problems] == [
        ("cors_max_age", "sets the same option as CORS_MAX_AGE")
    ]


@pytest.mark.parametrize(
    ("mapping", "named"),
    [
        ({"Max_Age": "5", "max_age": "6"}, [("max_age", "6", "Max_Age")]),
        ({"MAX_AGE": "5", "max_age": "x"}, [("max_age", "x", "MAX_AGE")]),
        ({"max_age": "5", "Max_Age": "6"}, [("Max_Age", "6", "max_age")]),
    ],
)
def test_a_duplicate_key_is_named_as_written(
    mapping: dict[str, str], named: list[tuple[str, str, str]]
) -> None:
    """The second key for one option is named as the user wrote it, so that its line
    can be deleted: ``max_age`` after ``Max_Age`` was named ``Max_Age``, the first
    key's name, as a problem of the option ``max_age`` (a reviewer's F3)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, mapping)
    assert [(p.option, p.value) for p in caught.value.problems] == [n[:2] for n in named]
    assert [p.why for p in caught.value.problems] == [
        f"sets the same option as {n[2]}" for n in named
    ]


def test_a_key_is_escaped_in_the_message_as_a_value_is() -> None:
    """A key with a line break or an ANSI escape went into the message raw, and could
    forge lines of it; one with a space at an end was told "max_age : ... did you mean
    max_age?", no difference shown (a reviewer's F8)."""
    forged = "max_age\n  - allow_origins: ok; \x1b[2J"
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, {forged: "5", "max_age ": "5"})
    message = str(caught.value)
    assert message.count("\n") == 2
    assert "\x1b" not in message
    assert f"\n  - {forged!r}: '5' is not a CORS option" in message
    assert message.endswith("\n  - 'max_age ': '5' is not a CORS option; did you mean max_age?")
    assert [p.option for p in caught.value.problems] == [forged, "max_age "]  # as written


@pytest.mark.parametrize(
    ("environ", "shown"),
    [
        ({"CORS_MAX_AGE": "-1"}, "CORS_MAX_AGE: '-1' is outside 0..86400 seconds"),
        (
            {"CORS_ALLOW_ORIGINS": "https://a.example", "CORS_MAX_AGE": "1" + "0" * 18},
            f"CORS_MAX_AGE: '1{'0' * 18}' has 19 digits, more than the 18 read; write 0 (no"
            " caching) to 86400 seconds, e.g. 600, or none",
        ),
        # 18 digits are read, and out of range
        ({"CORS_MAX_AGE": "9" * 18}, f"CORS_MAX_AGE: '{'9' * 18}' is outside 0..86400 seconds"),
    ],
)
def test_a_value_read_from_text_is_shown_as_written(environ: dict[str, str], shown: str) -> None:
    """CORS_MAX_AGE=-1 was shown as the number -1, and 19 digits (a whole number) were
    called "not a whole number of seconds" (a reviewer's F7)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ=environ)
    assert str(caught.value).startswith(f"invalid CORS configuration: {shown}")


def test_a_duplicate_ini_option_is_named_as_written(tmp_path: Path) -> None:
    with pytest.raises(CORSConfigurationError) as caught:
        load(
            tmp_path,
            """
            [filter:cors]
            use = egg:wsgi-cors
            Allow_Origins = https://a.example
            allow_origins = https://b.example

            [app:api]
            use = call:test_sources:paste_plain_app

            [pipeline:main]
            pipeline = cors api
            """,
        )
    assert [(p.option, p.why) for p in caught.value.problems] == [
        ("allow_origins", "sets the same option as Allow_Origins")
    ]


@pytest.mark.parametrize(
    "ini",
    [
        # the egg written with an underscore, as pip and PasteDeploy accept it
        """
        [DEFAULT]
        allow_origins = other

        [filter:cors]
        use = egg:wsgi_cors
        allow_origins = https://a.example

        [app:api]
        use = call:test_sources:paste_plain_app

        [pipeline:main]
        pipeline = cors api
        """,
        # a [filter-app:] section, which names its application with next
        """
        [DEFAULT]
        allow_origins = other

        [filter-app:main]
        use = egg:wsgi-cors
        next = api
        allow_origins = https://a.example

        [app:api]
        use = call:test_sources:paste_plain_app
        """,
    ],
    ids=["egg-with-underscore", "filter-app"],
)
def test_paste_deploy_refuses_a_hidden_option_in_every_form_of_the_filter(
    tmp_path: Path, ini: str
) -> None:
    """Both forms were found untested by a mutation review: a mutant that skipped them
    fell back to allow_origins='*'."""
    with pytest.raises(CORSConfigurationError) as caught:
        load(tmp_path, ini)
    (problem,) = caught.value.problems
    assert (problem.option, problem.value) == ("allow_origins", "https://a.example")


def test_a_prefixed_mapping_read_without_its_prefix_says_to_pass_it() -> None:
    """Flask's app.config read whole: its own keys were each "not a CORS option", and
    CORS_ALLOW_ORIGINS got "did you mean ALLOW_ORIGINS?" (configuration review)."""
    config = {"DEBUG": True, "SECRET_KEY": "x", "CORS_ALLOW_ORIGINS": A}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, config)
    (problem,) = caught.value.problems
    assert (problem.option, problem.fix) == (
        "CORS_ALLOW_ORIGINS",
        "pass prefix='CORS_' (its other keys are then left alone), or in an ini file's"
        " section, where no prefix is read, name it allow_origins",
    )
    CORSMiddleware.from_mapping(plain_app, config, prefix="CORS_")


def test_prefixed_options_in_an_ini_section_are_each_named_with_their_name(
    tmp_path: Path,
) -> None:
    """A filter section written with cors_ names got one problem, for the first, and
    only the fix to pass a prefix, which the filter has no way to (a configuration
    review): each is named, with the name to write."""
    ini = """
[filter:cors]
use = egg:wsgi-cors
cors_allow_origins = https://a.example
cors_max_age = 600
"""
    with pytest.raises(CORSConfigurationError) as caught:
        load(tmp_path, ini + CORS_BEFORE_API)
    assert [(p.option, p.fix.rpartition(" ")[2]) for p in caught.value.problems] == [
        ("cors_allow_origins", "allow_origins"),
        ("cors_max_age", "max_age"),
    ]


def test_an_entry_of_paths_in_settings_is_named_by_the_key() -> None:
    """Problems in an entry of CORS_PATHS were named paths['/api'].max_age, the
    keyword, where every other problem names the key (configuration review). Its
    text is read as the top level's (reviewer's F9): this pinned max_age="5" as a
    TypeError, where CORS_MAX_AGE="5" beside it was 5; the text that is no number
    is told as the top level's is, by the entry's name."""
    for max_age in (-1, "-1", "x"):
        settings = {"CORS_PATHS": {"/api": {"max_age": max_age}}}
        with pytest.raises(CORSConfigurationError) as caught:
            CORSMiddleware.from_mapping(plain_app, settings, prefix="CORS_")
        assert [(p.option, p.value) for p in caught.value.problems] == [
            ("CORS_PATHS['/api'].max_age", max_age)  # as written: '-1' is no -1
        ]
    with pytest.raises(TypeError, match=r"^CORS_PATHS\['/api'\]: max_age: expected int"):
        CORSMiddleware.from_mapping(
            plain_app, {"CORS_PATHS": {"/api": {"max_age": 5.0}}}, prefix="CORS_"
        )


def _entry_configs(middleware: CORSMiddleware) -> dict[object, Any]:
    assert middleware.router is not None
    return {key: entry.policy.config for key, entry in middleware.router.entries()}


@pytest.mark.parametrize("prefix", ["", "CORS_"])
def test_the_text_of_a_paths_entry_is_read_as_the_top_levels(prefix: str) -> None:
    """In one settings dict (Django's, Flask's from_prefixed_env JSON), "600" and
    origins separated by a space were read at the top level and refused in an entry
    of paths, as a TypeError or a problem (reviewer's F9): one reading now."""
    entry = {
        "max_age": "600",
        "allow_origins": "https://a.example https://b.example",
        "allow_methods": "GET, PUT",
        "debug": "yes",
        "allow_private_network": 1,  # JSON's 1, as the top level reads it
    }
    settings = {f"{prefix}paths": {"/api": entry, re.compile("/v[0-9]+/.*"): dict(entry)}}
    middleware = CORSMiddleware.from_mapping(plain_app, settings, prefix=prefix)
    top_level = {f"{prefix}{key}": value for key, value in entry.items()}
    top = CORSMiddleware.from_mapping(plain_app, top_level, prefix=prefix)
    assert set(_entry_configs(middleware).values()) == {top.policy.config}
    assert top.policy.config.max_age == 600
    assert top.policy.config.allow_origins == ("https://a.example", "https://b.example")


def test_an_unreadable_text_of_a_paths_entry_is_told_alone() -> None:
    """An entry's option whose text cannot be read is left out, so the entry takes the
    top level's value, which is no choice of the user's: no problem of it is told (here
    allow_origins='*' beside the entry's allow_credentials='*'), as at the top level."""
    settings = {"paths": {"/api": {"allow_origins": "none", "allow_credentials": "*"}}}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, settings)
    assert [(p.option, p.value) for p in caught.value.problems] == [
        ("paths['/api'].allow_origins", "none")
    ]
    # the entry's why and fix name its options as its dict does, not as top-level keys
    settings = {"CORS_PATHS": {"/api": {"allow_origins": "[]"}}}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, settings, prefix="CORS_")
    (problem,) = caught.value.problems
    assert problem.option == "CORS_PATHS['/api'].allow_origins"
    assert "CORS_ALLOW_ORIGINS" not in problem.fix


def test_an_unknown_option_of_a_paths_entry_in_settings_is_told_with_the_others() -> None:
    """As an unknown key of the top level: one CORSConfigurationError with every problem,
    the entry's value problems too (helper-170: a TypeError for the unknown option alone
    hid max_age's)."""
    settings = {"paths": {"/api": {"max_age": "1e3", "allow_orgins": "*", "origins": "*"}}}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, settings)
    told = [(p.option, p.why, p.fix) for p in caught.value.problems]
    unknown = "is not a CORS option an entry of paths sets"
    assert told[1:] == [
        ("paths['/api'].allow_orgins", unknown, "did you mean allow_origins?"),
        ("paths['/api'].origins", unknown, "did you mean allow_origins?"),
    ]
    assert told[0][0] == "paths['/api'].max_age"
    # an entry names its options in lower case, and holds no paths of its own
    settings = {"CORS_PATHS": {"/api": {"MAX_AGE": 5, "PATHS": {}}}}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, settings, prefix="CORS_")
    assert [(p.option, p.fix) for p in caught.value.problems] == [
        ("CORS_PATHS['/api'].MAX_AGE", "did you mean max_age?"),
        (
            "CORS_PATHS['/api'].PATHS",
            "give each path prefix its own entry of paths: entries do not nest",
        ),
    ]


def test_keywords_of_a_paths_entry_still_refuse_text() -> None:
    """Only the settings readers read text: CORSMiddleware(paths=...) keeps its types."""
    with pytest.raises(TypeError, match=r"^paths\['/api'\]: max_age: expected int"):
        CORSMiddleware(plain_app, paths={"/api": {"max_age": "600"}})
    with pytest.raises(CORSConfigurationError, match="looks like several origins"):
        CORSMiddleware(
            plain_app, paths={"/api": {"allow_origins": "https://a.example https://b.example"}}
        )


def test_paste_deploy_accepts_default_setting_an_option_the_filter_does_not(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``[DEFAULT] debug = true`` is the application's in Pylons-style files: with no
    debug line under the filter nothing is hidden, and nothing is logged (a review
    found a warning on every start)."""
    load(
        tmp_path,
        """
        [DEFAULT]
        debug = true

        [filter:cors]
        use = egg:wsgi-cors

        [app:api]
        use = call:test_sources:paste_plain_app

        [pipeline:main]
        pipeline = cors api
        """,
    )
    assert [r for r in caplog.records if r.name == "wsgi_cors"] == []


def test_paste_deploy_refuses_cors_options_that_only_default_sets(tmp_path: Path) -> None:
    """allow_origins in [DEFAULT] alone never reaches the filter, which kept '*',
    silently (an adversarial review); it was then warned of. Refused, naming the CORS
    options only: debug there is the application's (above)."""
    ini = """
        [DEFAULT]
        allow_origins = https://a.example
        expose_headers = X-Request-Id
        debug = true

        [filter:cors]
        use = egg:wsgi-cors
        max_age = 600
        """
    with pytest.raises(CORSConfigurationError) as caught:
        load(tmp_path, textwrap.dedent(ini) + CORS_BEFORE_API)
    assert [(p.option, p.value, p.fix) for p in caught.value.problems] == [
        (
            name,
            value,
            f"remove {name} from [DEFAULT] and set it in the filter's section, as a plain"
            f" line; for the loader's variable, write 'get {name} = {name}' there",
        )
        for name, value in [("allow_origins", A), ("expose_headers", "X-Request-Id")]
    ]
    assert caught.value.problems[0].why == (
        "is set in [DEFAULT] (or by a 'set' line, or as a variable given to the loader:"
        " 'pserve app.ini allow_origins=...'), which the wsgi-cors filter does not read:"
        " PasteDeploy gives a filter only its own section's lines, and leaves out those"
        " [DEFAULT] also sets, so the filter would keep the default (allow_origins='*'"
        " lets every website read the responses)"
    )
    moved = """
        [DEFAULT]
        debug = true

        [filter:cors]
        use = egg:wsgi-cors
        allow_origins = https://a.example
        """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        app = load(tmp_path, textwrap.dedent(moved) + CORS_BEFORE_API)
    assert call(app, headers={"Origin": A}).get("Access-Control-Allow-Origin") == A


@pytest.mark.parametrize(
    ("files", "max_age"),
    [
        # the filter's section in another file, which PasteDeploy reads with [DEFAULT]
        (
            {
                "app.ini": "[filter:cors]\nuse = config:cors.ini#cors\n",
                "cors.ini": "[filter:cors]\nuse = egg:wsgi-cors\nallow_origins = {a}\n",
            },
            86400,
        ),
        # the filter's section built on another, by name
        (
            {
                "app.ini": "[filter:base]\nuse = egg:wsgi-cors\nexpose_headers = X-Id\n\n"
                "[filter:cors]\nuse = base\nallow_origins = {a}\nmax_age = 600\n"
            },
            600,
        ),
    ],
    ids=["config-use", "section-use"],
)
def test_a_line_hidden_where_the_file_is_not_read_again_is_refused(
    tmp_path: Path, files: dict[str, str], max_age: int
) -> None:
    """In these layouts the line [DEFAULT] hides is not found by reading the file
    again, and the filter allowed every origin, only warned of, with advice to move a
    line that was there already (helper-146's review). [DEFAULT]'s allow_origins is
    refused all the same; without it, the filter gets its own."""
    head = f"[DEFAULT]\nallow_origins = {B}\n\n"
    for name, text in files.items():
        text = text.format(a=A)
        (tmp_path / name).write_text(head + text if name == "app.ini" else text)
    with (tmp_path / "app.ini").open("a") as ini:
        ini.write(CORS_BEFORE_API)
    loadapp = pytest.importorskip("paste.deploy").loadapp
    with pytest.raises(CORSConfigurationError) as caught:
        loadapp(f"config:{tmp_path / 'app.ini'}")
    assert [(p.option, p.value) for p in caught.value.problems] == [("allow_origins", B)]
    text = (tmp_path / "app.ini").read_text()
    (tmp_path / "app.ini").write_text(text.replace(head, ""))
    app = loadapp(f"config:{tmp_path / 'app.ini'}")
    assert call(app, headers={"Origin": A}).get("Access-Control-Allow-Origin") == A
    assert call(app, headers={"Origin": B}).get("Access-Control-Allow-Origin") is None
    assert app.policy.config.max_age == max_age


def test_a_mixed_mapping_reports_every_problem() -> None:
    """Keywords beside a prefixed key: the mapping is read whole and each problem named
    (the prefix advice returned alone dropped max_agee; review of the day's change)."""
    mapping = {"allow_origins": A, "CORS_MAX_AGE": "10", "max_agee": "3"}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, mapping)
    assert {p.option for p in caught.value.problems} == {"CORS_MAX_AGE", "max_agee"}


@pytest.mark.parametrize(
    ("key", "fix"),
    [
        ("CORS_ALLOW_HEADERS", "set CORS_ALLOW_HEADERS to an empty list in code or settings"),
        # helper-170: allow_origins=[] is refused alone, where leaving it out beside
        # the regex lists no origin; for these two, [] is their default
        (
            "CORS_ALLOW_ORIGINS",
            "to allow only what CORS_ALLOW_ORIGIN_REGEX matches, give it and leave this out",
        ),
        ("CORS_EXPOSE_HEADERS", "leave it out (its default, none, is the same)"),
        ("CORS_ALLOW_CREDENTIALS", "leave it out (its default, none, is the same)"),
    ],
)
def test_an_empty_list_in_text_is_told_what_means_it(key: str, fix: str) -> None:
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ={key: "[]"})
    (problem,) = caught.value.problems
    assert problem.why == "is an empty list, which text cannot write"
    assert problem.fix == f"{fix}, or list the items", problem.fix


@pytest.mark.parametrize(
    ("environ", "why"),
    [
        ({"CORS_ALLOW_HEADERS": "[]"}, "is an empty list, which text cannot write"),
        ({"CORS_ALLOW_ORIGINS": "''"}, "is only quotes"),
        ({"CORS_ALLOW_ORIGINS": "https://a.example;https://b.example"}, "with ';'"),
        ({"CORS_ALLOW_CREDENTIALS": "https://a.example;https://b.example"}, "with ';'"),
        # " ;" begins an ini file's inline comment, which mentions an origin here.
        ({"CORS_ALLOW_ORIGINS": "https://a.example ; was https://b.example"}, "comment"),
        ({"CORS_MAX_AGE": "9" * 5000}, "has 5000 digits, more than the 18 read"),
    ],
)
def test_text_that_cannot_mean_what_it_says(environ: dict[str, str], why: str) -> None:
    """An empty list in brackets was "fixed" into an empty value, which is the default
    (every requested header allowed); 5,000 digits of max_age raised ValueError from
    int() (second review of the day's change)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ=environ)
    (problem,) = caught.value.problems
    assert why in problem.why, problem


@pytest.mark.parametrize(
    ("key", "text", "fix"),
    [
        ("CORS_ALLOW_ORIGINS", '"https://a.example"', "remove the quotes: https://a.example"),
        ("CORS_MAX_AGE", "'600'", "remove the quotes: 600"),
        (
            "CORS_ALLOW_ORIGINS",
            '["https://a.example", "https://b.example"]',
            "separated by spaces or commas: https://a.example https://b.example",
        ),
        ("CORS_ALLOW_ORIGINS", "https://a.example  # prod", "put the comment on a line of its own"),
        ("CORS_DEBUG", "true # for now", "put the comment on a line of its own"),
        # configparser's other comment prefix, kept after a value as "#" is
        ("CORS_ALLOW_ORIGINS", "https://a.example ; prod", "put the comment on a line of its own"),
        ("CORS_ALLOW_HEADERS", "# none yet", "put the comment on a line of its own"),
        # compiled into the pattern, which then matched no origin, silently
        (
            "CORS_ALLOW_ORIGIN_REGEX",
            r"https://[a-z]+\.example\.com   # staging and prod",
            "put the comment on a line of its own",
        ),
        ("CORS_ALLOW_ORIGIN_REGEX", r"https://.*\.example\.com ; prod", "on a line of its own"),
    ],
)
def test_quotes_lists_and_comments_in_text_are_named(key: str, text: str, fix: str) -> None:
    """An --env-file keeps the quotes around a value, and an ini file an inline comment:
    each was read as part of an origin ("has the invalid scheme '\\"https'", "write it
    as 'https://#'"), a fix that does not work (configuration review); in a pattern,
    as part of it (a second review)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ={key: text})
    (problem,) = caught.value.problems
    assert problem.option == key and problem.fix.endswith(fix), problem
    # The fix, applied, is accepted.
    fixed = fix.rpartition(": ")[2] if ": " in fix else re.split("[#;]", text)[0]
    CORSMiddleware.from_env(plain_app, environ={key: fixed})


def test_fixes_name_the_settings_keys() -> None:
    """A fix read from settings names the keys to set, not CORSMiddleware's keywords
    ("set dangerously_allow_any_origin_with_credentials=True" told an environment
    variable's user nothing they could write), and applied, it is accepted."""
    environ = {"CORS_ALLOW_ORIGINS": "*", "CORS_ALLOW_CREDENTIALS": "*"}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ=environ)
    (problem,) = caught.value.problems
    assert problem.why.startswith("with CORS_ALLOW_ORIGINS='*' lets every website")
    assert "list the trusted origins in CORS_ALLOW_CREDENTIALS" in problem.fix
    assert "set CORS_DANGEROUSLY_ALLOW_ANY_ORIGIN_WITH_CREDENTIALS=True" in problem.fix
    environ["CORS_DANGEROUSLY_ALLOW_ANY_ORIGIN_WITH_CREDENTIALS"] = "True"
    with pytest.warns(CORSSecurityWarning):
        CORSMiddleware.from_env(plain_app, environ=environ)
    # An option the user did not write is named as a key all the same.
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ={"CORS_ALLOW_CREDENTIALS": "*"})
    assert "CORS_ALLOW_ORIGINS='*'" in caught.value.problems[0].why
    # Type errors too (a Django user's CORS_ALLOW_CREDENTIALS = True); a peer's own
    # keyword stays as the peer writes it.
    with pytest.raises(TypeError) as type_error:
        CORSMiddleware.from_mapping(plain_app, {"CORS_ALLOW_CREDENTIALS": True}, prefix="CORS_")
    message = str(type_error.value)
    assert "every origin CORS_ALLOW_ORIGINS allows" in message
    assert "which needs CORS_ALLOW_ORIGINS to list them" in message
    assert "'allow_credentials=True' in Starlette" in message


@pytest.mark.parametrize(
    ("mapping", "prefix", "named"),
    [
        ({"allow_origins": "*", "allow_credentials": "*"}, "", "allow_credentials"),
        (
            {"cors_allow_origins": "*", "cors_allow_credentials": "*"},
            "cors_",
            "cors_allow_credentials",
        ),
    ],
)
def test_fixes_name_keys_in_the_mappings_case(
    mapping: dict[str, str], prefix: str, named: str
) -> None:
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, mapping, prefix=prefix)
    assert f"list the trusted origins in {named} " in caught.value.problems[0].fix


def test_an_entry_of_paths_keeps_the_options_names() -> None:
    """An entry of CORS_PATHS is a dict written in code, with the options' own names as
    its keys: its fix names them so."""
    paths = {"/api": {"allow_origins": "*", "allow_credentials": "*"}}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, {"CORS_PATHS": paths}, prefix="CORS_")
    (problem,) = caught.value.problems
    assert problem.option == "CORS_PATHS['/api'].allow_credentials"
    assert "set dangerously_allow_any_origin_with_credentials=True" in problem.fix


# -- found by a review of the day's change (helper-55) ---------------------------------------


@pytest.mark.parametrize(
    ("read", "key", "origins_key"),
    [
        (lambda: CORSMiddleware.from_env(plain_app, environ={"CORS_ALLOW_ORIGIN_REGEX": ""}),
         "CORS_ALLOW_ORIGIN_REGEX", "CORS_ALLOW_ORIGINS"),
        (lambda: CORSMiddleware.from_env(plain_app, environ={"CORS_ALLOW_ORIGIN_REGEX": "NONE"}),
         "CORS_ALLOW_ORIGIN_REGEX", "CORS_ALLOW_ORIGINS"),
        (lambda: CORSMiddleware.from_mapping(plain_app, {"allow_origin_regex": " "}),
         "allow_origin_regex", "allow_origins"),
        # the keys' own prefix, not the one passed (read in any case)
        (lambda: CORSMiddleware.from_mapping(
            plain_app, {"cors_allow_origin_regex": "", "cors_max_age": 6}, prefix="CORS_"),
         "cors_allow_origin_regex", "cors_allow_origins"),
    ],
    ids=["empty", "none", "blank-option", "lower-case-keys"],
)  # fmt: skip
def test_a_regex_setting_read_as_no_pattern_does_not_allow_every_origin(
    read: Any, key: str, origins_key: str
) -> None:
    """An allow_origin_regex text that reads as None (an unset variable expanded to
    nothing) left allow_origins at its default, '*': every origin allowed, silently,
    where the key was written to narrow it (found by an adversarial review). Refused,
    named by its key, with the fix in the user's keys."""
    with pytest.raises(CORSConfigurationError) as caught:
        read()
    (problem,) = caught.value.problems
    assert problem.option == key
    assert f"{origins_key} is not set: it would take its default, '*'" in problem.why
    assert problem.fix == (
        f"give the pattern; or set {origins_key} (to '*' to allow every origin knowingly)"
        f" and remove {key}"
    )


@pytest.mark.parametrize(
    ("settings", "allow_origins"),
    [
        ({"CORS_ALLOW_ORIGIN_REGEX": "", "CORS_ALLOW_ORIGINS": A}, (A,)),
        ({"CORS_ALLOW_ORIGIN_REGEX": "none", "CORS_ALLOW_ORIGINS": "*"}, "*"),
        ({"CORS_ALLOW_ORIGIN_REGEX": r"https://a\.example"}, ()),  # the pattern alone
    ],
)
def test_a_regex_setting_beside_origins_or_with_a_pattern_is_read(
    settings: dict[str, str], allow_origins: Any
) -> None:
    app = CORSMiddleware.from_env(plain_app, environ=settings)
    assert app.policy.config.allow_origins == allow_origins


def test_a_regex_of_none_written_in_code_keeps_the_default() -> None:
    """None in a dict is the keyword's own default, as CORSMiddleware(app) takes it."""
    app = CORSMiddleware.from_mapping(plain_app, {"allow_origin_regex": None})
    assert app.policy.config.allow_origins == "*"


def test_a_regex_written_as_a_python_raw_string_is_refused() -> None:
    """The fix for http://*.localhost:3000 offered CORS_ALLOW_ORIGIN_REGEX=r'...': copied
    into an environment file, the r and the quotes were part of the pattern, accepted,
    and matched no origin. The fix now shows the text alone (a review); a raw string
    written all the same is refused with the pattern to write."""
    environ = {"CORS_ALLOW_ORIGINS": "http://*.localhost:3000"}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ=environ)
    offered = caught.value.problems[0].fix.partition("CORS_ALLOW_ORIGIN_REGEX=")[2]
    assert offered and not offered.startswith("r'"), offered
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ={"CORS_ALLOW_ORIGIN_REGEX": f"r'{offered}'"})
    (problem,) = caught.value.problems
    assert "a Python raw string" in problem.why
    pattern = problem.fix.removeprefix("write the pattern alone: ")
    app = CORSMiddleware.from_env(plain_app, environ={"CORS_ALLOW_ORIGIN_REGEX": pattern})
    origin = "http://api.localhost:3000"
    assert call(app, headers={"Origin": origin}).get("Access-Control-Allow-Origin") == origin


def test_a_users_quoted_value_is_never_renamed() -> None:
    """An origin holding an option's name ('https://max_age.example/') was offered as
    'https://CORS_MAX_AGE.example'."""
    environ = {"CORS_ALLOW_ORIGINS": "https://max_age.example/"}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ=environ)
    assert caught.value.problems[0].fix.endswith("write it as 'https://max_age.example'")


def test_keys_are_named_as_the_user_spells_them() -> None:
    """After the prefix CORS_, keys written in lower case are named in lower case, in a
    fix as in a "did you mean" (the two spelt them differently)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, {"CORS_allow_credentials": "*"}, prefix="CORS_")
    fix = caught.value.problems[0].fix
    assert "set CORS_dangerously_allow_any_origin_with_credentials=True" in fix, fix
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, {"CORS_max_agee": "5"}, prefix="CORS_")
    assert caught.value.problems[0].fix == "did you mean CORS_max_age?"


def test_an_entrys_type_errors_keep_the_entrys_names() -> None:
    """A second type error in an entry of CORS_PATHS was named by the top-level key
    (CORS_ALLOW_ORIGIN_REGEX) when the user had set that key too."""
    settings = {
        "CORS_ALLOW_ORIGIN_REGEX": r"https://[a-z]+\.example",
        # 5.0, not "5", which settings read as 5 (reviewer's F9)
        "CORS_PATHS": {"/api": {"max_age": 5.0, "allow_origin_regex": 5}},
    }
    with pytest.raises(TypeError) as caught:
        CORSMiddleware.from_mapping(plain_app, settings, prefix="CORS_")
    message = str(caught.value)
    assert message.startswith("CORS_PATHS['/api']: max_age: expected"), message
    assert "; allow_origin_regex: expected" in message, message


def test_an_option_that_could_not_be_read_blames_no_other() -> None:
    """An unreadable CORS_ALLOW_ORIGINS took its default, '*', and CORS_ALLOW_CREDENTIALS=*
    was then reported "with CORS_ALLOW_ORIGINS='*'", which the user never wrote."""
    environ = {"CORS_ALLOW_ORIGINS": "https://a.example ; prod", "CORS_ALLOW_CREDENTIALS": "*"}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ=environ)
    assert [p.option for p in caught.value.problems] == ["CORS_ALLOW_ORIGINS"]


def test_a_fix_names_the_key_as_the_user_wrote_it() -> None:
    """A key the user wrote is named as written, in any case the prefix allows, not
    respelt from the prefix (a mutation review found this unpinned)."""
    mapping = {"Cors_Allow_Origins": "*", "Cors_Allow_Credentials": "*"}
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, mapping, prefix="CORS_")
    (problem,) = caught.value.problems
    assert problem.option == "Cors_Allow_Credentials"
    assert "list the trusted origins in Cors_Allow_Credentials " in problem.fix
    assert "with Cors_Allow_Origins='*'" in problem.why


def test_a_forgotten_prefix_is_found_in_any_case_and_only_for_an_option() -> None:
    """A mapping of prefixed keys read without its prefix is told to pass it whatever
    the keys' case; a prefixed key that names no option of ours (a project's own
    CORS_TOOLBAR) is not taken for one (a mutation review found both unpinned)."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, {"debug_mode": "1", "cors_allow_origins": A})
    (problem,) = caught.value.problems
    assert (problem.option, problem.why) == (
        "cors_allow_origins",
        "is a prefixed key, and the mapping was read without a prefix",
    )
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, {"SECRET_KEY": "x", "CORS_TOOLBAR": "1"})
    assert {(p.option, p.why) for p in caught.value.problems} == {
        ("SECRET_KEY", "is not a CORS option"),
        ("CORS_TOOLBAR", "is not a CORS option"),
    }


class _Middleware(CORSMiddleware):
    """A user's subclass, as a project that adds its own logging makes."""


def test_from_mapping_and_from_env_build_the_subclass_they_are_called_on() -> None:
    """``from_mapping`` and ``from_env`` are class methods that return an instance of
    the class they are called on, and its repr names that class (a mutation review:
    only mypy checked the return type)."""
    built = _Middleware.from_mapping(plain_app, {"allow_origins": A})
    assert type(built) is _Middleware
    assert repr(built).startswith("_Middleware(")
    from_env = _Middleware.from_env(plain_app, environ={"CORS_ALLOW_ORIGINS": A})
    assert type(from_env) is _Middleware
    assert call(from_env, "GET", "/", {"Origin": A}).cors()["access-control-allow-origin"] == A


@pytest.mark.parametrize(("prefix", "separator"), [("CORS", "_"), ("APP_CORS", "_"), ("cors", "-")])
def test_a_prefix_without_its_separator_is_told_so(prefix: str, separator: str) -> None:
    """``prefix="CORS"`` for ``CORS_MAX_AGE`` was told "did you mean CORSMAX_AGE?"
    (a new-user trial): every key holds an option after one more "_" (or "-")."""
    environ = {
        f"{prefix}{separator}ALLOW_ORIGINS": "https://a.example",
        f"{prefix}{separator}MAX_AGE": "600",
    }
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, environ, prefix=prefix)
    fixes = {problem.fix for problem in caught.value.problems}
    assert fixes == {f"pass prefix='{prefix}{separator}', with its separator"}


@pytest.mark.parametrize(
    ("mapping", "prefix", "fix"),
    [
        # A doubled separator after a whole prefix is a typo in the key, not the prefix.
        ({"CORS__MAX_AGE": "600"}, "CORS_", "did you mean CORS_MAX_AGE?"),
        ({"_max_age": "600"}, "", "did you mean max_age?"),
    ],
)
def test_a_key_with_one_separator_too_many_is_a_typo(mapping, prefix, fix) -> None:
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, mapping, prefix=prefix)
    assert [problem.fix for problem in caught.value.problems] == [fix]


@pytest.mark.parametrize(
    ("environ", "fix"),
    [
        (
            {"CORS_ALLOW_ORIGINS": "https://a.example;https://b.example"},
            "separate them with spaces or commas: https://a.example https://b.example",
        ),
        (
            {"CORS_MAX_AGE": '""'},
            "write the value without them, or leave the key out for the option's default",
        ),
    ],
)
def test_the_fix_for_text_says_what_to_write(environ: dict[str, str], fix: str) -> None:
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ=environ)
    assert [problem.fix for problem in caught.value.problems] == [fix]


@pytest.mark.parametrize(
    ("variable", "value"), [("URLS_REGEX", r"^/api/.*$"), ("RESOURCES", "/api")]
)
def test_a_peers_paths_option_in_the_environment_is_told_the_python_that_sets_them(
    variable: str, value: str
) -> None:
    """From the environment, CORS_URLS_REGEX was told "use CORS_PATHS={...} or
    {re.compile(/api/.*): {}}": a variable the environment cannot set, and Python whose
    r'...' the rewriting for text had stripped (reviewer's F4). Each call it names now
    runs as written; a dict read by from_mapping is told CORS_PATHS, which it can set."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ={f"CORS_{variable}": value})
    [fix] = [problem.fix for problem in caught.value.problems]
    assert "CORS_PATHS" not in fix
    calls = re.findall(r"CORSMiddleware\(app, paths=.*?\}\)", fix)
    assert calls
    for code in calls:
        eval(
            code.replace("...options", ""),
            {"CORSMiddleware": CORSMiddleware, "app": plain_app, "re": re},
        )  # noqa: S307
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_mapping(plain_app, {f"CORS_{variable}": value}, prefix="CORS_")
    assert caught.value.problems[0].fix.startswith("use CORS_PATHS={'/api': ")


def test_a_hidden_option_is_reported_for_its_own_section_only(tmp_path: Path) -> None:
    """With two wsgi-cors filters, the hidden line is the filter's own section's: a
    filter whose section has no such line is not blamed for the other's, and a value
    PasteDeploy interpolates is not read as written (a review of the change that
    reports every problem at once)."""
    ini = """
[DEFAULT]
allow_origins = https://default.example
front = app.example.com

[filter:cors]
use = egg:wsgi-cors
allow_origins = https://%(front)s
max_age = 600

[filter:cors2]
use = egg:wsgi-cors
max_age = 60

[app:api]
use = call:test_sources:paste_plain_app

[pipeline:main]
pipeline = cors api

[pipeline:other]
pipeline = cors2 api
"""
    with pytest.raises(CORSConfigurationError) as caught:
        load(tmp_path, ini)
    (problem,) = caught.value.problems  # not "looks like a regular expression"
    assert (problem.option, problem.value) == ("allow_origins", "https://%(front)s")
    loadapp = pytest.importorskip("paste.deploy").loadapp
    # cors2 never sees [DEFAULT]'s allow_origins: it would allow every origin.
    with pytest.raises(CORSConfigurationError) as caught:
        loadapp(f"config:{tmp_path / 'app.ini'}", name="other")
    assert [(p.option, p.value) for p in caught.value.problems] == [
        ("allow_origins", "https://default.example")
    ]


def test_checking_the_section_as_written_warns_of_nothing(tmp_path: Path) -> None:
    """The section is built as written only to find its other problems: a warning of
    that build must not escape (under -W error it replaced the hidden-line error)."""
    ini = (
        """
[DEFAULT]
allow_origin_regex = x

[filter:cors]
use = egg:wsgi-cors
allow_origin_regex = https://app.example.com
"""
        + CORS_BEFORE_API
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(CORSConfigurationError) as caught:
            load(tmp_path, ini)
    (problem,) = caught.value.problems
    assert problem.option == "allow_origin_regex" and "hidden" in problem.why


def test_warnings_of_settings_name_the_keys_and_show_patterns_as_written() -> None:
    """A warning of a value read from the environment names it by its variable, as an
    error does, and shows a pattern as the variable holds it: the look-alike fix was
    r'([a-z0-9-]+\\.)*example\\.com', which the parser refuses in a variable, and the
    pattern itself was shown with its backslashes doubled (repr)."""
    with pytest.warns(CORSSecurityWarning) as seen:
        CORSMiddleware.from_env(
            plain_app, environ={"CORS_ALLOW_ORIGIN_REGEX": r"https://.*example\.com"}
        )
    (message,) = [str(w.message) for w in seen]
    assert message.startswith(r"CORS_ALLOW_ORIGIN_REGEX 'https://.*example\.com' lets a host")
    assert r" before it, ([a-z0-9-]+\.)*example\.com for example.com" in message
    assert "allow_origin_regex" not in message and "\\\\" not in message
    # From a mapping, which may be Python, the r'...' stays; its keys are named.
    with pytest.warns(CORSSecurityWarning) as seen:
        CORSMiddleware.from_mapping(
            plain_app, {"CORS_ALLOW_ORIGIN_REGEX": r"https://.*example\.com"}, prefix="CORS_"
        )
    (message,) = [str(w.message) for w in seen]
    assert message.startswith("CORS_ALLOW_ORIGIN_REGEX 'https://.*example\\\\.com' lets")
    assert r" before it, r'([a-z0-9-]+\.)*example\.com' for" in message


def test_an_apostrophe_in_a_message_opens_no_quote() -> None:
    """ "its visitors' credentialed responses" was read as the start of a quoted value,
    so the allow_credentials after it was not named by its variable."""
    with pytest.warns(CORSSecurityWarning) as seen:
        CORSMiddleware.from_env(
            plain_app, environ={"CORS_ALLOW_ORIGINS": "null", "CORS_ALLOW_CREDENTIALS": "*"}
        )
    (message,) = [str(w.message) for w in seen]
    assert "visitors' credentialed responses. List in CORS_ALLOW_CREDENTIALS the" in message
    assert "allow_credentials" not in message


@pytest.mark.parametrize(
    ("mapping", "prefix", "message"),
    [
        ({b"allow_origins": A}, "", "got bytes b'allow_origins': decode it ('allow_origins')"),
        ({0: A}, "", "got int 0: write it as a str"),
        ({b"CORS_ALLOW_ORIGINS": A}, "CORS_", "decode it ('CORS_ALLOW_ORIGINS')"),
    ],
    ids=["bytes", "int", "bytes-with-the-prefix"],
)
def test_a_key_that_is_no_str_is_refused_where_it_may_name_an_option(
    mapping: dict[Any, str], prefix: str, message: str
) -> None:
    """A bytes key (redis's hgetall) was skipped unread and the middleware kept
    allow_origins='*', with no warning without a prefix (a configuration review)."""
    with pytest.raises(TypeError, match=re.escape(message)):
        CORSMiddleware.from_mapping(plain_app, mapping, prefix=prefix)


def test_a_key_that_is_no_str_is_left_alone_where_it_cannot_name_an_option() -> None:
    """Under a prefix, keys without it are left alone, str or not; from_env's names
    that are no str raised AttributeError, and os.environb's a bytes TypeError that
    named nothing (a configuration review)."""
    m = CORSMiddleware.from_mapping(plain_app, {0: "x", "CORS_ALLOW_ORIGINS": A}, prefix="CORS_")
    assert m.policy.config.allow_origins == (A,)
    m = CORSMiddleware.from_env(plain_app, environ={1: "x", "CORS_ALLOW_ORIGINS": A})
    assert m.policy.config.allow_origins == (A,)
    with pytest.raises(TypeError, match=re.escape("or pass os.environ, not os.environb")):
        CORSMiddleware.from_env(plain_app, environ={b"CORS_ALLOW_ORIGINS": A.encode()})


def test_flask_from_prefixed_env_integers_are_read_as_the_booleans_they_were(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Flask's from_prefixed_env(), which the Flask guide names, reads "1" and "0" as
    JSON integers, refused as no bool (a configuration review); the text 1 and 0 are
    booleans, so are they. Any other integer is still refused."""
    flask = pytest.importorskip("flask")
    monkeypatch.setenv("FLASK_CORS_ALLOW_ORIGINS", A)
    monkeypatch.setenv("FLASK_CORS_ALLOW_PRIVATE_NETWORK", "1")
    monkeypatch.setenv("FLASK_CORS_DEBUG", "0")
    app = flask.Flask(__name__)
    app.config.from_prefixed_env()
    assert app.config["CORS_ALLOW_PRIVATE_NETWORK"] == 1  # an int, as Flask reads it
    config = CORSMiddleware.from_mapping(app.wsgi_app, app.config, prefix="CORS_").policy.config
    assert (config.allow_private_network, config.debug) == (True, False)
    with pytest.raises(TypeError, match="CORS_DEBUG: expected bool"):
        CORSMiddleware.from_mapping(plain_app, {"CORS_DEBUG": 2}, prefix="CORS_")


@pytest.mark.parametrize(
    ("environ", "problems"),
    [
        (
            {"CORS_PATHS": "/api", "CORS_ALLOW_ORIGINS": "*", "CORS_ALLOW_ORIGIN_REGEX": "x"},
            ["CORS_PATHS", "CORS_ALLOW_ORIGIN_REGEX"],
        ),
        (
            {"CORS_ALLOW_ORIGINS": f'"{A}"', "CORS_ALLOW_ORIGIN_REGEX": ""},
            ["CORS_ALLOW_ORIGINS"],
        ),
        (
            {"CORS_ALLOW_ORIGINS": f'"{A}"', "CORS_ALLOW_CREDENTIALS": "true"},
            ["CORS_ALLOW_ORIGINS", "CORS_ALLOW_CREDENTIALS"],
        ),
    ],
    ids=[
        "a-problem-saying-paths-in-its-fix",
        "an-unreadable-allow-origins-is-set",
        "a-fix-naming-the-unread-option",
    ],
)
def test_an_unreadable_option_hides_only_the_problems_it_causes(
    environ: dict[str, str], problems: list[str]
) -> None:
    """Problems that name an option whose text could not be read are left out (it
    took its default); a review found the regex's problem left out beside an unread
    CORS_PATHS, because its fix says "in a paths entry", an unreadable
    CORS_ALLOW_ORIGINS said to be "not set", and a new user's CORS_ALLOW_CREDENTIALS=true
    left out beside it, because its fix names CORS_ALLOW_ORIGINS."""
    with pytest.raises(CORSConfigurationError) as caught:
        CORSMiddleware.from_env(plain_app, environ=environ)
    assert [p.option for p in caught.value.problems] == problems


@pytest.mark.parametrize(
    "environ",
    [
        {"CORS_ALLOW_ORIGINS": '"https://a.example"', "CORS_ALLOW_PRIVATE_NETWORK": "true"},
        {
            "CORS_ALLOW_ORIGINS": "https://a.example # x",
            "CORS_ALLOW_CREDENTIALS": "*",
            "CORS_DANGEROUSLY_ALLOW_ANY_ORIGIN_WITH_CREDENTIALS": "yes",
        },
    ],
    ids=["quoted", "comment"],
)
def test_settings_refused_for_their_text_warn_of_no_default(environ: dict[str, str]) -> None:
    """An unreadable CORS_ALLOW_ORIGINS left allow_origins at '*' for the build, which
    warned of '*' the user never wrote before the error, and under -W error the
    warning escaped in place of the CORSConfigurationError (helper-146's review)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(CORSConfigurationError) as caught:
            CORSMiddleware.from_env(plain_app, environ=environ)
    assert [p.option for p in caught.value.problems] == ["CORS_ALLOW_ORIGINS"]


def test_a_variable_given_to_the_loader_is_told_with_the_line_that_reads_it(
    tmp_path: Path,
) -> None:
    """A variable the loader gets (pserve app.ini allow_methods=GET) lands where
    [DEFAULT]'s options do: refused as unread, the message blamed a [DEFAULT] section
    the file did not have (helper-149). A get line reads it."""
    loadapp = pytest.importorskip("paste.deploy").loadapp
    filter_section = "[filter:cors]\nuse = egg:wsgi-cors\nallow_origins = https://a.example\n"
    path = tmp_path / "app.ini"
    path.write_text(filter_section + CORS_BEFORE_API)
    with pytest.raises(CORSConfigurationError) as caught:
        loadapp(f"config:{path}", global_conf={"allow_methods": "GET"})
    (problem,) = caught.value.problems
    assert (problem.option, problem.value) == ("allow_methods", "GET")
    assert "a variable given to the loader: 'pserve app.ini allow_methods=...'" in problem.why
    assert problem.fix.endswith("write 'get allow_methods = allow_methods' there")
    path.write_text(filter_section + "get allow_methods = allow_methods\n" + CORS_BEFORE_API)
    app = loadapp(f"config:{path}", global_conf={"allow_methods": "GET"})
    assert app.policy.config.allow_methods == ("GET",)


def test_default_problems_come_before_the_applications_cors_layer(tmp_path: Path) -> None:
    """Checking the section as written met the application's own CORS layer, whose
    ValueError escaped in place of the [DEFAULT] problems (helper-149); it is told once
    the options are fixed."""
    ini = """
[DEFAULT]
allow_origins = https://default.example

[filter:cors]
use = egg:wsgi-cors
allow_origins = https://a.example

[app:api]
use = call:test_sources:paste_cors_app

[pipeline:main]
pipeline = cors api
"""
    with pytest.raises(CORSConfigurationError) as caught:
        load(tmp_path, ini)
    assert [p.option for p in caught.value.problems] == ["allow_origins"]
    with pytest.raises(ValueError, match="CORS") as layer:
        load(tmp_path, ini.replace("allow_origins = https://default.example", ""))
    assert not isinstance(layer.value, CORSConfigurationError)


def test_max_age_with_leading_zeros_is_read() -> None:
    """Nineteen digits of which sixteen are leading zeros are 600 (helper-149)."""
    app = CORSMiddleware.from_env(
        plain_app, environ={"CORS_ALLOW_ORIGINS": A, "CORS_MAX_AGE": "0" * 16 + "600"}
    )
    assert app.policy.config.max_age == 600
