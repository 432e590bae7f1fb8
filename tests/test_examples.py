"""Every code example in README.rst and docs/ runs, or is checked for what it is.

The blocks are read from the ``.rst`` sources: every ``.. code-block:: LANGUAGE``
directive and every ``::`` literal block. Each language has one way of being checked,
and a block of any other language fails :func:`test_every_block_is_accounted_for`,
which also prints how many blocks each way covered:

``python``
    Run. The blocks of one *session* run in order in one fresh Python process, in an
    empty temporary directory that is also on ``sys.path``, sharing one namespace.
``ini``
    A PasteDeploy file: written and loaded with ``paste.deploy.loadapp`` (and its
    ``[server:main]``, if any, with ``loadserver``), in its session.
``toml``, ``json``
    Parsed.
``sh``
    Each command is checked: its program must be one of :data:`PROGRAMS`; the
    arguments of ``wsgi-cors`` and ``python -m wsgi_cors`` are parsed by wsgi-cors's
    own parser, those of ``gunicorn`` and ``waitress-serve`` by theirs (when
    installed), ``python -c`` code is compiled, ``bash`` scripts must exist.
``javascript``
    Compiled in Chromium by ``tests/browser/test_docs_pages.py`` (it needs a browser).
``text``
    Shown output. A text block marked ``output`` (below) must equal what the block
    before it printed, white space aside.
``::`` literal blocks
    Shown output too (log lines, error messages); one that compiles as Python fails,
    since it would be Python nobody runs.

An rst comment on the line just before a ``code-block`` says what the block needs,
as comma-separated clauses, ``.. example: CLAUSE, CLAUSE``:

``continue``
    Join the previous block's session (same directory, same namespace); without it a
    block starts a new session.
``file PATH``
    Write the block to PATH in the session's directory instead of running it. A Python
    file that no later block imported is imported when the session ends; in a file
    named ``test_*.py`` every function ``test_*`` is then called, as pytest would.
``setup NAME``
    Run the stub :data:`STUBS` names first: it stands for the part of a project the
    example leaves out (your WSGI application, a Django project, an installed
    package).
``output``
    (on a ``text`` block) The expected output of the block before it.

Lines of code (not of output) are at most :data:`MAX_LINE` characters, what a code
block shows without a scroll bar in a 1280 px window; and every ``test_*`` name and
``tests/...`` file the documentation cites must exist.

Marked ``docs``: ``python -m pytest -m docs`` runs it.
"""

from __future__ import annotations

import ast
import collections
import itertools
import json
import os
import pathlib
import re
import shlex
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field

import pytest

pytestmark = pytest.mark.docs

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "README.rst", *sorted((ROOT / "docs").rglob("*.rst"))]
SOURCES = [path for path in SOURCES if "_build" not in path.parts]

#: Characters in a line of code: what a code block shows at 1280 px without scrolling.
MAX_LINE = 90
#: Seconds a session may take.
TIMEOUT = 120

#: How each language is checked (the module docstring says more).
HANDLING = {
    "python": "run",
    "ini": "loaded with paste.deploy",
    "toml": "parsed",
    "json": "parsed",
    "sh": "commands checked",
    "javascript": "compiled in Chromium (tests/browser/test_docs_pages.py)",
    "text": "shown output",
    "literal": "shown output (:: block)",
}
CODE_LANGUAGES = {"python", "ini", "toml", "json", "sh", "javascript"}

#: The stubs a block can ask for with ``.. example: setup NAME``: Python run in the
#: session's namespace and directory before the block.
STUBS = {
    "wsgi_app": '''
"""``wsgi_app``: your WSGI application, which the example wraps."""
def wsgi_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/json")])
    return [b'{"items": []}']
''',
    "django-project": '''
"""A Django project ``mysite`` (settings and an empty URLconf), as ``startproject``
makes one, for examples that show only ``wsgi.py``."""
import pathlib
pathlib.Path("mysite").mkdir(exist_ok=True)
pathlib.Path("mysite/settings.py").write_text(
    'SECRET_KEY = "example"\\nALLOWED_HOSTS = ["*"]\\nROOT_URLCONF = "mysite.urls"\\n'
    "INSTALLED_APPS = []\\nMIDDLEWARE = []\\n"
)
pathlib.Path("mysite/urls.py").write_text("urlpatterns = []\\n")
''',
    "egg-myproject": '''
"""An installed project ``myproject`` whose ``paste.app_factory`` entry point ``main``
is ``myproject:main`` (what ``pip install -e .`` of a Pyramid project gives), so that
``use = egg:myproject`` resolves. A block may write its own ``myproject``."""
import pathlib
info = pathlib.Path("myproject-1.0.dist-info")
info.mkdir(exist_ok=True)
(info / "METADATA").write_text("Metadata-Version: 2.1\\nName: myproject\\nVersion: 1.0\\n")
(info / "entry_points.txt").write_text("[paste.app_factory]\\nmain = myproject:main\\n")
pathlib.Path("myproject").mkdir(exist_ok=True)
pathlib.Path("myproject/__init__.py").write_text(
    "def main(global_config, **settings):\\n"
    "    def app(environ, start_response):\\n"
    "        start_response('200 OK', [('Content-Type', 'text/plain')])\\n"
    "        return [b'myproject']\\n"
    "    return app\\n"
)
''',
}

#: The programs a shell block may run.
PROGRAMS = {
    "python",
    "pip",
    "wsgi-cors",
    "gunicorn",
    "waitress-serve",
    "uwsgi",
    "bash",
    "pserve",
    "valgrind",
}
#: ``python -m MODULE``: the modules a shell block may run.
PYTHON_MODULES = {"pip", "wsgi_cors", "sphinx", "pytest", "build", "venv"}


# -- reading the blocks ------------------------------------------------------------------


@dataclass
class Block:
    source: pathlib.Path
    line: int  # 1-based line of the directive (or of the paragraph ending in ::)
    language: str
    text: str
    clauses: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.source.relative_to(ROOT)}:{self.line}"

    def clause(self, name: str) -> str | None:
        """The argument of clause *name* ("" when it has none), or None."""
        for clause in self.clauses:
            word, _, rest = clause.partition(" ")
            if word == name:
                return rest.strip()
        return None


DIRECTIVE = re.compile(r"^(\s*)\.\. code-block::\s*(\S*)\s*$")
MARKER = re.compile(r"^(\s*)\.\. example:\s*(.*?)\s*$")
KNOWN_CLAUSES = {"continue", "file", "setup", "output"}


def _indented_block(lines: list[str], start: int, indent: int) -> tuple[str, int]:
    """The block of lines after *start* indented more than *indent* (options of a
    directive skipped), dedented; and the index of the first line after it."""
    i = start
    while i < len(lines) and lines[i].strip().startswith(":") and lines[i].strip():
        i += 1  # directive options (:caption: ...)
    body: list[str] = []
    while i < len(lines):
        line = lines[i]
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        body.append(line)
        i += 1
    return textwrap.dedent("\n".join(body)).strip("\n") + "\n", i


def read_blocks(path: pathlib.Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        directive = DIRECTIVE.match(line)
        if directive:
            indent = len(directive.group(1))
            text, after = _indented_block(lines, i + 1, indent)
            clauses: list[str] = []
            marker = MARKER.match(lines[i - 1]) if i else None
            if marker:
                clauses = [c.strip() for c in marker.group(2).split(",") if c.strip()]
            blocks.append(Block(path, i + 1, directive.group(2) or "default", text, clauses))
            i = after
            continue
        stripped = line.rstrip()
        if stripped.endswith("::") and not stripped.lstrip().startswith(".. "):
            indent = len(line) - len(line.lstrip())
            text, after = _indented_block(lines, i + 1, indent)
            blocks.append(Block(path, i + 1, "literal", text))
            i = after
            continue
        i += 1
    return blocks


def stray_markers(path: pathlib.Path) -> list[str]:
    """Markers not on the line just before a code-block."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        f"{path.relative_to(ROOT)}:{n + 1}"
        for n, line in enumerate(lines)
        if MARKER.match(line) and not (n + 1 < len(lines) and DIRECTIVE.match(lines[n + 1]))
    ]


BLOCKS = [block for path in SOURCES for block in read_blocks(path)]


# -- sessions ------------------------------------------------------------------------------


@dataclass
class Session:
    blocks: list[Block]
    expected: dict[int, Block] = field(default_factory=dict)  # step -> its output block

    @property
    def id(self) -> str:
        return self.blocks[0].where


SESSION_LANGUAGES = {"python", "ini"}


def sessions() -> list[Session]:
    out: list[Session] = []
    previous: Block | None = None  # the last block of a session
    for i, block in enumerate(BLOCKS):
        if block.language == "text" and block.clause("output") is not None:
            before = BLOCKS[i - 1] if i else None
            assert before is not None and before is previous and before.language == "python", (
                f"{block.where}: an output block must follow the Python block that prints it"
            )
            session = out[-1]
            session.expected[session.blocks.index(before)] = block
            continue
        if block.language not in SESSION_LANGUAGES:
            continue
        joins = block.clause("continue") is not None
        if joins:
            assert previous is not None and previous.source == block.source, (
                f"{block.where}: 'continue' with no earlier block in the same file"
            )
            out[-1].blocks.append(block)
        else:
            out.append(Session([block]))
        previous = block
    return out


SESSIONS = sessions()

#: Runs in the session's process: argv[1] is the JSON list of steps, argv[2] the file
#: for the results (each step's standard output).
RUNNER = r"""
import contextlib, importlib, io, json, os, pathlib, sys, types

steps = json.loads(pathlib.Path(sys.argv[1]).read_text())
# The blocks run as the body of a module named "example" (not "__main__": a block's
# `if __name__ == "__main__":` server stays off).
module = types.ModuleType("example")
module.__file__ = os.path.abspath("example.py")
sys.modules["example"] = module
namespace = module.__dict__
outputs = []
written = []
for step in steps:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        if step["kind"] in ("python", "setup"):
            exec(compile(step["text"], step["where"], "exec"), namespace)
        elif step["kind"] == "file":
            path = pathlib.Path(step["path"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(step["text"])
            written.append(path)
        elif step["kind"] == "ini":
            from paste.deploy import loadapp, loadserver
            path = pathlib.Path(step["path"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(step["text"])
            written.append(path)
            uri = "config:" + str(path.resolve())
            text = step["text"]
            if "[app:main]" in text or "[pipeline:main]" in text or "[composite:main]" in text:
                app = loadapp(uri)
                assert callable(app), app
            if "[server:main]" in text:
                server = loadserver(uri)
                assert callable(server), server
    outputs.append(buffer.getvalue())

# Python files that nothing imported are imported now; in test_*.py files, the tests run.
for path in written:
    if path.suffix != ".py":
        continue
    module = ".".join(path.with_suffix("").parts)
    if module.endswith(".__init__"):
        module = module[: -len(".__init__")]
    imported = importlib.import_module(module)
    if path.name.startswith("test_"):
        for name in sorted(vars(imported)):
            if name.startswith("test_") and callable(getattr(imported, name)):
                getattr(imported, name)()

pathlib.Path(sys.argv[2]).write_text(json.dumps(outputs))
"""


def steps_of(session: Session) -> list[dict[str, str]]:
    steps: list[dict[str, str]] = []
    for block in session.blocks:
        for clause in block.clauses:
            word = clause.partition(" ")[0]
            assert word in KNOWN_CLAUSES, f"{block.where}: unknown clause {clause!r}"
        setup = block.clause("setup")
        if setup is not None:
            assert setup in STUBS, f"{block.where}: no stub {setup!r}; the stubs: {list(STUBS)}"
            steps.append({"kind": "setup", "text": STUBS[setup], "where": f"stub {setup}"})
        path = block.clause("file")
        if block.language == "ini":
            steps.append(
                {"kind": "ini", "path": path or "example.ini", "text": block.text, "where": ""}
            )
        elif path:
            steps.append({"kind": "file", "path": path, "text": block.text, "where": block.where})
        else:
            steps.append({"kind": "python", "text": block.text, "where": block.where})
    return steps


def normalized(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("session", SESSIONS, ids=[s.id for s in SESSIONS])
def test_session_runs(session: Session, tmp_path: pathlib.Path) -> None:
    steps = steps_of(session)
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "steps.json").write_text(json.dumps(steps))
    (tmp_path / "runner.py").write_text(RUNNER)
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONPATH"] = os.pathsep.join([str(work), *filter(None, [os.environ.get("PYTHONPATH")])])
    result = subprocess.run(
        [
            sys.executable,
            str(tmp_path / "runner.py"),
            str(tmp_path / "steps.json"),
            str(tmp_path / "outputs.json"),
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    where = ", ".join(block.where for block in session.blocks)
    assert result.returncode == 0, f"{where}:\n{result.stderr}"
    outputs = json.loads((tmp_path / "outputs.json").read_text())
    # A step list may start with stubs: map each block to its own step's output.
    block_steps = [i for i, step in enumerate(steps) if step["kind"] != "setup"]
    for index, output_block in session.expected.items():
        printed = outputs[block_steps[index]]
        assert normalized(printed) == normalized(output_block.text), (
            f"{output_block.where}: the block before it printed\n{printed}"
        )


# -- the other languages -------------------------------------------------------------------


def commands(text: str) -> list[list[str]]:
    """The commands of a shell block: continuation lines joined, comments and
    ``VAR=value`` prefixes dropped, ``&&`` chains split."""
    joined = re.sub(r"\\\n\s*", " ", text)
    out: list[list[str]] = []
    for line in joined.splitlines():
        words = shlex.split(line, comments=True)
        while words:
            if "&&" in words:
                cut = words.index("&&")
                command, words = words[:cut], words[cut + 1 :]
            else:
                command, words = words, []
            while command and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", command[0]):
                command = command[1:]
            if command:
                out.append(command)
    return out


def check_command(command: list[str]) -> str:
    """Check one command; return how: "parsed" (by the program's own argument parser),
    "compiled" (``python -c``), "script exists", or "known" (a program of
    :data:`PROGRAMS` whose arguments nothing here parses: pip, uwsgi, pserve)."""
    program, args = command[0], command[1:]
    # The README's set-up runs python3 and then the programs of the .venv it makes.
    program = program.removeprefix(".venv/bin/")
    program = "python" if program == "python3" else program
    assert program in PROGRAMS, f"unknown program {program!r} in {shlex.join(command)}"
    if program == "valgrind":  # its options, then the command it runs: checked as such
        wrapped = list(itertools.dropwhile(lambda arg: arg.startswith("-"), args))
        return check_command(wrapped)
    if program == "python" and args[:1] == ["-c"]:
        compile(args[1], "<python -c>", "exec")
        return "compiled"
    if program == "python" and args and args[0].endswith(".py"):
        assert (ROOT / args[0]).exists(), f"no script {args[0]}"
        return "script exists"
    if program == "python":
        assert args[:1] == ["-m"] and args[1] in PYTHON_MODULES, shlex.join(command)
        if args[1] != "wsgi_cors":
            return "known"
        program, args = "wsgi-cors", args[2:]
    if program == "wsgi-cors":
        from wsgi_cors.__main__ import make_parser

        try:
            make_parser().parse_args(args)
        except SystemExit as exit:  # --help exits 0
            assert exit.code == 0, f"wsgi-cors refuses {shlex.join(args)}"
        return "parsed"
    if program == "gunicorn":
        config = pytest.importorskip("gunicorn.config")
        parsed = config.Config().parser().parse_args(args)
        assert len(parsed.args) == 1, parsed.args
        return "parsed"
    if program == "waitress-serve":
        adjustments = pytest.importorskip("waitress.adjustments")
        options, rest = adjustments.Adjustments.parse_args(args)
        assert len(rest) == 1 and ":" in rest[0], rest
        return "parsed"
    if program == "bash":
        assert (ROOT / args[0]).exists(), f"no script {args[0]}"
        return "script exists"
    return "known"


SHELL_BLOCKS = [block for block in BLOCKS if block.language == "sh"]


@pytest.mark.parametrize("block", SHELL_BLOCKS, ids=[b.where for b in SHELL_BLOCKS])
def test_shell_commands(block: Block) -> None:
    found = commands(block.text)
    assert found, f"{block.where}: no command"
    for command in found:
        check_command(command)


DATA_BLOCKS = [block for block in BLOCKS if block.language in ("toml", "json")]


@pytest.mark.parametrize("block", DATA_BLOCKS, ids=[b.where for b in DATA_BLOCKS])
def test_data_parses(block: Block) -> None:
    if block.language == "toml":
        tomllib = pytest.importorskip("tomllib", reason="tomllib is in Python 3.11 and later")
        tomllib.loads(block.text)
    else:
        json.loads(block.text)


def test_literal_blocks_are_not_python() -> None:
    python = []
    for block in BLOCKS:
        if block.language != "literal":
            continue
        try:
            ast.parse(block.text)
        except SyntaxError:
            continue
        python.append(block.where)
    assert not python, f"Python in :: blocks, which nothing runs (use code-block): {python}"


def test_lines_of_code_fit() -> None:
    long = [
        f"{block.where}, line {n} of the block: {len(line)} characters: {line.strip()[:60]}"
        for block in BLOCKS
        if block.language in CODE_LANGUAGES
        for n, line in enumerate(block.text.splitlines(), 1)
        if len(line) > MAX_LINE
    ]
    assert not long, "\n".join(long)


def test_every_block_is_accounted_for(capsys: pytest.CaptureFixture[str]) -> None:
    unknown = [f"{b.where}: {b.language!r}" for b in BLOCKS if b.language not in HANDLING]
    assert not unknown, f"blocks of a language nothing checks: {unknown}"
    markers = [where for path in SOURCES for where in stray_markers(path)]
    assert not markers, f".. example: comments not just before a code-block: {markers}"
    misplaced = [
        b.where
        for b in BLOCKS
        if b.clauses and b.language not in SESSION_LANGUAGES and b.clauses != ["output"]
    ]
    assert not misplaced, f"clauses on blocks that are not run: {misplaced}"

    counts = collections.Counter(block.language for block in BLOCKS)
    files = collections.Counter(block.source for block in BLOCKS)
    lines = [
        f"{counts[language]:4d} {language:<10} {HANDLING[language]}"
        for language in HANDLING
        if counts[language]
    ]
    how = collections.Counter()
    for block in SHELL_BLOCKS:
        for command in commands(block.text):
            try:
                how[check_command(command)] += 1
            except pytest.skip.Exception:
                how["not parsed (its package is not installed)"] += 1
            except AssertionError:
                how["failing (see test_shell_commands)"] += 1
    lines.append(
        f"{sum(how.values()):4d} shell commands: "
        + ", ".join(f"{n} {what}" for what, n in sorted(how.items()))
    )
    python_in_sessions = sum(len(s.blocks) for s in SESSIONS)
    lines.append(
        f"{len(BLOCKS):4d} blocks in {len(files)} files; {len(SESSIONS)} sessions run "
        f"{python_in_sessions} python and ini blocks; "
        f"{sum(len(s.expected) for s in SESSIONS)} outputs compared"
    )
    with capsys.disabled():  # the counts show in every run, -q or not
        print("\n".join(["", "code examples in README.rst and docs/:", *lines]))
    assert counts["python"] and counts["ini"] and counts["sh"]


# -- what the documentation cites -------------------------------------------------------------


def test_cited_tests_exist() -> None:
    defined = set()
    for path in (ROOT / "tests").rglob("*.py"):
        defined |= set(re.findall(r"^\s*def (test_\w+)", path.read_text(), re.M))
    text = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    cited_names = set(re.findall(r"``(test_\w+)``", text))
    missing_names = sorted(cited_names - defined)
    cited_files = set(re.findall(r"``(tests/[\w/]+\.py)``", text))
    missing_files = sorted(f for f in cited_files if not (ROOT / f).exists())
    assert not missing_names and not missing_files, (missing_names, missing_files)
    assert cited_names, "the security guide names no test"


def test_readme_links_to_pages_that_exist() -> None:
    """The README links to the docs by their source files (it is read on PyPI and in
    the repository, where no built site is at hand)."""
    readme = (ROOT / "README.rst").read_text(encoding="utf-8")
    targets = re.findall(r"<(docs/[^>]+)>`_", readme)
    assert targets, "the README links to no page of the docs"
    missing = sorted({target for target in targets if not (ROOT / target).exists()})
    assert not missing, missing
