#!/usr/bin/env python3
"""Generates the synthetic records of BOS 2021-2022: a sign-up export and one attendance
list per meeting of the first year of the bundled plan (reports/bos-2020/nl/plan.json).

Every person is fictional and every address ends in .example. Deterministic: run it
again after the bundled plan changes (the e2e test `records_dataset` says when).
"""
import csv
import json
import random
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAN = HERE.parent.parent / "reports" / "bos-2020" / "nl" / "plan.json"

FIRST = ["Anouk", "Bas", "Charlotte", "Daan", "Eline", "Fleur", "Gijs", "Hanna", "Ilse",
         "Jeroen", "Karin", "Lars", "Maud", "Niels", "Olga", "Pieter", "Quinten", "Roos",
         "Sanne", "Thijs", "Ursula", "Vincent", "Wendy", "Xander", "Yara", "Zeger",
         "Amira", "Bilal", "Chantal", "Dewi", "Emre", "Fatima", "Gerrit", "Hatice",
         "Ivo", "Jolien", "Kees", "Lotte", "Mohamed", "Nadia"]
LAST = ["Aarts", "van den Berg", "Claassen", "Dekkers", "van Esch", "Franken", "Govers",
        "Hendriks", "van Iersel", "Jacobs", "Kuijpers", "Linders", "Mutsaers", "Nouwens",
        "van Oers", "Peeters", "Quaedvlieg", "Rovers", "Schellekens", "Timmermans",
        "Uijtdewilligen", "Verhoeven", "Willems", "de Wit", "Yilmaz", "van Zon",
        "Bouzid", "Çelik", "Damen", "Evers", "Frijters", "van Gils", "Heesters",
        "Ibrahim", "de Jong", "Koolen", "Lambregts", "Moonen", "Nijs", "Oomen"]
# Fictional schools: the records dataset does not name the partnership's real schools.
SCHOOLS = ["Het Baken", "De Eik", "Maasland College", "Het Palet", "De Ruit"]
# "In deze rol sinds": most WPB'ers have been one for years; a few are new (started in
# 2020-2021 or 2021-2022, the two school years in which the WPB training is due, see
# crates/peiling-records/requirements/bos.toml). Both ways of writing a year occur.
SINCE = {
    "WPB": ["2008", "2012", "2014", "2015", "2016-2017", "2017", "2018", "2019-2020", "2019",
            "2020", "2021", "2021"],
    "SO": ["2015", "2018", "2019-2020", "2020", "2021"],
    "IO": ["2015", "2018", "2019-2020", "2020", "2021"],
}


def is_new(p):
    """A WPB'er who started in the role in 2020-2021 or 2021-2022."""
    return p["role"] == "WPB" and p["since"][:4] in ("2020", "2021")


def slug(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in ascii_text.lower()).strip("-")


def main():
    rng = random.Random(2021)
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    meetings = [m for m in plan["meetings"] if m["school_year"] == "2021-2022"]
    persons = []
    for i in range(40):
        role = "WPB" if i < 28 else ("SO" if i < 36 else "IO")
        first, last = FIRST[i], LAST[i]
        mail = f"{slug(first)}.{slug(last).replace('-', '')}@{slug(SCHOOLS[i % 5])}.example"
        since = rng.choice(SINCE[role])
        persons.append({"name": f"{first} {last}", "mail": mail, "school": SCHOOLS[i % 5],
                        "role": role, "since": since})
    signups = []
    for p in persons:
        wanted = [m for m in meetings if p["role"] in ("SO", "IO") or m["level"] == "basis"]
        if is_new(p):
            # New WPB'ers sign up for every basis meeting: the training they must follow.
            chosen = wanted
        else:
            k = rng.randint(1, min(3, len(wanted)))
            chosen = sorted(rng.sample(wanted, k), key=lambda m: m["date"])
        signups.append((p, chosen))
    write_signups(rng, signups)
    write_attendance(rng, meetings, signups, persons)


def write_signups(rng, signups):
    start = datetime(2021, 9, 1, 8, 0, 0)
    with open(HERE / "aanmeldingen.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", "Volledige naam",
                    "E-mailadres", "School", "Rol", "In deze rol sinds", "Bijeenkomst"])
        for n, (p, chosen) in enumerate(signups, 1):
            t = start + timedelta(minutes=rng.randint(0, 60 * 24 * 20))
            done = t + timedelta(seconds=rng.randint(60, 400))
            fmt = lambda d: f"{d.day}-{d.month}-{d.year} {d:%H:%M:%S}"
            w.writerow([n, fmt(t), fmt(done), "anonymous", "", p["name"], p["mail"],
                        p["school"], p["role"], p["since"],
                        ";".join(f"{m['title']} ({m['date']})" for m in chosen)])


def write_attendance(rng, meetings, signups, persons):
    folder = HERE / "presentie"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    for m in meetings:
        registered = [p for p, chosen in signups if m in chosen]
        walk_ins = [p for p in persons if p not in registered and rng.random() < 0.04]
        name = f"{m['slot']:02d}-{slug(m['title'])}.csv"
        with open(folder / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter=";", lineterminator="\r\n")
            w.writerow(["Naam", "E-mail", "School", "Aanwezig"])
            for p in registered:
                w.writerow([p["name"], p["mail"], p["school"], "ja" if rng.random() < 0.85 else "nee"])
            for p in walk_ins:
                w.writerow([p["name"], p["mail"], p["school"], "ja"])


if __name__ == "__main__":
    main()
