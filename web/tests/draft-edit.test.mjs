// The form's edits of a questionnaire text, checked line by line against hand-written results.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as edit from "../draft-edit.js";

const DRAFT = `# Draft made by \`peiling init\`
id = "enquete"
title = "Enquête so"
audience = "WPB"

[[question]]
id = "behoefte"
text = "Heb je behoefte aan professionalisering?"
kind = "yesno"

[[question]]
# unsure: chosen once
id = "thema"
text = "Aan welke thema's heb je behoefte?"
kind = "multi"
options = ["Reflecteren en feedback geven", "Intervisie \\"plus\\""]

[[question]]
id = "leeftijd"
text = "Wat is je leeftijd?"
kind = "number"
min = 0
max = 39  # the largest answer
`;

test("a kind is replaced in its own question only", () => {
  const out = edit.setKind(DRAFT, "thema", "single");
  assert.match(out, /id = "thema"\ntext = .*\nkind = "single"\noptions = /);
  assert.match(out, /id = "behoefte"\ntext = .*\nkind = "yesno"/);
  assert.equal(out.split("\n").length, DRAFT.split("\n").length);
});

test("becoming an open answer drops what only numbers have", () => {
  const out = edit.setKind(DRAFT, "leeftijd", "text");
  assert.ok(out.endsWith('id = "leeftijd"\ntext = "Wat is je leeftijd?"\nkind = "text"\n'), out);
});

test("only_if and other are added after the question's last key, and removed again", () => {
  let out = edit.setOnlyIf(DRAFT, "thema", { question: "behoefte", answer: "Ja" });
  out = edit.setOther(out, "thema", "Anders");
  const block = out.slice(out.indexOf('id = "thema"'), out.indexOf('[[question]]\nid = "leeftijd"'));
  assert.equal(block, [
    'id = "thema"',
    'text = "Aan welke thema\'s heb je behoefte?"',
    'kind = "multi"',
    'options = ["Reflecteren en feedback geven", "Intervisie \\"plus\\""]',
    'only_if = { question = "behoefte", answer = "Ja" }',
    'other = "Anders"',
    "",
    "",
  ].join("\n"));
  const back = edit.setOther(edit.setOnlyIf(out, "thema", null), "thema", null);
  assert.equal(back, DRAFT);
});

test("the population is a top-level key, set and replaced", () => {
  const once = edit.setTopKey(DRAFT, "population", "14");
  assert.match(once, /audience = "WPB"\npopulation = 14\n\n\[\[question\]\]/);
  const twice = edit.setTopKey(once, "population", "20");
  assert.equal(twice, once.replace("population = 14", "population = 20"));
});

test("themes turn the options into their long form, keeping every spelling", () => {
  const options = [
    { label: "Reflecteren en feedback geven", synonyms: ["reflectie"], themes: [] },
    { label: 'Intervisie "plus"', synonyms: [], code: "SQ2", themes: [{ theme: "reflectie", weight: 0.5 }] },
  ];
  const out = edit.setOptionThemes(DRAFT, "thema", options, { "Reflecteren en feedback geven": "feedback" });
  const block = out.slice(out.indexOf('id = "thema"'), out.indexOf('[[question]]\nid = "leeftijd"'));
  assert.equal(block, [
    'id = "thema"',
    'text = "Aan welke thema\'s heb je behoefte?"',
    'kind = "multi"',
    "  [[question.option]]",
    '  label = "Reflecteren en feedback geven"',
    '  synonyms = ["reflectie"]',
    '  themes = [{ theme = "feedback" }]',
    "  [[question.option]]",
    '  label = "Intervisie \\"plus\\""',
    '  code = "SQ2"',
    '  themes = [{ theme = "reflectie", weight = 0.5 }]',
    "",
    "",
  ].join("\n"));
  // Choosing "no theme" for an option removes its link; the question's keys stay above.
  const none = edit.setOptionThemes(out, "thema", options, { 'Intervisie "plus"': "" });
  assert.doesNotMatch(none, /weight = 0.5/);
  const withOther = edit.setOther(none, "thema", "Anders");
  assert.match(withOther, /kind = "multi"\nother = "Anders"\n {2}\[\[question.option\]\]/);
});

test("a multi-line value is replaced whole", () => {
  const text = 'id = "x"\n\n[[question]]\nid = "a"\ntext = "A"\nkind = "single"\noptions = [\n  "een",\n  "twee",\n]\n';
  assert.equal(edit.setKind(text, "a", "text"), 'id = "x"\n\n[[question]]\nid = "a"\ntext = "A"\nkind = "text"\n');
});

test("a question that is not there is named", () => {
  assert.throws(() => edit.setKind(DRAFT, "geen", "text"), /question "geen"/);
});
