"""Every page of the documentation fits a 1280 px and a 390 px wide screen.

The docs are built once per run with Sphinx (``-W``, the furo theme), into a
temporary directory, or taken from ``WSGI_CORS_DOCS_BUILD`` when that names a finished
HTML build. Each page is opened from disk in the session's headless Chromium (see
``conftest.py``) with a viewport 1280 px and then 390 px wide, and measured in the page:

* the page does not scroll sideways (``scrollWidth`` of the document at most the
  viewport's width);
* neither the article nor the column around it scrolls sideways (on a narrow screen
  furo makes the whole content column a scroll box: a wide block would make the
  reader scroll the page's text with it);
* no block of the article (code block, table, image, paragraph, list, definition
  list, inline code, heading) reaches past its container, unless it sits in a table's
  or a code block's own scroll box (furo gives every table and code block one); and no
  element cuts its own content off (``overflow: hidden`` with wider content);
* the theme shows no error in the page (furo flags some directives with CSS, not in
  the build log);
* no table needs its scroll box, at either width: every table fits the column (the
  option tables wrap their cells, the benchmark tables use smaller type on a phone:
  ``docs/_static/custom.css``);
* at 1280 px, no code block needs its scroll box either (a line of code is at most
  90 characters, which ``tests/test_examples.py`` checks in the sources); only shown
  output (``text`` blocks, log lines) may scroll. On a phone code scrolls sideways
  inside its block, as it must.

A screenshot of every page at both widths is saved, full length, under
``WSGI_CORS_SCREENSHOTS`` when it is set, otherwise in a temporary directory named in
the report (``-rA``), so that a person can look at what the numbers say.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

# Both markers: ``-m docs`` (the documentation suite) and ``-m browser`` select it.
pytestmark = [pytest.mark.browser, pytest.mark.docs]

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
WIDTHS = (1280, 390)
HEIGHT = 900

#: The pages: one per .rst file under docs/ (the built HTML has the same path).
PAGES = sorted(
    str(path.relative_to(DOCS).with_suffix(".html"))
    for path in DOCS.rglob("*.rst")
    if "_build" not in path.parts
)

#: Runs in the page; returns a list of problems (strings), empty when the page fits.
MEASURE_JS = """
(wideScreen) => {
  const viewport = document.documentElement.clientWidth;
  const problems = [];
  const name = (el) => {
    const cls = (typeof el.className === "string" && el.className.trim())
      ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 70);
    return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
  };
  const overflowX = (el) => getComputedStyle(el).overflowX;
  const scrolls = (el) => ["auto", "scroll"].includes(overflowX(el));
  const clips = (el) => ["hidden", "clip"].includes(overflowX(el));
  const visible = (el) => el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== "hidden";

  const LOCAL_SCROLL_BOXES = "pre, .highlight, .table-wrapper, .math-wrapper";
  const CODE_BLOCKS = ["python", "ini", "sh", "toml", "json", "javascript"]
    .map((language) => `div.highlight-${language} pre`).join(", ");
  const page = document.documentElement.scrollWidth;
  if (page > viewport + 1) {
    problems.push(`the page scrolls sideways: ${page} px wide in a ${viewport} px viewport`);
  }
  const article = document.querySelector("article[role=main]") || document.body;
  // On a narrow screen furo lets the whole content column scroll sideways: it must not
  // have to.
  for (let a = article; a && a !== document.documentElement; a = a.parentElement) {
    if ((scrolls(a) || clips(a)) && a.scrollWidth > a.clientWidth + 1) {
      const sizes = `${a.scrollWidth} > ${a.clientWidth} px`;
      problems.push(`${name(a).slice(0, 40)}... scrolls sideways: ${sizes}`);
    }
  }
  const blocks = article.querySelectorAll(
    "pre, table, img, .highlight, .table-wrapper, dl, p, li, blockquote, code, h1, h2, h3, h4"
  );
  for (const el of blocks) {
    if (!visible(el)) continue;
    let box = null;
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      if (scrolls(a) || clips(a)) { box = a; break; }
    }
    // Inside a table's or a code block's own scroll box: the box is measured itself.
    if (box && scrolls(box) && box.matches(LOCAL_SCROLL_BOXES)) continue;
    const r = el.getBoundingClientRect();
    const left = box ? box.getBoundingClientRect().left : 0;
    const right = box ? box.getBoundingClientRect().right : viewport;
    if (r.right > right + 1 || r.left < left - 1) {
      problems.push(
        `${name(el)} reaches ${Math.round(r.left)}..${Math.round(r.right)} px,`
        + ` past ${Math.round(left)}..${Math.round(right)} px`
        + (box ? ` (cut off by ${name(box)})` : " (past the viewport)")
      );
    }
    if (clips(el) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${name(el)} cuts off its content (${el.scrollWidth} > ${el.clientWidth})`);
    }
  }
  for (const wrapper of article.querySelectorAll(".table-wrapper")) {
    if (visible(wrapper) && wrapper.scrollWidth > wrapper.clientWidth + 1) {
      problems.push(
        `${name(wrapper)} needs a scroll bar: ${wrapper.scrollWidth} > ${wrapper.clientWidth} px`
      );
    }
  }
  // Code (not shown output) fits too: only text and log samples may scroll.
  for (const pre of wideScreen ? article.querySelectorAll(CODE_BLOCKS) : []) {
    if (visible(pre) && pre.scrollWidth > pre.clientWidth + 1) {
      problems.push(`${name(pre)} needs a scroll bar: ${pre.scrollWidth} > ${pre.clientWidth} px`);
    }
  }
  // furo shows its complaints in the page, through CSS (a table of contents directive
  // gets "ERROR: Adding a table of contents ... is unnecessary"), not in the build log.
  for (const el of article.querySelectorAll("*")) {
    const before = getComputedStyle(el, "::before").content;
    if (before && before.includes("ERROR")) {
      problems.push(`${name(el)} shows the theme's error: ${before.slice(0, 90)}`);
    }
  }
  return problems;
}
"""


@pytest.fixture(scope="module")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    given = os.environ.get("WSGI_CORS_DOCS_BUILD")
    if given:
        out = pathlib.Path(given)
        assert (out / "index.html").exists(), f"WSGI_CORS_DOCS_BUILD={given}: no index.html"
        return out
    pytest.importorskip("sphinx", reason="sphinx is in the 'test' and 'docs' extras")
    pytest.importorskip("furo", reason="furo is in the 'test' and 'docs' extras")
    out = tmp_path_factory.mktemp("docs-html")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", str(DOCS), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    given = os.environ.get("WSGI_CORS_SCREENSHOTS")
    if given:
        path = pathlib.Path(given)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("docs-screenshots")


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def viewport(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[int, Any]]:
    """A browser context with a viewport *width* px wide, for every page at that width."""
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": HEIGHT})
    try:
        yield width, context
    finally:
        context.close()


def test_every_rst_file_is_a_page(built_docs: pathlib.Path) -> None:
    missing = [page for page in PAGES if not (built_docs / page).exists()]
    assert not missing, f"no HTML page for {missing}"


@pytest.mark.parametrize("page", PAGES)
def test_page_fits(
    page: str,
    viewport: tuple[int, Any],
    built_docs: pathlib.Path,
    screenshots: pathlib.Path,
) -> None:
    width, context = viewport
    tab = context.new_page()
    try:
        tab.goto((built_docs / page).as_uri())
        tab.wait_for_load_state("load")
        shot = screenshots / f"{page.replace('/', '__').removesuffix('.html')}-{width}.png"
        tab.screenshot(path=str(shot), full_page=True)
        problems = tab.evaluate(MEASURE_JS, width >= 1280)
    finally:
        tab.close()
    print(f"{page} at {width} px: screenshot {shot}")
    assert not problems, f"{page} at {width} px:\n" + "\n".join(problems)


def test_javascript_examples_compile(browser: Any) -> None:
    """The ``javascript`` blocks of the docs (which ``tests/test_examples.py`` counts but
    cannot run) are valid JavaScript: each compiles in Chromium as the body of an async
    function, the way a page's module script may use ``await`` at its top level."""
    from test_examples import BLOCKS

    blocks = [block for block in BLOCKS if block.language == "javascript"]
    assert blocks, "no javascript block: tests/test_examples.py's HANDLING is out of date"
    context = browser.new_context()
    try:
        tab = context.new_page()
        for block in blocks:
            error = tab.evaluate(
                """(code) => {
                  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
                  try { new AsyncFunction(code); return null; } catch (e) { return String(e); }
                }""",
                block.text,
            )
            assert error is None, f"{block.where}: {error}"
    finally:
        context.close()
