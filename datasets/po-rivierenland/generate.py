#!/usr/bin/env python3
"""Writes mentoren.csv: SYNTHETIC responses of a primary-school partnership's mentor
survey, as a Google Forms CSV export (Dutch, "Tijdstempel" first, multi-select joined
with ", ", linear-scale grids as numbers 1-5). Deterministic (seed 2024).

Every answer is drawn here; no real person's answers are in the file."""
import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
N = 56

SCHOOLS = ["De Regenboog", "De Wilgenhof", "Het Kompas", "De Linde", "Sint-Jozefschool",
           "Montessorischool De Waal"]
FUNCTIES = ["Groepsleerkracht", "Intern begeleider", "Bouwcoördinator"]
BOUW = ["Onderbouw (groep 1-2)", "Middenbouw (groep 3-5)", "Bovenbouw (groep 6-8)"]
STEM_T = "Hoe tevreden ben je over de samenwerking met de pabo?"
TEVREDEN = ["Contact met de instituutsopleider", "Informatie over de opdrachten van de student",
            "De beoordelingsformulieren", "De bijeenkomsten voor mentoren"]
# Each item's lean against the respondent's overall satisfaction (on 1-5).
T_SHIFT = [0.5, -0.2, -0.8, 0.1]
STEM_B = "Hoe bekwaam voel je je in het begeleiden van een student?"
BEKWAAM = ["Bij het voorbereiden van lessen", "Bij het geven van feedback op een les",
           "Bij het beoordelen van de student", "Bij het praktijkonderzoek van de student"]
B_LEVELS = ["Zeer bekwaam", "Bekwaam", "Een beetje bekwaam", "Niet bekwaam"]
# Probability of each level (most competent first) per item: lessons and feedback are
# where mentors feel at home, research is where they do not.
B_PROBS = [[0.35, 0.5, 0.12, 0.03], [0.25, 0.5, 0.2, 0.05], [0.12, 0.4, 0.38, 0.1],
           [0.05, 0.2, 0.45, 0.3]]
ONDERWERPEN = [("Feedback geven", 0.35), ("De student beoordelen", 0.45),
               ("Praktijkonderzoek begeleiden", 0.55), ("Coachende gesprekken voeren", 0.3),
               ("Het programma van de pabo", 0.25), ("Een student die vastloopt", 0.3)]
ANDERS = ["Omgaan met verschillen in de klas", "Samenwerken met een duo-collega"]
VORMEN = [("Intervisie met andere mentoren", 0.5), ("Een workshop op de pabo", 0.3),
          ("Een studiemiddag op school", 0.4), ("Een online module", 0.15)]
TIPS = ["Stuur de opdrachten eerder, dan kan ik ze inplannen.",
        "Meer contact met de instituutsopleider graag.",
        "De beoordelingsformulieren zijn te lang.",
        "Fijn dat de studenten goed voorbereid komen.",
        "Een vast aanspreekpunt op de pabo zou helpen."]


def pick(rng, probs):
    x, acc = rng.random(), 0.0
    for i, p in enumerate(probs):
        acc += p
        if x < acc:
            return i
    return len(probs) - 1


def row(rng, i):
    day = 1 + i * 13 // N
    stamp = f"{day}-10-2024 {rng.randint(7, 21)}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    school = rng.choices(SCHOOLS, [12, 10, 10, 9, 8, 7])[0]
    functie = rng.choices(FUNCTIES, [44, 7, 5])[0]
    bouw = rng.choice(BOUW)
    jaren = rng.choice(["0", "1", "2", "3", "4", "5", "7", "8", "10", "12", "15"])
    mood = rng.gauss(3.6, 0.8)
    tevreden = []
    for shift in T_SHIFT:
        v = round(mood + shift + rng.gauss(0, 0.6))
        tevreden.append("" if rng.random() < 0.03 else str(min(5, max(1, v))))
    bekwaam = [B_LEVELS[pick(rng, p)] for p in B_PROBS]
    chosen = [o for o, p in ONDERWERPEN if rng.random() < p]
    if rng.random() < 0.06:
        chosen.append(rng.choice(ANDERS))
    vormen = [o for o, p in VORMEN if rng.random() < p]
    r = rng.random()
    uren = ("weet ik niet" if r < 0.3 else "" if r < 0.36
            else str(rng.choice([10, 15, 20, 20, 25, 30, 40])))
    ontmoeten = "Ja" if rng.random() < 0.62 else "Nee"
    tips = rng.choice(TIPS) if rng.random() < 0.25 else ""
    vervolg = "Ja" if rng.random() < 0.3 else "Nee"
    email = f"mentor{i + 1:02d}@voorbeeld.invalid" if vervolg == "Ja" else ""
    return ([stamp, school, functie, bouw, jaren] + tevreden + bekwaam
            + [", ".join(chosen), ", ".join(vormen), uren, ontmoeten, tips, vervolg, email])


def main():
    rng = random.Random(2024)
    header = (["Tijdstempel", "Op welke school werk je?", "Wat is je functie?",
               "In welke bouw werk je?", "Hoeveel jaar ben je al mentor van pabostudenten?"]
              + [f"{STEM_T} [{t}]" for t in TEVREDEN] + [f"{STEM_B} [{b}]" for b in BEKWAAM]
              + ["Over welke onderwerpen wil je meer leren?", "Hoe wil je dat het liefst leren?",
                 "Hoeveel uur per jaar krijg je voor het begeleiden van een student?",
                 "Wil je andere mentoren uit het samenwerkingsverband ontmoeten?",
                 "Heb je tips voor de pabo?", "Mogen we je benaderen voor een vervolggesprek?",
                 "Wat is je e-mailadres?"])
    with open(HERE / "mentoren.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for i in range(N):
            w.writerow(row(rng, i))


if __name__ == "__main__":
    main()
