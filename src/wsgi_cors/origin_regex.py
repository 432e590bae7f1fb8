"""What part of an ``allow_origin_regex`` can never match an origin a browser sends.

An origin arrives as a browser serializes it: ``scheme "://" host [ ":" port ]``, the
scheme and host in lower case, the scheme's default port left out, and nothing after
the host or port (Fetch standard, "Origin header"; HTML standard, "serialization of an
origin"). ``allow_origin_regex`` must match the whole of it (``fullmatch``), so a
pattern that demands an upper-case letter, a ``/`` after the host, or ``:443`` after an
``https`` host matches no request at all, and the entry a user wrote to allow an origin
silently allows nothing. ``allow_origins`` refuses the same three mistakes in an exact
origin (:func:`~wsgi_cors.origins.parse_configured_origin`); this module finds them in a
pattern.

It reads the pattern only as far as it must, and is silent wherever it is unsure: it
looks at literal characters (``a``, ``\\.``, ``\\/``) outside character classes, and
at the sequence ``://`` and what follows it only where nothing makes them optional (a
group, a quantifier, an alternative). A verbose or case-insensitive pattern is not
read at all. So it never refuses a pattern that can match an origin; it can miss one
that cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .origins import DEFAULT_PORTS

__all__ = ["RegexMistake", "regex_mistakes"]


@dataclass(frozen=True)
class RegexMistake:
    """Why ``allow_origin_regex`` matches no origin a browser sends, and the pattern to
    write instead (the pattern with every mistake found mended)."""

    why: str
    fix: str


@dataclass
class _Token:
    """One element of a pattern: ``pattern[start:end]``, the character it stands for if
    it is a literal (else None), and how deep in groups it is."""

    start: int
    end: int
    literal: str | None
    depth: int
    optional: bool = False
    alternative: bool = False  # a "|" outside every group
    anchor: bool = False  # "^", "$", "\A", "\Z"


# The head of a group or an inline item after "(?", and whether it opens a group.
_GROUP_OPENERS = re.compile(r"\(\?(?:P<\w+>|<[=!]|[=!>]|[aLmsu]*(?:-[ms]*)?:|\([^)]*\))")
_INLINE_ITEMS = re.compile(r"\(\?(?:P=\w+|#[^)]*|[aLmsu]*)\)")
_QUANTIFIER = re.compile(r"[?*+]|\{(\d*)(?:,\d*)?\}")


def _tokens(pattern: str) -> list[_Token] | None:
    """The tokens of *pattern*, or None where it holds what this reading does not
    follow: a case-insensitive or verbose part (``(?i)``, ``(?x:``), an unknown
    ``(?`` item, an unbalanced group."""
    tokens: list[_Token] = []
    depth = 0
    at = 0
    while at < len(pattern):
        char = pattern[at]
        end = at + 1
        literal: str | None = None
        opens = False
        if char == "\\":
            escaped = pattern[at + 1 : at + 2]
            end = at + 2
            if escaped == "N" and pattern[end : end + 1] == "{":  # \N{NAME}
                end = pattern.find("}", end) + 1 or len(pattern)
            elif not escaped.isalnum():  # "\." is ".", "\/" is "/"
                literal = escaped
        elif char == "[":  # a class: "]" first is a member, "\]" too
            end = at + 1 + (pattern[at + 1 : at + 2] == "^")
            end += pattern[end : end + 1] == "]"
            while end < len(pattern) and pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            end += 1
        elif pattern.startswith("(?", at):
            inline = _INLINE_ITEMS.match(pattern, at)
            opener = _GROUP_OPENERS.match(pattern, at)
            if inline is not None:
                end = inline.end()
            elif opener is not None:
                end, opens = opener.end(), True
            else:
                return None
        elif char == "(":
            opens = True
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char in "?*+{":
            quantifier = _QUANTIFIER.match(pattern, at)
            if quantifier is not None:
                if tokens:  # the quantifier is part of what it repeats
                    tokens[-1].end = quantifier.end()
                    tokens[-1].optional |= char in "?*" or quantifier.group(1) in ("", "0")
                at = quantifier.end()
                continue
            literal = char  # "{" that is no quantifier
        elif char not in ".|^$":
            literal = char
        token = _Token(at, end, literal, depth)
        token.alternative = char == "|" and depth == 0
        token.anchor = char in "^$" or pattern[at : at + 2] in ("\\A", "\\Z")
        tokens.append(token)
        depth += opens
        at = end
    return tokens if depth == 0 else None


def _alternatives(tokens: list[_Token]) -> list[list[_Token]]:
    """The tokens outside every group, cut at each top-level ``|``."""
    alternatives: list[list[_Token]] = [[]]
    for token in tokens:
        if token.alternative:
            alternatives.append([])
        elif token.depth == 0:
            alternatives[-1].append(token)
    return alternatives


def _required(token: _Token, char: str) -> bool:
    return token.literal == char and not token.optional


def _after_host(alternative: list[_Token]) -> tuple[str | None, list[_Token]] | None:
    """The scheme (when it is written out) and the tokens after a required ``://``
    in *alternative*, or None without one."""
    for at in range(len(alternative) - 2):
        if all(_required(alternative[at + i], c) for i, c in enumerate("://")):
            before = [t for t in alternative[:at] if not t.anchor]
            written = all(t.literal is not None and not t.optional for t in before)
            scheme = "".join(str(t.literal) for t in before) if written else None
            return scheme, alternative[at + 3 :]
    return None


def _path_cut(alternative: list[_Token]) -> tuple[int, int] | None:
    """The span to cut from a required ``/`` after the host to the end of
    *alternative* (its closing anchor kept), or None."""
    found = _after_host(alternative)
    if found is None:
        return None
    rest = found[1]
    slash = next((t for t in rest if _required(t, "/")), None)
    if slash is None:
        return None
    kept = alternative[-1] if alternative[-1].anchor else None
    end = kept.start if kept is not None and kept.start > slash.start else alternative[-1].end
    return slash.start, end


def _default_port_cut(alternative: list[_Token]) -> tuple[int, int, str] | None:
    """The span of a required default port (``:443`` after ``https://host``) that ends
    *alternative*, with the scheme, or None."""
    found = _after_host(alternative)
    if found is None:
        return None
    scheme, rest = found
    port = DEFAULT_PORTS.get(scheme or "")
    if scheme is None or port is None:
        return None
    while rest and rest[-1].anchor:
        rest = rest[:-1]
    tail = rest[-len(port) - 1 :]
    if len(tail) == len(port) + 1 and all(
        _required(t, c) for t, c in zip(tail, ":" + port, strict=True)
    ):
        return tail[0].start, tail[-1].end, scheme
    return None


def _raw(pattern: str) -> str:
    quote = "'" if "'" not in pattern else '"'
    return f"r{quote}{pattern}{quote}"


def regex_mistakes(regex: re.Pattern[str]) -> list[RegexMistake]:
    """The mistakes in *regex* (``allow_origin_regex``) that leave it, or one of its
    alternatives, matching no origin a browser sends, each with the mended pattern to
    write: upper-case letters, a ``/`` after the host, the default port of ``http`` or
    ``https``. Empty when there is none, or when the pattern cannot be read with
    certainty (see the module's docstring)."""
    if regex.flags & (re.IGNORECASE | re.VERBOSE):
        return []
    pattern = regex.pattern
    tokens = _tokens(pattern)
    if tokens is None:
        return []
    cuts: list[tuple[int, int]] = []
    has_path = False
    default_port: str | None = None  # the scheme whose default port is required
    for alternative in _alternatives(tokens):
        path = _path_cut(alternative)
        if path is not None:
            has_path = True
            cuts.append(path)
            alternative = [t for t in alternative if t.start < path[0]]
        port = _default_port_cut(alternative)
        if port is not None:
            default_port = default_port or port[2]
            cuts.append(port[:2])
    # A letter in a negative lookaround is one an origin must not have: no mistake.
    negative = "(?!" in pattern or "(?<!" in pattern
    upper = [
        t
        for t in tokens
        if not negative
        and t.literal is not None
        and "A" <= t.literal <= "Z"
        and not any(start <= t.start < end for start, end in cuts)
    ]
    whys = []
    if upper:
        letters = ", ".join(sorted({str(t.literal) for t in upper}))
        whys.append(
            f"has upper-case letters ({letters}), which no origin a browser sends has"
            " (it sends the scheme and host in lower case)"
        )
    if has_path:
        whys.append(
            "requires a '/' after the host, which no origin has (it ends at the host or port)"
        )
    if default_port is not None:
        whys.append(
            f"requires the default port of {default_port}"
            f" (':{DEFAULT_PORTS[default_port]}'), which browsers never send"
        )
    if not whys:
        return []
    edits = [(start, end, "") for start, end in cuts]
    edits += [(t.start, t.end, pattern[t.start : t.end].lower()) for t in upper]
    mended = pattern
    for start, end, text in sorted(edits, reverse=True):
        mended = mended[:start] + text + mended[end:]
    try:
        re.compile(mended)
    except re.error:
        fix = "match only the origin: its scheme, its host in lower case, a port if not the default"
    else:
        fix = f"write it as {_raw(mended)}"
    return [RegexMistake(why, fix) for why in whys]
