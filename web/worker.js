// The worker that holds peiling (compiled to WebAssembly) and its virtual folder of files,
// so reading a large export never freezes the page. Messages in: {id, op, args}; out:
// {id, ok, value} or {id, ok: false, error} (peiling's one-line message), and
// {id, progress: {step, total, key, detail}} while a long job runs.

import init, { Workspace } from "./pkg/peiling_web.js";

let workspace = null;

const ready = init().then(() => {
  workspace = new Workspace();
  return { bundled: JSON.parse(Workspace.bundled()) };
});

ready.then(
  (value) => postMessage({ id: 0, ok: true, value }),
  (e) => postMessage({ id: 0, ok: false, error: message(e) }),
);

function message(e) {
  return e && e.message !== undefined ? String(e.message) : String(e);
}

/** Runs `f`, as a result the page can show: {value} or {error} (one line). */
function attempt(f) {
  try {
    return { value: f() };
  } catch (e) {
    return { error: message(e) };
  }
}

const ops = {
  add({ files }, progress) {
    files.forEach((f, i) => {
      progress(i + 1, files.length, "step_files", f.name);
      workspace.add_file(f.name, new Uint8Array(f.bytes));
    });
    return workspace.file_names();
  },
  remove({ names }) {
    for (const name of names) workspace.remove_file(name);
    return workspace.file_names();
  },
  names() {
    return workspace.file_names();
  },
  useBundled({ id }) {
    workspace.use_bundled(id);
    return workspace.file_names();
  },
  draft({ name, audience, lang }) {
    return workspace.draft(name, audience, lang);
  },
  questionnaire({ name }) {
    return JSON.parse(workspace.questionnaire_json(name));
  },
  /** The accounting, the report and the plan, in four steps the page shows as progress. */
  run({ lang }, progress) {
    progress(1, 4, "step_check");
    const accounting = attempt(() => JSON.parse(workspace.accounting(lang)));
    if (accounting.error) return { accounting };
    progress(2, 4, "step_report");
    const report = attempt(() => workspace.report_html(lang, "full"));
    progress(3, 4, "step_plan");
    const planJson = attempt(() => workspace.plan_json());
    const planIcs = planJson.error ? planJson : attempt(() => workspace.plan_ics(lang));
    progress(4, 4, "step_plan");
    return { accounting, report, planJson, planIcs };
  },
};

onmessage = async (event) => {
  const { id, op, args } = event.data;
  const progress = (step, total, key, detail = "") =>
    postMessage({ id, progress: { step, total, key, detail } });
  try {
    await ready;
    const value = ops[op](args || {}, progress);
    postMessage({ id, ok: true, value });
  } catch (e) {
    postMessage({ id, ok: false, error: message(e) });
  }
};
