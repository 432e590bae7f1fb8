"use strict";
const CONFIG = JSON.parse(document.getElementById("demo-config").textContent);
const RUN = Date.now().toString(36);
const api = (path) => CONFIG.api + path + "?run=" + RUN;
document.getElementById("page-origin").textContent = location.origin;

const readHeader = (name) => async (response) => {
  const value = response.headers.get(name);
  return { ok: value !== null, detail: name + " = " + JSON.stringify(value) };
};
const readStatus = async (response) => {
  let detail = "HTTP " + response.status;
  if (response.headers.get("Content-Type") === "application/json") {
    const data = await response.json().catch(() => ({}));
    if ("cookie_received" in data) {
      detail += data.cookie_received ? ", cookie sent" : ", no cookie sent";
    }
  }
  return { ok: true, detail };
};

const CASES = [
  { id: "simple-get", name: "Simple GET", request: "GET /api/hello",
    run: () => fetch(api("/api/hello")), check: readStatus,
    allowed: "A simple request (no preflight) whose response named this origin (or *) "
      + "in Access-Control-Allow-Origin.",
    blocked: "No preflight is needed, but Access-Control-Allow-Origin did not match "
      + "this page's origin (try --allow-origin)." },
  { id: "credentialed-get", name: "Credentialed GET", request: "GET /api/me, credentials: include",
    run: () => fetch(api("/api/me"), { credentials: "include" }), check: readStatus,
    allowed: "The response carried Access-Control-Allow-Credentials: true and this exact "
      + "origin, never *.",
    blocked: "With credentials the response must carry Access-Control-Allow-Credentials: true "
      + "and this exact origin (try --allow-credentials)." },
  { id: "preflight-put", name: "Preflighted PUT", request: "PUT /api/items/42, JSON body",
    run: () => fetch(api("/api/items/42"), { method: "PUT",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "demo" }) }),
    check: readStatus,
    allowed: "PUT and Content-Type: application/json need a preflight (OPTIONS); its answer "
      + "allowed the method and the header.",
    blocked: "The preflight (OPTIONS) answer did not allow the origin, PUT or the "
      + "content-type header." },
  { id: "custom-header", name: "Custom request header", request: "GET /api/hello, X-Demo: 1",
    run: () => fetch(api("/api/hello"), { headers: { "X-Demo": "1" } }), check: readStatus,
    allowed: "A non-safelisted request header needs a preflight; "
      + "Access-Control-Allow-Headers allowed x-demo.",
    blocked: "The preflight answer did not allow the x-demo header (or the origin)." },
  { id: "delete", name: "DELETE", request: "DELETE /api/items/42",
    run: () => fetch(api("/api/items/42"), { method: "DELETE" }), check: readStatus,
    allowed: "DELETE is not a safelisted method; the preflight listed it in "
      + "Access-Control-Allow-Methods.",
    blocked: "DELETE needs a preflight, and its answer did not allow it (or the origin)." },
  { id: "exposed-header", name: "Read X-Request-Id", request: "GET /api/hello, read header",
    run: () => fetch(api("/api/hello")), check: readHeader("X-Request-Id"),
    allowed: "X-Request-Id is listed in Access-Control-Expose-Headers, so scripts may read it.",
    blocked: "Only safelisted response headers are readable unless listed in "
      + "Access-Control-Expose-Headers (try --expose-header X-Request-Id)." },
  { id: "hidden-header", name: "Read X-Secret", request: "GET /api/hello, read header",
    run: () => fetch(api("/api/hello")), check: readHeader("X-Secret"),
    allowed: "X-Secret is exposed by Access-Control-Expose-Headers.",
    blocked: "X-Secret is sent but not exposed, so response.headers.get() returns null: "
      + "the browser hides it, as intended." },
];

const tbody = document.getElementById("results");
const rows = new Map();
for (const c of CASES) {
  const tr = document.createElement("tr");
  tr.dataset.case = c.id;
  tr.dataset.outcome = "pending";
  const cell = () => tr.appendChild(document.createElement("td"));
  cell().textContent = c.name;
  const request = cell();
  request.className = "request";
  request.appendChild(document.createElement("code")).textContent = c.request;
  cell().appendChild(document.createElement("span")).className = "badge";
  cell();
  tbody.appendChild(tr);
  rows.set(c.id, tr);
}

function show(c, outcome, detail) {
  const tr = rows.get(c.id);
  tr.dataset.outcome = outcome;
  tr.cells[2].firstChild.textContent = outcome;
  tr.cells[3].textContent = (outcome === "allowed" ? c.allowed : c.blocked)
    + (detail ? " [" + detail + "]" : "");
}

async function runAll() {
  delete document.body.dataset.done;
  document.getElementById("status").textContent = "running...";
  for (const c of CASES) show(c, "pending", "");
  for (const c of CASES) {
    try {
      const result = await c.check(await c.run());
      show(c, result.ok ? "allowed" : "blocked", result.detail);
    } catch (error) {
      show(c, "blocked", error.name + ": " + error.message);
    }
  }
  document.getElementById("status").textContent = "done";
  document.body.dataset.done = "1";
}

document.getElementById("rerun").addEventListener("click", runAll);
runAll();
