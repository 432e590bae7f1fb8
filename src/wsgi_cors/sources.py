"""Options written as text: settings mappings, environment variables, ini files.

:func:`options_from_mapping` turns a mapping of option names (or prefixed keys such as
``CORS_ALLOW_ORIGINS``) to values into :class:`~wsgi_cors.CORSMiddleware` keywords,
parsing the values that are strings (README, "Configuration from settings, the
environment and ini files"):

* lists (``allow_origins``, ``allow_credentials``, ``expose_headers``,
  ``allow_methods``, ``allow_headers``): items separated by commas and/or white space;
  ``*`` alone is the wildcard; ``none`` or an empty value is None where the option
  takes None;
* booleans: ``true/false``, ``1/0``, ``yes/no``, ``on/off``, in any case;
* ``max_age``: an integer number of seconds, or ``none``;
* ``allow_origin_regex``: the string itself (``none`` or empty: None, refused while
  ``allow_origins`` is not set: ``open_by_default_problem``).

Values that are not strings (a list in Django settings, a bool in Flask's
``app.config``) are passed on as they are. Every key is remembered as the user wrote
it, so that errors name it (``CORS_ALLOW_ORIGINS``, or the ini option).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .config import (
    Problem,
    default_origins,
    peer_option,
    peer_paths_in_code,
    read_whole_seconds,
    suggested_option,
    validate,
    wsgicors_policy_option,
)
from .origins import (
    FALSE_WORDS,
    NONE_WORD,
    QUOTES,
    TRUE_WORDS,
    list_items,
    semicolon_separated,
)
from .paths import path_label

__all__ = [
    "CORS_NAMED_OPTIONS",
    "OPTION_NAMES",
    "SETTINGS_PREFIX",
    "check_arguments",
    "nothing_read_warning",
    "open_by_default_problem",
    "options_from_mapping",
    "relabelled",
    "relabelled_option",
    "relabelled_problem",
    "reported_problems",
    "texts_read",
]

_KEYWORDS = inspect.signature(validate).parameters
#: The prefix of the environment variables :meth:`~wsgi_cors.CORSMiddleware.from_env`
#: reads by default, and of the keys of Flask's ``app.config``: ``CORS_MAX_AGE``.
SETTINGS_PREFIX = "CORS_"
#: Every option a mapping may set: the keywords of :func:`~wsgi_cors.config.validate`,
#: and ``paths``.
OPTION_NAMES = frozenset(_KEYWORDS) | {"paths"}
# Written as text, an option whose default is a boolean is a boolean; max_age is a
# number of seconds, allow_origin_regex a pattern, and every other option a list.
_BOOLEANS = frozenset(name for name, p in _KEYWORDS.items() if isinstance(p.default, bool))
# The options an entry of paths may set: every one but paths.
_ENTRY_OPTIONS = frozenset(_KEYWORDS)
_NO_ENTRY_OPTION = "is not a CORS option an entry of paths sets"


def options_from_mapping(
    mapping: Mapping[str, Any], prefix: str = "", *, text_only: bool = False
) -> tuple[dict[str, Any], dict[str, str], list[Problem]]:
    """Parse *mapping* into ``(options, labels, problems)``.

    :param mapping: option names to values, e.g. ``{"allow_origins": "https://a.example
        https://b.example", "max_age": "600"}``, a Flask ``app.config`` or
        ``os.environ``.
    :param prefix: only keys starting with it (compared case-insensitively) are read,
        the rest are ignored; the option is the rest of the key, in any case
        (``CORS_MAX_AGE`` with ``prefix="CORS_"``). Without a prefix every key must
        be an option.
    :param text_only: every value is text (the environment), which cannot set
        ``paths``: a peer's option that names paths is told to give them in code.
    :returns: the :class:`~wsgi_cors.CORSMiddleware` keywords; each option's key as the
        user wrote it (for error messages); and the problems found while parsing (an
        unknown key, a value that is not a boolean or an integer), each naming the key.
    """
    check_arguments(mapping, prefix, "mapping", "option names or keys")
    options: dict[str, Any] = {}
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    # Options written as keywords (lower case) beside prefixed keys: a mixed mapping,
    # read whole; prefixed keys alone (Flask's DEBUG is no option of ours): a prefix
    # was forgotten.
    if not prefix and not any(key in OPTION_NAMES for key in mapping):
        prefixed = _prefixed_keys(mapping)
        if prefixed:  # Flask's app.config or Django settings read whole, or an ini section
            why = "is a prefixed key, and the mapping was read without a prefix"
            fix = (
                f"pass prefix={SETTINGS_PREFIX!r} (its other keys are then left alone), or"
                " in an ini file's section, where no prefix is read, name it {}"
            )
            problems = [
                Problem(key, mapping[key], why, fix.format(option))
                for key, option in prefixed.items()
            ]
            return options, labels, problems
    policies = _wsgicors_policies(mapping, prefix)
    for key, value in mapping.items():
        if not isinstance(key, str) or not key.lower().startswith(prefix.lower()):
            continue
        option = key[len(prefix) :].lower()
        if option not in OPTION_NAMES:
            fix = (text_only and peer_paths_in_code(option)) or _fix_for(
                option, key, prefix, policies
            )
            problems.append(Problem(key, value, "is not a CORS option", fix))
            continue
        if option in options:
            problems.append(
                Problem(key, value, f"sets the same option as {labels[option]}", "keep one")
            )
            continue
        labels[option] = key
        if option == "paths" and isinstance(value, Mapping):
            value, entry_problems = _read_entries(value, key)
            problems += entry_problems
        parsed = _read_value(option, value, key)
        if isinstance(parsed, Problem):
            problems.append(parsed)
        else:
            options[option] = parsed
    return options, labels, problems


def _read_value(option: str, value: object, key: str) -> Any:
    """The value of *option* set by *key* (of the top level, or of an entry of
    ``paths``) to *value*: text read as settings write it, or a :class:`Problem` named
    by *key* (the option unset); another value as it is, but the integers 1 and 0 of a
    boolean, which Flask's ``from_prefixed_env()`` reads as JSON from the text 1 and 0
    (booleans written as text). The one reading of both levels."""
    if not isinstance(value, str):
        is_bit = type(value) is int and value in (0, 1)
        return bool(value) if option in _BOOLEANS and is_bit else value
    parsed = _text_problem(option, value.strip()) or _parse(option, value.strip())
    if isinstance(parsed, Problem):
        return Problem(key, value, parsed.why, parsed.fix)
    return parsed


def _read_entries(paths: Mapping[Any, Any], key: str) -> tuple[dict[Any, Any], list[Problem]]:
    """The entries of a ``paths`` mapping of settings (set by *key*) with their options'
    values read as the top level's are (:func:`_read_value`): ``{"/api": {"max_age":
    "600"}}`` in a Django settings dict or Flask's JSON is 600 there too. A problem is
    named by the entry and the option as written in it (``CORS_PATHS['/api'].max_age``),
    and the option is left out of the entry (see :func:`reported_problems`); so is an
    option name that is none of an entry's, told with the others as the top level's
    unknown keys are. Any other key, entry or option name is passed on, for
    :class:`~wsgi_cors.CORSMiddleware` to tell."""
    entries: dict[Any, Any] = {}
    problems: list[Problem] = []
    for path, entry in paths.items():
        named = isinstance(path, str) or (
            isinstance(path, re.Pattern) and isinstance(path.pattern, str)
        )
        if not named or not isinstance(entry, Mapping):
            entries[path] = entry
            continue
        read: dict[Any, Any] = {}
        for option, value in entry.items():
            label = f"{_entry_label(key, path)}.{option}"
            if isinstance(option, str) and option not in _ENTRY_OPTIONS:
                # named in lower case, as an entry sets options
                fix = _fix_for(option, option.lower(), "", names=_ENTRY_OPTIONS)
                problems.append(Problem(label, value, _NO_ENTRY_OPTION, fix))
                continue
            if option not in _ENTRY_OPTIONS:
                read[option] = value
                continue
            parsed = _read_value(option, value, label)
            if isinstance(parsed, Problem):
                problems.append(parsed)
            else:
                read[option] = parsed
        entries[path] = read
    return entries, problems


def _entry_label(key: str, path: str | re.Pattern[str]) -> str:
    """The entry *path* of a ``paths`` mapping set by *key*, named as an error names it:
    ``CORS_PATHS['/api']`` (:func:`~wsgi_cors.paths.path_label`, by the user's key)."""
    return key + path_label(path).removeprefix("paths")


def open_by_default_problem(
    mapping: Mapping[str, Any], options: Mapping[str, Any], labels: Mapping[str, str]
) -> Problem | None:
    """The problem of settings whose ``allow_origin_regex`` text reads as no pattern
    (empty, as an unset variable expands, or ``none``) while ``allow_origins`` is not
    set: ``allow_origins`` then takes its default, ``"*"``, and every origin is allowed,
    where the key was written to narrow it (given alone, a pattern allows only what it
    matches: :func:`~wsgi_cors.config.validate`). ``CORS_ALLOW_ORIGINS=""`` is refused
    for allowing no origin; this one would fail open instead. None when the settings
    say otherwise."""
    if "allow_origins" in labels or "allow_origin_regex" not in options:
        # allow_origins set (if unreadable, a problem of its own), or no pattern given,
        # or its text could not be read (a problem of its own).
        return None
    key = labels["allow_origin_regex"]
    text = mapping[key]
    if default_origins(options["allow_origin_regex"]) != "*" or not isinstance(text, str):
        return None  # a pattern, or None written in code (the keyword's own default)
    # In option names, as every problem is found: reported_problems names the keys.
    return Problem(
        key,
        text,
        "reads as no pattern, and allow_origins is not set: it would take its default,"
        " '*', and every origin would be allowed",
        "give the pattern; or set allow_origins (to '*' to allow every origin knowingly)"
        " and remove allow_origin_regex",
    )


#: The options whose names are CORS words (``allow_...``, ``expose_...``): a setting
#: named so (``CORS_ALLOW_ORIGINS``, ``allow_origins`` in an ini file's ``[DEFAULT]``)
#: is a CORS one, where ``DEBUG`` or ``MAX_AGE`` may be anyone's (``FLASK_DEBUG``).
CORS_NAMED_OPTIONS = tuple(
    sorted(name for name in OPTION_NAMES if name.startswith(("allow_", "expose_")))
)


def nothing_read_warning(keys: Iterable[object], prefix: str, read_by: str, what: str) -> str:
    """The :class:`~wsgi_cors.CORSSecurityWarning` message for settings of which no key
    starts with *prefix*: *read_by* (``from_env``, ``from_mapping``) read nothing, every
    option took its default, and ``allow_origins='*'`` lets every website read the
    responses, which a user who meant to configure the middleware did not ask for (a
    mistyped prefix, variables set in one shell and not in the server's). Where one of
    *keys* (each a *what*: ``environment variable``, ``key``) names an option after
    another prefix (``CORS_ALLOW_ORIGINS`` read with ``prefix='CROS_'``), that prefix is
    offered."""
    others = sorted(
        (split[0], key)
        for key in keys
        if (split := _split_key(key, CORS_NAMED_OPTIONS)) is not None
    )
    hint = f" ({others[0][1]} is set: pass prefix={others[0][0]!r})" if others else ""
    origins_key = _spelled_as("allow_origins", prefix, _sample_key(prefix))
    return (
        f"{read_by}() read no {what} starting with {prefix!r}{hint}, so every option took"
        f" its default, and allow_origins='*' lets every website read the responses"
        f" (without credentials). Set {origins_key} to the origins to trust, or to '*' to"
        f" keep this knowingly"
    )


#: Django's settings object is no mapping: the Django guide's way instead.
_DJANGO_SETTINGS_FIX = (
    "; Django's settings are not one: write the options in one setting, a dict"
    " (CORS = {'allow_origins': [...]}), and pass settings.CORS, without a prefix"
    " (docs: Django)"
)


def check_arguments(mapping: object, prefix: object, name: str, keys: str) -> None:
    """Raise :class:`TypeError` unless *mapping* (the argument *name*, whose keys are
    *keys*) is a mapping, *prefix* a str, and every key that may be meant for an
    option a str (``_may_name_an_option``): a ``b"allow_origins"`` key was skipped,
    and the middleware kept ``allow_origins='*'``."""
    if not isinstance(mapping, Mapping):
        django = type(mapping).__module__.startswith("django.conf")
        raise TypeError(
            f"{name}: expected a mapping of {keys} to values (a dict, Flask's app.config,"
            f" os.environ), got {type(mapping).__name__} {mapping!r:.80}"
            f"{_DJANGO_SETTINGS_FIX if django else ''}"
        )
    if not isinstance(prefix, str):
        raise TypeError(f"prefix: expected str (e.g. 'CORS_'), got {type(prefix).__name__}")
    for key in mapping:
        if not isinstance(key, str) and _may_name_an_option(key, prefix):
            decoded = key.decode("latin-1") if isinstance(key, (bytes, bytearray)) else None
            raise TypeError(
                f"{name}: expected str {keys}, got {type(key).__name__} {key!r:.80}: "
                + (f"decode it ({decoded!r:.80})" if decoded is not None else "write it as a str")
                + (", or pass os.environ, not os.environb" if name == "environ" else "")
            )


def _may_name_an_option(key: object, prefix: str) -> bool:
    """Whether *key*, a key of a mapping read with *prefix* that is no str, may be
    meant for one: every key without a prefix (all must be options), and bytes
    (redis's ``hgetall``, :data:`os.environb`) that start with the prefix decoded;
    any other key without the prefix is left alone, as a str one is."""
    if not prefix:
        return True
    if not isinstance(key, (bytes, bytearray)):
        return False
    return key.decode("latin-1").lower().startswith(prefix.lower())


def _wsgicors_policies(mapping: Mapping[Any, Any], prefix: str) -> list[str]:
    """The policy names a wsgicors ``policy`` key of *mapping* lists (``policy = web``,
    or several, separated by commas and/or white space), or ``[]``."""
    for key, value in mapping.items():
        if isinstance(key, str) and key.lower() == f"{prefix}policy".lower():
            return list_items(value) if isinstance(value, str) else []
    return []


def _fix_for(
    option: str,
    key: str,
    prefix: str,
    policies: Iterable[str] = (),
    names: frozenset[str] = OPTION_NAMES,
) -> str:
    """How to fix the unknown *option* (the user's *key* without *prefix*): ours for a
    peer's option (django-cors-headers' ``CORS_PREFLIGHT_MAX_AGE``, flask-cors's
    ``CORS_SUPPORTS_CREDENTIALS``, an option of one of wsgicors's named *policies*:
    ``web_origin``) or else the closest of ours (of *names*: an entry of ``paths``
    sets all but ``paths``), named as the user writes keys (``CORS_MAX_AGE``); or the
    list of them."""
    if option.lower() == "paths" and "paths" not in names:
        return "give each path prefix its own entry of paths: entries do not nest"

    def written(name: str) -> str:
        return _spelled_as(name, prefix, key)

    policy_option = wsgicors_policy_option(option, policies, written)
    if policy_option is not None:
        return policy_option

    # prefix="CORS" for CORS_MAX_AGE: the key's own option is there after an "_".
    separator = option[:1]
    if prefix[-1:].isalnum() and separator in ("_", "-") and option[1:] in names:
        return f"pass prefix={prefix + separator!r}, with its separator"
    suggestion = suggested_option(option, sorted(names))
    if suggestion is None:
        return f"the options are {', '.join(written(name) for name in sorted(names))}"
    ours, rest, _ = suggestion
    # A peer's option that needs more than a name of ours: its advice, else the name.
    advice = peer_option(option, written) if rest or ours is None else None
    return advice if advice is not None else f"did you mean {written(str(ours))}?"


def _spelled_as(option: str, prefix: str, key: str) -> str:
    """*option* as a key of a mapping read with *prefix* whose user wrote *key*: after
    the prefix as *key* writes it (the prefix is compared in any case), in upper case
    if the rest of *key* is (``CORS_MAX_AGE``), else as it is."""
    written = key[: len(prefix)]  # the prefix as the user wrote it (any case)
    return written + (option.upper() if key[len(prefix) :].isupper() else option)


def _split_key(key: object, options: Iterable[str]) -> tuple[str, str] | None:
    """*key* as a prefix and the one of *options* it names after it, in any case
    (``"CORS_ALLOW_ORIGINS"`` → ``("CORS_", "allow_origins")``), or None: the one
    reading of a settings key under a prefix the user did not pass, for the fixes
    that offer the right one."""
    if not isinstance(key, str):
        return None
    lowered = key.lower()
    for option in options:
        if len(key) > len(option) and lowered.endswith(option):
            return key[: -len(option)], option
    return None


def _sample_key(prefix: str) -> str:
    """A key under *prefix* as its user writes keys, where none was written (for
    :func:`_spelled_as`): in upper case after an upper-case prefix (``CORS_``), as
    options are written (lower case) otherwise."""
    return prefix + ("X" if prefix.isupper() else "x")


def _prefixed_keys(mapping: Mapping[Any, Any]) -> dict[str, str]:
    """The :data:`SETTINGS_PREFIX`-prefixed keys naming an option (any case), each with
    that option."""
    prefixed = {}
    for key in mapping:
        split = _split_key(key, OPTION_NAMES)
        if split is not None and split[0].upper() == SETTINGS_PREFIX:
            prefixed[str(key)] = split[1]
    return prefixed


# Options whose text is a list of items (origins, names), not one value.
_LIST_OPTIONS = OPTION_NAMES - _BOOLEANS - {"max_age", "allow_origin_regex", "paths"}
_ORIGIN_OPTIONS = frozenset({"allow_origins", "allow_credentials"})
# An ini file keeps a comment after a value ("; ..." or "# ...", configparser's
# default) in the value; neither character is in an origin, a token or a number.
_INLINE_COMMENT = re.compile(r"(?:^|\s)[#;]")


def _text_problem(option: str, text: str) -> Problem | None:
    """What makes *text* (a value of *option* written as text) unreadable as a user
    meant it: quotes around it or its items, which an ``--env-file`` or an ini file
    keeps, a list written as a Python or JSON one, or an inline comment, which ini
    files keep; or None."""
    if text and text.strip(QUOTES) == "":
        return Problem(
            option,
            text,
            "is only quotes",
            "write the value without them, or leave the key out for the option's default",
        )
    quoted = len(text) >= 2 and text[0] == text[-1] and text[0] in QUOTES
    bracketed = text.startswith("[") and text.endswith("]")
    items = [item.strip(QUOTES) for item in list_items(text.strip("[]"))]
    if option in _LIST_OPTIONS and bracketed and not items:
        # allow_origins=[] is refused but beside allow_origin_regex, where it is left
        # out as well: no origin is listed then. For expose_headers and
        # allow_credentials, [] means what their default, None, does.
        if option == "allow_origins":
            empty = "to allow only what allow_origin_regex matches, give it and leave this out"
        elif option in ("expose_headers", "allow_credentials"):
            empty = "leave it out (its default, none, is the same)"
        else:
            empty = f"set {option} to an empty list in code or settings"
        return Problem(
            option, text, "is an empty list, which text cannot write", f"{empty}, or list the items"
        )
    if option in _LIST_OPTIONS and (bracketed or (quoted and len(items) > 1)):
        return Problem(
            option,
            text,
            "is written as a list in brackets or quotes, which are read as part of it",
            f"write the items without them, separated by spaces or commas: {' '.join(items)}",
        )
    if quoted:
        return Problem(
            option,
            text,
            "is in quotes, which are read as part of the value",
            f"remove the quotes: {text[1:-1]}",
        )
    raw = re.fullmatch(r"[rR](['\"])(.*)\1", text)
    if raw is not None and option == "allow_origin_regex":
        return Problem(
            option,
            text,
            "is written as a Python raw string, whose r and quotes are read as part of the pattern",
            f"write the pattern alone: {raw[2]}",
        )
    comment = _INLINE_COMMENT.search(text)
    if comment is not None and (option != "allow_origin_regex" or not _is_verbose(text)):
        return Problem(
            option,
            text,
            f"holds a comment ({text[comment.end() - 1 :]!r}), read as part of the value",
            "put the comment on a line of its own",
        )
    # After the comments: " ;" begins one in an ini file; ";" alone separates here.
    separated = semicolon_separated(text) if option in _ORIGIN_OPTIONS else None
    if separated is not None:
        return Problem(
            option,
            text,
            "separates origins with ';'",
            f"separate them with spaces or commas: {' '.join(separated)}",
        )
    return None


def _is_verbose(pattern: str) -> bool:
    """Whether *pattern* compiles in verbose mode (``(?x)``), where white space is
    left out and ``#`` begins a comment of the pattern's own; else white space is
    matched as it is, and no origin holds any, so a ``" #"`` or ``" ;"`` in it is a
    comment of the ini file's. A pattern that does not compile is told so by the
    validation."""
    try:
        return bool(re.compile(pattern).flags & re.VERBOSE)
    except (re.error, RecursionError, OverflowError):
        return True


# None is written as NONE_WORD (in any case): ``max_age=none``; an empty value means
# None too where the option has no other reading of it.
def _parse(option: str, text: str) -> Any:
    """The value of *option* written as *text*, or a :class:`Problem` (option unset)."""
    lower = text.lower()
    if option in _BOOLEANS:
        if lower in TRUE_WORDS:
            return True
        if lower in FALSE_WORDS:
            return False
        fix = "write true or false (or 1/0, yes/no, on/off)"
        return Problem(option, text, "is not a boolean", fix)
    if option == "max_age":
        if lower == NONE_WORD:
            return None
        read = read_whole_seconds(text)  # a negative number: validate says it is out of range
        return read if isinstance(read, int) else Problem(option, text, *read)
    if option == "paths":
        return Problem(
            option,
            text,
            "cannot be written as text",
            "give paths to CORSMiddleware(...) or from_mapping as a dict",
        )
    if option == "allow_origin_regex":
        return None if lower in ("", NONE_WORD) else text
    if text == "*":
        return "*"
    if lower == NONE_WORD and option == "allow_origins":
        return Problem(
            option,
            text,
            "cannot be none: CORS needs allowed origins",
            "leave the key out to allow every origin ('*'), or list the origins",
        )
    if lower in ("", NONE_WORD) and option != "allow_origins":
        return None
    return list_items(text)


def relabelled_option(option: str, labels: Mapping[str, str]) -> str:
    """*option* (``max_age``, or ``paths['/api'].max_age`` for an entry of ``paths``)
    named by the key the user wrote (``CORS_MAX_AGE``, ``CORS_PATHS['/api'].max_age``)."""
    if option in labels:
        return labels[option]
    if option.startswith("paths[") and "paths" in labels:
        return labels["paths"] + option[len("paths") :]
    return option


# An option's name in a problem's text, where settings name it by a key: every option
# but the two single words (paths, debug), which prose uses too, and never a peer's
# keyword ("Starlette's allow_credentials=True").
_OPTION_IN_TEXT = re.compile(
    r"(?<!'s )\b("
    + "|".join(sorted((name for name in OPTION_NAMES if "_" in name), key=len, reverse=True))
    + r")\b"
)


def reported_problems(
    parsed: list[Problem],
    built: Sequence[Problem],
    labels: Mapping[str, str],
    prefix: str,
    *,
    text_only: bool = False,
    read: Mapping[str, tuple[object, str]] | None = None,
) -> list[Problem]:
    """Every problem of a settings mapping read with *prefix*, in its terms
    (:func:`relabelled_problem`): those found reading its text (*parsed*, from
    :func:`options_from_mapping`) and those :class:`~wsgi_cors.CORSMiddleware` found in
    the options read (*built*), but one of an option whose text could not be read, or
    whose why names one: that option took its default, which is no choice of the
    user's (an unread ``CORS_ALLOW_ORIGINS`` beside ``CORS_ALLOW_CREDENTIALS=*`` was
    reported as "with CORS_ALLOW_ORIGINS='*'"). It shows once the text is fixed, if it
    still holds. A fix that names one is no cause: ``CORS_ALLOW_CREDENTIALS=true``'s
    problem ("a boolean, not an origin") is reported beside an unread
    ``CORS_ALLOW_ORIGINS``.
    *text_only*: every value is text (environment variables), where a pattern is
    written as it is, so a fix of the options read shows ``r'...'`` as the text alone
    (:func:`_as_text`); those of the text say what to write already, Python where it
    must be given in code (``paths``, :func:`~wsgi_cors.config.peer_paths_in_code`).
    *read*: each option read from text, with its value and that text, which a problem
    of that value shows (``CORS_MAX_AGE='-1'``, not the number)."""
    unread = [option for option, key in labels.items() if any(p.option == key for p in parsed)]
    names = _naming(unread)
    # So with an option of an entry of paths whose text could not be read: the entry
    # took the top level's value, no choice of the user's either.
    entry_key = f"{labels['paths']}[" if "paths" in labels else None
    unread_in: dict[str, list[str]] = {}  # each such entry (its label): those options
    for p in parsed:
        if entry_key is not None and p.option.startswith(entry_key):
            entry, _, option = p.option.rpartition(".")  # no option's name holds a dot
            unread_in.setdefault(entry, []).append(option)

    def chosen(problem: Problem) -> bool:
        """Whether *problem* is of values the user chose: not of an unread option."""
        if problem.option in unread or (names is not None and names.search(problem.why)):
            return False
        label = relabelled_option(problem.option, labels)
        for entry, options in unread_in.items():
            if label.startswith(f"{entry}."):
                in_entry = _naming(options)
                return label[len(entry) + 1 :] not in options and (
                    in_entry is None or not in_entry.search(problem.why)
                )
        return True

    kept = [p for p in built if chosen(p)]
    # Those of the text name the key already: a duplicate key spelled as its option
    # (max_age after Max_Age) was renamed by the first, whose line is the one to keep.
    built_problems = [relabelled_problem(_as_written(p, read or {}), labels, prefix) for p in kept]
    if text_only:  # the text's own problems say what to write already, in code where it goes
        built_problems = [
            Problem(p.option, p.value, p.why, _as_text(p.fix)) for p in built_problems
        ]
    return [
        # An entry's own name their options as its dict does (relabelled_problem).
        *(
            p
            if entry_key is not None and p.option.startswith(entry_key)
            else Problem(p.option, p.value, *_all_in_keys(p, labels, prefix))
            for p in parsed
        ),
        *built_problems,
    ]


def _naming(options: Iterable[str]) -> re.Pattern[str] | None:
    """What finds *options* named in a problem's prose, as :data:`_OPTION_IN_TEXT` finds
    them: not the single words (paths, debug), which prose uses too ("in a paths
    entry"); None when none is left."""
    named = [option for option in options if "_" in option]
    return re.compile(r"\b(?:" + "|".join(named) + r")\b") if named else None


def texts_read(
    mapping: Mapping[str, Any], options: Mapping[str, Any], labels: Mapping[str, str]
) -> dict[str, tuple[object, str]]:
    """Each option read from the text of *mapping* (:func:`options_from_mapping` gave
    *options* and *labels*), and each option of an entry of ``paths`` so read (named
    ``paths['/api'].max_age``), with its value and that text: the *read* of
    :func:`reported_problems`."""
    read: dict[str, tuple[object, str]] = {}
    for option, key in labels.items():
        if option in options and isinstance(text := mapping[key], str):
            read[option] = (options[option], text)
    written, entries = mapping.get(labels.get("paths", "")), options.get("paths")
    if isinstance(written, Mapping) and isinstance(entries, dict):
        for path, entry in written.items():
            parsed = entries.get(path)
            if not isinstance(entry, Mapping) or not isinstance(parsed, dict):
                continue
            for option, text in entry.items():
                if isinstance(text, str) and option in parsed and option in _ENTRY_OPTIONS:
                    read[f"{path_label(path)}.{option}"] = (parsed[option], text)
    return read


def _as_written(problem: Problem, read: Mapping[str, tuple[object, str]]) -> Problem:
    """*problem* showing the text its option's value was read from (*read*), where its
    value is that value, not an item of it."""
    value, text = read.get(problem.option, (None, None))
    if text is None or type(problem.value) is not type(value) or problem.value != value:
        return problem
    return Problem(problem.option, text, problem.why, problem.fix)


def told_in_keys(text: str, labels: Mapping[str, str], prefix: str, *, text_only: bool) -> str:
    """A warning's *text* in the terms of a settings mapping read with *prefix*, as
    :func:`reported_problems` tells a problem: each option it names by the key that
    sets it, and with *text_only* each pattern as the text to write. For
    :func:`~wsgi_cors.config.warning_terms`."""
    text = _in_keys(text, labels, prefix)
    return _as_text(text) if text_only else text


# A pattern shown as a Python raw string in a fix (python_literal): r'...' or r"...".
_RAW_LITERAL = re.compile(r"\br(['\"])(.*?)\1")


# A value shown by repr() whose only escape is a doubled backslash: '^https://a\\.b$'.
_DOUBLED_BACKSLASHES = re.compile(
    r"""(?<!\w) (['"])                          # a quote opens where no letter is before it
        ( (?:(?!\1)[^\\] | \\\\)* \\\\ (?:(?!\1)[^\\] | \\\\)* )  # a doubled \, no other escape
        \1""",
    re.VERBOSE,
)


def _as_text(text: str) -> str:
    """*text* with each pattern it shows as Python shown as the text to write in an
    environment variable, which this module reads as it is: ``r'...'`` (which the
    parser refuses there, :func:`_text_problem`) as what is between the quotes, and a
    value shown by :func:`repr` with its backslashes doubled
    (``'https://a\\.example'``) with them single, as written."""
    text = _RAW_LITERAL.sub(r"\2", text)
    return _DOUBLED_BACKSLASHES.sub(
        lambda match: match[1] + match[2].replace("\\\\", "\\") + match[1], text
    )


def relabelled_problem(problem: Problem, labels: Mapping[str, str], prefix: str) -> Problem:
    """*problem*, found in options read from a settings mapping with *prefix*, told in
    the mapping's terms: its option named by the key the user wrote
    (:func:`relabelled_option`), and so each option its why and fix name
    (:func:`_in_keys`). An entry of ``paths`` is a dict written in code, whose keys are
    the options' own names: its texts are kept."""
    option = relabelled_option(problem.option, labels)
    if problem.option.startswith("paths["):
        return Problem(option, problem.value, problem.why, problem.fix)
    return Problem(option, problem.value, *_all_in_keys(problem, labels, prefix))


def _all_in_keys(problem: Problem, labels: Mapping[str, str], prefix: str) -> tuple[str, str]:
    """*problem*'s why and fix with each option they name told by its key (:func:`_in_keys`)."""
    return _in_keys(problem.why, labels, prefix), _in_keys(problem.fix, labels, prefix)


def relabelled(message: str, labels: Mapping[str, str], prefix: str) -> str:
    """A :class:`TypeError` message (``"option: expected ...; option: ...; fix"``) in
    the terms of a settings mapping read with *prefix*, as :func:`relabelled_problem`
    tells a problem."""
    parts = []
    # From an entry of paths on, every part is the entries': the top level's type
    # errors are raised before the entries are read (CORSMiddleware.__init__).
    in_entries = False
    for part in message.split("; "):
        option, colon, rest = part.partition(": ")
        if option.startswith("paths["):
            in_entries = True
            part = f"{relabelled_option(option, labels)}{colon}{rest}"
        elif in_entries:
            pass  # an entry's own option, named as its dict names it
        elif colon and option in OPTION_NAMES:
            part = f"{relabelled_option(option, labels)}: {_in_keys(rest, labels, prefix)}"
        else:
            part = _in_keys(part, labels, prefix)
        parts.append(part)
    return "; ".join(parts)


# A quoted value in a problem's text: the user's own (an origin, a comment), kept as
# written, whatever words it holds ('https://max_age.example'). A quote opens where no
# letter comes before it, or at a pattern's r' ("visitors' credentialed" opens none).
_QUOTED = re.compile(r"(?<!\w)r?(?:'[^']*'|\"[^\"]*\")")


def _in_keys(text: str, labels: Mapping[str, str], prefix: str) -> str:
    """*text* with each option it names (``allow_origins``), outside quotes, named by
    the key that sets it: the one the user wrote (*labels*), else *prefix* and the
    option spelled as the user's keys are (:func:`_spelled_as`; after an upper-case
    prefix, ``CORS_ALLOW_ORIGINS``, when no key was written)."""
    sample = next(iter(labels.values()), _sample_key(prefix))

    def key(match: re.Match[str]) -> str:
        option = match.group()
        return labels.get(option) or _spelled_as(option, prefix, sample)

    parts = []
    end = 0
    for quoted in _QUOTED.finditer(text):
        parts += [_OPTION_IN_TEXT.sub(key, text[end : quoted.start()]), quoted.group()]
        end = quoted.end()
    parts.append(_OPTION_IN_TEXT.sub(key, text[end:]))
    return "".join(parts)
