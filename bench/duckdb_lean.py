"""Lean DuckDB peer: the category counts as an analyst would write them in SQL.
One all-VARCHAR table; per question a GROUP BY on the trimmed, lowercased cell; a
multi-select as unnest(list_distinct(list_transform(string_split(cell, ';'), ...))),
each piece mapped to its option in the list (so a respondent counts once per option),
without a rowid join or count(DISTINCT).
Usage: duckdb_lean.py QUESTIONNAIRE.toml EXPORT.csv OUT.json"""

import json
import sys

import duckdb

import spec

questionnaire, data, out = sys.argv[1:4]
header, specs = spec.load(questionnaire, data)
names = [f"c{i}" for i in range(len(header))]
con = duckdb.connect()
con.execute(
    "CREATE TABLE t AS SELECT * FROM read_csv(?, header = true, all_varchar = true, "
    "names = ?, quote = '\"', escape = '\"', strict_mode = false, null_padding = true)",
    [data, names],
)


def sql_text(s):
    return "'" + s.replace("'", "''") + "'"


result = {}
for qid, kind, col, spell, other in specs:
    if kind == "single":
        rows = con.execute(
            f"SELECT lower(trim(c{col})) AS k, count(*) FROM t "
            f"WHERE c{col} IS NOT NULL GROUP BY k"
        ).fetchall()
        counts = {}
        for k, n in rows:
            label = spell.get(k)
            if label is not None:
                counts[label] = counts.get(label, 0) + n
        result[qid] = counts
    else:
        cases = " ".join(f"WHEN {sql_text(k)} THEN {sql_text(v)}" for k, v in spell.items())
        rest = sql_text(other) if other else "NULL"
        label = (f"CASE WHEN trim(x) = '' THEN NULL "
                 f"ELSE CASE lower(trim(x)) {cases} ELSE {rest} END END")
        rows = con.execute(
            f"SELECT label, count(*) FROM (SELECT unnest(list_distinct(list_transform("
            f"string_split(c{col}, ';'), lambda x: {label}))) AS label FROM t "
            f"WHERE c{col} IS NOT NULL) WHERE label IS NOT NULL GROUP BY label"
        ).fetchall()
        result[qid] = dict(rows)
json.dump({"rows": con.execute("SELECT count(*) FROM t").fetchone()[0], "counts": result},
          open(out, "w"), indent=1, sort_keys=True)
