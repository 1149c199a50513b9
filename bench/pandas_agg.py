"""pandas baseline: the category counts of every categorical question of an export.
Usage: pandas_agg.py QUESTIONNAIRE.toml EXPORT.csv OUT.json"""

import json
import sys

import pandas as pd

import spec

questionnaire, data, out = sys.argv[1:4]
header, specs = spec.load(questionnaire, data)
cols = sorted({s[2] for s in specs})
df = pd.read_csv(data, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                 usecols=cols, header=0, names=[f"c{i}" for i in range(len(header))])
result = {}
for qid, kind, col, spell, other in specs:
    s = df[f"c{col}"]
    if kind == "multi":
        # Respondents per option: each piece matched, anything else is the "other" option.
        pieces = s.str.split(";").explode()
        keys = pieces.str.strip().str.lower()
        labels = keys.map(spell)
        if other:
            labels = labels.where(labels.notna() | (keys == ""), other)
        labels = labels.dropna()
        pairs = pd.DataFrame({"row": labels.index, "label": labels.values})
        counts = pairs.drop_duplicates()["label"].value_counts()
    else:
        # Count distinct cells first, then match each distinct spelling once.
        vc = s.value_counts()
        counts = vc.groupby(vc.index.str.strip().str.lower().map(spell)).sum()
    result[qid] = {label: int(n) for label, n in counts.items()}
json.dump({"rows": len(df), "counts": result}, open(out, "w"), indent=1, sort_keys=True)
