// The page: files in (drop or picker), a questionnaire (bundled, loaded or drafted and
// adjusted), then the accounting, the report, the plan and the downloads. All of peiling's
// work happens in worker.js; this module only shows it, so the page never freezes.

import { t, translatePage } from "./i18n.js";
import * as edit from "./draft-edit.js";

const $ = (id) => document.getElementById(id);

const state = {
  lang: "nl",
  bundled: [],
  exports: [], // names of the exports in the folder, in the order they came
  source: null, // "bundled" | "toml" | "draft": where the questionnaire comes from
  ownFiles: [], // the questionnaire files the current source put in the folder
  toml: null, // { name, text }: a loaded or drafted questionnaire, for editing and download
  questionnaire: null, // that questionnaire as peiling read it
  themes: [], // the catalogue's themes, for the theme links
  result: null,
  run: 0,
};

// ---- the worker ------------------------------------------------------------------------

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const pending = new Map();
let nextId = 1;
const workerReady = new Promise((resolve, reject) => pending.set(0, { resolve, reject }));

worker.onmessage = (event) => {
  const { id, ok, value, error, progress } = event.data;
  const job = pending.get(id);
  if (!job) return;
  if (progress) {
    showProgress(progress);
    return;
  }
  pending.delete(id);
  if (ok) job.resolve(value);
  else job.reject(new Error(error));
};
worker.onerror = (event) => {
  event.preventDefault();
  for (const job of pending.values()) job.reject(new Error(event.message || "worker"));
  pending.clear();
};

/** Asks the worker to run `op`; `transfer` hands over file contents without copying. */
function ask(op, args = {}, transfer = []) {
  const id = nextId++;
  const done = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  worker.postMessage({ id, op, args }, transfer);
  return done;
}

// ---- progress, status and errors -------------------------------------------------------

let busy = 0;

function showProgress({ step, total, key, detail }) {
  $("progress").hidden = false;
  $("progress-bar").max = total;
  $("progress-bar").value = step;
  $("progress-text").dataset.key = key;
  $("progress-text").dataset.detail = detail || "";
  $("progress-text").textContent = progressText();
}

function progressText() {
  const el = $("progress-text");
  if (!el.dataset.key) return "";
  return `${t(state.lang, el.dataset.key)}${el.dataset.detail ? `: ${el.dataset.detail}` : ""} ...`;
}

async function working(f) {
  busy++;
  document.body.classList.add("busy");
  try {
    return await f();
  } finally {
    busy--;
    if (busy === 0) {
      document.body.classList.remove("busy");
      $("progress").hidden = true;
      $("progress-text").dataset.key = "";
    }
  }
}

function showError(message) {
  $("error").hidden = !message;
  $("error").textContent = message || "";
}

function status(id, key, extra = "") {
  const el = $(id);
  el.dataset.key = key || "";
  el.dataset.extra = extra;
  el.textContent = key ? t(state.lang, key) + extra : extra;
}

function retranslateStatus() {
  for (const id of ["questionnaire-status", "report-status"]) {
    const el = $(id);
    if (el.dataset.key) el.textContent = t(state.lang, el.dataset.key) + (el.dataset.extra || "");
  }
  $("progress-text").textContent = progressText();
}

// ---- files in --------------------------------------------------------------------------

const isQuestionnaire = (name) => /\.toml$/i.test(name);

async function addFiles(fileList) {
  performance.clearMarks();
  performance.mark("drop");
  const files = [...fileList];
  const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  const tomls = read.filter((f) => isQuestionnaire(f.name));
  const exports = read.filter((f) => !isQuestionnaire(f.name));
  // One busy spell from the drop to the report: the progress bar does not blink off
  // between reading the files and checking them.
  await working(async () => {
    if (exports.length) {
      await ask("add", { files: exports }, exports.map((f) => f.bytes));
      for (const f of exports) {
        if (!state.exports.includes(f.name)) state.exports.push(f.name);
      }
      renderFiles();
    }
    for (const f of tomls) await loadToml(f.name, new TextDecoder().decode(f.bytes));
    if (!tomls.length) await refresh();
  });
}

function renderFiles() {
  const list = $("file-list");
  list.replaceChildren();
  for (const name of state.exports) {
    const li = document.createElement("li");
    li.textContent = name + " ";
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "small";
    remove.dataset.t = "remove";
    remove.textContent = t(state.lang, "remove");
    remove.addEventListener("click", async () => {
      await ask("remove", { names: [name] });
      state.exports = state.exports.filter((n) => n !== name);
      renderFiles();
      await refresh();
    });
    li.append(remove);
    list.append(li);
  }
}

// ---- the questionnaire -----------------------------------------------------------------

/** Takes the previous source's questionnaire files out of the folder. */
async function clearSource() {
  if (state.ownFiles.length) await ask("remove", { names: state.ownFiles });
  state.ownFiles = [];
  state.toml = null;
  state.questionnaire = null;
  $("editor").hidden = true;
}

async function useBundled() {
  showError("");
  await clearSource();
  const before = await ask("names");
  const id = state.bundled[0]?.id ?? "bos-2020";
  try {
    const after = await ask("useBundled", { id });
    state.ownFiles = after.filter((n) => !before.includes(n) && !state.exports.includes(n));
    state.source = "bundled";
    status("questionnaire-status", "bundled_chosen");
  } catch (e) {
    showError(e.message);
    return;
  }
  await refresh();
}

async function loadToml(name, text) {
  showError("");
  await clearSource();
  state.source = "toml";
  state.toml = { name, text };
  status("questionnaire-status", "toml_chosen", name);
  await applyToml();
}

/** Who answered the export to draft from, as `peiling init --audience` takes it. */
function draftAudience() {
  const chosen = $("draft-audience").value;
  return chosen || $("draft-audience-own").value.trim();
}

async function makeDraft() {
  showError("");
  const from = state.exports[state.exports.length - 1];
  if (!from) {
    status("questionnaire-status", "draft_which");
    return;
  }
  const audience = draftAudience();
  if (!audience) {
    status("questionnaire-status", "audience_missing");
    $("draft-audience-own").focus();
    return;
  }
  await clearSource();
  try {
    const text = await working(() => ask("draft", { name: from, audience, lang: state.lang }));
    state.source = "draft";
    state.toml = { name: from.replace(/\.[^.]*$/, "") + ".toml", text };
    status("questionnaire-status", "draft_chosen", from);
  } catch (e) {
    showError(e.message);
    return;
  }
  await applyToml();
}

/** Puts the questionnaire text in the folder, reads it back for the form, and runs. */
async function applyToml() {
  const { name, text } = state.toml;
  const bytes = new TextEncoder().encode(text).buffer;
  await ask("add", { files: [{ name, bytes }] }, [bytes]);
  if (!state.ownFiles.includes(name)) state.ownFiles.push(name);
  renderTomlDownload();
  if (name === "survey.toml") {
    await refresh();
    return;
  }
  try {
    state.questionnaire = await ask("questionnaire", { name });
  } catch (e) {
    showError(e.message);
    $("editor").hidden = false;
    $("toml-text").value = text;
    return;
  }
  renderEditor();
  await refresh();
}

// ---- the simple form -------------------------------------------------------------------

const KINDS = ["single", "multi", "scale", "number", "bands", "yesno", "text", "personal"];

function option(value, label, selected) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  o.selected = selected;
  return o;
}

function short(text, n = 60) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function select(options, onChange) {
  const s = document.createElement("select");
  s.append(...options);
  s.addEventListener("change", () => onChange(s.value));
  return s;
}

/** Edits the text in the text box (the one truth of the form) and marks it changed. */
function editText(f) {
  try {
    $("toml-text").value = f($("toml-text").value);
    showError("");
  } catch (e) {
    showError(e.message);
  }
}

function renderEditor() {
  const q = state.questionnaire;
  const L = state.lang;
  $("editor").hidden = false;
  $("toml-text").value = state.toml.text;
  $("population").value = q.population ?? "";
  const questions = q.questions || [];
  const conditions = [];
  for (const other of questions) {
    const kind = edit.kindOf(other);
    if (kind === "yesno" || kind === "single") {
      for (const o of edit.optionsOf(other)) {
        conditions.push({ question: other.id, answer: o.label, text: `${short(other.text, 40)}: ${o.label}` });
      }
    }
  }
  const body = $("questions").tBodies[0];
  body.replaceChildren();
  for (const question of questions) {
    const tr = body.insertRow();
    const kind = edit.kindOf(question);
    tr.insertCell().textContent = question.text;
    tr.insertCell().append(select(
      KINDS.map((k) => option(k, t(L, `kind_${k}`), k === kind)),
      (v) => editText((s) => edit.setKind(s, question.id, v)),
    ));
    const cur = question.only_if;
    tr.insertCell().append(select(
      [option("", t(L, "always"), !cur), ...conditions
        .filter((c) => c.question !== question.id)
        .map((c) => option(JSON.stringify(c), c.text,
          !!cur && cur.question === c.question && cur.answer === c.answer))],
      (v) => editText((s) => edit.setOnlyIf(s, question.id, v ? JSON.parse(v) : null)),
    ));
    const opts = edit.optionsOf(question);
    const otherCell = tr.insertCell();
    if (kind === "multi") {
      const other = question.kind.other;
      otherCell.append(select(
        [option("", t(L, "none"), other == null),
          ...opts.map((o, i) => option(o.label, short(o.label, 40), i === other))],
        (v) => editText((s) => edit.setOther(s, question.id, v || null)),
      ));
    }
    const themeCell = tr.insertCell();
    if ((kind === "multi" || kind === "single") && state.themes.length) {
      themeCell.append(themeLinks(question, opts));
    }
  }
}

/** Per option of a question a choice of one catalogue theme (or none). */
function themeLinks(question, opts) {
  const L = state.lang;
  const chosen = {};
  const list = document.createElement("div");
  list.className = "theme-links";
  for (const o of opts) {
    const row = document.createElement("label");
    const current = o.themes && o.themes.length ? o.themes[0].theme : "";
    row.append(document.createTextNode(short(o.label, 40)), select(
      [option("", t(L, "no_theme"), !current),
        ...state.themes.map((th) => option(th.id, L === "en" ? th.title_en || th.title : th.title, th.id === current))],
      (v) => {
        chosen[o.label] = v;
        editText((s) => edit.setOptionThemes(s, question.id, opts, chosen));
      },
    ));
    list.append(row);
  }
  return list;
}

async function applyForm() {
  showError("");
  let text = $("toml-text").value;
  const population = $("population").value.trim();
  text = edit.setTopKey(text, "population", /^\d+$/.test(population) ? population : null);
  state.toml = { ...state.toml, text };
  await applyToml();
}

function renderTomlDownload() {
  const span = $("dl-tomls");
  span.replaceChildren();
  if (!state.toml) return;
  const b = document.createElement("button");
  b.type = "button";
  b.id = "dl-toml";
  b.textContent = `${t(state.lang, "dl_toml")} (${state.toml.name})`;
  b.addEventListener("click", () => download(state.toml.name, state.toml.text, "application/toml"));
  span.append(b);
}

// ---- running and showing ---------------------------------------------------------------

async function refresh() {
  if (!state.exports.length) {
    status("report-status", "need_exports");
    return;
  }
  if (!state.source) {
    status("report-status", "need_questionnaire");
    return;
  }
  const run = ++state.run;
  const lang = state.lang;
  let result;
  try {
    result = await working(() => ask("run", { lang }));
  } catch (e) {
    // Not the user's mistake (those come back as results): peiling itself failed.
    if (run === state.run) showError(e.message);
    return;
  }
  if (run !== state.run) return; // a newer run (another file, the other language) follows
  state.result = result;
  show(result);
}

function show(result) {
  const { accounting, report, planJson, planIcs } = result;
  showError(accounting.error || (report && report.error) || "");
  renderAccounting(accounting.value);
  const ok = report && !report.error;
  $("downloads").hidden = !ok;
  $("report").hidden = !ok;
  if (ok) {
    $("report").onload = () => {
      performance.mark("report-shown");
      document.body.dataset.reportShown = String(state.run);
    };
    $("report").srcdoc = report.value;
  } else {
    $("report").removeAttribute("srcdoc");
  }
  const planOk = ok && planJson && !planJson.error;
  $("dl-ics").hidden = !planOk || !!planIcs.error;
  $("dl-json").hidden = !planOk;
  renderPlan(planOk ? JSON.parse(planJson.value) : null);
  if (ok && !planOk && planJson) status("report-status", "no_plan", planJson.error);
  else status("report-status", "", "");
}

function cell(tr, text, cls) {
  const td = tr.insertCell();
  td.textContent = text;
  if (cls) td.className = cls;
}

function renderAccounting(acc) {
  const table = $("accounting");
  const problems = $("problems");
  table.hidden = !acc;
  problems.hidden = true;
  $("no-problems").hidden = true;
  if (!acc) return;
  const parts = Array.isArray(acc) ? acc : acc.exports || acc.parts || [];
  const body = table.tBodies[0];
  body.replaceChildren();
  const pbody = problems.tBodies[0];
  pbody.replaceChildren();
  for (const p of parts) {
    const tr = body.insertRow();
    cell(tr, p.file);
    cell(tr, p.audience);
    cell(tr, p.rows_read, "num");
    cell(tr, p.accepted, "num");
    cell(tr, p.rejected, "num");
    for (const pr of p.problems || []) {
      const r = pbody.insertRow();
      cell(r, pr.file);
      cell(r, pr.row, "num");
      cell(r, pr.column || "", "num"); // a whole row (a second submission) has no column
      cell(r, pr.message);
    }
  }
  problems.hidden = pbody.rows.length === 0;
  $("no-problems").hidden = pbody.rows.length !== 0;
}

function renderPlan(plan) {
  $("plan").hidden = !plan;
  const body = $("plan-table").tBodies[0];
  body.replaceChildren();
  if (!plan) return;
  const L = state.lang;
  const fmt = new Intl.DateTimeFormat(L === "en" ? "en-GB" : "nl-NL",
    { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  for (const m of plan.meetings || []) {
    const tr = body.insertRow();
    const [y, mo, d] = m.date.split("-").map(Number);
    cell(tr, `${fmt.format(new Date(Date.UTC(y, mo - 1, d)))}, ${m.start}-${m.end}`);
    cell(tr, L === "en" ? m.title_en || m.title : m.title);
    cell(tr, m.host || "");
  }
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---- the language ----------------------------------------------------------------------

async function switchLanguage() {
  state.lang = state.lang === "nl" ? "en" : "nl";
  translatePage(document, state.lang);
  retranslateStatus();
  renderTomlDownload();
  if (state.questionnaire) renderEditor();
  $("report").title = t(state.lang, "report_title");
  if (state.result) await refresh();
}

// ---- wiring ----------------------------------------------------------------------------

function wire() {
  $("lang").addEventListener("click", switchLanguage);
  const drop = $("drop");
  for (const type of ["dragenter", "dragover"]) {
    document.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
  }
  document.addEventListener("dragleave", () => drop.classList.remove("over"));
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files.length) addFiles(e.dataTransfer.files);
  });
  drop.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      $("picker").click();
    }
  });
  $("picker").addEventListener("change", (e) => {
    addFiles(e.target.files);
    e.target.value = "";
  });
  $("toml-picker").addEventListener("change", async (e) => {
    const f = e.target.files[0];
    e.target.value = "";
    if (f) await loadToml(f.name, await f.text());
  });
  $("use-bundled").addEventListener("click", useBundled);
  $("make-draft").addEventListener("click", makeDraft);
  $("draft-audience").addEventListener("change", () => {
    const own = $("draft-audience").value === "";
    $("draft-audience-own").hidden = !own;
    if (own) $("draft-audience-own").focus();
  });
  $("apply").addEventListener("click", applyForm);
  $("dl-report").addEventListener("click", () =>
    download("report.html", state.result.report.value, "text/html;charset=utf-8"));
  $("dl-json").addEventListener("click", () =>
    download("plan.json", state.result.planJson.value, "application/json"));
  $("dl-ics").addEventListener("click", () =>
    download("plan.ics", state.result.planIcs.value, "text/calendar"));
}

async function start() {
  translatePage(document, state.lang);
  wire();
  status("report-status", "loading");
  try {
    const { bundled } = await workerReady;
    state.bundled = bundled;
  } catch (e) {
    status("report-status", "load_failed", e.message);
    return;
  }
  try {
    const r = await fetch(new URL("./pkg/themes.json", import.meta.url));
    if (r.ok) state.themes = await r.json();
  } catch {
    state.themes = [];
  }
  document.body.dataset.ready = "true";
  status("report-status", "ready");
}

start();
