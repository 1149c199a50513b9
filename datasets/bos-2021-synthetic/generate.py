#!/usr/bin/env python3
"""Synthetic October 2021 responses for the year-over-year demo (NOT real data).

Uses the 2020 questionnaires unchanged (copied next to this file) and draws answers from
shifted distributions: more WPBs trained and feeling competent, demand moving from
opleidingsdidactiek towards feedback. Deterministic (seed 2021), stdlib only.

    python3 datasets/bos-2021-synthetic/generate.py
"""
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "bos-2020"
sys.path.insert(0, str(SRC))
import reconstruct as r  # noqa: E402


def weighted(rng, n, options, weights):
    return [rng.choices(options, weights)[0] for _ in range(n)]


def some(rng, n, options, weights, p_empty):
    return ["" if rng.random() < p_empty else x for x in weighted(rng, n, options, weights)]


def multi_cells(rng, rows, col, options, probs):
    for i in rows:
        chosen = [o for o, p in zip(options, probs) if rng.random() < p] or [options[0]]
        col[i] = "".join(f"{o};" for o in chosen)


def wpb(rng):
    n = 48
    c = {x["id"]: [""] * n for x in r.WPB}
    c["leeftijd"] = weighted(rng, n, ["Jonger dan 25", "25-35", "36-45", "46-55", "56-65"], [2, 16, 14, 9, 7])
    c["geslacht"] = weighted(rng, n, ["Man", "Vrouw"], [18, 30])
    c["bevoegdheid"] = weighted(rng, n, ["Eerstegraads", "Tweedegraads"], [20, 28])
    c["leservaring"] = weighted(rng, n, [f"{lo}-{lo + 4} jaar" for lo in range(1, 37, 5)], [6, 9, 11, 8, 6, 4, 2, 2])
    c["rol"] = weighted(rng, n, ["Werkzaam als WPB", "Interesse in de rol van WPB"], [44, 4])
    c["stagiaires"] = some(rng, n, ["1-5 keer", "5-10 keer", "Meer dan 10 keer"], [20, 15, 13], 0.04)
    c["competent"] = some(rng, n, r.SCALE_COMPETENT, [6, 25, 15, 2, 0], 0.0)
    c["opleiding"] = weighted(rng, n, ["Ja", "Nee"], [15, 33])
    trained = [i for i in range(n) if c["opleiding"][i] == "Ja"]
    multi_cells(rng, trained, c["opleiding_waar"], ["Fontys", "Eigen school", "Onbekend"], [0.5, 0.4, 0.1])
    c["behoefte"] = weighted(rng, n, ["Ja", "Nee"], [36, 12])
    need = [i for i in range(n) if c["behoefte"][i] == "Ja"]
    themes = ["Gespreks- en begeleidingsvaardigheden", "Reflecteren en feedback geven",
              "Opleidingsdidactiek (leerprocessen student)", "Introductie in competentiegericht begeleiden en opleiden",
              "Vakdidactisch handelen", "Informatie over samen opleiden"]
    multi_cells(rng, need, c["thema"], themes, [0.35, 0.5, 0.3, 0.25, 0.2, 0.3])
    forms = ["Cursus/opleiding aan hogeschool", "Intervisie met andere werkplekbegeleiders",
             "Intervisie met schoolopleider", "Studiemiddag"]
    multi_cells(rng, need, c["vorm"], forms, [0.4, 0.45, 0.25, 0.4])
    multi_cells(rng, list(range(n)), c["contact"],
                ["Nee", "Ja, met WPB'ers van mijn eigen school", "Ja, met WPB'ers binnen BOS"], [0.45, 0.45, 0.25])
    c["relatie_so"] = some(rng, n, r.RELATION, [20, 22, 4, 1, 0], 0.05)
    c["relatie_io"] = some(rng, n, r.RELATION + ["n.v.t."], [6, 18, 6, 1, 0, 15], 0.05)
    c["andere_io"] = weighted(rng, n, ["Ja", "Nee"], [10, 38])
    for qid, w in [("capabel_studenten_geven", [4, 26, 16, 2, 0]), ("capabel_studenten_ontwikkelen", [3, 22, 20, 3, 0]),
                   ("capabel_wpb_geven", [1, 12, 18, 13, 4]), ("capabel_wpb_ontwikkelen", [1, 10, 20, 13, 4])]:
        c[qid] = some(rng, n, r.SCALE_CAPABEL, w, 0.04)
    c["benaderen"] = weighted(rng, n, ["Ja", "Nee"], [11, 37])
    k = 0
    for i in range(n):
        if c["benaderen"][i] == "Ja":
            k += 1
            c["naam"][i], c["email"][i] = f"Synthetisch WPB {k}", f"wpb21-{k:02d}@voorbeeld.invalid"
    return c, n


def so(rng):
    n = 9
    c = {x["id"]: [""] * n for x in r.SO}
    c["leeftijd"] = weighted(rng, n, ["Jonger dan 35", "35-44", "45-55", "Ouder dan 55"], [2, 1, 3, 3])
    c["leservaring"] = [str(rng.randint(5, 38)) for _ in range(n)]
    c["ervaring_so"] = weighted(rng, n, ["Dit jaar gestart", "Korter dan 4 jaar", "4-10 jaar", "Meer dan 10 jaar"], [1, 4, 2, 2])
    c["ook_wpb"] = weighted(rng, n, ["Ja", "Nee"], [4, 5])
    c["opleiding"] = weighted(rng, n, ["(Nog) geen opleiding", "SO-opleiding Fontys"], [3, 6])
    c["volgt_training"] = weighted(rng, n, ["Ja", "Nee"], [3, 6])
    c["brlo"] = weighted(rng, n, ["Ja", "Nee"], [2, 7])
    c["behoefte"] = weighted(rng, n, ["Ja", "Nee"], [8, 1])
    need = [i for i in range(n) if c["behoefte"][i] == "Ja"]
    multi_cells(rng, need, c["thema"], ["Intervisiebijeenkomsten", "Certificering SO", "Reflecteren en feedback geven"], [0.5, 0.3, 0.3])
    multi_cells(rng, list(range(n)), c["vorm"], ["Intervisie met andere schoolopleiders", "Cursus/opleiding aan hogeschool"], [0.6, 0.3])
    c["klokuren"] = [rng.choice(["80", "120", "200", "250", "???"]) for _ in range(n)]
    c["contact_so"] = weighted(rng, n, ["Ja", "Nee"], [8, 1])
    c["relatie_io"] = weighted(rng, n, r.RELATION, [5, 4, 0, 0, 0])
    c["relatie_wpb"] = weighted(rng, n, r.RELATION, [5, 4, 0, 0, 0])
    c["capabel_studenten"] = weighted(rng, n, r.SCALE_CAPABEL, [1, 5, 3, 0, 0])
    c["capabel_wpb"] = weighted(rng, n, r.SCALE_CAPABEL, [0, 3, 4, 2, 0])
    c["benaderen"] = weighted(rng, n, ["Ja", "Nee"], [8, 1])
    return c, n


def main():
    for f in ["so.toml", "wpb.toml"]:
        shutil.copyfile(SRC / f, HERE / f)
    rng = random.Random(2021)
    cols, n = so(rng)
    r.write_csv(HERE / "so.csv", r.SO, cols, n, rng)
    cols, n = wpb(rng)
    r.write_csv(HERE / "wpb.csv", r.WPB, cols, n, rng)
    for f in ["so.csv", "wpb.csv"]:  # 2021, not 2020
        p = HERE / f
        p.write_bytes(p.read_bytes().replace(b"/2020 ", b"/2021 "))


if __name__ == "__main__":
    main()
