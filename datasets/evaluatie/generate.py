#!/usr/bin/env python3
"""Synthetic evaluation exports for the bundled BOS plan (NOT real responses).

Writes Microsoft Forms style exports of the evaluation form (bijeenkomst.toml), one per
meeting of reports/bos-2020/nl/plan.json (8 to 25 responses each), and one export of the
yearly partnership reflection (reflectie.toml). Planted, so the evaluation rules have
something to find: "coaching en support van experts" is weak in every meeting, and the
applicability of the theme "innovatie" lags the others. controle/ holds the same meetings
without either (the last one with only 4 responses, below the minimum group).
Deterministic (seed 17), stdlib only.

    python3 datasets/evaluatie/generate.py
"""
import csv
import io
import json
import random
import re
import tomllib
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAN = HERE.parent.parent / "reports" / "bos-2020" / "nl" / "plan.json"

ROLES = ["Werkplekbegeleider (WPB)", "Schoolopleider (SO)", "Instituutsopleider (IO)", "Trainer"]
USEFUL = ["Zeer nuttig", "Nuttig", "Weinig nuttig", "Niet nuttig"]
APPLY = ["Zeer goed", "Goed", "Matig", "Niet"]
PRESENT = ["In hoge mate", "Enigszins", "Nauwelijks", "Niet"]
GOOD = [5, 4, 1, 0.4]
WEAK = [0.5, 2, 5, 3]
KEEP = [
    "De oefeningen in tweetallen",
    "Het werken met eigen casussen uit de school",
    "De korte theorie vooraf",
    "De uitwisseling met collega's van andere scholen",
    "De filmpjes van echte lessen",
    "Het tempo en de afwisseling",
    "De praktische handvatten die ik morgen kan gebruiken",
]
CHANGE = [
    "Meer tijd om te oefenen",
    "Een vervolgafspraak om terug te kijken",
    "Minder zenden, meer doen",
    "Begeleiding bij het toepassen op de werkplek",
    "Graag een expert die meekijkt bij mijn eigen begeleiding",
    "Bel me gerust: 06-12345678, ik denk graag mee",
    "Mail de slides naar j.jansen@voorbeeld.example",
]


def items(questionnaire):
    grid = next(g for g in questionnaire["grid"] if g["id"] == "voorwaarden")
    return grid["item"]


def draw(rng, levels, weights, p_na=0.0, na="n.v.t.", p_empty=0.03):
    x = rng.random()
    if x < p_empty:
        return ""
    if x < p_empty + p_na:
        return na
    return rng.choices(levels, weights)[0]


def stamp(day, minutes):
    h, m = divmod(16 * 60 + minutes, 60)
    return f"{day.month}/{day.day}/{day.year} {h}:{m:02d}:00"


def write(path, headers, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(headers)
    w.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


def meeting_exports(rng, meetings, q, folder, planted, small_last):
    conds = items(q)
    texts = {x["id"]: x["text"] for x in q["question"]}
    headers = ["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam",
               texts["bijeenkomst"], texts["rol"], texts["nuttig"], texts["toepasbaar"]]
    headers += [c["text"] for c in conds]  # Microsoft Forms "Likert": the statement alone
    headers += [texts["behouden"], texts["veranderen"]]
    for m in meetings:
        n = rng.randint(8, 25)
        if small_last and m is meetings[-1]:
            n = 4
        day = date.fromisoformat(m["date"])
        lags = planted and m["theme"] == "innovatie"
        rows = []
        for i in range(n):
            start = rng.randint(0, 20)
            row = [str(i + 1), stamp(day, start), stamp(day, start + rng.randint(2, 6)), "anonymous", "",
                   f'{m["title"]} ({m["date"]})',
                   rng.choices(ROLES, [14, 4, 2, 1])[0],
                   draw(rng, USEFUL, [5, 5, 1, 0.3]),
                   draw(rng, APPLY, [1, 3, 5, 2] if lags else [5, 5, 1, 0.3])]
            for c in conds:
                weights = WEAK if planted and c["id"] == "coaching" else GOOD
                row.append(draw(rng, PRESENT, weights, p_na=0.05))
            row.append(rng.choice(KEEP) if rng.random() < 0.6 else "")
            row.append(rng.choice(CHANGE) if rng.random() < 0.5 else "")
            rows.append(row)
        slug = re.sub(r"[^a-z0-9]+", "-", m["title"].lower()).strip("-")
        write(folder / f'{m["number"]:02d}-{slug}.csv', headers, rows)


def reflection_export(rng, q, path):
    conds = items(q)
    texts = {x["id"]: x["text"] for x in q["question"]}
    headers = ["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", texts["rol"]]
    headers += [c["text"] for c in conds] + [texts["toelichting"], texts["verbeterpunt"]]
    rows = []
    day = date(2022, 6, 30)
    for i, (role, n) in enumerate([(r, k) for r, k in zip(ROLES, [22, 9, 5, 3]) for _ in range(k)]):
        row = [str(i + 1), stamp(day, i), stamp(day, i + 8), "anonymous", "", role]
        for c in conds:
            weights = WEAK if c["id"] == "coaching" else GOOD
            row.append(draw(rng, PRESENT, weights, p_na=0.08, na="Weet ik niet"))
        row.append(rng.choice(KEEP) if rng.random() < 0.3 else "")
        row.append(rng.choice(CHANGE) if rng.random() < 0.5 else "")
        rows.append(row)
    write(path, headers, rows)


def main():
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    meetings = plan["meetings"]
    q = tomllib.loads((HERE / "bijeenkomst.toml").read_text(encoding="utf-8"))
    options = next(x for x in q["question"] if x["id"] == "bijeenkomst")["options"]
    named = [o["label"] for o in options]
    wanted = [f'{m["title"]} ({m["date"]})' for m in meetings]
    assert named == wanted, f"bijeenkomst.toml names {named}, the plan has {wanted}"
    rng = random.Random(17)
    meeting_exports(rng, meetings, q, HERE / "bijeenkomsten", planted=True, small_last=False)
    reflection_export(rng, tomllib.loads((HERE / "reflectie.toml").read_text(encoding="utf-8")),
                      HERE / "reflectie-2022.csv")
    meeting_exports(random.Random(1717), meetings, q, HERE / "controle", planted=False, small_last=True)


if __name__ == "__main__":
    main()
