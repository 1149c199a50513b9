// Small, line-based edits of a questionnaire TOML text, for the page's simple form: the
// kind of a question, its only_if, its "other" option, the themes of its options and the
// population. The text stays the user's: comments, order and everything else are kept;
// peiling itself reads the result and names the line of any mistake.

const TABLE = /^\s*\[\[\s*([A-Za-z0-9_.]+)\s*\]\]\s*(#.*)?$/;
const TOP_TABLES = new Set(["question", "grid", "group", "scale", "part"]);
/** Keys that belong to one kind only: dropped when a question becomes text or personal. */
const KIND_KEYS = ["options", "levels", "not_applicable", "neutral", "other", "unit", "unit_en",
  "min", "max", "unknown", "bands", "yes", "no", "follow_up", "motivation_for", "personal"];

/** A TOML basic string: JSON's escapes are all valid TOML escapes. */
export function tomlString(s) {
  return JSON.stringify(String(s));
}

/** Splits the text into lines and finds the top-level `[[question]]` blocks. */
function parse(text) {
  const lines = text.split("\n");
  const blocks = [];
  let current = null;
  lines.forEach((line, i) => {
    const m = TABLE.exec(line);
    if (m && TOP_TABLES.has(m[1])) {
      if (current) current.end = i;
      current = { table: m[1], start: i, end: lines.length };
      blocks.push(current);
    }
  });
  for (const b of blocks) {
    // A block's own keys end at its first sub-table ([[question.option]]).
    b.ownEnd = b.end;
    for (let i = b.start + 1; i < b.end; i++) {
      if (/^\s*\[/.test(lines[i])) { b.ownEnd = i; break; }
    }
    for (let i = b.start + 1; i < b.ownEnd; i++) {
      const m = /^\s*id\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(lines[i]);
      if (m) { b.id = JSON.parse(`"${m[1]}"`); break; }
    }
  }
  const headEnd = blocks.length ? blocks[0].start : lines.length;
  return { lines, blocks, headEnd };
}

/** How many lines the value starting at `lines[i]` takes (a multi-line array or table). */
function valueLength(lines, i) {
  let depth = 0;
  let n = 0;
  do {
    depth += bracketBalance(lines[i + n]);
    n++;
  } while (depth > 0 && i + n < lines.length);
  return n;
}

function bracketBalance(line) {
  let depth = 0;
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") break;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
  }
  return depth;
}

/** Sets (or with `value` null removes) `key` among the lines [from, to). Returns the new lines. */
function setKeyIn(lines, from, to, key, value) {
  const re = new RegExp(`^\\s*${key}\\s*=`);
  for (let i = from; i < to; i++) {
    if (re.test(lines[i])) {
      const n = valueLength(lines, i);
      const indent = /^\s*/.exec(lines[i])[0];
      const repl = value === null ? [] : [`${indent}${key} = ${value}`];
      return [...lines.slice(0, i), ...repl, ...lines.slice(i + n)];
    }
  }
  if (value === null) return lines;
  // After the last key line of the range, before trailing blank lines and comments.
  let at = to;
  while (at > from && /^\s*(#.*)?$/.test(lines[at - 1])) at--;
  return [...lines.slice(0, at), `${key} = ${value}`, ...lines.slice(at)];
}

function questionBlock(parsed, id) {
  const b = parsed.blocks.find((x) => x.table === "question" && x.id === id);
  if (!b) throw new Error(`question "${id}" is not in the questionnaire`);
  return b;
}

/** Sets a key of question `id`; `value` is TOML text, or null to remove the key. */
export function setQuestionKey(text, id, key, value) {
  const parsed = parse(text);
  const b = questionBlock(parsed, id);
  return setKeyIn(parsed.lines, b.start + 1, b.ownEnd, key, value).join("\n");
}

/** Sets a top-level key (such as `population`), or removes it with `value` null. */
export function setTopKey(text, key, value) {
  const parsed = parse(text);
  return setKeyIn(parsed.lines, 0, parsed.headEnd, key, value).join("\n");
}

/** The kind of question `id`; becoming text or personal drops what only other kinds have. */
export function setKind(text, id, kind) {
  let out = setQuestionKey(text, id, "kind", tomlString(kind));
  if (kind === "text" || kind === "personal") {
    for (const key of KIND_KEYS) out = setQuestionKey(out, id, key, null);
    out = removeOptionTables(out, id);
    if (kind === "personal") out = setQuestionKey(out, id, "personal", tomlString("other"));
  }
  if (kind !== "multi") out = setQuestionKey(out, id, "other", null);
  return out;
}

/** `only_if` of question `id`: asked only after `answer` to question `question` (null: always). */
export function setOnlyIf(text, id, condition) {
  const value = condition
    ? `{ question = ${tomlString(condition.question)}, answer = ${tomlString(condition.answer)} }`
    : null;
  return setQuestionKey(text, id, "only_if", value);
}

/** The "other" option of a multi-choice question (null: none). */
export function setOther(text, id, label) {
  return setQuestionKey(text, id, "other", label ? tomlString(label) : null);
}

function removeOptionTables(text, id) {
  const parsed = parse(text);
  const b = questionBlock(parsed, id);
  const lines = parsed.lines;
  const keep = [];
  let inOption = false;
  for (let i = b.ownEnd; i < b.end; i++) {
    const m = TABLE.exec(lines[i]);
    if (m) inOption = m[1] === "question.option";
    if (!inOption) keep.push(lines[i]);
  }
  return [...lines.slice(0, b.ownEnd), ...keep, ...lines.slice(b.end)].join("\n");
}

/**
 * Writes the options of question `id` in the long form, each with the one theme chosen
 * for it in `themes` (option label -> theme id, "" for none); an option not in `themes`
 * keeps its links. `options` are the question's options as peiling read them (label,
 * label_en, synonyms, code, themes), so nothing is lost.
 */
export function setOptionThemes(text, id, options, themes) {
  let out = setQuestionKey(text, id, "options", null);
  out = removeOptionTables(out, id);
  const parsed = parse(out);
  const b = questionBlock(parsed, id);
  const lines = parsed.lines;
  let at = b.end;
  while (at > b.start + 1 && /^\s*$/.test(lines[at - 1])) at--;
  const tables = [];
  for (const o of options) {
    tables.push("  [[question.option]]", `  label = ${tomlString(o.label)}`);
    if (o.label_en) tables.push(`  label_en = ${tomlString(o.label_en)}`);
    if (o.synonyms && o.synonyms.length) {
      tables.push(`  synonyms = [${o.synonyms.map(tomlString).join(", ")}]`);
    }
    if (o.code) tables.push(`  code = ${tomlString(o.code)}`);
    // A label in `themes` was changed in the form ("" for no theme); others keep theirs.
    let links = o.themes || [];
    if (Object.prototype.hasOwnProperty.call(themes, o.label)) {
      links = themes[o.label] ? [{ theme: themes[o.label] }] : [];
    }
    if (links.length) {
      const parts = links.map((l) => (l.weight !== undefined && l.weight !== 1
        ? `{ theme = ${tomlString(l.theme)}, weight = ${l.weight} }`
        : `{ theme = ${tomlString(l.theme)} }`));
      tables.push(`  themes = [${parts.join(", ")}]`);
    }
  }
  return [...lines.slice(0, at), ...tables, ...lines.slice(at)].join("\n");
}

/** The kind name of a question as `questionnaire_json` gives it. */
export function kindOf(question) {
  return typeof question.kind === "string" ? question.kind : question.kind?.kind;
}

/** The options (or levels) of a question as `questionnaire_json` gives them. */
export function optionsOf(question) {
  const k = typeof question.kind === "object" && question.kind ? question.kind : question;
  return k.options || k.levels || [];
}
