"""The categorical questions of a peiling questionnaire (TOML) and the spellings that
count as each category, for the DuckDB and pandas baselines of bench/run.sh.

Only what the synthetic data uses: labels, synonyms, case and surrounding spaces
(peiling itself also forgives punctuation and diacritics)."""

import csv
import tomllib


def key(text):
    return text.strip().lower()


def categories(q):
    kind = q["kind"]
    if kind == "yesno":
        opts = [{"label": "Ja", "synonyms": q.get("yes", ["Yes", "J", "Y"])},
                {"label": "Nee", "synonyms": q.get("no", ["No", "N"])}]
    elif kind == "scale":
        opts = list(q.get("levels", [])) + list(q.get("not_applicable", []))
    elif kind == "bands":
        opts = q.get("bands", [])
    else:
        opts = q.get("options") or q.get("option") or []
    out = []
    for o in opts:
        if isinstance(o, str):
            out.append((o, []))
        else:
            out.append((o["label"], list(o.get("synonyms", []))))
    return out


def load(questionnaire, data):
    """[(question id, 'single'|'multi', column, {spelling key: label}, other label)]."""
    with open(questionnaire, "rb") as f:
        doc = tomllib.load(f)
    with open(data, encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    specs = []
    for q in doc["question"]:
        if q["kind"] not in ("single", "yesno", "scale", "bands", "multi"):
            continue
        try:
            col = header.index(q["text"])
        except ValueError:
            continue
        spell = {}
        for label, synonyms in categories(q):
            for s in [label] + synonyms:
                spell[key(s)] = label
        if q["kind"] == "multi":
            # Any other text chooses the "other" option (counted once per respondent).
            specs.append((q["id"], "multi", col, spell, q.get("other")))
        else:
            specs.append((q["id"], "single", col, spell, None))
    return header, specs
