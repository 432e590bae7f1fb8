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

// The cases are data: static/cases.json, which the page server writes into the page
// (the Python tests read the same file). Each names a path on the API, the fetch()
// options, and whether to read the status or one response header.
const CASES = JSON.parse(document.getElementById("demo-cases").textContent).map((c) => ({
  ...c,
  run: () => fetch(api(c.path), { ...c.init }),
  check: c.readHeader ? readHeader(c.readHeader) : readStatus,
}));

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
