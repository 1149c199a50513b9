"""DuckDB baseline: the category counts of every categorical question of an export.
Usage: duckdb_agg.py QUESTIONNAIRE.toml EXPORT.csv OUT.json"""

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
result = {}
singles = [s for s in specs if s[1] == "single"]
if singles:
    # One scan: counts per distinct (trimmed, lowercased) cell of every column.
    parts = " UNION ALL ".join(
        f"SELECT {i} AS q, lower(trim(c{col})) AS k, count(*) AS n FROM t "
        f"WHERE c{col} IS NOT NULL GROUP BY ALL"
        for i, (_, _, col, _, _) in enumerate(singles)
    )
    for i, k, n in con.execute(parts).fetchall():
        qid, _, _, spell, _ = singles[i]
        label = spell.get(k)
        if label is not None:
            counts = result.setdefault(qid, {})
            counts[label] = counts.get(label, 0) + n
for qid, _, col, spell, other in (s for s in specs if s[1] == "multi"):
    # Respondents per option: each piece matched, anything else is the "other" option.
    con.execute("CREATE OR REPLACE TEMP TABLE m (k VARCHAR, label VARCHAR)")
    con.executemany("INSERT INTO m VALUES (?, ?)", list(spell.items()))
    rows = con.execute(
        f"SELECT coalesce(m.label, ?) AS label, count(DISTINCT p.rid) FROM "
        f"(SELECT rid, lower(trim(v)) AS k FROM (SELECT rowid AS rid, "
        f"unnest(string_split(c{col}, ';')) AS v FROM t WHERE c{col} IS NOT NULL)) p "
        f"LEFT JOIN m ON p.k = m.k WHERE p.k <> '' GROUP BY ALL",
        [other or ""],
    ).fetchall()
    result[qid] = {label: n for label, n in rows if label}
json.dump({"rows": con.execute("SELECT count(*) FROM t").fetchone()[0], "counts": result},
          open(out, "w"), indent=1, sort_keys=True)
