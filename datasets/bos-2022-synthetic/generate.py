#!/usr/bin/env python3
"""Synthetic October 2022 responses for the series demo (NOT real data).

The 2020 questionnaires with three changes, so that the series mapping
(datasets/bos-series/series.toml) has something to line up:
  - reworded: the WPB question "competent" is now "competent_stagiair", with new wording;
  - renamed option: the WPB theme "Reflecteren en feedback geven" is now
    "Feedback geven en reflecteren";
  - new question: the WPB question "bijeenkomst" (attended a BOS meeting last year).
Answers are drawn from distributions shifted further from 2021 (more WPBs trained and
feeling competent). Deterministic (seed 2022), stdlib only.

    python3 datasets/bos-2022-synthetic/generate.py
"""
import copy
import importlib.util
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "bos-2020"
# The 2021 edition's questionnaires: 2022's report groups, their roles and the scale come
# from there, so the same questions play the same part in the report each year.
Y2021 = HERE.parent / "bos-2021-synthetic"
sys.path.insert(0, str(SRC))
import reconstruct as r  # noqa: E402

_spec = importlib.util.spec_from_file_location("gen2021", HERE.parent / "bos-2021-synthetic" / "generate.py")
g21 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(g21)

REWORDED = "Hoe competent voel je je bij het begeleiden van een stagiair?"
OLD_OPTION, NEW_OPTION = "Reflecteren en feedback geven", "Feedback geven en reflecteren"


def wpb_questions():
    qs = copy.deepcopy(r.WPB)
    out = []
    for q in qs:
        if q["id"] == "competent":
            q["id"] = "competent_stagiair"
            q["text"] = REWORDED
            q["label_en"] = "How competent do you feel when supervising a student teacher?"
        if q.get("motivation_for") == "competent":
            q["motivation_for"] = "competent_stagiair"
        for o in q.get("option") or []:
            if o["label"] == OLD_OPTION:
                o["label"] = NEW_OPTION
                o["label_en"] = "Giving feedback and reflecting"
        out.append(q)
        if q["id"] == "opleiding":
            out.append(r.q("bijeenkomst", "Heb je het afgelopen schooljaar een bijeenkomst van BOS bijgewoond?",
                           "yesno", "opleiding", "Attended a BOS meeting last school year"))
    return out


def wpb(rng, questions):
    n = 52
    c = {x["id"]: [""] * n for x in questions}
    w = g21.weighted
    c["leeftijd"] = w(rng, n, ["Jonger dan 25", "25-35", "36-45", "46-55", "56-65"], [2, 17, 15, 10, 8])
    c["geslacht"] = w(rng, n, ["Man", "Vrouw"], [20, 32])
    c["bevoegdheid"] = w(rng, n, ["Eerstegraads", "Tweedegraads"], [22, 30])
    c["leservaring"] = w(rng, n, [f"{lo}-{lo + 4} jaar" for lo in range(1, 37, 5)], [7, 10, 11, 8, 6, 5, 3, 2])
    c["rol"] = w(rng, n, ["Werkzaam als WPB", "Interesse in de rol van WPB"], [48, 4])
    c["stagiaires"] = g21.some(rng, n, ["1-5 keer", "5-10 keer", "Meer dan 10 keer"], [18, 18, 16], 0.04)
    c["competent_stagiair"] = w(rng, n, r.SCALE_COMPETENT, [10, 30, 11, 1, 0])
    c["opleiding"] = w(rng, n, ["Ja", "Nee"], [24, 28])
    c["bijeenkomst"] = w(rng, n, ["Ja", "Nee"], [30, 22])
    trained = [i for i in range(n) if c["opleiding"][i] == "Ja"]
    g21.multi_cells(rng, trained, c["opleiding_waar"], ["Fontys", "Eigen school", "Onbekend"], [0.5, 0.5, 0.1])
    c["behoefte"] = w(rng, n, ["Ja", "Nee"], [38, 14])
    need = [i for i in range(n) if c["behoefte"][i] == "Ja"]
    themes = ["Gespreks- en begeleidingsvaardigheden", NEW_OPTION,
              "Opleidingsdidactiek (leerprocessen student)", "Introductie in competentiegericht begeleiden en opleiden",
              "Vakdidactisch handelen", "Informatie over samen opleiden"]
    g21.multi_cells(rng, need, c["thema"], themes, [0.35, 0.6, 0.25, 0.2, 0.25, 0.25])
    forms = ["Cursus/opleiding aan hogeschool", "Intervisie met andere werkplekbegeleiders",
             "Intervisie met schoolopleider", "Studiemiddag"]
    g21.multi_cells(rng, need, c["vorm"], forms, [0.35, 0.5, 0.3, 0.4])
    g21.multi_cells(rng, list(range(n)), c["contact"],
                    ["Nee", "Ja, met WPB'ers van mijn eigen school", "Ja, met WPB'ers binnen BOS"], [0.4, 0.45, 0.3])
    c["relatie_so"] = g21.some(rng, n, r.RELATION, [22, 24, 4, 1, 0], 0.05)
    c["relatie_io"] = g21.some(rng, n, r.RELATION + ["n.v.t."], [7, 20, 6, 1, 0, 15], 0.05)
    c["andere_io"] = w(rng, n, ["Ja", "Nee"], [12, 40])
    for qid, wt in [("capabel_studenten_geven", [5, 28, 16, 2, 0]), ("capabel_studenten_ontwikkelen", [4, 24, 20, 3, 0]),
                    ("capabel_wpb_geven", [2, 15, 19, 12, 3]), ("capabel_wpb_ontwikkelen", [2, 12, 21, 12, 3])]:
        c[qid] = g21.some(rng, n, r.SCALE_CAPABEL, wt, 0.04)
    c["benaderen"] = w(rng, n, ["Ja", "Nee"], [12, 40])
    k = 0
    for i in range(n):
        if c["benaderen"][i] == "Ja":
            k += 1
            c["naam"][i], c["email"][i] = f"Synthetisch WPB {k}", f"wpb22-{k:02d}@voorbeeld.invalid"
    return c, n


def group_tables(path):
    """The [[group]] and [[scale]] tables of a questionnaire: its text before the first question."""
    text = path.read_text(encoding="utf-8")
    return text[text.index("\n[[group]]"):text.index("\n[[question]]")]


def main():
    shutil.copyfile(Y2021 / "so.toml", HERE / "so.toml")
    questions = wpb_questions()
    r.write_toml(HERE / "wpb.toml", {
        "id": "wpb", "title": "Enquête professionalisering werkplekbegeleiders",
        "title_en": "Professionalisation survey of workplace mentors (WPB)", "audience": "WPB"}, questions)
    toml = HERE / "wpb.toml"
    text = toml.read_text(encoding="utf-8").split("\n", 1)[1]
    at = text.index("\n[[question]]")
    text = text[:at] + group_tables(Y2021 / "wpb.toml") + text[at:]
    toml.write_text("# SYNTHETIC: generated by generate.py (the 2020 questionnaire with three changes).\n" + text,
                    encoding="utf-8")
    rng = random.Random(2022)
    cols, n = g21.so(rng)
    r.write_csv(HERE / "so.csv", r.SO, cols, n, rng)
    cols, n = wpb(rng, questions)
    r.write_csv(HERE / "wpb.csv", questions, cols, n, rng)
    for f in ["so.csv", "wpb.csv"]:  # 2022, not 2020
        p = HERE / f
        p.write_bytes(p.read_bytes().replace(b"/2020 ", b"/2022 "))


if __name__ == "__main__":
    main()
