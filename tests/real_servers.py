"""Real WSGI servers on 127.0.0.1 for the ``servers`` tests, and a raw HTTP client.

* :func:`gunicorn` starts ``python -m gunicorn`` as a subprocess on a free port, serving
  an application named by module path (``server_apps:load('falcon')``: see
  ``server_apps.py``), waits until it answers (bounded), and always stops it, by its own
  process id, on the way out; its stderr goes to a file the test reads. :func:`uwsgi`
  does the same with uWSGI (``server_apps.load('falcon')``, a Python expression).
* :func:`waitress` and :func:`wsgiref` serve an application object in a thread of
  this process.
* :func:`raw_request` sends bytes as they are (obs-fold lines, huge headers) and reads
  the answer to the end, without any client library's checks.

Every wait here is bounded (connect and read time-outs, a number of retries), so a
broken server fails a test instead of hanging it; no test asserts how long anything
took.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pathlib
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

TESTS = pathlib.Path(__file__).resolve().parent
#: Seconds, for connecting to and reading from a server.
TIMEOUT = 30
#: How often, 0.1 s apart, a new server subprocess is asked whether it answers yet (20 s).
READY_TRIES = 200


def free_port() -> int:
    """A port nothing listens on right now (the kernel's pick for a bind to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- raw HTTP ---------------------------------------------------------------------------


@dataclass
class RawResponse:
    """An HTTP response as bytes came: status, header lines in order, body."""

    raw: bytes
    status: int = 0
    headers: list[tuple[str, str]] = field(default_factory=list)
    head: bytes = b""
    body: bytes = b""

    def __post_init__(self) -> None:
        self.head, _, self.body = self.raw.partition(b"\r\n\r\n")
        lines = self.head.decode("latin-1").split("\r\n")
        if lines and lines[0].startswith("HTTP/"):
            self.status = int(lines[0].split()[1])
        for line in lines[1:]:
            name, _, value = line.partition(":")
            self.headers.append((name, value.strip(" \t")))

    def get_all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def cors(self) -> list[tuple[str, str]]:
        """Every ``Access-Control-*`` header line, lower-cased name, in order."""
        return [(k.lower(), v) for k, v in self.headers if k.lower().startswith("access-control-")]


def raw_request(port: int, data: bytes, timeout: float = TIMEOUT) -> RawResponse:
    """Send *data* on a new connection and read until the server closes it (send
    ``Connection: close``)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(data)
        chunks = []
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return RawResponse(b"".join(chunks))


# -- servers in a subprocess: gunicorn, uWSGI ----------------------------------------------


@dataclass
class Spawned:
    """A running server subprocess: its port, process and the file its stderr goes to."""

    port: int
    process: subprocess.Popen[bytes]
    stderr_path: pathlib.Path
    args: list[str]

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")


def _answers(port: int) -> bool:
    try:
        response = raw_request(
            port, b"GET /ready HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", timeout=5
        )
    except OSError:
        return False
    return response.status > 0


@contextlib.contextmanager
def _spawn(
    name: str, command: Callable[[int], list[str]], env: dict[str, str] | None
) -> Iterator[Spawned]:
    """Run ``command(port)`` on a free port, with this environment plus *env*, until it
    answers HTTP (bounded); always stop it on the way out. Retried on another port when
    another process took the free one first."""
    with tempfile.TemporaryDirectory(prefix=f"wsgi-cors-{name}-") as tmp:
        stderr_path = pathlib.Path(tmp) / "stderr.log"
        for _attempt in range(3):
            port = free_port()
            args = command(port)
            with stderr_path.open("wb") as stderr:
                process = subprocess.Popen(
                    args,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    env={**os.environ, **(env or {})},
                    cwd=tmp,
                )
            try:
                for _ in range(READY_TRIES):
                    if process.poll() is not None or _answers(port):
                        break
                    time.sleep(0.1)
                if process.poll() is None and _answers(port):
                    yield Spawned(port, process, stderr_path, args)
                    return
                text = stderr_path.read_text(errors="replace")
                if "in use" not in text:
                    raise RuntimeError(f"{name} did not start: {args}\n{text}")
            finally:
                _stop(process)
        raise RuntimeError(f"{name} found no free port: {stderr_path.read_text()}")


def gunicorn(
    app: str,
    *options: str,
    worker_class: str = "sync",
    workers: int = 1,
    threads: int = 1,
    env: dict[str, str] | None = None,
) -> contextlib.AbstractContextManager[Spawned]:
    """Run ``python -m gunicorn APP`` (APP a module path under ``tests/``), with this
    interpreter and environment (so it imports the same ``wsgi_cors``), plus *env*.
    No control socket (gunicorn 27 makes one in ``~/.gunicorn`` by default, which two
    servers at once would share); warnings and errors only on stderr."""

    def command(port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            worker_class,
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--pythonpath",
            str(TESTS),
            "--no-control-socket",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
            *options,
            app,
        ]

    return _spawn("gunicorn", command, env)


#: The uWSGI of this environment: PyPI's ``pyuwsgi`` (a build with the Python plugin
#: inside) installs its ``uwsgi`` command beside this interpreter.
UWSGI = pathlib.Path(sys.executable).with_name("uwsgi")


def uwsgi(
    app: str,
    *options: str,
    processes: int = 1,
    threads: int = 1,
    socket_option: str = "--http",
    env: dict[str, str] | None = None,
) -> contextlib.AbstractContextManager[Spawned]:
    """Run uWSGI speaking HTTP itself (``--http-socket``) with *processes* workers of
    *threads* threads, serving the WSGI application the Python expression *app*
    evaluates to in ``tests/`` (``server_apps.load('falcon')``), with this environment
    plus *env*. ``--die-on-term``: SIGTERM stops it (uWSGI 2.0 would reload);
    ``--need-app``: no start without the application; no request log."""

    def command(port: int) -> list[str]:
        module = app.partition(".")[0]
        return [
            str(UWSGI),
            socket_option,
            f"127.0.0.1:{port}",
            "--master",
            "--processes",
            str(processes),
            "--threads",
            str(threads),
            "--pythonpath",
            str(TESTS),
            "--eval",
            f"import {module}\napplication = {app}",
            "--need-app",
            "--die-on-term",
            "--disable-logging",
            *options,
        ]

    return _spawn("uwsgi", command, env)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server this module started: SIGTERM, then SIGKILL after 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# -- in-process servers -----------------------------------------------------------------


class LogRecords(logging.Handler):
    """Keeps the records of one logger (waitress's) while a server runs."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self._lock2 = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._lock2:
            self.records.append(record)

    def tracebacks(self) -> list[str]:
        """The formatted traceback of every record logged with one."""
        formatter = logging.Formatter()
        with self._lock2:
            return [formatter.formatException(r.exc_info) for r in self.records if r.exc_info]


@dataclass
class InProcess:
    port: int
    log: LogRecords


@contextlib.contextmanager
def waitress(app: Any, threads: int = 4) -> Iterator[InProcess]:
    """Serve *app* with waitress on 127.0.0.1 in a daemon thread; its ``waitress``
    logger's records are kept. On the way out the workers stop first, then the server
    closes in its own loop's thread."""
    from waitress.server import create_server

    log = LogRecords()
    logger = logging.getLogger("waitress")
    logger.addHandler(log)
    server = create_server(app, host="127.0.0.1", port=0, threads=threads)
    thread = threading.Thread(target=server.run, name="waitress-test", daemon=True)
    thread.start()
    try:
        yield InProcess(int(server.effective_port), log)
    finally:
        logger.removeHandler(log)
        server.task_dispatcher.shutdown(cancel_pending=True, timeout=10)
        try:
            server.trigger.pull_trigger(server.close)
        except OSError:
            # Seen twice in about sixty runs of the load tests (waitress 3.0.2): the
            # trigger's pipe was closed already (EBADF), cause not found. Close the
            # server and its channels here, so that its loop ends on an empty map.
            from waitress import wasyncore

            server.close()
            wasyncore.close_all(server._map)
        thread.join(timeout=10)
        assert not thread.is_alive(), "the waitress server did not stop"


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _ThreadingWSGIServer(WSGIServer):
    daemon_threads = True


@contextlib.contextmanager
def wsgiref(app: Any) -> Iterator[InProcess]:
    """Serve *app* with the standard library's ``wsgiref.simple_server`` in a thread."""
    server = make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield InProcess(int(server.server_port), LogRecords())
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# -- tracebacks in a server's log -------------------------------------------------------

_TRACEBACK = re.compile(r"Traceback \(most recent call last\):\n(?:[ \t].*\n|\n)*?(\S.*)")
_FRAME = re.compile(r'^\s*File "([^"]+)", line \d+, in (\S+)', re.MULTILINE)


@dataclass
class Traceback:
    frames: list[tuple[str, str]]  # (file, function), outermost first
    exception: str  # the last line: "RuntimeError: ..."

    @property
    def raised_in(self) -> str:
        return self.frames[-1][0] if self.frames else ""


def tracebacks(text: str) -> list[Traceback]:
    """Every ``Traceback (most recent call last):`` block in *text* (chained ones
    each on their own), with its frames and final exception line."""
    found = []
    for match in _TRACEBACK.finditer(text + "\n"):
        block = match.group(0)
        found.append(Traceback(_FRAME.findall(block), match.group(1)))
    return found


__all__ = [
    "InProcess",
    "RawResponse",
    "Spawned",
    "Traceback",
    "free_port",
    "gunicorn",
    "raw_request",
    "tracebacks",
    "uwsgi",
    "waitress",
    "wsgiref",
]
