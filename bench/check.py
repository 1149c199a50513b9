"""Checks that peiling and its peers (DuckDB, lean DuckDB, polars, pandas) found the
same numbers: rows, and per categorical question the count of every category peiling
reports. Each peer is named after its file.
Usage: check.py PEILING.json PEER.json..."""

import json
import os
import sys

peiling = json.load(open(sys.argv[1]))
part = peiling["parts"][0]
expected = {}
for q in part["questions"]:
    d = q["detail"]
    rows = d.get("rows") or d.get("histogram") or []
    rows = rows + (d.get("not_applicable") or [])
    if q["kind"] in ("single", "yesno", "scale", "bands", "multi") and rows:
        expected[q["id"]] = {r["label"]: r["count"] for r in rows}
bad = 0
for path in sys.argv[2:]:
    name = os.path.splitext(os.path.basename(path))[0]
    other = json.load(open(path))
    if other["rows"] != part["rows_read"]:
        print(f"{name}: {other['rows']} rows, peiling read {part['rows_read']}")
        bad += 1
    for qid, counts in expected.items():
        got = other["counts"].get(qid, {})
        for label, n in counts.items():
            if got.get(label, 0) != n:
                print(f"{name}: {qid} / {label}: {got.get(label, 0)}, peiling {n}")
                bad += 1
if bad:
    sys.exit(1)
print(f"same numbers: {len(expected)} questions, "
      f"{sum(len(c) for c in expected.values())} categories, {part['rows_read']} rows")
