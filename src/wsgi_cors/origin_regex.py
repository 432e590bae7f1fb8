"""Every check of an ``allow_origin_regex``: what makes it match no origin its user
meant (:func:`regex_mistake`, a configuration error), what makes it allow more than
meant (:func:`unescaped_dots` and :func:`look_alike`, a
:class:`~wsgi_cors.CORSSecurityWarning`), and whether it matches strangers' origins
(:func:`strangers_origin`, refused beside ``allow_credentials="*"``).

Three mistakes are seen in the text alone: an empty pattern, a wildcard origin
written as a pattern (``https://*.example.com``, where ``/*`` is any number of ``/``),
and several patterns written as a list (``https://a\\.com https://b\\.com``).
The others are what no origin a browser sends has. An origin arrives as a browser
serializes it: ``scheme "://" host [ ":" port ]``, nothing after the host or port,
the scheme in lower case, the host too for ``http``, ``https`` and the other schemes
of :data:`~wsgi_cors.origins.LOWER_CASE_HOST_SCHEMES`, and the scheme's default port
left out (Fetch standard, "Origin header"; URL standard, "host parsing" and "origin").
``allow_origin_regex`` must match the whole of it (``fullmatch``), so a pattern that
requires an upper-case letter there, a ``/`` after the host, or ``:443`` after an
``https`` host matches no request, and the origin its user meant to allow is silently
denied. ``allow_origins`` refuses the same three mistakes in an exact origin
(:func:`~wsgi_cors.origins.parse_configured_origin`); this module finds them in a
pattern.

It reads the pattern only as far as it must, and is silent wherever it is unsure. A
character counts only where every match of the pattern (or of one top-level
alternative: ``a|b`` is read as two patterns) must hold it: a literal (``a``,
``\\.``, ``\\x2F``) outside character classes, not made optional by a quantifier, and
inside no group that is optional, repeated, holds alternatives, or looks around. A
verbose pattern, or one with a case-insensitive part (``(?i:...)``), is not read at
all; a case-insensitive one (``re.IGNORECASE``, or ``(?i)`` at its start, as a
pattern from an environment variable must say it) is read, but not looked at for
upper case. So it never refuses an alternative that can match an origin a browser
sends (an alternative that cannot is refused, though others may match); it can miss
one that cannot.
"""

from __future__ import annotations

import bisect
import functools
import ipaddress
import itertools
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass, field

from .caught import caught_warnings
from .origins import (
    DEFAULT_PORTS,
    EXAMPLE_ORIGIN_REGEX,
    HIGHEST_PORT,
    LABEL_CHARACTERS,
    LOWER_CASE_HOST_SCHEMES,
    MAX_ORIGIN_LENGTH,
    NO_VALUE_WORDS,
    ORIGIN_CHARACTERS,
    QUOTES,
    SHARED_SUFFIXES,
    SubdomainPattern,
    ascii_host,
    ends_in_a_number,
    is_localhost_name,
    is_url_scheme,
    parse_configured_origin,
    port_number,
    quoted_list,
    registrable_domain,
    respelled,
)

__all__ = [
    "STRANGERS_ORIGINS",
    "WSGI_CHARACTERS",
    "RegexMistake",
    "ambiguous_group",
    "ambiguous_repetition",
    "regex_mistake",
    "python_literal",
    "redos_why",
    "look_alike",
    "may_backtrack_exponentially",
    "missing_scheme",
    "polynomial_runs",
    "look_alike_origins",
    "loose_dot_look_alike",
    "strangers_origin",
    "is_an_address",
    "unescaped_dots",
]


@dataclass(frozen=True)
class RegexMistake:
    """Why ``allow_origin_regex`` matches no origin a browser sends, and what to write
    instead (the pattern with every mistake found mended, when that can be said)."""

    why: str
    fix: str
    #: The pattern the fix names, where it names one (not compared: *fix* says it).
    write: str | None = field(default=None, compare=False)


@dataclass(eq=False)
class _Token:
    """One element of a pattern: ``pattern[start:end]`` (its quantifier included; the
    element alone ends at *atom_end*), the character it stands for if it is a literal,
    and the innermost group around it (its opening token)."""

    start: int
    atom_end: int
    literal: str | None
    parent: _Token | None
    kind: str = "other"  # literal, any ("."), open, close, alternative, anchor, other
    end: int = 0
    optional: bool = False  # its quantifier allows zero
    repeated: bool = False  # a quantifier lets it match more than once
    # For an opening token: a plain group (capturing, named, non-capturing, atomic),
    # whether it holds a "|" of its own, and its closing token.
    plain: bool = True
    has_alternatives: bool = False
    close: _Token | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.end = self.end or self.atom_end


# After "(?": an inline item, which opens no group (a back-reference, a comment,
# which ends at the first ")" not escaped, or global flags); the head of a plain group
# (named, non-capturing with flags, atomic); the head of any group (lookarounds and
# conditionals too).
_INLINE_ITEM = re.compile(r"\(\?(?:P=\w+\)|#(?:\\.|[^)\\])*\)|[aiLmsu]*\))")
_GLOBAL_FLAG_ITEM = r"\(\?[aiLmsu]*\)"  # "(?i)": flags for the whole pattern
_GLOBAL_FLAGS = re.compile(_GLOBAL_FLAG_ITEM)
_LEADING_GLOBAL_FLAGS = re.compile(rf"\A(?:{_GLOBAL_FLAG_ITEM})+")
# Not "(?a:": a scoped ASCII part changes what \w and \s match there, which the
# reading, matching each element apart, would not see.
_PLAIN_HEADS = r"P<\w+>|[msu]*(?:-[ms]*)?:|>"
_PLAIN_GROUP_HEAD = re.compile(rf"\(|\(\?(?:{_PLAIN_HEADS})")
_GROUP_HEAD = re.compile(rf"\(\?(?:{_PLAIN_HEADS}|<[=!]|[=!]|\([^)]*\))")
# A reference to a group by its number, which a cut group would change.
_NUMBERED_REFERENCE = re.compile(r"\\[1-9]|\(\?\([0-9]")
_QUANTIFIER = re.compile(r"(?:[?*+]|\{(\d*)(,(\d*))?\})[?+]?")
_HEX_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")
_OCTAL_ESCAPE = re.compile(r"\\(0[0-7]{0,2}|[0-7]{3})")
_OTHER_ESCAPE = re.compile(r"\\(?:N\{[^}]*\}|\d{1,2}|.)", re.DOTALL)


def _escape(pattern: str, at: int) -> tuple[int, str | None, str]:
    """The escape at *at*: where it ends, the character it stands for (None for a
    class, an anchor or a back-reference), and its kind."""
    hex_escape = _HEX_ESCAPE.match(pattern, at)
    if hex_escape is not None:
        digits = next(d for d in hex_escape.groups() if d is not None)
        return hex_escape.end(), chr(int(digits, 16)), "literal"
    octal = _OCTAL_ESCAPE.match(pattern, at)
    if octal is not None:
        return octal.end(), chr(int(octal.group(1), 8)), "literal"
    other = _OTHER_ESCAPE.match(pattern, at)
    end = other.end() if other is not None else len(pattern)
    escaped = pattern[at + 1 : end]
    if escaped.startswith("N{"):  # a character by its name
        try:
            return end, unicodedata.lookup(escaped[2:-1]), "literal"
        except KeyError:
            return end, None, "other"
    if escaped in ("A", "Z"):
        return end, None, "anchor"
    if len(escaped) == 1 and not escaped.isalnum():  # "\." is ".", "\/" is "/"
        return end, escaped, "literal"
    return end, None, "other"


def _class_end(pattern: str, at: int) -> int:
    """Where the character class opening at *at* ends ("]" first is a member)."""
    end = at + 1 + (pattern[at + 1 : at + 2] == "^")
    end += pattern[end : end + 1] == "]"
    while end < len(pattern) and pattern[end] != "]":
        end += 2 if pattern[end] == "\\" else 1
    return end + 1


def _tokens(pattern: str) -> list[_Token] | None:
    """The tokens of *pattern*, or None where it holds what this reading does not
    follow: a case-insensitive or verbose part (``(?i:``, ``(?x)``), an unknown ``(?``
    item, an unbalanced group. Global flags at its start (``(?i)``) match nothing: the
    compiled pattern's ``flags`` say them, as when they are given to ``re.compile``."""
    tokens: list[_Token] = []
    groups: list[_Token] = []
    at = 0
    while at < len(pattern):
        char = pattern[at]
        end, literal, kind = at + 1, None, "other"
        if char == "\\":
            end, literal, kind = _escape(pattern, at)
        elif char == "[":
            end = _class_end(pattern, at)
        elif char == "(":
            inline = _INLINE_ITEM.match(pattern, at)
            if inline is not None:  # no group; a comment is nothing at all
                if pattern.startswith("(?#", at):
                    at = inline.end()
                    continue
                end = inline.end()
                if _GLOBAL_FLAGS.fullmatch(pattern, at, end):  # "(?a)": matches nothing
                    kind = "anchor"
            else:
                head = _GROUP_HEAD.match(pattern, at) if pattern.startswith("(?", at) else None
                if pattern.startswith("(?", at) and head is None:
                    return None
                end, kind = (head.end() if head is not None else at + 1), "open"
        elif char == ")":
            if not groups:
                return None
            kind = "close"
        elif char == "|":
            kind = "alternative"
        elif char in "^$":
            kind = "anchor"
        elif char in "?*+{" and not pattern.startswith("{}", at):  # "{}" is a literal
            quantifier = _QUANTIFIER.match(pattern, at)
            if quantifier is not None and tokens:  # it belongs to what it repeats
                last = tokens[-1]
                last.end = quantifier.end()
                least, most = _counts(quantifier)
                last.optional |= least == 0
                last.repeated = most is None or most > 1
                if last.kind == "close" and last.close is not None:
                    opening = last.close  # a closing token's link is to its opening
                    opening.optional, opening.repeated = last.optional, last.repeated
                at = quantifier.end()
                continue
            literal, kind = char, "literal"  # "{" that is no quantifier
        elif char == ".":
            kind = "any"
        else:
            literal, kind = char, "literal"
        token = _Token(at, end, literal, groups[-1] if groups else None, kind)
        if kind == "open":
            token.plain = _PLAIN_GROUP_HEAD.fullmatch(pattern, at, end) is not None
            groups.append(token)
        elif kind == "close":
            opening = groups.pop()
            opening.close, token.close = token, opening
            token.parent = groups[-1] if groups else None
        elif kind == "alternative" and groups:
            groups[-1].has_alternatives = True
        tokens.append(token)
        at = end
    return tokens if not groups else None


def may_backtrack_exponentially(regex: re.Pattern[str]) -> bool:
    """Whether matching *regex* may take time exponential in the length of an origin it
    does not match, as far as a reading of its tokens can tell (True where unsure, and
    for a pattern ``_tokens`` does not read). Start-up runs no origin against such a
    pattern (:func:`strangers_origin`, :func:`look_alike`, nor an origin listed in
    ``allow_credentials``): one it does not match could hold it for hours.

    False only where every repeated group matches a text one way at most
    (``_one_way``): no part of it whose length varies (a repeated or optional element
    or group) can hold a character that may come right after it (in the group, the
    group's first parts following its last), so that the next character ends it; and
    each such group, and each varying group in it, holds a character in every match.
    So ``([a-z0-9-]+\\.)*``, ``([a-z]+[0-9])+``, ``([a-z0-9](-?[a-z0-9])*\\.)*`` and
    ``([a-z0-9]+(-[a-z0-9]+)*\\.)*`` take linear time, while ``([a-z]+)+``,
    ``([a-z0-9-]+\\.?)+``, ``(\\w.?)+`` (whose repetitions are one or two characters),
    ``(\\w(\\.?)?)*`` (whose inner group matches nothing in two ways) and
    ``([a-z]|[a-z-])+`` (alternatives, never read) may not. True too where five parts
    and more repeat without bound with nothing that ends them (``.*.*.*.*.*``): time
    polynomial, but of a degree that holds start-up as long; and where
    :func:`polynomial_runs` finds runs a crafted origin makes slow.

    Characters are compared as far as an origin goes: latin-1, which holds ASCII, the
    only characters of a serialized origin (and of a probe), and those the pattern
    names; two classes that share only other characters are read as apart."""
    tokens = None if regex.flags & re.VERBOSE else _tokens(regex.pattern)
    if tokens is None:
        return True
    if _runs_nothing_ends(regex, tokens) >= _MANY_RUNS or polynomial_runs(regex) is not None:
        return True  # polynomial, of a degree that holds start-up for minutes all the same
    return any(
        group.kind == "open" and group.repeated and not _one_way(regex, tokens, group)
        for group in tokens
    )


# Parts of unbounded length that nothing ends, from which a pattern takes time of a
# degree too high to try origins against it: with 8 (".*" eight times before
# "\.example\.org"), construction beside allow_credentials="*" took 50 s; with 6
# such "[a-z.-]*", 6.6 s; with 4, 0.16 s (a review, CPython 3.11).
_MANY_RUNS = 5


def _runs_nothing_ends(regex: re.Pattern[str], tokens: list[_Token]) -> int:
    """How many parts of *regex* repeat without bound (``.*``, ``[a-z]+``, a group's
    ``+``) where no character that may come next in their sequence is one they cannot
    hold (``_ends``), each of which multiplies the ways to split a text: the degree of
    a polynomial time, roughly. A part at a sequence's end counts."""
    count = 0
    for group in [None, *(t for t in tokens if t.kind == "open")]:
        children = _children(tokens, group)
        sequences: list[list[_Token]] = [[]]
        for child in children:
            if child.kind == "alternative":
                sequences.append([])
            else:
                sequences[-1].append(child)
        for sequence in sequences:
            for at, part in enumerate(sequence):
                counts = _repetitions(regex.pattern, part)
                if counts is None or (counts[1] is not None and counts[1] < _POLYNOMIAL_BELOW):
                    continue
                after = _first_characters(regex.pattern, tokens, sequence[at + 1 :])
                if after is None or after[1] or not _ends(regex, after[0], _within(tokens, part)):
                    count += 1
    return count


def _one_way(
    regex: re.Pattern[str],
    tokens: list[_Token],
    group: _Token,
    follow: list[_Token] | None = None,
) -> bool:
    """Whether each text one match of *group* (an opening token) matches splits into
    its parts one way only: every part whose length varies (an element or a group,
    repeated or optional) cannot hold any character that may come next
    (``_next_characters``: what follows it in the group, the group's first parts where
    the group repeats, else *follow*, the characters that may follow the group), so
    that the next character ends it; a group inside is such a group itself, and holds a
    character in every match where it varies (``(\\.?)?`` matches nothing in two ways:
    left out, or empty). False where unsure: alternatives (``((a|a)c)+``), a
    lookaround, a back-reference or ``.`` that varies, nothing known to follow."""
    if group.close is None or group.has_alternatives or not group.plain:
        return False
    if (group.optional or group.repeated) and not _holds_a_character(regex.pattern, tokens, group):
        return False
    children = _children(tokens, group)
    for at, part in enumerate(children):
        varies = part.optional or part.repeated
        if part.kind != "open" and not varies:
            continue
        if part.kind != "open" and not (_one_character(regex.pattern, part) or part.kind == "any"):
            return False  # a varying anchor or back-reference: not read
        after = _next_characters(regex.pattern, tokens, children, at + 1, group, follow)
        if varies and (after is None or not _ends(regex, after, _within(tokens, part))):
            return False
        if part.kind == "open" and not _one_way(regex, tokens, part, after):
            return False
    return True


def _children(tokens: list[_Token], group: _Token | None) -> list[_Token]:
    """The parts of *group* at its own level (None: the pattern's own), its "|" among
    them: its elements, and the opening token of each group in it (whose contents are
    that group's children)."""
    return [t for t in tokens if t.parent is group and t.kind != "close"]


def _within(tokens: list[_Token], part: _Token) -> list[_Token]:
    """*part*'s tokens: itself, or a group's from its opening to its closing token."""
    if part.kind != "open" or part.close is None:
        return [part]
    return tokens[tokens.index(part) : tokens.index(part.close) + 1]


def _first_characters(
    pattern: str, tokens: list[_Token], parts: list[_Token]
) -> tuple[list[_Token], bool] | None:
    """The elements, each one character, one of which a match of *parts* (a run of a
    group's children) begins with, and whether the run may match nothing, so that
    what follows it may come first too; None where that is not read (``.``, a
    back-reference, alternatives, a lookaround)."""
    firsts: list[_Token] = []
    for part in parts:
        if part.kind == "open":
            if part.close is None or part.has_alternatives or not part.plain:
                return None
            inner = _first_characters(pattern, tokens, _children(tokens, part))
            if inner is None:
                return None
            firsts += inner[0]
            if not (part.optional or inner[1]):
                return firsts, False
        elif _one_character(pattern, part):
            firsts.append(part)
            if not part.optional:
                return firsts, False
        elif part.kind != "anchor":  # an anchor holds no character: what follows may come
            return None
    return firsts, True


def _next_characters(
    pattern: str,
    tokens: list[_Token],
    children: list[_Token],
    at: int,
    group: _Token,
    follow: list[_Token] | None,
) -> list[_Token] | None:
    """The elements, each one character, one of which comes right after
    ``children[at - 1]`` in *group*: from the children after it, then, where they may
    match nothing, from the group's first children (the next repetition) where it
    repeats, else *follow*. What follows a repeated group is not looked at: a run cut
    where the last repetition ends is cut in one place, not once a repetition. None
    where that is not read."""
    rest = _first_characters(pattern, tokens, children[at:])
    if rest is None:
        return None
    firsts, through = rest
    if not through:
        return firsts
    if group.repeated:
        again = _first_characters(pattern, tokens, children)
        return None if again is None or again[1] else firsts + again[0]
    return None if follow is None else firsts + follow


def _holds_a_character(pattern: str, tokens: list[_Token], group: _Token) -> bool:
    """Whether every match of *group* (an opening token) holds a character: one of its
    children is a character (``_one_character`` or ``.``), or a group that holds one,
    neither optional."""
    for part in _children(tokens, group):
        if part.optional:
            continue
        if _one_character(pattern, part) or part.kind == "any":
            return True
        if part.kind == "open" and part.plain and part.close is not None:
            if not part.has_alternatives and _holds_a_character(pattern, tokens, part):
                return True
    return False


def _one_character(pattern: str, token: _Token) -> bool:
    """Whether *token*, as written without its quantifier, is one character: a
    literal, a class (``[a-z]``) or a class escape (``\\d``, ``\\w``, ...), not an
    anchor, a back-reference or ``.``."""
    return token.kind == "literal" or (
        token.kind == "other"
        and (
            pattern.startswith("[", token.start)
            or pattern[token.start : token.atom_end] in _CLASS_ESCAPES
        )
    )


#: Every character a WSGI string holds (PEP 3333: latin-1), which a ``PATH_INFO`` may
#: hold: what a ``paths`` pattern is read over, and what ``_ends`` tries (with each
#: character the pattern names, for the rest).
WSGI_CHARACTERS = frozenset(map(chr, range(256)))
_CLASS_ESCAPES = frozenset(("\\d", "\\D", "\\w", "\\W", "\\s", "\\S"))


def _ends(regex: re.Pattern[str], after: list[_Token], parts: list[_Token]) -> bool:
    """Whether no element of *parts* (the tokens of a varying part, its groups' among
    them) holds a character that one of *after* (elements of one character each, one
    of which comes next) matches, so that the next character ends the varying part
    where it stands."""
    elements = [t for t in parts if t.kind in ("literal", "any", "other")]
    if any(t.kind == "any" for t in elements):
        return False  # "." holds every character "after" could be, but a newline
    if len(elements) != sum(1 for t in parts if t.kind not in ("open", "close")):
        return False  # an anchor or a "|" among them: not read
    characters: set[str] = set()
    span = WSGI_CHARACTERS | set(regex.pattern)
    for token in after:
        if token.kind == "literal" and not regex.flags & re.IGNORECASE:
            characters.add(str(token.literal))
        else:
            characters |= {
                char for char in span if _matches(regex.pattern, regex.flags, token, char)
            }
    return not any(
        _matches(regex.pattern, regex.flags, t, char) for t in elements for char in characters
    )


def ambiguous_repetition(regex: re.Pattern[str]) -> RegexMistake | None:
    """Why matching *regex* (``allow_origin_regex``) takes time exponential in the
    length of an origin it does not match, when it surely does, and how to write it;
    or None: :func:`ambiguous_group` told for an origin, else :func:`polynomial_runs`
    (time polynomial, of a degree that makes an origin take a twentieth of a second and
    more). docs/security.rst, "Slow regular expressions", has the figures."""
    why = redos_why(regex, "an Origin")
    if why is None:
        return _polynomial_mistake(regex)
    return RegexMistake(
        why,
        "end each repetition with a character the repeated part does not"
        r" match, one label at a time (r'([a-z0-9-]+\.)*example\.com', not"
        r" r'([a-z0-9-]+\.?)+\.example\.com'), or list a subdomain pattern in"
        " allow_origins ('https://*.example.com'), matched in time linear in"
        " the origin's length (see the Security page, 'Slow regular"
        " expressions')",
    )


# The characters a serialized origin may hold (origins.ORIGIN_CHARACTERS: a letter of
# either case, as an opaque host keeps its case); those a host name holds in every
# scheme's origin, lower case, which is also what an origin may end with; and those of
# a scheme.
_LOWER_CASE = ORIGIN_CHARACTERS - frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NAME_CHARACTERS = frozenset(
    c for c in _LOWER_CASE if c == "." or re.fullmatch(f"[{LABEL_CHARACTERS}]", c)
)
_SCHEME_CHARACTERS = frozenset(c for c in _LOWER_CASE if is_url_scheme(f"a{c}"))

# The fewest runs (polynomial_runs) whose degree makes one origin made not to match take
# a twentieth of a second and more, for the longest text they can share out: a whole
# origin, where they start before its "://" (512 characters: three runs, 58 ms to 0.16 s
# for about 500); a host name, where they all hold "." (253: four, 0.09 s for
# .*\..*\..*\..* to 1 s for [a-z.-]+ four times; three, 3 to 28 ms); one label, where
# they do not (63: five, 26 to 68 ms; four, 2 to 4 ms). Measured with CPython 3.11, one
# fullmatch each, on two shared vCPUs (docs/security.rst, "Slow regular expressions").
_RUNS_SLOW_ON_AN_ORIGIN = 3
_RUNS_SLOW_ON_A_NAME = 4
_RUNS_SLOW_ON_A_LABEL = 5


@dataclass
class _Chain:
    """Runs of one alternative in a row (:func:`polynomial_runs`): the first and the
    last token, how many runs nothing ends, whether a run something ends comes after
    the last of those, the characters those runs all hold, and whether the first comes
    before the alternative's ``://``."""

    first: _Token
    before_scheme: bool
    last: _Token | None = None
    varying: int = 0
    scanned_after: bool = False
    shared: frozenset[str] = frozenset()

    @property
    def degree(self) -> int:
        return self.varying + self.scanned_after

    @property
    def threshold(self) -> int:
        if self.before_scheme and self.shared & _SCHEME_CHARACTERS:
            return _RUNS_SLOW_ON_AN_ORIGIN
        if "." in self.shared and self.shared & (_NAME_CHARACTERS - {"."}):
            return _RUNS_SLOW_ON_A_NAME
        return _RUNS_SLOW_ON_A_LABEL


def polynomial_runs(regex: re.Pattern[str]) -> tuple[str, int] | None:
    """The runs of *regex* (``allow_origin_regex``), as written, that make matching it
    take time polynomial in the length of an origin it does not match, of a degree
    that makes a crafted one take a twentieth of a second and more, and that degree; or
    None.

    A run is one element repeated without bound (``[a-z.-]+``, ``.*``, ``\\w{2,}``,
    lazy or not; not possessive), outside every group but plain ones neither optional
    nor repeated. Runs one after another in a top-level alternative share out a text
    they all hold in as many ways as there are places to end each, where nothing ends
    them: a run *varies* where the character that may come next is one it holds, and
    each such run multiplies the ways by the text's length; a run that the next
    character ends is scanned back once for each way to reach it, which multiplies them
    once more. The degree is the varying runs in a row, and one for a run so scanned
    after the last of them. The row goes on across what is between them (a character,
    ``\\.``, a class, optional or bounded elements) while the varying runs all hold a
    character in common, and what is required between them is such a character too: a
    crafted origin is a long run of those, then one that makes the match fail (a host of
    ``a.a.a...`` for ``.*\\..*\\..*\\..*\\.example\\.com``). The row ends at a required
    element that holds none of them (the ``\\.`` of ``[a-z0-9-]+\\.[a-z0-9-]+``, the
    ``-`` of ``[a-z]+-[a-z]+``), at a varying run that shares none of them (``[a-z]+``
    after ``[0-9]+``), and at what this reading does not follow (a group that is
    optional, repeated or holds alternatives; a lookaround, a back-reference or
    ``\\b``): silent there.

    How slow a degree is depends on how long a text the runs can share out
    (``_Chain.threshold``): an ``Origin`` whose host DNS could not hold is refused before
    the pattern runs (``origins._within_dns_limits``), so runs after the ``://`` share
    out a host of 253 characters at most, or one label of 63 where they do not all hold
    ``.``; runs before it, the whole origin (512: nothing bounds a scheme). Read only as
    far as that; verbose patterns and parts ``_tokens`` does not read are not read, and
    the pattern before the runs is taken to match some origin's start."""
    if regex.flags & re.VERBOSE:
        return None
    tokens = _tokens(regex.pattern)
    if tokens is None:
        return None
    found: tuple[str, int] | None = None
    for alternative in _alternatives(tokens):
        if not _NAME_CHARACTERS - _may_end_with(regex, tokens, alternative.run):
            continue  # no origin fails it at its end: ".*.*.*.*" matches each at once
        for chain in _chains(regex, alternative.run):
            if chain.degree >= chain.threshold and chain.last is not None:
                if found is None or chain.degree > found[1]:
                    start, end = _whole_groups(tokens, chain.first.start, chain.last.end)
                    found = (regex.pattern[start:end], chain.degree)
    return found


def _whole_groups(tokens: list[_Token], start: int, end: int) -> tuple[int, int]:
    """``pattern[start:end]`` widened to hold each group it holds part of whole, so
    that it reads as written (``(?:.*\\..*)\\..*``, not ``.*\\..*)\\..*``)."""
    while True:
        inside = [t for t in tokens if start <= t.start < end]
        opened = [t.close for t in inside if t.kind == "close" and t.close is not None]
        closed = [t.close for t in inside if t.kind == "open" and t.close is not None]
        wider = min([start, *(t.start for t in opened)]), max([end, *(t.end for t in closed)])
        if wider == (start, end):
            return start, end
        start, end = wider


def _chains(regex: re.Pattern[str], run: list[_Token]) -> list[_Chain]:
    """The rows of runs of one alternative's *run* of tokens (:func:`polynomial_runs`)."""
    pattern = regex.pattern
    separator = _scheme_separator(run)
    scheme_end = len(run) if separator is None else separator + 3
    chains: list[_Chain] = []
    chain: _Chain | None = None
    for at, token in enumerate(run):
        if at == scheme_end and chain is not None and chain.varying and not chain.scanned_after:
            # A serialized origin holds "://" once: a varying run just before it has
            # one place to end, so it counts as one that the next character ends. (A
            # run the ":" ends already counts so, and the runs before it still vary.)
            chain.varying -= 1
            chain.scanned_after = True  # as a run that the next character ends
            # With none left varying before it, the row shares out a host only.
            chain.before_scheme = chain.varying > 0
        one = _one_character(pattern, token) or token.kind == "any"
        if token.kind == "anchor" and token.parent is None and at in (0, len(run) - 1):
            continue  # "^", "$", "(?i)": hold no character
        if not one:  # a group read as a whole, "\b", a back-reference: not followed
            chain = None
            continue
        held = _held(regex, token)
        counts = _repetitions(pattern, token)
        if counts is None or counts[1] is not None:  # an element that does not vary
            if token.optional or (counts is not None and counts[0] == 0):
                continue
            if chain is not None and not (held & chain.shared):
                chain = None  # a required character none of the varying runs holds
            continue
        after = _next_held(regex, run, at + 1)
        varies = after is not None and bool(after & held)
        if chain is not None and chain.varying and not (held & chain.shared):
            chain = None  # shares no character with the runs before
        if chain is None:
            chain = _Chain(token, before_scheme=at < scheme_end)
            chains.append(chain)
        chain.last = token
        if varies:
            chain.shared = held if not chain.varying else chain.shared & held
            chain.varying += 1
            chain.scanned_after = False
        else:
            chain.scanned_after = True
        if after is None:
            chain = None  # what comes next is not read
    return chains


def _next_held(regex: re.Pattern[str], run: list[_Token], at: int) -> frozenset[str] | None:
    """The characters of an origin that may come next at *run*'s index *at*: those the
    elements from there hold, up to and including the first required one (none at the
    end: the text's end ends a run too); None where one is not read."""
    held: set[str] = set()
    for token in run[at:]:
        if token.kind == "anchor":
            continue
        if not (_one_character(regex.pattern, token) or token.kind == "any"):
            return None
        held |= _held(regex, token)
        counts = _repetitions(regex.pattern, token)
        if not token.optional and (counts is None or counts[0] > 0):
            break
    return frozenset(held)


def _may_end_with(
    regex: re.Pattern[str], tokens: list[_Token], run: list[_Token]
) -> frozenset[str]:
    """The characters of an origin that a match of an alternative (its *run* of tokens)
    may end with, or more: those of its elements from its end back to the first one
    required, each character of a group read as a whole counted (all, where a group
    holds what is not read). A host that ends with another fails every way to share it
    out (``https://a.a.a_`` for ``https://.*.*.*.*x``)."""
    pattern = regex.pattern
    held: set[str] = set()
    for token in reversed(run):
        if token.kind == "anchor":
            continue
        inside = _within(tokens, token)
        for part in inside:
            if part.kind in ("open", "close", "alternative", "anchor"):
                continue
            if not (_one_character(pattern, part) or part.kind == "any"):
                return ORIGIN_CHARACTERS  # a back-reference, "\b": not read
            held |= _held(regex, part)
        counts = _repetitions(pattern, token)
        if not token.optional and (counts is None or counts[0] > 0):
            # A group with alternatives may match nothing ("(|x)"): read on before it.
            if token.kind != "open" or (
                not token.has_alternatives and _holds_a_character(pattern, tokens, token)
            ):
                break
    else:
        return ORIGIN_CHARACTERS  # it may match nothing: not read
    return frozenset(held)


def _held(
    regex: re.Pattern[str], token: _Token, characters: frozenset[str] = ORIGIN_CHARACTERS
) -> frozenset[str]:
    """The *characters* (an origin's, unless told) that *token*, one element of
    *regex* (a class, an escape, a character, ``.``), matches, as :func:`_matches`
    tells them."""
    flags = regex.flags & (re.IGNORECASE | re.ASCII)
    return _held_by(regex.pattern[token.start : token.atom_end], flags, characters)


@functools.lru_cache(maxsize=256)
def _held_by(element: str, flags: int, characters: frozenset[str]) -> frozenset[str]:
    try:
        compiled = compile_catching_warnings(element, flags)[0]
    except re.error:
        return characters  # not told: every one, as _matches says
    return frozenset(c for c in characters if compiled.fullmatch(c))


def _polynomial_mistake(regex: re.Pattern[str]) -> RegexMistake | None:
    """:func:`ambiguous_repetition` for :func:`polynomial_runs`."""
    found = polynomial_runs(regex)
    if found is None:
        return None
    runs, degree = found
    return RegexMistake(
        f"has {degree} parts in a row that repeat without bound, {runs!r}, with nothing"
        " between them that ends one: they share out a run of the same characters in a"
        f" number of ways that grows as the run's length to the power {degree}, so an"
        " Origin made not to match (a long host of such characters) takes Python's re a"
        " twentieth of a second to seconds to refuse, on every request that sends it,"
        " and a few clients can hold every worker (a ReDoS)",
        "write one part per label, each ended by a character it does not match, such as"
        r" [a-z0-9-]+ with a literal \. after it (r'https://[a-z0-9-]+\.example\.com',"
        r" or r'https://([a-z0-9-]+\.)*example\.com' for any depth), or list a subdomain"
        " pattern in allow_origins ('https://*.example.com'), matched in time linear in"
        " the origin's length (see the Security page, 'Slow regular expressions')",
    )


def redos_why(
    regex: re.Pattern[str], text: str, characters: frozenset[str] = ORIGIN_CHARACTERS
) -> str | None:
    """Why matching *regex* lets a client hold a worker, for the *text* the client
    chooses and the pattern is matched against (``"an Origin"``, ``"a path"``), when
    :func:`ambiguous_group` finds a group that surely does; or None. The one wording of
    a ReDoS, for ``allow_origin_regex`` and the patterns of ``paths`` (*characters*:
    as :func:`ambiguous_group` takes them).

    A group repeated without bound shares out a run in exponentially many ways; one
    repeated at most *k* times (``{1,3}``, ``{3}``; *k* counts the bounds of the
    repeated groups around it too, ``{1,3}`` inside ``{1,2}`` being 6), *k* below 8 and
    its element no group, in about *n* to the power *k* - 1 ways for a run of *n*:
    polynomial, and still a ReDoS (docs/security.rst, "Slow regular expressions", has
    the figures). A group inside or around it repeated without bound makes it
    exponential."""
    found = _ambiguous(regex, characters)
    if found is None:
        return None
    repeated, bound = found
    ways = (
        "exponentially many ways"
        if bound is None
        else f"a number of ways that grows as the run's length to the power {bound - 1}"
    )
    return (
        f"repeats {repeated!r}, a group whose repetitions can share out a run of the same"
        f" characters in {ways}: {text} made not to match (a long run of such characters)"
        " takes Python's re seconds to hours to refuse, on every request that sends it,"
        " so one client can hold every worker (a ReDoS)"
    )


def ambiguous_group(
    regex: re.Pattern[str], characters: frozenset[str] = ORIGIN_CHARACTERS
) -> str | None:
    """The first group of *regex* that makes matching it take time exponential in the
    length of a text it does not match (polynomial, of degree *k* and more, for a group
    repeated at most *k* times), when it surely does, as written in the pattern
    (``"([a-z]+)+"``); or None. Found: a group that may repeat three times and more
    (``+``, ``*``, ``{1,3}``, ``{3}``; twice, ``{1,2}`` or ``{2}``, splits a run in
    quadratic time only), whose every repetition may be one varying run of a single
    element, all else in it optional or a character that element matches too
    (``([a-z]+)+``, ``([a-z0-9-]+\\.?)+``, ``(([a-z]+)*)+``, ``([a-z0-9.-]+\\.)*``,
    ``(.*/)*``): a run of the element's characters splits into repetitions in
    exponentially many ways (about *n* to the power *k* - 1 for *k* repetitions), and
    ``re`` tries each before it gives up. A bounded group of a bounded element
    (``([a-z0-9]{1,3}\\.?){4}``) matches a few characters at most, and is no such group.
    A possessive quantifier or an atomic group, which never gives back, is no such group
    (one inside an atomic group is still said: what follows it there may fail).

    Found too: a group repeated 20 times and more (``*``, ``{1,25}``; none around it
    atomic, a lookaround or possessive) whose alternatives are a few single characters
    each, a row of which matches one text of *characters* in two ways (``(a|aa)*``,
    ``(a|ab|ba)*``, ``(ab|[a-z]b)*``; ``_spelled_two_ways``); not alternatives that
    ``re`` joins into one class (``(\\w|[a-z])+``, ``(ab|a[a-z])+``). *characters* are
    those of the text the pattern is matched against: a serialized origin's (the
    default), or ``WSGI_CHARACTERS`` for a path. Where a reading of the pattern
    cannot tell (other alternatives, a group inside a repeated element's, a verbose
    pattern), nothing is said (:func:`may_backtrack_exponentially` is the cautious
    reading, for what start-up runs against the pattern). Read for
    ``allow_origin_regex`` (:func:`ambiguous_repetition`) and for the patterns of
    ``paths``, matched against a path a client chooses."""
    found = _ambiguous(regex, characters)
    return None if found is None else found[0]


# Below this many repetitions, a bounded group's splits are said to grow as a power of
# a run's length; from it on, as exponential: for a run shorter than the bound, a group
# splits it in 2**(n-1) ways, and an origin holds at most 512 characters.
_POLYNOMIAL_BELOW = 8


def _ambiguous(regex: re.Pattern[str], characters: frozenset[str]) -> tuple[str, int | None] | None:
    """:func:`ambiguous_group`'s group, as written, and the most times it repeats where
    its splits grow as a power of a run's length (:func:`redos_why`), else None; or
    None when there is no such group."""
    pattern = regex.pattern
    tokens = None if regex.flags & re.VERBOSE else _tokens(pattern)
    if tokens is None:
        return None
    for group in tokens:
        # A group that may repeat three times and more (a run of n splits into k
        # repetitions in about n**(k-1) ways); at most twice: n ways, quadratic time.
        counts = _repetitions(pattern, group)
        if counts is None:
            continue
        # What the group holds at its own level ("|" among it, never optional).
        inside = _children(tokens, group)
        if group.has_alternatives:
            # Repetitions of a few characters each: k of them split a run in at most
            # about 2**k ways, surely too many only where k is large (the groups around
            # it counted: "((a|aa){2}){16}").
            if _often_repeated(pattern, group) and _spelled_two_ways(regex, inside, characters):
                assert group.close is not None  # _repetitions: a closed group
                return pattern[group.start : group.close.end], None
            continue
        if counts[1] is not None and counts[1] <= 2:
            continue
        bound = counts[1]
        for element in inside:
            if not _splits(pattern, element):
                continue
            element_counts = _repetitions(pattern, element)
            if bound is not None and element_counts is not None and element_counts[1]:
                continue  # both bounded: a match a few characters long, never slow
            # Each other part may be left out, or is a character the element's run may
            # hold as well (the "." of "([a-z.]+\.)*"): either way, nothing ends a run.
            if all(
                t.optional
                or (
                    element.kind != "open"
                    and _required(t)
                    and _matches(regex.pattern, regex.flags, element, str(t.literal))
                )
                for t in inside
                if t is not element
            ):
                assert group.close is not None  # _splits: a closed group
                most = _most_matches(pattern, group)  # None: "(([a-z]+){3})+"
                polynomial = (
                    most is not None
                    and most < _POLYNOMIAL_BELOW
                    and element.kind != "open"  # "(([a-z]+)+){1,3}": the inner one's
                )
                return pattern[group.start : group.close.end], most if polynomial else None
    return None


# The characters each position of an alternative holds.
Word = tuple[frozenset[str], ...]


def _spelled_two_ways(
    regex: re.Pattern[str], inside: list[_Token], characters: frozenset[str]
) -> bool:
    """Whether a row of the alternatives *inside* a group (its parts at its own level,
    ``|`` among them), each a few single characters, none optional nor repeated, may
    match one text of *characters* in two ways (``(a|aa)``: ``aa``; ``(a|ab|ba)``:
    ``aba``; ``(ab|[a-z]b)``: ``ab``): repeated, the group splits a run of that text in
    exponentially many ways. Not where ``re`` joins them into one class, which splits
    nothing: alternatives of one length, the same to ``re``'s parser but for their last
    characters, which are not all the same and each a literal or a class not negated
    (``re`` moves the rest before the group), such as ``(\\w|[a-z])`` and
    ``(ab|a[a-z])``. False for any other part (a group, ``.``, an anchor): not read."""
    words: list[Word] = []
    parsed: list[list[tuple[str, str]]] = []
    word: list[frozenset[str]] = []
    row: list[_Token] = []
    for part in [*inside, None]:
        if part is None or part.kind == "alternative":
            words.append(tuple(word))
            parsed.append([_as_parsed(regex.pattern, token) for token in row])
            word, row = [], []
        elif _one_character(regex.pattern, part) and part.end == part.atom_end:
            word.append(_held(regex, part, characters))
            row.append(part)
        else:
            return False
    lasts = {row[-1] for row in parsed if row}
    if (
        len({len(row) for row in parsed}) == 1
        and all(len({row[at] for row in parsed}) == 1 for at in range(len(parsed[0]) - 1))
        and len(lasts) > 1
        and all(kind != "negated class" for kind, _ in lasts)
    ):
        return False  # one class
    return _two_parses([word for word in words if word])


# A class of one character ("[a]"), which re's parser reads as that character.
_ONE_CHARACTER_CLASS = re.compile(r"\[([^\\\]^-])\]")


def _as_parsed(pattern: str, token: _Token) -> tuple[str, str]:
    """One single-character part as far as ``re``'s parser tells two apart: the
    character of a literal (``a``, ``\\x61``, ``[a]``), else the part as written and
    whether it is a negated class (``[^a]``), which ``re`` joins with no other."""
    if token.literal is not None:
        return "literal", token.literal
    text = pattern[token.start : token.atom_end]
    one = _ONE_CHARACTER_CLASS.fullmatch(text)
    if one is not None:
        return "literal", one[1]
    return ("negated class" if text.startswith("[^") else "class"), text


def _two_parses(words: list[Word]) -> bool:
    """Whether some text is a row of *words* in two ways: the Sardinas-Patterson test,
    with positions that hold sets of characters, two of which fit where they share
    one. A *dangling* end is what one row has read past the other; the rows meet where
    a word fits a dangling end exactly. The dangling ends are ends of words: finite."""

    def fits(one: Word, other: Word) -> bool:  # as far as the shorter goes
        return all(mine & theirs for mine, theirs in zip(one, other, strict=False))

    dangling: set[Word] = set()
    for i, longer in enumerate(words):
        for j, shorter in enumerate(words):
            if i != j and len(shorter) <= len(longer) and fits(longer, shorter):
                if len(shorter) == len(longer):
                    return True  # two alternatives match one text
                dangling.add(longer[len(shorter) :])
    unread = list(dangling)  # each dangling end is read once, in any order
    while unread:
        end = unread.pop()
        for word in words:
            if fits(end, word):
                if len(word) == len(end):
                    return True
                left = word[len(end) :] if len(word) > len(end) else end[len(word) :]
                if left not in dangling:
                    dangling.add(left)
                    unread.append(left)
    return False


# How many times a group of such alternatives may repeat, at the least, for its splits
# of a run to be too many: "(a|aa){1,20}" takes a twentieth of a second for a crafted
# run, each repetition more about 1.8 times as long ("{1,25}": 2.3 s).
_MANY_REPETITIONS = 20


def _often_repeated(pattern: str, group: _Token) -> bool:
    """Whether *group* (a repeated group's opening token) may match
    :data:`_MANY_REPETITIONS` times and more in one match of the pattern, giving back
    what it took each time: no group around it is atomic, a lookaround, or repeated
    possessively (after which what follows may never fail) or ``{0}`` times."""
    most: int | None = 1
    token: _Token | None = group
    while token is not None:
        if token is not group and (not token.plain or pattern.startswith("(?>", token.start)):
            return False
        end = token.close if token.kind == "open" else token
        if end is not None and _QUANTIFIER.fullmatch(pattern, end.atom_end, end.end):
            counts = _repetitions(pattern, token)
            if counts is None or counts[1] == 0:  # possessive, or never
                return False
            most = None if most is None or counts[1] is None else most * counts[1]
        token = token.parent
    return most is None or most >= _MANY_REPETITIONS


def _most_matches(pattern: str, group: _Token) -> int | None:
    """The most times *group* (a repeated group's opening token) may match in one match
    of the pattern: its own bound times that of each repeated group around it; None
    where one of them has none (or gives nothing back, and is not read)."""
    most = 1
    token: _Token | None = group
    while token is not None:
        if token.repeated:
            counts = _repetitions(pattern, token)
            if counts is None or counts[1] is None:
                return None
            most *= counts[1]
        token = token.parent
    return most


def _splits(pattern: str, token: _Token) -> bool:
    """Whether *token* (an element, or a group's opening token) repeats a varying
    number of times, at most more than once (``+``, ``*``, ``{1,3}``, not ``?`` or
    ``{2}``), and gives back what it took (:func:`_repetitions`)."""
    counts = _repetitions(pattern, token)
    if counts is None:
        return False
    least, most = counts
    return most is None or most >= max(2, least + 1)


def _repetitions(pattern: str, token: _Token) -> tuple[int, int | None] | None:
    """How many times *token* (an element, or a group's opening token) may match, as
    ``_counts`` gives them, when it has a quantifier and gives back what it took: not
    possessive (``++``, ``{1,3}+``), not an atomic group nor a lookaround; else None."""
    end = token.close if token.kind == "open" else token
    if end is None or (token.kind == "open" and not token.plain):
        return None
    if token.kind == "open" and pattern.startswith("(?>", token.start):
        return None
    quantifier = _QUANTIFIER.fullmatch(pattern, end.atom_end, end.end)
    if quantifier is None or (len(quantifier[0]) > 1 and quantifier[0].endswith("+")):
        return None  # none, or possessive ("++", "*+", "{1,3}+")
    return _counts(quantifier)


def _counts(quantifier: re.Match[str]) -> tuple[int, int | None]:
    """The least and the most times a quantifier (a match of ``_QUANTIFIER``) lets its
    element match; the most is None where there is no bound (``+``, ``{2,}``)."""
    first = quantifier[0][0]
    if first != "{":
        return {"?": (0, 1), "*": (0, None), "+": (1, None)}[first]
    minimum, comma, maximum = quantifier.groups()
    least = int(minimum or 0)
    if not comma:
        return least, least  # "{3}"
    return least, int(maximum) if maximum else None


def _matches(pattern: str, flags: int, token: _Token, char: str) -> bool:
    """Whether *token*, one element of *pattern* compiled with *flags* (a class, an
    escape, a character, ``.``), can match *char*; True where that cannot be told (a
    back-reference, a group, which is not looked into); False for an anchor."""
    text = pattern[token.start : token.atom_end]
    try:  # re's own warnings about the pattern are given once, from the user's line
        # With the pattern's flags that change what an element matches: (?i) and (?a).
        element = compile_catching_warnings(text, flags & (re.IGNORECASE | re.ASCII))[0]
    except re.error:
        return True
    return element.fullmatch(char) is not None


def _transparent(group: _Token) -> bool:
    """Whether every match holds what *group* requires, in its place: a plain group,
    neither optional nor repeated, without alternatives of its own."""
    return group.plain and not (group.optional or group.repeated or group.has_alternatives)


@dataclass
class _Alternative:
    """A top-level alternative: the run of tokens every match of it goes through in
    order (the contents of transparent groups inlined, any other group as one opaque
    token), and where it ends in the pattern, before its closing anchor."""

    run: list[_Token] = field(default_factory=list)
    end: int = 0


def _alternatives(tokens: list[_Token]) -> list[_Alternative]:
    alternatives = [_Alternative()]
    skip_to: _Token | None = None
    for token in tokens:
        alternative = alternatives[-1]
        if token.kind == "alternative" and token.parent is None:
            alternatives.append(_Alternative(end=token.end))
            continue
        # An anchor outside every group ends the alternative only if nothing follows.
        top_anchor = token.kind == "anchor" and token.parent is None
        alternative.end = token.start if top_anchor else token.end
        if skip_to is not None:
            if token is skip_to:
                skip_to = None
            continue
        if token.kind == "open" and not _transparent(token):
            alternative.run.append(token)  # opaque: stands for the whole group
            skip_to = token.close
        elif token.kind not in ("open", "close"):
            alternative.run.append(token)
    return alternatives


def _required(token: _Token, char: str | None = None) -> bool:
    """*token* is a literal (*char*, if given) that every match holds."""
    return (
        token.kind == "literal" and not token.optional and (char is None or token.literal == char)
    )


def _scheme_separator(run: list[_Token]) -> int | None:
    """Where in *run* (an alternative's run of tokens) the ``://`` after the scheme
    starts: the first ``:`` followed by two ``/`` (``\\/`` too) that every match
    holds; None where there is none, and the alternative is read as all host (and
    port)."""
    return next(
        (
            i
            for i in range(len(run) - 2)
            if all(_required(run[i + j], c) for j, c in enumerate("://"))
        ),
        None,
    )


@dataclass
class _Reading:
    """What one top-level alternative requires, and the edits that mend it."""

    upper_scheme: list[_Token] = field(default_factory=list)
    upper_host: list[_Token] = field(default_factory=list)
    path: tuple[int, int, str] | None = None  # the cut, and what replaces it
    default_port: tuple[int, int, str] | None = None
    # Required non-ASCII characters of the host, and the names around them.
    non_ascii_host: list[_Token] = field(default_factory=list)
    non_ascii_labels: list[_NonASCIILabel] = field(default_factory=list)
    # Required classes and class escapes that match no character an origin has there,
    # with where ("scheme", "host", "port").
    no_such_character: list[tuple[_Token, str]] = field(default_factory=list)
    empty_port: tuple[int, int, str] | None = None  # a ":" with no port: its cut
    # A port written out in digits that no origin has: above 65535, or with leading
    # zeros (and the port a browser sends, as the edit that mends it).
    port_out_of_range: str = ""
    port_zeros: tuple[str, tuple[int, int, str]] | None = None
    # An IPv6 address in brackets not escaped ("http://[::1]"): a class of its
    # characters where the host starts, and the address.
    ipv6_class: tuple[_Token, str] | None = None


# What an IPv6 address read here may hold: a class of these alone makes a host of one
# digit, ":" or ".", which no origin has (a browser sends "1" as 0.0.0.1).
_ADDRESS_DIGITS = frozenset("0123456789:.")


def _ipv6_class(pattern: str, after: list[_Token]) -> tuple[_Token, str] | None:
    """The first of *after* (an alternative's tokens after ``://``) and the IPv6
    address it holds, where it is that address in brackets not escaped (``[::1]``, a
    class matching one of its characters) that every match holds as the whole host,
    a port or the end after it, and none of its characters makes a host an origin
    has: the pattern matches no origin. Else None: ``[fe80::1]`` may match
    ``http://f``, and ``[::1]27\\.0\\.0\\.1`` matches ``http://127.0.0.1``."""
    token, rest = after[0], after[1:2]
    text = pattern[token.start : token.atom_end]
    if token.kind != "other" or not text.startswith("[") or token.optional or token.repeated:
        return None
    address = text[1:-1]
    if not set(address) <= _ADDRESS_DIGITS:
        return None
    try:
        ipaddress.IPv6Address(address)
    except ValueError:
        return None
    then = rest[0] if rest else None
    ends = then is None or then.kind == "anchor" or _required(then, ":")
    if not ends and then is not None and then.kind == "open":
        ends = pattern.startswith(":", then.atom_end)  # "(:[0-9]+)?", "(?::8080)?"
    return (token, address) if ends else None


def _is_upper(token: _Token) -> bool:
    return _required(token) and "A" <= str(token.literal) <= "Z"


def _ascii_free(token: _Token, case: bool) -> bool:
    """*token* is a required character that matches no ASCII one (*case*: the pattern
    tells case apart; else, under ``re.IGNORECASE``, the Kelvin sign matches ``k``)."""
    if not _required(token) or str(token.literal).isascii():
        return False
    one = re.compile(re.escape(str(token.literal)), 0 if case else re.IGNORECASE)
    return not any(one.fullmatch(chr(code)) for code in range(128))


# A name ascii_host gives that may stand in a pattern as written, its dots escaped.
_DOMAIN_NAME = re.compile(rf"[{LABEL_CHARACTERS}]+(?:\.[{LABEL_CHARACTERS}]+)*")


@dataclass
class _NonASCIILabel:
    """Literal characters of a pattern's host around a non-ASCII one, their ``xn--``
    form as a label, and where they are in the pattern when they are a whole label."""

    text: str
    name: str | None  # None: they make no label (ascii_host)
    span: tuple[int, int] | None


def _non_ascii_labels(host: list[_Token], non_ascii: list[_Token]) -> list[_NonASCIILabel]:
    """The names around each token of *non_ascii* in *host* (the tokens after ``://``,
    up to a path): the literal characters next to it, with the ``xn--`` form they have
    as a whole label, and whether they are one (between dots, the host's start, its
    port or its end), so that the pattern can be mended by putting that form there."""
    labels: list[_NonASCIILabel] = []
    seen: set[int] = set()

    def literal(at: int) -> bool:
        return 0 <= at < len(host) and _required(host[at]) and str(host[at].literal) not in ".:"

    def ends(at: int, after: bool) -> bool:  # a label ends there: a dot, or the port next
        return (
            not 0 <= at < len(host)
            or _required(host[at], ".")
            or (after and _required(host[at], ":"))
        )

    for token in non_ascii:
        at = host.index(token)
        if at in seen:
            continue
        first, last = at, at
        while literal(first - 1) and not host[first - 1].repeated:
            first -= 1
        while literal(last + 1) and not host[last + 1].repeated:
            last += 1
        seen.update(range(first, last + 1))
        text = "".join(str(t.literal) for t in host[first : last + 1])
        # Longer than any host: no name (ascii_host's Punycode takes time quadratic in it).
        name = ascii_host(text) if len(text) <= MAX_ORIGIN_LENGTH else None
        whole = ends(first - 1, after=False) and ends(last + 1, after=True)
        # Only names of labels go into a pattern, their dots escaped: "bücher。example"
        # is "xn--bcher-kva\.example"; "ü|" or "。" alone make no mended pattern.
        if whole and not token.repeated and name and _DOMAIN_NAME.fullmatch(name):
            span: tuple[int, int] | None = (host[first].start, host[last].atom_end)
        else:
            span = None
        labels.append(_NonASCIILabel(text, name, span))
    return labels


def _matches_none(pattern: str, flags: int, token: _Token, characters: frozenset[str]) -> bool:
    """Whether *token*, a class or a class escape (``[A-Z]``, ``\\s``) that every
    match holds, matches none of *characters*, with the pattern's *flags*
    (:func:`_held_by`); False for any other token, and where that cannot be told."""
    text = pattern[token.start : token.atom_end]
    if token.kind != "other" or token.optional or text in ("\\b", "\\B"):
        return False  # "\b" and "\B" match no character: they look around
    return not _held_by(text, flags & (re.IGNORECASE | re.ASCII), characters)


def _lowered_class(text: str, flags: int, characters: frozenset[str]) -> str | None:
    """*text*, a character class (``[A-Z]``), in lower case, where that makes it match
    one of *characters* (a class whose lower case does not compile is left to the
    final check of the mended pattern); None where it does not, or where the class
    holds an escape, which lower case would change (``[\\N{...}]``, ``[\\W]``)."""
    lowered = text.lower()
    if not text.startswith("[") or "\\" in text or lowered == text:
        return None
    return lowered if _held_by(lowered, flags & (re.IGNORECASE | re.ASCII), characters) else None


def _read(alternative: _Alternative, pattern: str, flags: int) -> _Reading:
    reading = _Reading()
    case = not flags & re.IGNORECASE
    run = alternative.run
    at = _scheme_separator(run)
    if at is None:
        return reading
    before = [t for t in run[:at] if t.kind != "anchor"]
    after = run[at + 3 :]
    written = all(t.kind == "literal" and not t.repeated for t in before)
    scheme = "".join(str(t.literal) for t in before).lower() if written else None
    # Every spelling the scheme can take ("https?" is http or https) sends its host
    # in lower case.
    shortest = "".join(str(t.literal) for t in before if not t.optional).lower()
    lower_host = scheme in LOWER_CASE_HOST_SCHEMES and shortest in LOWER_CASE_HOST_SCHEMES
    reading.upper_scheme = [t for t in before if _is_upper(t)]
    reading.upper_host = [t for t in after if _is_upper(t)] if lower_host else []
    # A class no scheme's character matches ("[A-Z]+://"); the host's and the port's
    # are read by _read_port.
    reading.no_such_character = [
        (t, "scheme") for t in before if _matches_none(pattern, flags, t, _SCHEME_CHARACTERS)
    ]
    slash = next((t for t in after if _required(t, "/")), None)
    if slash is not None:
        # Cut from the "/" (or the group it opens) to the alternative's end, and close
        # the groups opened before it.
        start, group = slash.start, slash.parent
        while group is not None and group.atom_end == start:
            start, group = group.start, group.parent
        closing = 0
        while group is not None:
            closing, group = closing + 1, group.parent
        reading.path = (start, max(start, alternative.end), ")" * closing)
        after = [t for t in after if t.start < slash.start]
    reading.ipv6_class = _ipv6_class(pattern, after) if after else None
    reading.non_ascii_host = [t for t in after if _ascii_free(t, case)]
    if reading.non_ascii_host:
        host = [t for t in after if t.kind != "anchor"]
        reading.non_ascii_labels = _non_ascii_labels(host, reading.non_ascii_host)
    # The default port, only when the scheme has one spelling and the port ends the run.
    port = DEFAULT_PORTS.get(scheme) if scheme is not None and scheme == shortest else None
    after = after[:]
    while after and after[-1].kind == "anchor":
        after.pop()
    if scheme is not None and port is not None and len(after) > len(port):
        tail = after[-len(port) - 1 :]
        if all(_required(t, c) and not t.repeated for t, c in zip(tail, ":" + port, strict=True)):
            reading.default_port = (tail[0].start, tail[-1].end, scheme)
    _read_port(reading, pattern, flags, after, lower_host, port)
    return reading


_DIGITS = frozenset("0123456789")


def _read_port(
    reading: _Reading,
    pattern: str,
    flags: int,
    after: list[_Token],
    lower_host: bool,
    default_port: str | None,
) -> None:
    """What *after* (an alternative's tokens after ``://``, up to a path and without
    the anchors that end it) requires of the host and port that no origin has. The
    port is what follows the last ``:`` every match holds, unless that ``:`` may be
    inside an IPv6 address: something before it may match its ``[`` (with no ``]``
    written between) and something after it its ``]`` (however written: ``\\]``,
    ``[]]``, ``\\W``, ``.``, or a group, which is not looked into). An origin's port is
    digits, at most 65535, without leading zeros; written out in digits, the scheme's
    *default_port* with leading zeros is cut as the default port is (:func:`_read`)
    (URL standard, "port state" and "URL serializing")."""
    colon = next((i for i in range(len(after) - 1, -1, -1) if _required(after[i], ":")), None)
    if colon is not None:
        opens = [i for i in range(colon) if _matches(pattern, flags, after[i], "[")]
        if (
            opens
            and not any(_required(t, "]") for t in after[opens[-1] + 1 : colon])
            and any(_matches(pattern, flags, t, "]") for t in after[colon + 1 :])
        ):
            colon = None  # an address may be open there, and closed after it
    host = after if colon is None else after[:colon]
    port = [] if colon is None else [t for t in after[colon + 1 :] if t.kind != "anchor"]
    if lower_host:  # in a host browsers send in lower case ("https://[A-Z]+\.example")
        reading.no_such_character += [
            (t, "host") for t in host if _matches_none(pattern, flags, t, _LOWER_CASE)
        ]
    reading.no_such_character += [
        (t, "port") for t in port if _matches_none(pattern, flags, t, _DIGITS)
    ]
    if colon is None:
        return
    if not port:
        reading.empty_port = (after[colon].start, after[colon].end, "")
    elif all(_required(t) and not t.repeated and t.literal in _DIGITS for t in port):
        written = "".join(str(t.literal) for t in port)
        number = port_number(written)
        if number is None:
            reading.port_out_of_range = written
        elif written != str(number) and str(number) == default_port:  # ":0443": cut
            reading.port_zeros = (written, (after[colon].start, port[-1].end, ""))
        elif written != str(number):
            reading.port_zeros = (written, (port[0].start, port[-1].end, str(number)))


def _port_shown(port: str) -> str:
    """*port*, digits written in a pattern, as a reason shows it: cut when long."""
    return port if len(port) <= 12 else f"{port[:6]}... ({len(port)} digits)"


def _mistakes(pattern: str, flags: int) -> tuple[list[str], str] | None:
    """The reasons *pattern* matches no origin a browser sends (in one of its top-level
    alternatives at least), and the pattern with each mended (or "" where a non-ASCII
    label is not written out in full, or a class cannot be lowered); None when there is
    none, or when the pattern cannot be read. Upper case is looked for unless *flags*
    ignore case."""
    case = not flags & re.IGNORECASE
    tokens = _tokens(pattern)
    if tokens is None:
        return None
    no_such_character: list[tuple[_Token, str]] = []
    cuts: list[tuple[int, int, str]] = []  # a path or a default port, and its stand-in
    upper_scheme: list[_Token] = []
    upper_host: list[_Token] = []
    non_ascii: list[_Token] = []
    labels: list[_NonASCIILabel] = []  # the names around non-ASCII characters
    respellings: list[tuple[int, int, str]] = []  # an origin written out, respelled
    respelled_whys: list[str] = []
    has_path, default_port = False, ""
    empty_port = False  # a ":" with no port after it
    port_whys: list[str] = []  # a port written out that no origin has
    port_out_of_range = False
    spaces: list[_Token] = []  # white space every match holds, which no origin has
    ipv6_classes: list[tuple[_Token, str]] = []  # "[::1]" not escaped
    for alternative in _alternatives(tokens):
        spaces += [t for t in alternative.run if _required(t) and str(t.literal).isspace()]
        written = [t for t in alternative.run if t.kind != "anchor"]
        if written and all(_required(t) and not t.repeated for t in written):
            text = "".join(str(t.literal) for t in written)
            # Under re.IGNORECASE upper-case hex of an IPv6 address matches as lower.
            found = respelled(text if case else text.lower())
            if found is not None:  # one origin, its address or port spelled otherwise
                why, origin = found
                respelled_whys.append(f"matches only {text!r}, which {why} (they send {origin!r})")
                respellings.append((written[0].start, written[-1].end, re.escape(origin)))
                continue
        reading = _read(alternative, pattern, flags)
        no_such_character += reading.no_such_character
        if case:
            upper_scheme += reading.upper_scheme
            upper_host += reading.upper_host
        non_ascii += reading.non_ascii_host
        labels += reading.non_ascii_labels
        if reading.ipv6_class is not None:
            ipv6_classes.append(reading.ipv6_class)
        if reading.path is not None:
            has_path = True
            cuts.append(reading.path)
        if reading.default_port is not None:
            start, end, scheme = reading.default_port
            cuts.append((start, end, ""))
            default_port = default_port or scheme
        if reading.empty_port is not None:
            empty_port = True
            cuts.append(reading.empty_port)
        if reading.port_out_of_range:
            port_out_of_range = True
            port_whys.append(
                f"requires the port {_port_shown(reading.port_out_of_range)}, above the"
                f" highest there is ({HIGHEST_PORT}), so no origin has it"
            )
        if reading.port_zeros is not None:
            port, edit = reading.port_zeros
            sent = f"they send {edit[2]}" if edit[2] else "the scheme's default, left out"
            port_whys.append(
                f"requires the port {_port_shown(port)}, with leading zeros, which browsers"
                f" never send ({sent})"
            )
            respellings.append(edit)
    cuts.sort()
    starts = [start for start, _, _ in cuts]

    def is_cut(token: _Token) -> bool:
        index = bisect.bisect_right(starts, token.start) - 1
        return index >= 0 and token.start < cuts[index][1]

    upper_host = [t for t in upper_host if not is_cut(t)]
    # A label rewritten in its xn-- form is lower case already.
    spans = [label.span for label in labels if label.span is not None]
    upper_host = [t for t in upper_host if not any(a <= t.start < b for a, b in spans)]
    upper = upper_scheme + upper_host
    whys = []
    for tokens_, where in ((upper_scheme, "scheme"), (upper_host, "host")):
        if tokens_:
            letters = ", ".join(sorted({str(t.literal) for t in tokens_}))
            whys.append(
                f"requires upper-case letters ({letters}) in the {where}, which browsers"
                f" send in lower case"
                + ("" if where == "scheme" else " for http, https and the like")
            )
    if spaces:
        whys.append(
            "requires white space, which no origin has (a space in a pattern matches a"
            " space, unless the pattern is verbose)"
        )
    for _token, address in ipv6_classes:
        whys.append(
            f"writes the IPv6 address {address!r} in brackets that are not escaped, so they"
            " make a class matching one of its characters, where an origin holds the"
            " brackets themselves"
        )
    if has_path:
        whys.append(
            "requires a '/' after the host, which no origin has (it ends at the host or port)"
        )
    if default_port:
        whys.append(
            f"requires the default port of {default_port}"
            f" (':{DEFAULT_PORTS[default_port]}'), which browsers never send"
        )
    if empty_port:
        whys.append(
            "requires a ':' with no port after it, which no origin has (it ends at the"
            " host, or at the digits of a port after the ':')"
        )
    whys += port_whys
    if non_ascii:
        letters = ", ".join(sorted({str(t.literal) for t in non_ascii}))
        names = ", ".join(
            sorted(
                {
                    f"{x.text!r}{'' if x.span else ', as a whole label,'} is {x.name!r}"
                    for x in labels
                    if x.name and _DOMAIN_NAME.fullmatch(x.name)
                }
            )
        )
        whys.append(
            f"requires non-ASCII characters ({letters}) in the host, which browsers send"
            f" in its ASCII form ({names or 'xn-- labels'})"
        )
    whys += respelled_whys
    lowered: list[tuple[int, int, str]] = []  # each such class in lower case, if it matches
    places = (("scheme", _SCHEME_CHARACTERS), ("host", _LOWER_CASE), ("port", _DIGITS))
    for where, characters in places:
        unmatched = [t for t, at in no_such_character if at == where]
        before = len(lowered)
        for token in unmatched:
            lower = _lowered_class(pattern[token.start : token.atom_end], flags, characters)
            if lower is not None:
                lowered.append((token.start, token.atom_end, lower))
        if unmatched:
            texts = ", ".join(dict.fromkeys(pattern[t.start : t.atom_end] for t in unmatched))
            whys.append(
                f"requires {texts} in the {where},"
                " where it matches no character an origin has there"
                + (" (browsers send it in lower case)" if len(lowered) > before else "")
                + (" (a port is digits)" if where == "port" else "")
            )
    if not whys:
        return None
    if len(lowered) < len(no_such_character):
        return whys, ""  # a class no lower case mends ("\\s"): no one mended pattern
    if port_out_of_range:
        return whys, ""  # which port was meant cannot be told
    if len(spans) < len(labels):
        return whys, ""  # a name not written as a whole label: no one mended pattern
    edits = cuts + [(t.start, t.atom_end, str(t.literal).lower()) for t in upper]
    edits += [(t.start, t.end, "") for t in spaces] + lowered
    edits += [(t.start, t.atom_end, rf"\[{re.escape(a)}\]") for t, a in ipv6_classes]
    edits += [(*x.span, str(x.name).replace(".", r"\.")) for x in labels if x.span]
    edits += respellings
    return whys, _edited(pattern, edits)


def _edited(pattern: str, edits: list[tuple[int, int, str]]) -> str:
    """*pattern* with each ``(start, end, text)`` of *edits* written in place of
    ``pattern[start:end]`` (an insertion where they are equal); an edit that starts
    inside a cut already made is dropped."""
    pieces, done = [], 0
    for start, end, text in sorted(edits):
        if start < done:  # inside a cut already made
            continue
        pieces += [pattern[done:start], text]
        done = end
    pieces.append(pattern[done:])
    return "".join(pieces)


def missing_scheme(regex: re.Pattern[str]) -> RegexMistake | None:
    r"""Why a top-level alternative of *regex* (``allow_origin_regex``) matches no
    origin although it reads as a pattern, with what to write instead; None when none
    does, or when *regex* cannot be read (:func:`regex_mistake`'s reading, which this
    completes). Warned of, not refused: the peers accept such patterns and their own
    tests use them (django-cors-headers' ``r"a"``, Starlette's ``r"null|https://.*"``).

    - An alternative in which no element can match a ``:``, or none a ``/``, has no
      scheme and ``://``, which every origin a pattern can allow starts with (Fetch
      standard, "Origin header"): a host written alone (``r"[a-z]+\.example\.com"``;
      a suffix, ``r"\.example\.com"``; a glob, ``r"\*\.example\.com"``;
      ``r"//a\.example"``; a host and port, ``r"localhost:\d+"``); so does one that
      starts with ``https:/`` and a host, a ``/`` left out (``_one_slash``). The fix writes
      ``https://`` before it (``http://`` before a loopback host; before a suffix or
      for a glob's ``*``, with a label: ``https://[a-z0-9-]+``; only what is missing
      where part of ``https://`` is written), its upper case in lower case unless the
      pattern ignores case.
    - ``null`` written out (in any case) is never allowed by a pattern (README
      difference 4): the fix takes it out and says to list it in ``allow_origins``.

    The pattern the fix names is offered only where an edit mends each alternative
    (not one with an anchor after its start, written for ``re.search``, nor a scheme
    alone) and the result compiles, keeps the groups a reference counts, matches
    something, and has no mistake :func:`regex_mistake` finds, or one it mends, whose
    reason is told too (``r"https:/a\\.example/"``: "with one, it requires a '/'
    after the host"); else the fix says how to write one. An element whose matches
    cannot be told alone (a back-reference) may hold a ``:``; an alternative with
    nothing to match (``a|``, ``a|(?=b)``) is left alone.
    """
    found = _missing_schemes(regex)
    if found is None:
        return None
    hosts, slashed, null, mended = found
    whole = hosts + slashed == [regex.pattern]  # one alternative, without "://"
    # r"https:/a\.example/" is r"https://a\.example/", which has a path: told too
    offered, further = _offered(regex, mended) if mended else ("", "")
    whys = []
    if hosts:
        where = "" if whole else f" in {', '.join(map(python_literal, hosts))}"
        whys.append(
            f"has no scheme{where}: no match can hold the '://' after one, so it matches no"
            " origin (every origin a pattern can allow starts with its scheme and '://')"
        )
    if slashed:
        where = "" if whole else f" in {', '.join(map(python_literal, slashed))}"
        whys.append(
            f"leaves out a '/' of '://' after its scheme{where}, so it matches no origin"
            " (every origin a pattern can allow starts with its scheme and '://')"
        )
    if further:
        whys.append(f"with one, it {further}")
    if null:
        alone = not hosts and not slashed and mended == ""
        whys.append(
            f"{'matches only' if alone else 'has the alternative'} 'null', which no pattern"
            " allows (README difference 4)"
        )
    fixes = []
    if offered:
        fixes.append(f"write it as {python_literal(offered)}")
    elif hosts or slashed:
        fixes.append(
            f"start {'it' if whole else 'each such alternative'} with its scheme and '://',"
            f" as in {python_literal(EXAMPLE_ORIGIN_REGEX)}"
        )
    if null:
        fixes.append("list 'null' in allow_origins to allow it (any website can send it)")
    return RegexMistake("; and ".join(whys), ", and ".join(fixes), offered or None)


def _missing_schemes(
    regex: re.Pattern[str],
) -> tuple[list[str], list[str], bool, str] | None:
    """For :func:`missing_scheme`: the alternatives of *regex* without a scheme, and
    those with a ``/`` of ``://`` left out (:func:`_one_slash`), as written; whether
    one is ``null``; and the pattern mended: ``://`` given to each of the first two,
    each ``null`` taken out ("" when nothing is left). None when there is none."""
    tokens = None if regex.flags & re.VERBOSE else _tokens(regex.pattern)
    if tokens is None:
        return None
    pattern, case = regex.pattern, not regex.flags & re.IGNORECASE
    bars = [t for t in tokens if t.kind == "alternative" and t.parent is None]
    starts, ends = [0, *(bar.end for bar in bars)], [*(bar.start for bar in bars), len(pattern)]
    hosts: list[str] = []
    slashed: list[str] = []  # "https:/a\.example"
    null, kept, flags = False, [], ""
    mendable, matching = True, False  # matching: a kept alternative matches something
    for start, end, alternative in zip(starts, ends, _alternatives(tokens), strict=True):
        own = [t for t in tokens if start <= t.start < end]
        elements = [t for t in own if t.kind in ("literal", "any", "other")]
        elements = [t for t in elements if not _looked_at(pattern, t)]  # they match nothing
        written = [t for t in alternative.run if t.kind != "anchor"]
        holds = all(any(_matches(regex.pattern, regex.flags, t, c) for t in elements) for c in ":/")
        if not elements or holds and not _one_slash(regex, written):
            kept.append(pattern[start:end])
            matching |= bool(elements)
            continue
        text = "".join(str(t.literal) for t in written)
        if all(_required(t) and not t.repeated for t in written) and text.lower() == "null":
            null = True
            # Its global flags ("(?i)", at the pattern's start) hold for the rest: kept.
            flags += "".join(
                pattern[t.start : t.end]
                for t in own
                if t.kind == "anchor" and _GLOBAL_FLAGS.fullmatch(pattern, t.start, t.end)
            )
            continue
        (slashed if holds else hosts).append(pattern[start:end])
        scheme = _scheme_written(pattern, written, own)
        if scheme is None:
            mendable = False
            continue
        upper = [t for t in alternative.run if _is_upper(t)] if case else []
        edits = [scheme, *((t.start, t.atom_end, str(t.literal).lower()) for t in upper)]
        kept.append(_edited(pattern[start:end], [(a - start, b - start, x) for a, b, x in edits]))
        matching = True
    if not hosts and not slashed and not null:
        return None
    return hosts, slashed, null, flags + "|".join(kept) if mendable and matching else ""


def _one_slash(regex: re.Pattern[str], written: list[_Token]) -> bool:
    """Whether *written* (an alternative's run, without anchors) starts with ``http:/``
    or ``https:/`` written out, in any case, and then an element that every match
    holds, that matches a character (not ``\\b``, nor a group, which is not looked
    into) and that cannot match a second ``/``: a ``/`` of ``://`` left out
    (``r"https:/a\\.example"``)."""
    leading = list(itertools.takewhile(lambda t: _required(t) and not t.repeated, written))
    text = "".join(str(t.literal) for t in leading).lower()
    scheme, colon, rest = text.partition(":")
    if not (colon and scheme in DEFAULT_PORTS and rest.startswith("/")):
        return False
    after = written[len(scheme) + 2 : len(scheme) + 3]
    if not after or after[0].optional or after[0].kind not in ("literal", "other"):
        return False
    element = regex.pattern[after[0].start : after[0].atom_end]
    # What it matches of printable ASCII: nothing for "\\b", and never "/" here.
    held = _held_by(element, regex.flags & (re.IGNORECASE | re.ASCII), _PRINTABLE_ASCII)
    return bool(held) and "/" not in held


_PRINTABLE_ASCII = frozenset(map(chr, range(0x20, 0x7F)))


def _looked_at(pattern: str, token: _Token) -> bool:
    """Whether *token* is inside a lookahead or lookbehind, where it matches nothing."""
    group = token.parent
    while group is not None:
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), group.start):
            return True
        group = group.parent
    return False


def _scheme_written(
    pattern: str, written: list[_Token], own: list[_Token]
) -> tuple[int, int, str] | None:
    """The edit that gives an alternative without a scheme one (*written*: its run
    without anchors; *own*: all its tokens): ``https://`` before it; for a suffix
    (``\\.example\\.com``) or a glob (``\\*\\.example\\.com``), ``https://`` and a
    label in place of the ``*`` or before the ``.``; ``https:`` before a leading
    ``//``; only the ``:`` after a scheme written before ``//`` (``https?//``). None
    where no such edit mends it: an anchor after its start (``(?:^|\\.)example``,
    written for ``re.search``), a scheme alone (``https``), nothing after the
    ``//``, the ``.`` or the ``*.``, or what comes before ``//`` no scheme."""
    first = written[0]
    anchors = ("^", "\\A", "\\b", "\\B")
    if any(t.start > first.start and pattern[t.start : t.atom_end] in anchors for t in own):
        return None
    literals = all(t.kind == "literal" and not t.repeated for t in written)
    text = "".join(str(t.literal) for t in written).lower() if literals else None
    if text is not None and text.rstrip(":/") in DEFAULT_PORTS:  # a scheme alone ("s?" too)
        return None
    label = "https://[a-z0-9-]+"
    if _required(first, "*"):  # a glob's "*." (the "*" escaped, or it would not compile)
        dot = len(written) > 2 and _required(written[1], ".")
        return (first.start, first.end, label) if dot else None
    if _required(first, "."):  # a suffix
        suffix = len(written) > 1 and not first.repeated
        return (first.start, first.start, label) if suffix else None
    at = next(
        (i for i in range(len(written) - 1) if all(_required(written[i + j], "/") for j in (0, 1))),
        None,
    )
    if at is None:
        return _scheme_before(written)
    head = written[:at]
    scheme = "".join(str(t.literal) for t in head)
    if at + 2 == len(written):  # nothing after "//"
        return None
    if not head:
        return first.start, first.start, "https:"
    if all(t.kind == "literal" and not t.repeated for t in head) and (
        "." not in scheme and is_url_scheme(scheme)
    ):
        return written[at].start, written[at].start, ":"
    return None


def _scheme_before(written: list[_Token]) -> tuple[int, int, str] | None:
    """:func:`_scheme_written` for an alternative with no ``//`` written: ``//`` after
    ``http:`` or ``https:`` written at its start (``https:a\\.example``), ``/`` after
    ``https:/``, unless a suffix or a glob's ``*`` follows (None: ``https:\\*\\.a``
    so mended would match only the text ``https://*.a``); else ``http://`` before a
    loopback host written out (``localhost:8080``, ``127\\.0\\.0\\.1``, whose pages
    are served over http), else ``https://``."""
    first = written[0]
    leading = list(itertools.takewhile(lambda t: _required(t) and not t.repeated, written))
    text = "".join(str(t.literal) for t in leading).lower()
    scheme, colon, rest = text.partition(":")
    if colon and scheme in DEFAULT_PORTS:
        one_slash = rest.startswith("/")  # _one_slash
        if rest[one_slash : one_slash + 1] in ("*", "."):
            return None
        after = leading[len(scheme) + one_slash]  # the ":", or its "/"
        return after.end, after.end, "/" if one_slash else "//"
    # What is written before a ":" (a port's), or all of it: the host, or its start.
    loopback = is_localhost_name(scheme) or text.startswith(("127.", "[::1]"))
    return first.start, first.start, "http://" if loopback else "https://"


def _offered(regex: re.Pattern[str], mended: str) -> tuple[str, str]:
    """The pattern a fix may name for *regex*, from *mended* ("" where none), and the
    reason :func:`regex_mistake` gives for *mended* where it mends that too ("" where
    it has nothing to mend): a path or a non-ASCII host written after the scheme. A
    pattern is offered only where :func:`_as_mended` takes it."""
    compiled = _as_mended(regex, mended)
    if compiled is None:
        return "", ""
    mistake = regex_mistake(compiled)
    if mistake is None:
        return mended, ""
    if mistake.write is None or _as_mended(regex, mistake.write) is None:
        return "", ""
    return mistake.write, mistake.why


def _as_mended(regex: re.Pattern[str], mended: str) -> re.Pattern[str] | None:
    """*mended*, the pattern a fix would name for *regex*, compiled with its flags;
    None where a fix may not name it: it does not compile (a cut took a group another
    part refers to by name), or a cut group renumbers a reference (``\\2`` would name
    another group). re's warnings about it are dropped: they would tell of a pattern
    the user did not write (:func:`compile_catching_warnings`)."""
    try:
        compiled = compile_catching_warnings(mended, regex.flags & ~re.DEBUG)[0]
    except re.error:
        return None
    if compiled.groups != regex.groups and _NUMBERED_REFERENCE.search(regex.pattern):
        return None
    return compiled


def python_literal(pattern: str) -> str:
    """*pattern* as a Python string literal, for a fix to copy: raw where it can be
    (no quote of the kind used, no final backslash, every character printable), else
    :func:`repr`. Used for ``allow_origin_regex`` and ``paths`` patterns alike."""
    for quote in ("'", '"'):
        if quote not in pattern and not pattern.endswith("\\") and pattern.isprintable():
            return f"r{quote}{pattern}{quote}"
    return repr(pattern)


# A wildcard origin's "://*." (or "://*\."), which a regular expression reads as the
# scheme's ':', any number of '/', then any character: no subdomain pattern at all.
_WILDCARD_ORIGIN = re.compile(r"://\*\\?\.")


def regex_mistake(regex: re.Pattern[str]) -> RegexMistake | None:
    """Why *regex* (``allow_origin_regex``), or one of its top-level alternatives,
    matches no origin its user meant, with what to write instead; None when there is
    no such mistake, or when the pattern cannot be read with certainty (see the
    module's docstring). The mistakes, in the order looked for:

    - an empty pattern, which matches no origin;
    - a wildcard origin written as a pattern (``https://*.example.com``), where
      ``/*`` is any number of ``/`` and ``.`` any character: it matches no subdomain;
    - several patterns written one after another, white space, ``,`` or ``;``
      between them, or in brackets as Python and JSON write a list
      (``_listed_patterns``), which ``re`` reads as one pattern that matches no
      origin: the fix joins them with ``|``, with what else the joined pattern has
      wrong mended;
    - what no origin a browser sends has, every one found joined in one reason: upper
      case in the scheme, or in the host of a scheme of
      :data:`~wsgi_cors.origins.LOWER_CASE_HOST_SCHEMES` (not looked for under
      ``re.IGNORECASE``), a ``/`` after the host, the default port of ``http`` or
      ``https``, a port no origin has (a ``:`` with nothing after it, a port above
      65535 or with leading zeros: ``_read_port``), a non-ASCII character in the
      host (browsers send a name's ``xn--``
      form: helper-145 saw ``https://bücher\\.example`` accepted and matching
      nothing Chromium sends), or an alternative that is one origin written out
      with its IP address or port in a spelling browsers never send
      (``http://127\\.1``: ``wsgi_cors.origins.respelled``), a class or class escape
      that matches no character an origin has there (``[A-Z]`` in such a host, or in
      any scheme, ``[a-z]`` in a port, ``\\s``: ``_matches_none``), white space (a space
      written for reading's sake, ``r"https://a\\.com | https://b\\.com"``), or an IPv6
      address of digits in brackets not escaped as the whole host
      (``r"http://[::1]:8080"``, a class that matches one of its characters:
      ``_ipv6_class``). The fix is
      the pattern with each mended, each non-ASCII label in its ``xn--`` form where it
      is written out in full, and mended again where that uncovers another mistake
      (``r"https://a\\.com:443 "``: the default port the space hid).
    """
    pattern = regex.pattern
    if not pattern:
        return RegexMistake(
            "is empty, so it matches no origin",
            f"write a pattern such as r'{EXAMPLE_ORIGIN_REGEX}', or leave it"
            " out (None) and list the origins in allow_origins: without either, every"
            " origin is allowed",
        )
    if _WILDCARD_ORIGIN.search(pattern):
        # The origin meant, without global flags ("(?i)": an origin a browser sends
        # is in lower case all the same) and anchors.
        origin = _LEADING_GLOBAL_FLAGS.sub("", pattern)
        origin = origin.removeprefix("^").removesuffix("$").replace("\\.", ".")
        if regex.flags & re.IGNORECASE:
            origin = origin.lower()
        fix = r"write a regular expression such as r'https://[a-z0-9.-]+\.example\.com'"
        if isinstance(parse_configured_origin(origin), SubdomainPattern):
            fix = f"put {origin!r} in allow_origins, which allows every subdomain so, or {fix}"
        return RegexMistake(
            "holds a wildcard origin ('://*.'), which a regular expression reads otherwise:"
            " '/*' is any number of '/' and '.' any character, so it matches no subdomain",
            fix,
        )
    if regex.flags & re.VERBOSE:
        return None
    listed = _listed_patterns(pattern, regex.flags)
    if listed is not None:
        return _joined_mistake(regex, *listed)
    found = _mistakes(pattern, regex.flags)
    if found is None:
        return None
    whys, mended = found
    # A mistake the mending uncovers is the pattern's too: r"https://a\.com:443 " has
    # the default port as well as the space that hid it.
    for _ in range(_MAX_MENDING_ROUNDS):
        again = _mistakes(mended, regex.flags) if mended else None
        if again is None:
            break
        whys += [why for why in again[0] if why not in whys]
        mended = again[1]
    if mended and _as_mended(regex, mended) is None:
        mended = ""
    fix = (
        f"write it as {python_literal(mended)}"
        if mended
        else "match only what an origin holds: its scheme and host in lower case (a"
        f" non-ASCII name in its 'xn--' form), and a port (digits, at most {HIGHEST_PORT}) only"
        " where it is not the default"
    )
    why = whys[0] if len(whys) == 1 else "; ".join(whys[:-1]) + "; and " + whys[-1]
    return RegexMistake(why, fix, mended or None)


_MAX_MENDING_ROUNDS = 3

# What may separate patterns written one after another: white space, "," or ";".
_SEPARATORS = frozenset(" \t\n\r\f\v,;")


def _listed_patterns(pattern: str, flags: int) -> tuple[str, list[str]] | None:
    """Why *pattern* is a list of patterns, not one, and its items (each holds
    ``://`` and compiles), to be joined with ``|``; None for any other
    pattern. Such a list matches no origin where it stands:

    * a list in brackets, as JSON or Python write one
      (``'["https://a\\.com", "https://b\\.com"]'``, read by
      :func:`~wsgi_cors.origins.quoted_list`), or unquoted (:func:`_unquoted_list`):
      one character class to ``re``, or a class and more;
    * patterns one after another in a top-level alternative, white space, ``,`` or
      ``;`` between them (``r"https://a\\.com https://b\\.com"``,
      :func:`_patterns_one_after_another`): every match of that alternative holds
      the separator, which no origin has."""
    text = pattern.strip()
    bracketed = quoted_list(text)
    if bracketed is None and text.startswith("[") and text.endswith("]"):
        bracketed = _unquoted_list(text, flags)
    if bracketed is not None:
        items = bracketed
        why = (
            "is a list in brackets, where a regular expression reads one class of"
            " characters: it matches one character, so no origin"
        )
    else:
        found = _patterns_one_after_another(pattern)
        if found is None:
            return None
        separator, items = found
        why = (
            f"lists several patterns one after another, separated by {separator!r}: a"
            " regular expression reads them as one pattern, whose every match holds"
            " the separator, which no origin has"
        )
    least = 1 if bracketed is not None else 2  # a list in brackets may hold one item
    if len(items) < least or not all(_is_pattern_item(item, flags) for item in items):
        return None
    return why, items


def _is_pattern_item(item: str, flags: int) -> bool:
    """Whether *item*, an item of a list of patterns, names a scheme (``://``) and
    compiles with *flags*."""
    try:
        re.compile(item, flags)
    except re.error:
        return False
    return "://" in item


def _unquoted_list(text: str, flags: int) -> list[str] | None:
    """The items of *text*, in brackets, where they are patterns written in them
    unquoted: the brackets make one class from end to end ("[https://a\\.com]"), or
    the class they open holds ``://`` and a separator every match holds follows it
    ("[http://h:[0-9]+, https://a\\.com]"), and not a class that starts a pattern
    ("[h]ttp://\\[::1]"). The inside is split as a pattern's items (``{1,5}`` is no
    list), separators at its ends dropped, as is an item that is no value
    (:data:`~wsgi_cors.origins.NO_VALUE_WORDS`). None where the items are not
    patterns that name a scheme."""
    end = _class_end(text, 0)
    if end != len(text) and ("://" not in text[1:end] or not _patterns_one_after_another(text)):
        return None
    inner = text[1:-1].strip("".join(_SEPARATORS))
    split = _patterns_one_after_another(inner)
    items = split[1] if split is not None else [inner.strip(QUOTES)]
    items = [item for item in items if item not in NO_VALUE_WORDS]
    return items if items and all(_is_pattern_item(item, flags) for item in items) else None


def _patterns_one_after_another(pattern: str) -> tuple[str, list[str]] | None:
    """The first separator (white space, ``,`` or ``;``, as written) and the items of
    *pattern* where some top-level alternative of it is several patterns written one
    after another: split at each such character that every match of the alternative
    holds (outside groups, classes and repeat counts, not escaped), quotes off each
    piece; the other alternatives are items as they are. None where no alternative
    is so split."""
    tokens = _tokens(pattern)
    if tokens is None:
        return None
    # Each top-level alternative's span and the separators in it, in one pass.
    alternatives: list[tuple[int, int, list[_Token]]] = [(0, len(pattern), [])]
    for token in tokens:
        if token.parent is not None:
            continue
        if token.kind == "alternative":
            start, _, cuts = alternatives[-1]
            alternatives[-1] = (start, token.start, cuts)
            alternatives.append((token.end, len(pattern), []))
        elif (
            _required(token)
            and not token.repeated
            and token.atom_end - token.start == 1  # not escaped
            and token.literal in _SEPARATORS
        ):
            alternatives[-1][2].append(token)
    separator, items = "", []
    for start, end, cuts in alternatives:
        starts, ends = [start] + [t.end for t in cuts], [t.start for t in cuts] + [end]
        pieces = [pattern[a:b].strip(QUOTES) for a, b in zip(starts, ends, strict=True)]
        pieces = [piece for piece in pieces if piece]
        if len(pieces) < 2:
            items.append(pattern[start:end])
            continue
        items += pieces
        if not separator:  # the first run of separators, as it is written
            run = [cuts[0]]
            for token in cuts[1:]:
                if token.start != run[-1].end:
                    break
                run.append(token)
            separator = pattern[run[0].start : run[-1].end]
    return (separator, items) if separator else None


def _joined_mistake(regex: re.Pattern[str], why: str, listed: list[str]) -> RegexMistake:
    """The mistake *why* of a pattern that lists the patterns *listed*
    (:func:`_listed_patterns`), and the fix: them joined with ``|``, with what else
    that pattern would be refused for mended too, where it can be."""
    joined, several = "|".join(listed), len(listed) > 1
    try:
        further = regex_mistake(re.compile(joined, regex.flags))
    except re.error:  # "(?i)" inside the second: flags no longer at the start
        return RegexMistake(why, "join them with '|', one pattern: 'a|b' matches a or b")
    if further is None:
        written = f"write it as {python_literal(joined)}"
        return RegexMistake(why, f"join them with '|': {written}" if several else written, joined)
    if further.write is None:
        joined_why = f"joined with '|', it {further.why}" if several else f"it {further.why}"
        return RegexMistake(f"{why}; {joined_why}", further.fix)
    fix = f"join them with '|' and {further.fix}" if several else further.fix
    return RegexMistake(f"{why}; and it {further.why}", fix, further.write)


@functools.lru_cache(maxsize=64)
def compile_catching_warnings(
    pattern: str, flags: int = 0
) -> tuple[re.Pattern[str], tuple[warnings.WarningMessage, ...]]:
    """``re.compile(pattern, flags)``, and the warnings ``re`` gave about *pattern* (a
    ``FutureWarning`` such as "Possible nested set at position 9"), caught instead of
    shown: ``re`` points them at the line that called ``re.compile``, a line of this
    package, where the user can do nothing with them. The caller gives them again
    from the user's line with the option named (``config.validate``), or drops them
    for a pattern the user did not write.

    Memoized (the last 64 patterns): ``re`` warns only when it compiles a pattern, not
    when it takes it from its own cache, and each ``paths`` entry that inherits the
    top level's pattern compiles it again, so that each gets the warnings too.

    Another warning caught meanwhile, not pointed at this module as ``re``'s are, is
    given again at once, where it was raised; other threads' warnings are not caught
    (:mod:`wsgi_cors.caught`).

    :raises re.error: *pattern* does not compile (and ``OverflowError``,
        ``RecursionError`` or ``ValueError`` where ``re.compile`` raises them).
    """
    with caught_warnings() as caught:
        regex = re.compile(pattern, flags)
    about_pattern = []
    for warning in caught:
        if os.path.abspath(warning.filename) == _THIS_FILE:
            about_pattern.append(warning)
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return regex, tuple(about_pattern)


_THIS_FILE = os.path.abspath(__file__)


_LABEL_CHARACTER = re.compile(f"[{LABEL_CHARACTERS}]")


def _label_literal(token: _Token) -> bool:
    return token.kind == "literal" and _LABEL_CHARACTER.fullmatch(str(token.literal)) is not None


def _label_part(pattern: str, token: _Token) -> bool:
    """*token* is one character of a host label: a letter, digit, ``_`` or ``-``, or a
    class (``[a-z]``, ``\\d``, ``\\w``)."""
    return _label_literal(token) or pattern.startswith(("[", "\\d", "\\w"), token.start)


def _scheme_ends(pattern: str, tokens: list[_Token]) -> list[tuple[int, int, int]]:
    """For each top-level alternative of *pattern* (its *tokens*), ``(where its scheme
    starts, where its host starts, where it ends)``: the host starts after its
    :func:`_scheme_separator`; without one, the alternative is all host and port
    (``(start, start, end)``)."""
    bars = [t for t in tokens if t.kind == "alternative" and t.parent is None]
    starts = [0, *(bar.end for bar in bars)]
    ends = [*(bar.start for bar in bars), len(pattern)]
    spans = []
    for start, end, alternative in zip(starts, ends, _alternatives(tokens), strict=True):
        at = _scheme_separator(alternative.run)
        spans.append((start, start if at is None else alternative.run[at + 2].end, end + 1))
    return spans


def _loose_dots(regex: re.Pattern[str]) -> tuple[list[_Token], list[_Token], set[int]] | None:
    """The tokens of *regex*, its dots that are not escaped where a host's characters
    are (:func:`unescaped_dots`), and where those that begin a host start; None for a
    pattern that reading does not follow, or that has none."""
    if regex.flags & re.VERBOSE:
        return None
    pattern = regex.pattern
    tokens = _tokens(pattern)
    if tokens is None:
        return None
    schemes = _scheme_ends(pattern, tokens)
    loose = []
    leading: set[int] = set()  # the dots that begin a host: ".example.com", a cookie's
    for index in range(1, len(tokens) - 1):
        before, dot, after = tokens[index - 1 : index + 2]
        if dot.kind != "any" or dot.repeated:
            continue
        # Without a "://" (or ":\\/\\/") in its alternative, a pattern is all host.
        scheme_start, host_start = next((a, b) for a, b, end in schemes if dot.start < end)
        if scheme_start <= dot.start < host_start:
            continue
        # A label's character or a class, a group's end ("(api|www).example"), any
        # characters (".*.example", meant as ".*\\.example") or the "://" (a cookie's
        # ".example.com") before the dot; after it, a group's start
        # ("api.(example|test)") too.
        label_before = (
            _label_part(pattern, before)
            or before.kind == "close"
            or (before.kind == "any" and before.end != before.atom_end)
            or dot.start == host_start
        )
        label_after = (
            _label_part(pattern, after)
            or after.kind == "close"
            or (after.kind == "open" and after.plain)
        )
        digits = str(before.literal).isdigit() and str(after.literal).isdigit()
        if label_before and label_after and not digits:
            loose.append(tokens[index])
            if dot.start == host_start:
                leading.add(dot.start)
    return (tokens, loose, leading) if loose else None


def unescaped_dots(regex: re.Pattern[str]) -> RegexMistake | None:
    """Why *regex* (``allow_origin_regex``) allows more than meant, when it has a ``.``
    between the characters of a host name, unescaped (``https://api.example.com``), and
    the pattern with each escaped; or None. Such a ``.`` matches any character, so the
    pattern also allows a look-alike domain anyone can register
    (``https://api-example.com``); it is almost always meant as ``\\.``. Read as
    :func:`regex_mistake` reads, but found anywhere after the ``://`` (or
    ``:\\/\\/``) of its top-level alternative (in the whole alternative without one),
    between a letter, digit, ``_``, ``-``, class, the end of a group
    (``(api|www).example``), a repeated ``.`` (``.*.example``) or the ``://`` itself
    (``https://.example\\.com``) and a letter, digit, ``_``, ``-``, class, the end of a
    group (the dot of an optional ``(www.)?``) or the start of one
    (``api.(example|test)``), but not between two digits (an IPv4 address, which no
    name can imitate); optional or not (``www.?example``), but not repeated
    (``.*``)."""
    found = _loose_dots(regex)
    if found is None:
        return None
    tokens, loose, leading = found
    pattern = regex.pattern
    first = tokens.index(loose[0])
    left = right = ""
    for token in reversed(tokens[:first]):
        if not _label_literal(token):
            break
        left = str(token.literal) + left
    for token in tokens[first + 1 :]:
        if not _label_literal(token):
            break
        right += str(token.literal)
    pieces, done = [], 0
    for dot in loose:  # its quantifier kept: "www.?" is "www\\.?"
        # A leading dot means the subdomains, as in a cookie's Domain.
        escaped = "([a-z0-9-]+\\.)+" if dot.start in leading else "\\."
        pieces += [pattern[done : dot.start], escaped]
        done = dot.atom_end
    pieces.append(pattern[done:])
    why = (
        f"has a '.' that is not escaped, in {left + '.' + right!r}: it matches any"
        " character, so look-alike domains that anyone can register match too"
    )
    fix = (
        f"escape it: {python_literal(''.join(pieces))} (if one character of a host is really"
        " meant, write a class such as [a-z0-9-])"
    )
    return RegexMistake(why, fix)


def loose_dot_look_alike(regex: re.Pattern[str]) -> str | None:
    """A look-alike origin that the unescaped dots of *regex* let in
    (:func:`unescaped_dots`), or None: for each host the pattern spells with those dots
    escaped (``_literal_hosts``), that host with one of its dots a ``-``
    (``https://app-example.com`` for ``^https://app.example.com$``), or with a new
    label glued before it (``https://wsgicorsprobe-example.com`` for
    ``https://.*.example.com``, ``https://www-example.com`` for
    ``https://(www.)?example.com``, ``https://xexample.com`` for a leading dot), with
    no port or the one it spells, the first the pattern matches in full. Each is a
    name of two labels or more that anyone may register, never a localhost name or an
    address: a stranger's origin (:func:`strangers_origin`)."""
    found = _loose_dots(regex)
    if found is None:
        return None
    _, loose, _ = found
    pattern, pieces, done = regex.pattern, [], 0
    for dot in loose:
        pieces += [pattern[done : dot.start], "\\."]
        done = dot.atom_end
    try:
        escaped = re.compile("".join(pieces) + pattern[done:], regex.flags)
    except re.error:
        return None
    for host, port in _literal_hosts(escaped):
        if "." not in host or is_localhost_name(host) or ends_in_a_number(host.lower()):
            continue
        names = [host[:at] + "-" + host[at + 1 :] for at, c in enumerate(host) if c == "."]
        names += [f"{head}{host}" for head in ("wsgicorsprobe-", "www-", "x")]
        for name in names:
            if "." not in name:
                continue
            for scheme in ("https", "http"):
                for suffix in dict.fromkeys(("", port)):
                    origin = f"{scheme}://{name}{suffix}"
                    if regex.fullmatch(origin) is not None:
                        return origin
    return None


# The labels and the suffixes of the strangers' origins: a new name in each shape a
# pattern's label is written for (with hyphens, with one, letters only, letters and a
# digit, three letters, and a name two labels deep), under top-level domains anyone
# can register a name in, and under the suffixes of several labels where anyone can
# register one or put up a site.
_STRANGERS_LABELS = (
    *("wsgi-cors-probe", "cors-probe", "wsgicorsprobe", "wsgicorsprobe7", "wcp"),
    "www.wsgicorsprobe",
)
_STRANGERS_SUFFIXES = ("com", "net", "org", "io", "dev", "app", *SHARED_SUFFIXES)

# Public IP addresses, from the ranges kept for documentation (RFC 5737, RFC 3849):
# they stand for any server's address, which a page can be served from as it is.
_STRANGERS_ADDRESSES = ("198.51.100.7", "[2001:db8::7]")

#: Origins of pages nobody configuring a policy means to trust: new names that anyone
#: can register or put a page on (``https://wsgi-cors-probe.com``,
#: ``https://wcp.co.uk``, ``https://www.wsgicorsprobe.github.io``, ...), and public IP
#: addresses, with and without a port (``http://198.51.100.7:8080``), on either
#: scheme. A pattern that matches one allows strangers' pages. A sample, not every
#: such name: a pattern that matches none of these (over a suffix this list lacks,
#: or names of another shape) is not caught, and allows strangers all the same.
STRANGERS_ORIGINS = (
    *(
        f"{scheme}://{label}.{suffix}"
        for scheme in ("https", "http")
        for suffix in _STRANGERS_SUFFIXES
        for label in _STRANGERS_LABELS
    ),
    *(
        f"{scheme}://{address}{port}"
        for scheme in ("https", "http")
        for address in _STRANGERS_ADDRESSES
        for port in ("", ":8080")
    ),
)


def is_an_address(origin: str) -> bool:
    """Whether *origin*, one of :data:`STRANGERS_ORIGINS`, is an IP address's (which
    any server has, where a name is registered)."""
    return any(f"://{address}" in origin for address in _STRANGERS_ADDRESSES)


def strangers_origin(regex: re.Pattern[str]) -> str | None:
    """The first of :data:`STRANGERS_ORIGINS` and of the pattern's own
    :func:`look_alike_origins` that *regex* (``allow_origin_regex``) matches in full, or
    None: with ``allow_credentials="*"``, such a pattern (``.*``, ``https://.*``,
    ``https://[a-z]+\\.com``, ``https://\\w+\\.io``, ``https://.*example\\.com``) gives
    credentials to pages anyone can put up, as ``allow_origins="*"`` would (README
    difference 7). None too, with no origin tried, for a pattern that a crafted origin
    may make exponential (:func:`may_backtrack_exponentially`): a probe it does not
    match could hold the start-up for hours (``allow_origin_regex
    r"https://([a-z0-9-]+\\.?)+\\.example\\.com"`` took 13 minutes on them), so what it
    matches is unknown, and ``config.credentials_for_anyone`` refuses it beside
    ``allow_credentials="*"`` as unchecked."""
    if may_backtrack_exponentially(regex):
        return None
    loose_dot = loose_dot_look_alike(regex)
    probes = (*STRANGERS_ORIGINS, *look_alike_origins(regex), *([loose_dot] if loose_dot else []))
    return next((origin for origin in probes if regex.fullmatch(origin)), None)


# What is glued before a host a pattern names, and what comes after it, in the
# look-alikes of that host (look_alike_origins).
_LOOK_ALIKE_HEADS = ("wsgicorsprobe", "wsgicorsprobe-")
_LOOK_ALIKE_TAILS = (".wsgicorsprobe.com",)


def _literal_hosts(regex: re.Pattern[str]) -> list[tuple[str, str]]:
    """The host names *regex* spells letter for letter, each with the port spelled
    after it (``":8443"``) or ``""``: each run of literal label characters and dots
    (escaped, as ``\\.``), without the dots and hyphens at its ends (``example.com`` in
    ``https://.*example\\.com``), in lower case for a case-insensitive pattern; a run
    of one label (``mycompany`` in ``https://mycompany\\..*``) too, as the start of a
    name, but not before a ``:`` (a scheme, or a host with its port), unless it is
    ``localhost``. Read as :func:`unescaped_dots` reads; none for a pattern that
    reading does not follow."""
    tokens = (None if regex.flags & re.VERBOSE else _tokens(regex.pattern)) or []
    hosts: list[tuple[str, str]] = []
    run = ""
    for index, token in enumerate([*tokens, None]):  # None: the end, ending the last run
        # An optional or repeated character is read as there once: a host that may be
        # spelled so ("www\\.?example\\.com") is one the pattern allows.
        if token is not None and (_label_literal(token) or token.literal == "."):
            run += str(token.literal)
            continue
        host = run.strip(".-")
        if regex.flags & re.IGNORECASE:  # "Example" matches the "example" browsers send
            host = host.lower()
        port = ""
        if token is not None and token.literal == ":":
            for digit in tokens[index + 1 :]:
                if not str(digit.literal).isdigit():
                    break
                port += str(digit.literal)
        # A name of one label is the start of a host ("app" in "app\\.[a-z]+\\.com"),
        # or localhost; but not before a ":", where it is a scheme ("https") or a
        # host of its own with its port.
        one_label = _one_label(host)
        before_colon = token is not None and token.literal == ":"
        if host and not (one_label and before_colon) and (host, port) not in hosts:
            hosts.append((host, f":{port}" if port else ""))
        run = ""
    return hosts


def _one_label(host: str) -> bool:
    """Whether *host* is one label, the start of a name (``mycompany``), not
    ``localhost``, which is a whole one."""
    return "." not in host and host != "localhost"


def _registrable(host: str) -> bool:
    """Whether *host* (a name of label characters and dots) is a name someone
    registers or is given whole (:func:`~wsgi_cors.origins.registrable_domain`):
    ``example.com``, ``example.co.uk``, ``yours.github.io``. A name glued before it
    makes another owner's name."""
    return registrable_domain(host) == host


def look_alike_origins(regex: re.Pattern[str]) -> list[str]:
    """Strangers' origins that look like a host *regex* (``allow_origin_regex``)
    spells letter for letter (``_literal_hosts``), on either scheme: the host with a
    new domain after it (``https://example.com.wsgicorsprobe.com``), and, for a
    registrable name, a new name glued before it (``https://wsgicorsprobeexample.com``,
    ``https://wsgicorsprobe-example.com``). A pattern meant as "ends with" or "starts
    with" a host matches these (docs/security.rst, "Suffix and prefix matching");
    anyone can register them."""
    return [origin for host, port in _literal_hosts(regex) for origin in _look_alikes(host, port)]


def _look_alikes(host: str, port: str) -> list[str]:
    """:func:`look_alike_origins` of one *host*, the *port* the pattern spells after it
    (``":8443"`` or ``""``): each name with no port, that port, and any other (``:1``),
    and the host followed by a new domain also as a subdomain (a pattern may require
    one before it: ``https://.*\\.example\\.com.*``); a host of one label (not
    ``localhost``) followed by a new domain as its subdomain or glued to it
    (``https://mycompany.wsgicorsprobe.com``, ``https://mycompany-wsgicorsprobe.com``)."""
    if _one_label(host):  # the start of a name: a stranger's name may go on from it
        names = [f"{lead}{host}{glue}wsgicorsprobe.com" for lead in ("", "www.") for glue in ".-"]
    else:
        names = [f"{lead}{host}{tail}" for tail in _LOOK_ALIKE_TAILS for lead in ("", "www.")]
    if _registrable(host):
        names += [head + host for head in _LOOK_ALIKE_HEADS]
    ports = dict.fromkeys(("", port, ":1"))
    return [
        f"{scheme}://{name}{suffix}"
        for name in names
        for suffix in ports
        for scheme in ("https", "http")
    ]


def look_alike(regex: re.Pattern[str]) -> RegexMistake | None:
    """Why *regex* (``allow_origin_regex``) allows more than meant, when it matches one
    of its :func:`look_alike_origins` (``https://.*example\\.com`` matches
    ``https://wsgicorsprobeexample.com``, ``https://example\\.com.*`` matches
    ``https://example.com.wsgicorsprobe.com``), and how to bound the host; or None.
    None too for a pattern that matches one of :data:`STRANGERS_ORIGINS`, which allows
    anyone's pages by design (``https://.*``), not by a host left open at one end, and
    for one that may take time exponential in an origin's length
    (:func:`may_backtrack_exponentially`), which no probe is run against: a probe could
    hold the start-up for good (docs/security.rst, "Slow regular expressions")."""
    if may_backtrack_exponentially(regex):
        return None
    for alternative in _top_level_alternatives(regex):
        found = _look_alike_in(alternative)
        if found is not None:
            return found
    return None


def _top_level_alternatives(regex: re.Pattern[str]) -> list[re.Pattern[str]]:
    """Each top-level alternative of *regex* (``a|b``) as a pattern of its own, with
    *regex*'s flags (a global ``(?i)`` holds for every alternative); or *regex* alone
    where it has one, where it is verbose (``re.X``: its text is not read as written),
    or where they cannot be compiled apart (a reference to another's group)."""
    tokens = None if regex.flags & re.VERBOSE else _tokens(regex.pattern)
    bars = [t for t in tokens or () if t.kind == "alternative" and t.parent is None]
    if not bars:
        return [regex]
    bounds = [0, *(edge for bar in bars for edge in (bar.start, bar.end)), len(regex.pattern)]
    try:
        return [
            # Not re.DEBUG: it would print each alternative's parse.
            compile_catching_warnings(regex.pattern[start:end], regex.flags & ~re.DEBUG)[0]
            for start, end in zip(bounds[::2], bounds[1::2], strict=True)
        ]
    except re.error:
        return [regex]


def _look_alike_in(regex: re.Pattern[str]) -> RegexMistake | None:
    """:func:`look_alike` of one top-level alternative."""
    hosts = _literal_hosts(regex)
    if not hosts or any(regex.fullmatch(origin) for origin in STRANGERS_ORIGINS):
        return None
    for host, port in hosts:
        for origin in _look_alikes(host, port):
            if not regex.fullmatch(origin):
                continue
            escaped = host.replace(".", "\\.")
            if _one_label(host):
                why = f"lets any name follow {host!r}"
                fix = (
                    f"spell the whole host (r'{escaped}\\.example\\.com' for"
                    f" {host}.example.com), or list the origins"
                )
            elif f"{host}{_LOOK_ALIKE_TAILS[0]}" not in origin:  # a name glued before it
                why = f"lets a host end with {host!r} without a '.' before it"
                fix = (
                    f"let only whole labels come before it, r'([a-z0-9-]+\\.)*{escaped}' for"
                    f" {host} and its subdomains, or list the origins"
                )
            else:
                why = f"lets anything follow {host!r}"
                fix = (
                    f"end the pattern where the host ends ({python_literal(escaped)}, with"
                    " r'(:[0-9]+)?' after it for any port), or list the origins"
                )
            return RegexMistake(f"{why}: it matches {origin!r}, a domain anyone can register", fix)
    return None
