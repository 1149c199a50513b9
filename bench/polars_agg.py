"""polars (Python) peer: the category counts with polars' lazy engine on all cores.
scan_csv with every column a string, value counts per column of the trimmed,
lowercased cell, and for a multi-select split on ';', each piece mapped to its option,
unique per respondent and exploded. The spellings are matched on the distinct values.
Usage: polars_agg.py QUESTIONNAIRE.toml EXPORT.csv OUT.json"""

import json
import sys

import polars as pl

import spec

questionnaire, data, out = sys.argv[1:4]
header, specs = spec.load(questionnaire, data)
names = [f"c{i}" for i in range(len(header))]
lf = pl.scan_csv(data, has_header=True, new_columns=names, infer_schema=False,
                 truncate_ragged_lines=True)
queries = [lf.select(pl.len().alias("n"))]
for qid, kind, col, spell, other in specs:
    cell = pl.col(f"c{col}")
    if kind == "single":
        q = lf.select(cell.str.strip_chars().str.to_lowercase().alias("k")).drop_nulls()
        queries.append(q.group_by("k").len())
    else:
        mapping = dict(spell)
        mapping[""] = None
        piece = (pl.element().str.strip_chars().str.to_lowercase()
                 .replace_strict(mapping, default=other, return_dtype=pl.String))
        q = (lf.select(cell.str.split(";").list.eval(piece.drop_nulls()).list.unique().alias("k"))
             .explode("k").drop_nulls())
        queries.append(q.group_by("k").len())
frames = pl.collect_all(queries)
result = {}
for (qid, kind, col, spell, other), frame in zip(specs, frames[1:]):
    counts = {}
    for k, n in frame.iter_rows():
        label = spell.get(k) if kind == "single" else k
        if label is not None:
            counts[label] = counts.get(label, 0) + n
    result[qid] = counts
json.dump({"rows": frames[0]["n"][0], "counts": result}, open(out, "w"), indent=1,
          sort_keys=True)
