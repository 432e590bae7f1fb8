"use strict";
// The page server writes CONFIG (the API's URL, the active policy as CORSMiddleware
// keywords, the origins this page is served on, the API's demo endpoints) and the cases
// (static/cases.json, which the Python tests read too) into the page.
const CONFIG = JSON.parse(document.getElementById("demo-config").textContent);
const CASES = JSON.parse(document.getElementById("demo-cases").textContent);
const POLICY = CONFIG.policy;
const ORIGIN = location.origin;
const HERE = CONFIG.origins.find((o) => o.origin === ORIGIN);

// Each fetch() carries an id (this page load's token and the case) by which the API
// records what the middleware decided; the page asks for it afterwards. "Run again"
// keeps the ids, so the browser may answer a preflight from its cache
// (Access-Control-Max-Age): each decision the API keeps is numbered (seq), and the page
// asks for the last number before each run, to tell this run's decisions from earlier ones.
const RUN = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
const requestId = (c) => RUN + "." + c.id;
const caseUrl = (c) =>
  CONFIG.api + c.path + "?" + CONFIG.idParameter + "=" + encodeURIComponent(requestId(c));
const decisionUrl = (c) =>
  CONFIG.api + CONFIG.decisionPath + "?id=" + encodeURIComponent(requestId(c));
const statusUrl = () => CONFIG.api + CONFIG.statusPath;
const commandUrl = (changes) =>
  CONFIG.api + CONFIG.commandPath + "?" + CONFIG.changesParameter + "="
  + encodeURIComponent(JSON.stringify(changes));

// -- small helpers -------------------------------------------------------------------

/** A policy value as Python source, as the policy box shows it. */
const py = (v) =>
  v === null || v === undefined ? "None"
    : v === true ? "True"
    : v === false ? "False"
    : Array.isArray(v) ? "[" + v.map(py).join(", ") + "]"
    : typeof v === "string" ? JSON.stringify(v)
    : String(v);
const option = (name) => name + "=" + py(POLICY[name]);
const list = (name) => (Array.isArray(POLICY[name]) ? POLICY[name] : []);
const withValue = (name, value) => (list(name).includes(value) ? list(name) : [...list(name), value]);

/** The `wsgi-cors demo` command line for the active policy with *changes* (CORSMiddleware
 * keywords) made: the API writes it (demo/options.py, the one home of the flags). */
async function command(changes) {
  const response = await fetch(commandUrl(changes), { cache: "no-store" });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || "HTTP " + response.status);
  return data.command;
}
async function restart(changes, goal = "To allow it") {
  try {
    return " " + goal + ", restart the demo as `" + (await command(changes)) + "`.";
  } catch (error) {
    return " (The API could not say how to restart the demo: " + error.message + ".)";
  }
}

/** The value of the response header *name* the middleware sent, or null. */
function sent(record, name) {
  const hit = record && record.cors_headers.find(([n]) => n.toLowerCase() === name.toLowerCase());
  return hit ? hit[1] : null;
}
const withCredentials = (c) => Boolean(c.init && c.init.credentials === "include");
const originAllowed = () => (HERE ? HERE.allowed : null);

/** Text with `code` spans, as DOM nodes appended to *parent*. */
function render(parent, text) {
  parent.replaceChildren();
  text.split("`").forEach((part, i) => {
    if (i % 2) parent.appendChild(document.createElement("code")).textContent = part;
    else if (part) parent.appendChild(document.createTextNode(part));
  });
}

// -- what the middleware said, and why the browser did what it did --------------------

/** One recorded request, as the "Server said" column shows it. */
function describe(record) {
  const what = record.preflight ? "preflight for " + record.request_method : record.method;
  const start = what + " \u2192 " + record.status + ", ";
  if (record.denied) return start + "denied: " + record.denied;
  const headers = record.cors_headers.map(([n, v]) => "`" + n + ": " + v + "`");
  return start + "allowed" + (headers.length ? ": " + headers.join(", ") : ", no CORS header");
}

/** A decision's time (`at`, seconds since the epoch), as the clock shows it. */
const when = (record) => new Date(record.at * 1000).toLocaleTimeString();

/** A preflight the browser did not send this run: it used the answer it had cached. */
function cachedNote(cached) {
  return cached
    ? "no preflight: the browser used its cached answer to the preflight at " + when(cached)
      + " (" + describe(cached) + ")"
    : "no preflight: the browser used a cached answer the demo has no record of";
}

function said(server) {
  if (server.error) return "(could not ask the API: " + server.error + ")";
  const first = server.preflight ? describe(server.preflight)
    : server.cachedPreflight ? cachedNote(server.cachedPreflight) : null;
  const lines = [first, server.actual && describe(server.actual)].filter(Boolean);
  return lines.length ? lines.join("; then ") : "nothing: no request reached the API";
}

const preflightIntro = (c) =>
  c.preflight ? c.preflight + ", so the browser first sends a preflight (OPTIONS). " : "";

/** *pre*: the denied preflight's record (its status as the API saw it), or null. */
async function whyOriginDenied(c, pre) {
  const what = pre
    ? "answered the preflight " + pre.status + ", without `Access-Control-Allow-Origin`, and the browser never sent the request"
    : "sent no `Access-Control-Allow-Origin`, and the browser kept the response from the page";
  const asItShould = HERE && HERE.role === "other" ? ", as it should for an origin the policy does not name" : "";
  return preflightIntro(c) + "`" + ORIGIN + "` is not allowed by `" + option("allow_origins")
    + "`, so the middleware " + what + asItShould + "."
    + (await restart({ allow_origins: withValue("allow_origins", ORIGIN) }));
}

/** A denied preflight, by what the policy's lists deny (the API asked the policy:
 * `unlisted`, see demo/decisions.py). */
async function whyPreflightDenied(c, pre) {
  if (originAllowed() === false) return await whyOriginDenied(c, pre);
  const method = pre.request_method;
  const unlisted = pre.unlisted || { method: false, headers: [] };
  if (unlisted.method) {
    return preflightIntro(c) + "`" + method + "` is not in `" + option("allow_methods")
      + "`, so the middleware answered it " + pre.status + " and the browser never sent the request."
      + (await restart({ allow_methods: withValue("allow_methods", method) }));
  }
  if (unlisted.headers.length) {
    return preflightIntro(c) + "It asks for `" + unlisted.headers.join(", ") + "`, which `"
      + option("allow_headers") + "` does not list, so the middleware answered it "
      + pre.status + " and the browser never sent the request."
      + (await restart({ allow_headers: [...POLICY.allow_headers, ...unlisted.headers] }));
  }
  return preflightIntro(c) + "The middleware denied it: " + pre.denied + ".";
}

/** A response the browser keeps from a request with credentials: why (the API's reading
 * by the CORS check, `view.why`), and the option to change and the changes, which the
 * page server decided for this origin (`HERE.credentials`, see demo/options.py). */
async function whyNoCredentials(view) {
  const why = "With credentials, the browser kept the response from the page: " + view.why + ".";
  const fix = HERE && HERE.credentials;
  if (!fix) return why;
  return why + " The option to change: `" + option(fix.option) + "`." + (await restart(fix.changes));
}

async function whyHidden(c) {
  const ending = c.secret
    ? " That is what a secret header should get."
    : await restart({ expose_headers: withValue("expose_headers", c.readHeader) }, "To expose it");
  return "`" + c.readHeader + "` is not in `" + option("expose_headers") + "`, so the browser"
    + " hides it: a script reads only the CORS-safelisted response headers and the exposed"
    + " ones, and `response.headers.get()` returns null." + ending;
}

/** What each option the request needed allowed, for an allowed case. *cached*: the
 * preflight of an earlier run, whose answer the browser cached, when it sent none now. */
function whyAllowed(c, pre, cached) {
  const parts = [];
  const lists = (record) => {
    let text = "`" + option("allow_methods") + "` allows `" + record.request_method + "`";
    if (record.request_headers) {
      text += " and `" + option("allow_headers") + "` allows `" + record.request_headers + "`";
    }
    return text;
  };
  if (pre) {
    parts.push(preflightIntro(c) + lists(pre) + ", so the middleware answered it " + pre.status + ".");
  } else if (c.preflight && cached) {
    const maxAge = sent(cached, "Access-Control-Max-Age");
    parts.push(c.preflight + ", so fetch() needs a preflight, but the browser sent none this time:"
      + " it used the answer it cached from the preflight at " + when(cached)
      + (maxAge ? " (`Access-Control-Max-Age: " + maxAge + "`)" : "") + ", when " + lists(cached)
      + " and the middleware answered it " + cached.status + ".");
  } else if (c.preflight) {
    parts.push(c.preflight + ", so fetch() needs a preflight, but the browser sent none: it used"
      + " an answer it cached (`Access-Control-Max-Age`) from a preflight the demo has no record of.");
  } else {
    parts.push("A simple request: no preflight.");
  }
  parts.push("`" + option("allow_origins") + "` allows this origin.");
  if (withCredentials(c)) parts.push("`" + option("allow_credentials") + "` lets it send credentials.");
  if (c.readHeader) parts.push("`" + option("expose_headers") + "` exposes `" + c.readHeader + "`.");
  return parts.join(" ");
}

/** The row's tone ("allowed", "expected" or "surprise") and its explanation, from the
 * browser's verdict, what the middleware recorded and the active policy. */
async function explain(c, result, server) {
  const kind = result.kind; // "allowed", "hidden" (a header read as null) or "blocked"
  const allowed = (why) => ({ tone: "allowed", why });
  const expected = (why) => ({ tone: "expected", why });
  const surprise = (why) => ({ tone: "surprise", why });
  const seeConsole = " The browser's developer console says why.";
  if (server.error) {
    return kind === "allowed"
      ? allowed("The browser allowed it; the API could not say what it decided.")
      : surprise("The API could not say what it decided." + seeConsole);
  }
  const pre = server.preflight, act = server.actual, cached = server.cachedPreflight;
  if (pre && pre.denied) {
    return kind === "blocked" ? expected(await whyPreflightDenied(c, pre))
      : surprise("The middleware denied the preflight (" + pre.denied + "), yet the browser sent the request.");
  }
  if (act && act.denied) {
    const why = originAllowed() === false ? await whyOriginDenied(c, null)
      : "The middleware denied the request: " + act.denied + ".";
    return kind === "blocked" ? expected(why)
      : surprise("The middleware denied the request (" + act.denied + "), yet the page read it.");
  }
  if (!act) {
    return surprise(pre
      ? "The middleware allowed the preflight, but the browser never sent the request." + seeConsole
      : "No request reached the API: is the demo still running?" + seeConsole);
  }
  // The middleware allowed the origin: what does a browser make of the response, in
  // this case's credentials mode? (The API worked it out by wsgi-cors check's rules:
  // `browser`, see demo/decisions.py.)
  const view = act.browser ? act.browser[withCredentials(c) ? "include" : "omit"] : null;
  if (view && !view.readable) {
    const allowOrigin = sent(act, "Access-Control-Allow-Origin");
    return kind === "blocked"
      ? expected(withCredentials(c) ? await whyNoCredentials(view)
        : "`Access-Control-Allow-Origin: " + allowOrigin + "` does not let this origin in.")
      : surprise("The page read a response whose CORS headers do not let it in.");
  }
  if (c.readHeader && view && !view.headers.includes(c.readHeader.toLowerCase())) {
    return kind === "hidden" ? expected(await whyHidden(c))
      : surprise("The page read `" + c.readHeader + "`, which the middleware did not expose.");
  }
  if (kind === "allowed") return allowed(whyAllowed(c, pre, cached));
  return surprise("The middleware allowed this request, yet the browser "
    + (kind === "hidden" ? "hid `" + c.readHeader + "`." : "blocked it.") + seeConsole);
}

// -- running the cases ----------------------------------------------------------------

async function browserVerdict(c) {
  let response;
  try {
    response = await fetch(caseUrl(c), { ...c.init });
  } catch (error) {
    return { kind: "blocked", detail: error.name + ": " + error.message };
  }
  if (c.readHeader) {
    const value = response.headers.get(c.readHeader);
    return { kind: value === null ? "hidden" : "allowed", detail: c.readHeader + " = " + JSON.stringify(value) };
  }
  let detail = "HTTP " + response.status;
  if (response.headers.get("Content-Type") === "application/json") {
    const data = await response.json().catch(() => ({}));
    if ("cookie_received" in data) detail += data.cookie_received ? ", cookie sent" : ", no cookie sent";
  }
  return { kind: "allowed", detail };
}

/** What the API says of the demo: `start` (its start id) and `seq` (the number of the
 * last decision it kept), or null if it cannot be asked. */
async function demoStatus() {
  try {
    const response = await fetch(statusUrl(), { cache: "no-store" });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** Whether the API answered for another start of the demo than the one that served
 * this page: restarted, maybe with another policy, which this page does not show. */
const restarted = (data) => Boolean(data && CONFIG.start && data.start && data.start !== CONFIG.start);

/** The demo was restarted: reload the page, for the new policy, once; if that page was
 * served by another start than the API's all the same, say so and stop. */
function reloadForRestart() {
  const status = document.getElementById("status");
  let reloaded = null;
  try {
    reloaded = sessionStorage.getItem("wsgi-cors-demo-reloaded-from");
    sessionStorage.setItem("wsgi-cors-demo-reloaded-from", CONFIG.start);
  } catch {
    // no storage: reload once all the same (the next start differs from this one)
  }
  if (reloaded !== CONFIG.start) {
    status.textContent = "The demo was restarted since this page was loaded: reloading the page for its policy\u2026";
    location.reload();
  } else {
    status.textContent = "The demo was restarted since this page was loaded, with a policy this page may not show: reload the page.";
  }
  document.body.dataset.restarted = "1";
}

/** What the API decided for the case: the preflight and the actual request of this
 * run (kept after *since*, the last number before it), and the preflight of an earlier
 * run (`cachedPreflight`), whose answer the browser may have used from its cache. */
async function serverDecision(c, since) {
  try {
    const response = await fetch(decisionUrl(c), { cache: "no-store" });
    if (!response.ok) return { error: "HTTP " + response.status };
    const data = await response.json();
    if (restarted(data)) return { restarted: true };
    const now = (record) => Boolean(record && record.seq > since);
    return {
      preflight: now(data.preflight) ? data.preflight : null,
      cachedPreflight: data.preflight && !now(data.preflight) ? data.preflight : null,
      actual: now(data.actual) ? data.actual : null,
    };
  } catch (error) {
    return { error: error.name + ": " + error.message };
  }
}

const tbody = document.getElementById("results");
const rows = new Map();
for (const c of CASES) {
  const tr = tbody.appendChild(document.createElement("tr"));
  tr.dataset.case = c.id;
  tr.dataset.outcome = "pending";
  tr.dataset.tone = "pending";
  const cell = (label, className) => {
    const td = tr.appendChild(document.createElement("td"));
    td.dataset.label = label;
    td.className = className;
    return td;
  };
  const name = cell("Case", "case");
  name.appendChild(document.createElement("strong")).textContent = c.name;
  name.appendChild(document.createElement("code")).textContent = c.request;
  const browser = cell("Browser", "browser");
  browser.appendChild(document.createElement("span")).className = "badge";
  browser.appendChild(document.createElement("span")).className = "detail";
  cell("Server said", "server");
  cell("Why", "why");
  rows.set(c.id, tr);
}

function show(c, result, server, explanation) {
  const tr = rows.get(c.id);
  const [, browser, serverCell, why] = tr.cells;
  const kind = result ? result.kind : "pending";
  tr.dataset.outcome = kind === "pending" ? "pending" : kind === "allowed" ? "allowed" : "blocked";
  tr.dataset.tone = explanation ? explanation.tone : "pending";
  const badge = browser.querySelector(".badge");
  badge.dataset.tone = tr.dataset.tone;
  badge.textContent = !explanation ? "pending"
    : explanation.tone === "allowed" ? kind
    : kind + " \u00b7 " + (explanation.tone === "expected" ? "expected" : "unexpected");
  browser.querySelector(".detail").textContent = result ? result.detail : "";
  render(serverCell, server ? said(server) : "");
  render(why, explanation ? explanation.why : "");
}

async function runAll() {
  delete document.body.dataset.done;
  const status = document.getElementById("status");
  status.textContent = "running\u2026";
  const demo = await demoStatus();
  if (restarted(demo)) return reloadForRestart();
  const since = demo ? demo.seq : 0;
  for (const c of CASES) show(c, null, null, null);
  const tally = { allowed: 0, expected: 0, surprise: 0 };
  for (const c of CASES) {
    const result = await browserVerdict(c);
    const server = await serverDecision(c, since);
    if (server.restarted) return reloadForRestart();
    const explanation = await explain(c, result, server);
    tally[explanation.tone] += 1;
    show(c, result, server, explanation);
  }
  status.textContent = "done: " + tally.allowed + " allowed, " + tally.expected
    + " blocked or hidden as the policy says, " + tally.surprise
    + (tally.surprise === 1 ? " surprise" : " surprises");
  document.body.dataset.done = "1";
}

// -- the origins, the policy box ------------------------------------------------------

document.getElementById("page-origin").textContent = ORIGIN;
const nav = document.getElementById("origins");
for (const o of CONFIG.origins) {
  const link = nav.appendChild(document.createElement("a"));
  link.href = o.origin + "/";
  link.dataset.role = o.role;
  if (o.origin === ORIGIN) link.setAttribute("aria-current", "page");
  link.appendChild(document.createElement("code")).textContent = o.origin;
  link.appendChild(document.createElement("span")).textContent =
    (o.role === "page" ? "the page's origin" : "another origin") + ", "
    + (o.allowed ? "allowed" : "denied") + " by the policy";
}
const other = CONFIG.origins.find((o) => o.origin !== ORIGIN);
render(document.getElementById("origin-note"), !HERE
  ? "This page was opened as `" + ORIGIN + "`, which the demo does not serve the page as: open one of the addresses above."
  : other
    ? "The same page is served on both: switch to `" + other.origin + "` to run the same cases"
      + " from an origin the policy " + (other.allowed ? "allows" : "denies") + ", without restarting the demo."
    : "");

document.getElementById("copy-policy").addEventListener("click", async (event) => {
  const button = event.currentTarget;
  const code = document.getElementById("policy");
  try {
    await navigator.clipboard.writeText(code.textContent);
    button.textContent = "Copied";
  } catch {
    getSelection().selectAllChildren(code); // copying is refused: select it for Ctrl-C
    button.textContent = "Selected: press Ctrl-C";
  }
  setTimeout(() => { button.textContent = "Copy"; }, 2500);
});

document.getElementById("rerun").addEventListener("click", runAll);
runAll();
