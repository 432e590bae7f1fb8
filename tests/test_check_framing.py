"""``wsgi-cors check`` reads an answer's framing as :mod:`http.client` does.

check reads the answer on its own socket (``check._read_answer`` and ``_read_body``:
it must skip the interim responses a browser skips, which http.client has no public way
to do), so the
status line, the header block's end, ``Content-Length``, chunked bodies with extensions
and trailer fields, and bodies that run to the connection's close are its own code.
Here http.client is the oracle: for every well-formed final answer Hypothesis builds,
both read it from a real socket and must agree on the status, the reason phrase, the
header fields and the body (check's cut at its body limit, as it reports it).
"""

from __future__ import annotations

import http.client
import socket

from hypothesis import given, settings
from hypothesis import strategies as st

from hypothesis_budget import examples
from wsgi_cors.check import _read_answer, _read_body

TOKEN = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!", min_size=1)
VISIBLE = "".join(chr(c) for c in range(0x21, 0x7F))
# A field value: visible characters with single spaces inside, none around it.
VALUE = st.lists(st.text(VISIBLE, min_size=1, max_size=8), max_size=4).map(" ".join)
FRAMING_NAMES = {"content-length", "transfer-encoding", "connection"}
FIELDS = st.lists(
    st.tuples(TOKEN.filter(lambda n: n.lower() not in FRAMING_NAMES), VALUE), max_size=6
)


@st.composite
def answers(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """(the bytes of an answer, the body it carries) with one of the framings a server
    may choose: Content-Length, chunked (with extensions and trailer fields), or none
    (the body ends where the connection does). A framed answer is followed by the
    start of another, as on a connection kept alive."""
    version = draw(st.sampled_from(["HTTP/1.1", "HTTP/1.0"]))
    status = draw(st.sampled_from([200, 201, 204, 206, 301, 304, 403, 404, 500, 599]))
    reason = draw(VALUE)
    fields = draw(FIELDS)
    body = draw(st.binary(max_size=300))
    framing = draw(st.sampled_from(["length", "chunked", "close"]))
    head = [f"{version} {status} {reason}".rstrip(" ")]
    head += [f"{name}: {value}".rstrip(" ") for name, value in fields]
    if status in (204, 304):
        body = b""  # these answers have no body (RFC 9112, 6.3)
    if framing == "length":
        # A 304's Content-Length may be the size of the representation it stands for
        # (RFC 9110, 8.6), which it does not carry.
        length = draw(st.integers(0, 500)) if status == 304 else len(body)
        head.append(f"Content-Length: {length}")
        payload = body
    elif framing == "chunked":
        head.append("Transfer-Encoding: chunked")
        cuts = sorted(draw(st.lists(st.integers(0, len(body)), max_size=5)))
        chunks = [body[i:j] for i, j in zip([0, *cuts], [*cuts, len(body)], strict=True) if j > i]
        payload = b""
        for chunk in chunks:
            size = format(len(chunk), draw(st.sampled_from(["x", "X", "04x"])))
            extension = draw(st.sampled_from(["", ";a=1", ' ;name="v"']))
            payload += f"{size}{extension}\r\n".encode() + chunk + b"\r\n"
        trailer = draw(FIELDS)
        payload += b"0\r\n" + b"".join(f"{n}: {v}\r\n".encode() for n, v in trailer) + b"\r\n"
    else:
        head.append("Connection: close")
        payload = body
    if draw(st.booleans()):  # an interim 100 Continue first, which both skip
        head.insert(0, f"{version} 100 Continue\r\n")
    if framing != "close":  # what follows a framed answer is not its body
        payload += b"HTTP/1.1 200 OK\r\n"
    raw = "\r\n".join(head).encode("latin-1") + b"\r\n\r\n" + payload
    return raw, body


def served(raw: bytes) -> socket.socket:
    """The reading end of a real connection on which *raw* was sent and then closed."""
    reader, writer = socket.socketpair()
    with writer:
        writer.sendall(raw)
    return reader


@settings(max_examples=examples(300), deadline=None)
@given(answers(), st.sampled_from(["GET", "HEAD", "OPTIONS"]), st.integers(1, 400))
def test_check_reads_every_answer_as_http_client_does(
    answer: tuple[bytes, bytes], method: str, limit: int
) -> None:
    raw, body = answer
    with served(raw) as sock:
        oracle = http.client.HTTPResponse(sock, method=method)
        oracle.begin()
        expected_body = oracle.read()
        expected = (oracle.status, oracle.reason, oracle.getheaders())
    with served(raw) as sock, sock.makefile("rb") as stream:
        got = _read_answer(stream)
        got_body = b"" if method == "HEAD" else _read_body(stream, got, limit)
    assert (got.status, got.reason, list(got.headers)) == expected
    assert expected_body == (b"" if method == "HEAD" else body)  # the oracle read it all
    assert got_body == expected_body[:limit]


def test_a_304_carries_no_body_whatever_its_content_length() -> None:
    """RFC 9112, 6.3: a 304 ends at its header block; its Content-Length may be the
    size of the representation it stands for (RFC 9110, 8.6), which is not sent, so
    what follows is the next answer, not a body."""
    raw = b"HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\nHTTP/1.1 200 OK\r\n"
    with served(raw) as sock, sock.makefile("rb") as stream:
        got = _read_answer(stream)
        assert (got.status, _read_body(stream, got, 100)) == (304, b"")
