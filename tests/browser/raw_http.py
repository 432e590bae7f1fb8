"""A raw HTTP server on 127.0.0.1 for the browser suite: it sends answers no WSGI server
would send (interim responses, control characters in a header value) byte for byte."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator

#: ``answer(method, path)``: the bytes to send for a request, or None for a 404.
Answer = Callable[[str, str], "bytes | None"]


def http_answer(head: str, body: bytes = b"") -> bytes:
    """A response from its status line and header lines (one per line, as written),
    with ``Content-Length`` and ``Connection: close`` added."""
    lines = head.strip().split("\n")
    lines += [f"Content-Length: {len(body)}", "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


@contextlib.contextmanager
def raw_server(answer: Answer) -> Iterator[str]:
    """Serve *answer* on 127.0.0.1, one connection per request; yield the server's
    origin."""
    sock = socket.create_server(("127.0.0.1", 0))
    sock.settimeout(0.2)
    stop = threading.Event()

    def handle(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(5)
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 65536:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                head += chunk
            method, target = head.decode("latin-1").split(" ", 2)[:2]
            sent = answer(method, target.split("?")[0])
            conn.sendall(sent if sent is not None else http_answer("HTTP/1.1 404 Not Found"))

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, name="raw-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        sock.close()
