#!/usr/bin/env python3
"""Reconstructs respondent-level BOS 2020 responses from the figures of Bijlage 2.

Bijlage 2 (BOS professionaliseringsplan 2021) publishes only totals. This script writes
questionnaires (so.toml, wpb.toml) and Microsoft Forms style exports (so.csv, wpb.csv)
from which every figure of Bijlage 2 follows; see README.md for the choices made where
Bijlage 2 contradicts itself. Deterministic: a fixed seed, stdlib only.

    python3 datasets/bos-2020/reconstruct.py
"""

import csv
import io
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCALE_COMPETENT = ["Uitermate competent", "Zeer competent", "Redelijk competent",
                   "Niet erg competent", "Helemaal niet competent"]
SCALE_COMPETENT_EN = ["Extremely competent", "Very competent", "Fairly competent",
                      "Not very competent", "Not at all competent"]
SCALE_CAPABEL = ["Uitermate capabel", "Zeer capabel", "Redelijk capabel", "Niet erg capabel",
                 "Helemaal niet capabel"]
SCALE_CAPABEL_EN = ["Extremely capable", "Very capable", "Fairly capable", "Not very capable",
                    "Not at all capable"]
RELATION = ["Uitstekend", "Goed", "Redelijk", "Matig", "Slecht"]
RELATION_EN = ["Excellent", "Good", "Fair", "Poor", "Bad"]
NVT = [{"label": "n.v.t.", "label_en": "not applicable",
        "synonyms": ["nvt", "niet van toepassing"]}]


def q(id, text, kind, group, label_en, code=None, **fields):
    return dict(id=id, text=text, kind=kind, group=group, label_en=label_en, code=code, **fields)


# ---------------------------------------------------------------- questionnaires

def theme_option(label, label_en, themes):
    return {"label": label, "label_en": label_en,
            "themes": [{"theme": t, "weight": w} for t, w in themes]}


WPB = [
    q("leeftijd", "Wat is je leeftijd?", "single", "leeftijd", "Age",
      options=[{"label": "Jonger dan 25", "label_en": "Under 25"}, "25-35", "36-45", "46-55", "56-65"]),
    q("geslacht", "Wat is je geslacht?", "single", "geslacht", "Gender",
      options=[{"label": "Man", "label_en": "Male"}, {"label": "Vrouw", "label_en": "Female"}]),
    q("bevoegdheid", "Welke onderwijsbevoegdheid heb je?", "single", "bevoegdheid",
      "Teaching qualification",
      options=[{"label": "Eerstegraads", "label_en": "First degree (upper secondary)"},
               {"label": "Tweedegraads", "label_en": "Second degree (lower secondary)"}]),
    q("leservaring", "Hoeveel jaar leservaring heb je?", "bands", "ervaring",
      "Years of teaching experience", unit="jaar", unit_en="years",
      bands=[{"label": f"{lo}-{lo + 4} jaar", "label_en": f"{lo}-{lo + 4} years", "min": lo, "max": lo + 4}
             for lo in range(1, 37, 5)]),
    q("rol", "Wat is je rol binnen de school?", "single", "rol", "Role in the school",
      # Plain words in the report; the export's abbreviations are synonyms.
      options=[{"label": "Werkzaam als werkplekbegeleider", "label_en": "Working as a workplace mentor",
                "synonyms": ["Werkzaam als WPB"]},
               {"label": "Interesse in de rol van werkplekbegeleider",
                "label_en": "Interested in the role of workplace mentor",
                "synonyms": ["Interesse in de rol van WPB"]}]),
    q("stagiaires", "Hoe vaak heb je een stagiair begeleid?", "bands", "ervaring",
      "Student teachers supervised", unit="keer", unit_en="times",
      bands=[{"label": "1-5 keer", "label_en": "1-5 times", "min": 1, "max": 5},
             {"label": "5-10 keer", "label_en": "5-10 times", "min": 6, "max": 10},
             {"label": "Meer dan 10 keer", "label_en": "More than 10 times", "min": 11}]),
    q("competent", "Hoe competent voel je je om een stagiair te begeleiden?", "scale", "capabel",
      "How competent do you feel supervising a student teacher?",
      levels=[{"label": l, "label_en": e} for l, e in zip(SCALE_COMPETENT, SCALE_COMPETENT_EN)]),
    q("competent_toelichting", "Kun je je antwoord toelichten?", "text", "capabel",
      "Please explain your answer", motivation_for="competent"),
    q("opleiding", "Heb je een opleiding of cursus gevolgd voor het begeleiden van studenten?",
      "yesno", "opleiding", "Followed a course in supervising student teachers"),
    q("opleiding_waar", "Waar heb je deze opleiding of cursus gevolgd?", "multi", "opleiding",
      "Where was the course?", only_if={"question": "opleiding", "answer": "Ja"},
      options=["Fontys", "Universiteit Leiden", "HAN", {"label": "Eigen school", "label_en": "Own school"},
               {"label": "Onbekend", "label_en": "Unknown"}]),
    q("opleiding_wanneer", "Hoe lang geleden was dat?", "text", "opleiding", "How long ago?",
      only_if={"question": "opleiding", "answer": "Ja"}),
    q("behoefte", "Heb je behoefte aan professionalisering als werkplekbegeleider?", "yesno",
      "behoefte", "Need for professionalisation", follow_up="behoefte_waarom_niet"),
    q("behoefte_waarom_niet", "Zo nee, waarom niet?", "text", "behoefte", "If not, why not?",
      motivation_for="behoefte"),
    q("thema", "Aan welke thema's heb je behoefte?", "multi", "thema", "Which themes?",
      only_if={"question": "behoefte", "answer": "Ja"}, other="Andere",
      option=[
          theme_option("Gespreks- en begeleidingsvaardigheden", "Conversation and supervision skills",
                       [("agogisch_bekwaam", 1.0)]),
          theme_option("Reflecteren en feedback geven", "Reflecting and giving feedback",
                       [("feedback", 0.5), ("reflectie", 0.5)]),
          theme_option("Opleidingsdidactiek (leerprocessen student)",
                       "Teacher-education pedagogy (student learning)",
                       [("wie_ben_ik_als_opleider", 0.5), ("wie_ben_ik_als_lerende", 0.5)]),
          theme_option("Introductie in competentiegericht begeleiden en opleiden",
                       "Introduction to competence-based supervision",
                       [("observeren", 0.5), ("feedback", 0.5)]),
          theme_option("Vakdidactisch handelen", "Subject pedagogy", [("wie_ben_ik_als_leraar", 1.0)]),
          theme_option("Informatie over samen opleiden", "Information on joint teacher education",
                       [("innovatie", 0.5), ("wie_ben_ik_als_leraar", 0.5)]),
          {"label": "Andere", "label_en": "Other"},
      ]),
    q("vorm", "In welke vorm wil je je professionaliseren?", "multi", "vorm", "Which forms?",
      only_if={"question": "behoefte", "answer": "Ja"}, other="Andere",
      options=[{"label": "Cursus/opleiding aan hogeschool", "label_en": "Course at a university of applied sciences"},
               {"label": "Intervisie met andere werkplekbegeleiders", "label_en": "Peer consultation with other WPBs"},
               {"label": "Intervisie met schoolopleider", "label_en": "Peer consultation with the SO"},
               {"label": "Studiemiddag", "label_en": "Study afternoon"},
               {"label": "Andere", "label_en": "Other"}]),
    q("contact", "Heb je behoefte aan contact met andere werkplekbegeleiders?", "multi", "contact",
      "Wish for contact with other WPBs",
      options=[{"label": "Nee", "label_en": "No"},
               {"label": "Ja, met werkplekbegeleiders van de eigen school",
                "label_en": "Yes, with workplace mentors of the own school",
                "synonyms": ["Ja, met WPB'ers van mijn eigen school"]},
               {"label": "Ja, met werkplekbegeleiders binnen BOS", "label_en": "Yes, with workplace mentors within BOS",
                "synonyms": ["Ja, met WPB'ers binnen BOS"]}]),
    q("contact_toelichting", "Waarom wel of niet?", "text", "contact", "Why (not)?",
      motivation_for="contact"),
    q("relatie_so", "Hoe ervaar je de relatie met je huidige schoolopleider?", "scale", "relatie",
      "Relationship with the current SO",
      levels=[{"label": l, "label_en": e} for l, e in zip(RELATION, RELATION_EN)], not_applicable=NVT),
    q("relatie_so_toelichting", "Toelichting relatie schoolopleider", "text", "relatie",
      "Explanation (SO)", motivation_for="relatie_so"),
    q("relatie_io", "Hoe ervaar je de relatie met je huidige instituutsopleider van Fontys?", "scale",
      "relatie", "Relationship with the current IO (Fontys)",
      levels=[{"label": l, "label_en": e} for l, e in zip(RELATION, RELATION_EN)], not_applicable=NVT),
    q("relatie_io_toelichting", "Toelichting relatie instituutsopleider", "text", "relatie",
      "Explanation (IO)", motivation_for="relatie_io"),
    q("andere_io", "Kom je ook in aanraking met instituutsopleiders van andere opleidingen?", "yesno",
      "relatie", "In contact with IOs of other institutes"),
    q("andere_io_welke", "Zo ja, van welke opleidingen?", "text", "relatie", "If so, which?",
      only_if={"question": "andere_io", "answer": "Ja"}),
    q("capabel_studenten_geven", "Hoe capabel voel je je om aan studenten professionalisering te geven?",
      "scale", "capabel", "Capable of giving professionalisation to students",
      levels=[{"label": l, "label_en": e} for l, e in zip(SCALE_CAPABEL, SCALE_CAPABEL_EN)]),
    q("capabel_studenten_ontwikkelen",
      "Hoe capabel voel je je om voor studenten professionalisering te ontwikkelen?", "scale", "capabel",
      "Capable of developing professionalisation for students",
      levels=[{"label": l, "label_en": e} for l, e in zip(SCALE_CAPABEL, SCALE_CAPABEL_EN)]),
    q("capabel_wpb_geven", "Hoe capabel voel je je om aan WPB'ers professionalisering te geven?",
      "scale", "capabel", "Capable of giving professionalisation to WPBs",
      levels=[{"label": l, "label_en": e} for l, e in zip(SCALE_CAPABEL, SCALE_CAPABEL_EN)]),
    q("capabel_wpb_ontwikkelen",
      "Hoe capabel voel je je om voor WPB'ers professionalisering te ontwikkelen?", "scale", "capabel",
      "Capable of developing professionalisation for WPBs",
      levels=[{"label": l, "label_en": e} for l, e in zip(SCALE_CAPABEL, SCALE_CAPABEL_EN)]),
    q("capabel_toelichting", "Kun je je antwoorden over hoe capabel je je voelt toelichten?", "text",
      "capabel", "Explanation (capable)"),
    q("benaderen", "Mogen we je benaderen om professionalisering te geven of te ontwikkelen?", "yesno",
      "contactgegevens", "May we contact you to give or develop professionalisation?"),
    q("naam", "Wat is je naam?", "personal", "contactgegevens", "Name", personal="name",
      only_if={"question": "benaderen", "answer": "Ja"}),
    q("email", "Wat is je e-mailadres?", "personal", "contactgegevens", "E-mail", personal="email",
      only_if={"question": "benaderen", "answer": "Ja"}),
]

SO = [
    q("leeftijd", "Wat is je leeftijd?", "single", "leeftijd", "Age",
      options=[{"label": "Jonger dan 35", "label_en": "Under 35"}, "35-44", "45-55",
               {"label": "Ouder dan 55", "label_en": "Over 55"}]),
    q("leservaring", "Hoeveel jaar leservaring heb je?", "number", "ervaring",
      "Years of teaching experience", unit="jaar", unit_en="years", min=0, max=50),
    q("ervaring_so", "Hoe lang ben je al schoolopleider?", "bands", "ervaring", "Years as SO",
      unit="jaar", unit_en="years",
      bands=[{"label": "Dit jaar gestart", "label_en": "Started this year", "min": 0, "max": 0},
             {"label": "Korter dan 4 jaar", "label_en": "Less than 4 years", "min": 1, "max": 3},
             {"label": "4-10 jaar", "label_en": "4-10 years", "min": 4, "max": 10},
             {"label": "Meer dan 10 jaar", "label_en": "More than 10 years", "min": 11}]),
    q("ook_wpb", "Ben je zelf ook werkplekbegeleider?", "yesno", "rol", "Also a WPB yourself"),
    q("opleiding", "Welke opleiding heb je gevolgd voor je rol als schoolopleider?", "single",
      "opleiding", "Training followed for the SO role",
      options=[{"label": "(Nog) geen opleiding", "label_en": "No training (yet)"},
               {"label": "SO-opleiding Fontys", "label_en": "SO course Fontys"},
               {"label": "SO-opleiding Hogeschool Rotterdam", "label_en": "SO course Hogeschool Rotterdam"},
               {"label": "Algemene opleiding (coach, gesprekstechnieken)",
                "label_en": "General course (coaching, conversation techniques)"}]),
    q("opleiding_wanneer", "Wanneer heb je deze opleiding gevolgd?", "text", "opleiding",
      "When did you follow it?"),
    q("volgt_training", "Volg je momenteel de SO/IO-training bij Fontys?", "yesno", "opleiding",
      "Currently following the SO/IO training at Fontys"),
    q("brlo", "Ben je geregistreerd in het Beroepsregister Lerarenopleiders (Velon)?", "yesno",
      "opleiding", "Registered with Velon (BRLO)"),
    q("behoefte", "Heb je behoefte aan professionalisering als schoolopleider?", "yesno", "behoefte",
      "Need for professionalisation", follow_up="behoefte_waarom_niet"),
    q("behoefte_waarom_niet", "Zo nee, waarom niet?", "text", "behoefte", "If not, why not?",
      motivation_for="behoefte"),
    q("thema", "Aan welke thema's heb je behoefte?", "multi", "thema", "Which themes?",
      only_if={"question": "behoefte", "answer": "Ja"},
      option=[
          theme_option("Gespreks- en begeleidingsvaardigheden", "Conversation and supervision skills",
                       [("agogisch_bekwaam", 1.0)]),
          theme_option("Reflecteren en feedback geven", "Reflecting and giving feedback",
                       [("feedback", 0.5), ("reflectie", 0.5)]),
          theme_option("Intervisiebijeenkomsten", "Peer consultation meetings",
                       [("reflectie", 0.5), ("onderzoekende_houding", 0.5)]),
          theme_option("Beoordelingssystematiek van de diverse lerarenopleidingen",
                       "Assessment systems of the teacher-education institutes", [("beoordelen", 1.0)]),
          theme_option("Certificering SO", "SO certification", [("beroepsregistratie_velon", 1.0)]),
          theme_option("Info samen opleiden", "Information on joint teacher education", [("innovatie", 1.0)]),
      ]),
    q("vorm", "In welke vorm wil je je professionaliseren?", "multi", "vorm", "Which forms?",
      options=[{"label": "Intervisie met andere schoolopleiders", "label_en": "Peer consultation with other SOs"},
               {"label": "Cursus/opleiding aan hogeschool", "label_en": "Course at a university of applied sciences"},
               {"label": "Geen enkele vorm", "label_en": "No form at all", "exclusive": True}]),
    q("klokuren", "Hoeveel klokuren facilitering heb je per jaar voor je rol als schoolopleider?",
      "number", "facilitering", "Facilitation (clock hours per year)", unit="uur per jaar", unit_en="hours per year", min=0, max=1659,
      unknown=["???", "onbekend"]),
    q("roostervrij", "Heb je roostervrije tijd voor je rol als schoolopleider?", "text", "facilitering",
      "Time off timetable"),
    q("facilitering_opmerkingen", "Opmerkingen over facilitering", "text", "facilitering",
      "Remarks on facilitation"),
    q("contact_so", "Heb je behoefte aan contact met andere schoolopleiders binnen BOS?", "yesno",
      "contact", "Wish for contact with other SOs in BOS"),
    q("contact_so_reden", "Waarom?", "text", "contact", "Why?", motivation_for="contact_so"),
    q("relatie_io", "Hoe ervaar je de relatie met je huidige instituutsopleider?", "scale", "relatie",
      "Relationship with the current IO",
      levels=[{"label": l, "label_en": e} for l, e in zip(RELATION, RELATION_EN)], not_applicable=NVT),
    q("relatie_io_toelichting", "Toelichting relatie instituutsopleider", "text", "relatie",
      "Explanation (IO)", motivation_for="relatie_io"),
    q("andere_io", "Heb je ook te maken met instituutsopleiders van andere opleidingen?", "yesno",
      "relatie", "In contact with IOs of other institutes"),
    q("relatie_wpb", "Hoe ervaar je de relatie met de werkplekbegeleiders?", "scale", "relatie",
      "Relationship with the WPBs",
      levels=[{"label": l, "label_en": e} for l, e in zip(RELATION, RELATION_EN)], not_applicable=NVT),
    q("relatie_wpb_toelichting", "Toelichting relatie werkplekbegeleiders", "text", "relatie",
      "Explanation (WPBs)", motivation_for="relatie_wpb"),
    q("capabel_studenten",
      "Hoe capabel voel je je om aan studenten professionalisering te geven/ontwikkelen?", "scale",
      "capabel", "Capable of giving/developing professionalisation for students",
      levels=[{"label": l, "label_en": e} for l, e in zip(SCALE_CAPABEL, SCALE_CAPABEL_EN)]),
    q("capabel_studenten_toelichting", "Toelichting capabel studenten", "text", "capabel",
      "Explanation (students)", motivation_for="capabel_studenten"),
    q("capabel_wpb", "Hoe capabel voel je je om aan WPB'ers professionalisering te geven/ontwikkelen?",
      "scale", "capabel", "Capable of giving/developing professionalisation for WPBs",
      levels=[{"label": l, "label_en": e} for l, e in zip(SCALE_CAPABEL, SCALE_CAPABEL_EN)]),
    q("capabel_wpb_toelichting", "Toelichting capabel WPB'ers", "text", "capabel",
      "Explanation (WPBs)", motivation_for="capabel_wpb"),
    q("benaderen", "Mogen we je benaderen om professionalisering te geven of te ontwikkelen?", "yesno",
      "contactgegevens", "May we contact you to give or develop professionalisation?"),
    q("naam", "Wat is je naam?", "personal", "contactgegevens", "Name", personal="name",
      only_if={"question": "benaderen", "answer": "Ja"}),
    q("email", "Wat is je e-mailadres?", "personal", "contactgegevens", "E-mail", personal="email",
      only_if={"question": "benaderen", "answer": "Ja"}),
]


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


# The report sections of Bijlage 2, in its order: title, subject of a headline, role.
def groups(relatie, relatie_en, opleiding_intro=None):
    g = lambda id, title, title_en, **rest: dict(id=id, title=title, title_en=title_en, **rest)
    return [
        g("leeftijd", "Leeftijd", "Age"),
        g("geslacht", "Geslacht", "Gender"),
        g("bevoegdheid", "Bevoegdheid", "Teaching qualification"),
        g("ervaring", "Ervaring", "Experience"),
        g("rol", "Rol", "Role"),
        g("opleiding", "Opleiding", "Training", **(opleiding_intro or {})),
        g("behoefte", "Behoefte aan professionalisering", "Need for professionalisation",
          subject="Behoefte", subject_en="Need"),
        g("thema", "Welk thema?", "Which themes?", subject="Vraag naar thema's",
          subject_en="Demand for themes", role="themes"),
        g("vorm", "Welke vorm?", "Which forms?", subject="Vraag naar vormen",
          subject_en="Demand for forms", role="forms"),
        g("facilitering", "Uren voor de taak", "Hours for the role", role="facilitation"),
        g("contact", "Contact met collega's", "Contact with colleagues", subject="Contactwens",
          subject_en="Wish for contact", role="network"),
        g("relatie", relatie, relatie_en, subject="Relatie", subject_en="Relationship"),
        g("capabel", "Hoe bekwaam?", "How capable?", subject="Hoe bekwaam men zich voelt",
          subject_en="Capability", role="capability"),
        g("contactgegevens", "Contactgegevens", "Contact details", role="contact"),
    ]


def write_toml(path, head, questions, groups=(), scales=()):
    out = io.StringIO()
    out.write("# Generated by reconstruct.py from Bijlage 2 of the BOS professionaliseringsplan.\n")
    for k, v in head.items():
        out.write(f"{k} = {toml_value(v)}\n")
    used = {q["group"] for q in questions}
    for g in groups:
        if g["id"] not in used:
            continue
        out.write("\n[[group]]\n")
        for k, v in g.items():
            out.write(f"{k} = {toml_value(v)}\n")
    for sc in scales:
        out.write("\n[[scale]]\n")
        for k, v in sc.items():
            out.write(f"{k} = {toml_value(v)}\n")
    for i, qq in enumerate(questions, 1):
        out.write("\n[[question]]\n")
        qq = dict(qq)
        qq["code"] = f"Q{i:02d}"
        opts = qq.pop("option", None)
        for k in ["id", "text", "label_en", "short", "short_en", "group", "code", "kind", "unit", "unit_en", "min", "max", "unknown",
                  "only_if", "other", "follow_up", "motivation_for", "personal", "options", "levels",
                  "not_applicable", "bands"]:
            if qq.get(k) is None:
                continue
            v = qq[k]
            if isinstance(v, list) and len(v) > 2:
                out.write(f"{k} = [\n" + "".join(f"  {toml_value(x)},\n" for x in v) + "]\n")
            else:
                out.write(f"{k} = {toml_value(v)}\n")
        for o in opts or []:
            out.write("  [[question.option]]\n")
            for k, v in o.items():
                out.write(f"  {k} = {toml_value(v)}\n")
    path.write_text(out.getvalue(), encoding="utf-8")


# ---------------------------------------------------------------- responses

def counted(rng, n, counts, fill=""):
    """A shuffled column of n cells holding each answer as often as counted."""
    cells = [a for a, c in counts for _ in range(c)]
    assert len(cells) <= n, (counts, n)
    cells += [fill] * (n - len(cells))
    rng.shuffle(cells)
    return cells


def place(rng, rows, col, counts, fill=""):
    """Puts counted answers into the given rows only (a conditional question)."""
    for r, v in zip(rows, counted(rng, len(rows), counts, fill)):
        col[r] = v


def multi(rng, rows, col, counts, other_texts=()):
    """Each option goes to `count` distinct rows; every row gets at least one option."""
    for attempt in range(10000):
        chosen = {r: [] for r in rows}
        for option, c in counts:
            for r in rng.sample(rows, c):
                chosen[r].append(option)
        if all(chosen.values()):
            break
    else:
        raise SystemExit("no assignment covers every row")
    others = list(other_texts)
    order = [o for o, _ in counts]
    for r in rows:
        parts = sorted(chosen[r], key=order.index)
        parts = [others.pop(0) if p == "Andere" and others else p for p in parts]
        col[r] = "".join(f"{p};" for p in parts)


def timestamps(rng, n):
    out = []
    for i in range(n):
        day = 1 + rng.randrange(23)
        h, m, s = 8 + rng.randrange(12), rng.randrange(60), rng.randrange(60)
        dur = 4 + rng.randrange(14)
        m2, h2 = m + dur, h
        if m2 >= 60:
            m2, h2 = m2 - 60, h + 1
        out.append((f"10/{day}/2020 {h}:{m:02d}:{s:02d}", f"10/{day}/2020 {h2}:{m2:02d}:{s:02d}"))
    out.sort(key=lambda t: (int(t[0].split("/")[1]), t[0]))
    return out


def write_csv(path, questions, columns, n, rng):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam"] + [x["text"] for x in questions])
    for i, (start, end) in enumerate(timestamps(rng, n)):
        w.writerow([str(i + 1), start, end, "anonymous", ""] + [columns[x["id"]][i] for x in questions])
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


def wpb_responses(rng):
    n = 63
    c = {x["id"]: [""] * n for x in WPB}
    c["leeftijd"] = counted(rng, n, [("Jonger dan 25", 2), ("25-35", 21), ("36-45", 16), ("46-55", 12), ("56-65", 12)])
    c["geslacht"] = counted(rng, n, [("Man", 25), ("Vrouw", 38)])
    c["bevoegdheid"] = counted(rng, n, [("Eerstegraads", 25), ("Tweedegraads", 38)])
    bands = [f"{lo}-{lo + 4} jaar" for lo in range(1, 37, 5)]
    c["leservaring"] = counted(rng, n, list(zip(bands, [8, 10, 14, 9, 8, 6, 4, 4])))
    c["rol"] = counted(rng, n, [("Werkzaam als WPB", 56), ("Interesse in de rol van WPB", 7)])
    interested = [i for i in range(n) if c["rol"][i] != "Werkzaam als WPB"]
    # The two who left "how often" empty are among those only interested in the role.
    rest = [i for i in range(n) if i not in interested[:2]]
    place(rng, rest, c["stagiaires"], [("1-5 keer", 31), ("5-10 keer", 17), ("Meer dan 10 keer", 13)])
    c["competent"] = counted(rng, n, list(zip(SCALE_COMPETENT, [5, 30, 26, 2, 0])))
    quotes = ["veel ervaring met studenten begeleiden", "ruimte voor autonomie studenten",
              "studenten zijn tevreden", "positieve geluiden vanuit de opleiding",
              "beschikt over voldoende kennis en vaardigheden",
              "niet altijd duidelijk wat ik van een student kan verwachten",
              "staat nog dicht bij de student", "koppeling vanuit de opleiding mist soms",
              "doelgroep ligt soms niet ver van een vwo6 leerling", "wederzijds leerproces",
              "voldoende ervaring met lesgeven", "ervaring met feedback geven, coachen, reflecteren etc",
              "behoefte van een stagiaire zijn duidelijk"]
    place(rng, list(range(n)), c["competent_toelichting"], [(x, 1) for x in quotes])

    c["opleiding"] = counted(rng, n, [("Ja", 10), ("Nee", 53)])
    trained = [i for i in range(n) if c["opleiding"][i] == "Ja"]
    places = ["Fontys;Eigen school;", "Universiteit Leiden;", "HAN;", "Eigen school;", "Eigen school;",
              "Eigen school;", "Onbekend;", "Onbekend;", "Onbekend;", "Onbekend;"]
    when = ["5 jaar geleden", "5 jaar geleden", "7 jaar geleden", "enkele jaren geleden",
            "enkele jaren geleden", "enkele jaren geleden, met certificaat", "enkele jaren geleden",
            "enkele jaren geleden", "enkele jaren geleden", "enkele jaren geleden"]
    for r, p, wn in zip(trained, places, when):
        c["opleiding_waar"][r] = p
        c["opleiding_wanneer"][r] = wn

    c["behoefte"] = counted(rng, n, [("Ja", 44), ("Nee", 19)])
    need = [i for i in range(n) if c["behoefte"][i] == "Ja"]
    no_need = [i for i in range(n) if c["behoefte"][i] == "Nee"]
    reasons = ["niet nodig", "voldoende ervaring", "te weinig tijd", "er is al voldoende werkjaar",
               "laatste paar lesgevende jaren tegemoet", "voldoende ervaring", "te weinig tijd",
               "niet nodig"]
    place(rng, no_need, c["behoefte_waarom_niet"], [(x, 1) for x in reasons])
    multi(rng, need, c["thema"],
          [("Gespreks- en begeleidingsvaardigheden", 16), ("Reflecteren en feedback geven", 13),
           ("Opleidingsdidactiek (leerprocessen student)", 23),
           ("Introductie in competentiegericht begeleiden en opleiden", 15),
           ("Vakdidactisch handelen", 8), ("Informatie over samen opleiden", 17), ("Andere", 7)],
          other_texts=["algemene cursus", "online lessen begeleiden", "mix van bovenstaande",
                       "sparren", "nog geen idee", "algemene cursus", "mix van bovenstaande"])
    multi(rng, need, c["vorm"],
          [("Cursus/opleiding aan hogeschool", 20), ("Intervisie met andere werkplekbegeleiders", 16),
           ("Intervisie met schoolopleider", 10), ("Studiemiddag", 19), ("Andere", 7)],
          other_texts=["bijeenkomst met begeleiders van de Fontys", "online",
                       "bijeenkomst met begeleiders van de Fontys", "online", "online",
                       "bijeenkomst met begeleiders van de Fontys", "online"])

    contact = (["Nee;"] * 35 + ["Ja, met WPB'ers van mijn eigen school;Ja, met WPB'ers binnen BOS;"] * 6
               + ["Ja, met WPB'ers van mijn eigen school;"] * 19 + ["Ja, met WPB'ers binnen BOS;"] * 3)
    rng.shuffle(contact)
    c["contact"] = contact
    no = [i for i in range(n) if contact[i] == "Nee;"]
    yes = [i for i in range(n) if contact[i] != "Nee;"]
    place(rng, no, c["contact_toelichting"], [("kost te veel tijd", 4), ("geen behoefte aan", 3),
                                              ("er is al voldoende onderling contact", 3)])
    place(rng, yes, c["contact_toelichting"], [("ervaringen uitwisselen", 5), ("om van elkaar te leren", 4),
                                               ("gelijkheid in begeleiding", 2)])

    c["relatie_so"] = counted(rng, n, [("Uitstekend", 24), ("Goed", 33)])
    place(rng, [i for i in range(n) if c["relatie_so"][i]], c["relatie_so_toelichting"],
          [(x, 1) for x in ["snel benaderbaar", "actief", "betrokken", "vaak overleg", "goede communicatie",
                            "duidelijke afspraken en verwachtingen", "al jarenlange samenwerking"]])
    c["relatie_io"] = counted(rng, n, [("Uitstekend", 5), ("Goed", 22), ("Redelijk", 9), ("n.v.t.", 21), ("nvt", 2)])
    place(rng, [i for i in range(n) if c["relatie_io"][i] in ("Goed", "Uitstekend")],
          c["relatie_io_toelichting"],
          [(x, 1) for x in ["zitten op 1 lijn", "vullen elkaar aan", "jarenlange samenwerking",
                            "snelle reactie op mails"]])
    place(rng, [i for i in range(n) if c["relatie_io"][i] in ("Redelijk", "n.v.t.", "nvt")],
          c["relatie_io_toelichting"],
          [(x, 1) for x in ["weinig contact", "pas een paar keer ontmoet", "niet in beeld"]])
    c["andere_io"] = counted(rng, n, [("Ja", 14), ("Nee", 49)])
    place(rng, [i for i in range(n) if c["andere_io"][i] == "Ja"], c["andere_io_welke"],
          [("HU", 3), ("TU Delft", 3), ("TU Eindhoven", 2), ("academie muziek", 2)])
    for qid, counts in [("capabel_studenten_geven", [4, 32, 22, 0, 0]),
                        ("capabel_studenten_ontwikkelen", [4, 26, 27, 0, 0]),
                        ("capabel_wpb_geven", [0, 12, 24, 20, 5]),
                        ("capabel_wpb_ontwikkelen", [0, 10, 27, 19, 5])]:
        c[qid] = counted(rng, n, list(zip(SCALE_CAPABEL, counts)))
    place(rng, list(range(n)), c["capabel_toelichting"],
          [(x, 1) for x in ["ervaring als WPB", "positieve terugkoppeling studenten", "eerder cursus gegeven",
                            "ligt wel aan het thema van professionalisering", "weinig ervaring", "geen tijd",
                            "geen behoefte aan", "niet de aangewezen persoon voor", "veel ervaring",
                            "feedback van de studenten", "leuk om anderen iets te leren"]])
    c["benaderen"] = counted(rng, n, [("Ja", 12), ("Nee", 51)])
    k = 0
    for i in range(n):
        if c["benaderen"][i] == "Ja":
            k += 1
            c["naam"][i] = f"Test Persoon WPB {k}"
            c["email"][i] = f"wpb{k:02d}@voorbeeld.invalid"
    # A handful of tolerated spellings, as real exports have (README lists them).
    first_yes = c["opleiding"].index("Ja")
    c["opleiding"][first_yes] = "ja"
    return c, n


def so_responses(rng):
    n = 10
    c = {x["id"]: [""] * n for x in SO}
    c["leeftijd"] = counted(rng, n, [("Jonger dan 35", 2), ("45-55", 4), ("Ouder dan 55", 4)])
    years = [5, 12, 8, 25, 39, 17, 22, 14, 30, 18]  # mean 19.0, min 5, max 39
    rng.shuffle(years)
    c["leservaring"] = [f"{y}" for y in years]
    c["leservaring"][years.index(25)] = "25 jaar"
    c["ervaring_so"] = counted(rng, n, [("Dit jaar gestart", 3), ("Korter dan 4 jaar", 4), ("Meer dan 10 jaar", 3)])
    c["ook_wpb"] = counted(rng, n, [("Ja", 4), ("Nee", 6)])
    c["opleiding"] = counted(rng, n, [("(Nog) geen opleiding", 4), ("SO-opleiding Fontys", 3),
                                      ("SO-opleiding Hogeschool Rotterdam", 1),
                                      ("Algemene opleiding (coach, gesprekstechnieken)", 2)])
    trained = [i for i in range(n) if c["opleiding"][i] != "(Nog) geen opleiding"]
    place(rng, trained, c["opleiding_wanneer"], [("ca. 15 jaar geleden", 2), ("enkele jaren geleden", 2)])
    fontys = [i for i in range(n) if c["opleiding"][i] == "SO-opleiding Fontys"]
    c["brlo"] = ["Nee"] * n
    c["brlo"][fontys[0]] = "Ja"
    untrained = [i for i in range(n) if c["opleiding"][i] == "(Nog) geen opleiding"]
    c["volgt_training"] = ["Nee"] * n
    for i in untrained:  # the four without a course are following it now
        c["volgt_training"][i] = "Ja"
    c["behoefte"] = counted(rng, n, [("Ja", 8), ("Nee", 2)])
    no_need = [i for i in range(n) if c["behoefte"][i] == "Nee"]
    c["behoefte_waarom_niet"][no_need[0]] = "veel ervaring"
    c["behoefte_waarom_niet"][no_need[1]] = "niet zo lang SO meer"
    need = [i for i in range(n) if c["behoefte"][i] == "Ja"]
    themes = [("Gespreks- en begeleidingsvaardigheden", 2), ("Reflecteren en feedback geven", 2),
              ("Intervisiebijeenkomsten", 3), ("Beoordelingssystematiek van de diverse lerarenopleidingen", 1),
              ("Certificering SO", 1), ("Info samen opleiden", 1)]
    multi(rng, need, c["thema"], themes)
    # "Geen enkele vorm" is the SO who will not be SO much longer (a "nee" to the need question).
    c["vorm"][no_need[1]] = "Geen enkele vorm;"
    place(rng, need, c["vorm"], [("Intervisie met andere schoolopleiders;", 4),
                                 ("Cursus/opleiding aan hogeschool;", 3)])
    # Bijlage 2 lists nine rows, two of them "???" (one with "1 dag roostervrij"): the
    # tenth SO left the three facilitation questions open (geen antwoord).
    hours = ["125", "498", "15", "330", "250", "200", "???", "", "???", "40"]
    off = ["1 dagdeel roostervrij + 1 kortere ochtend", "Alle 5 dagen les!", "", "", "1 dag roostervrij",
           "1 dagdeel roostervrij", "", "", "1 dag roostervrij", "Geen"]
    remarks = ["", "Is inclusief andere taken!", "", "", "", "", "", "", "",
               "Ook afhankelijk aantal studenten (maar geringe facilitering kan groei studentenaantal belemmeren)"]
    order = list(range(n))
    rng.shuffle(order)
    for i, r in enumerate(order):
        c["klokuren"][r], c["roostervrij"][r], c["facilitering_opmerkingen"][r] = hours[i], off[i], remarks[i]
    c["contact_so"] = counted(rng, n, [("Ja", 9)])
    place(rng, [i for i in range(n) if c["contact_so"][i]], c["contact_so_reden"],
          [(x, 1) for x in ["ervaringen uitwisselen", "elkaar inspireren", "collegiale consultatie", "sparren"]])
    c["relatie_io"] = counted(rng, n, [("Uitstekend", 5), ("Goed", 4), ("nvt", 1)])
    place(rng, [i for i in range(n) if c["relatie_io"][i] != "nvt"], c["relatie_io_toelichting"],
          [(x, 1) for x in ["Korte lijntjes", "op één lijn", "in aantal gevallen al jarenlange samenwerking",
                            "vormen echt team"]])
    c["relatie_io_toelichting"][c["relatie_io"].index("nvt")] = "nieuw"
    c["andere_io"] = counted(rng, n, [("Ja", 4), ("Nee", 6)])
    c["relatie_wpb"] = counted(rng, n, [("Uitstekend", 6), ("Goed", 4)])
    place(rng, list(range(n)), c["relatie_wpb_toelichting"],
          [(x, 1) for x in ["prettig en veelvuldig contact", "vaak al jarenlang",
                            "zou meer tijd voor ze willen hebben (zie ook facilitering!)"]])
    c["capabel_studenten"] = counted(rng, n, list(zip(SCALE_CAPABEL, [1, 5, 4, 0, 0])))
    place(rng, list(range(n)), c["capabel_studenten_toelichting"],
          [(x, 1) for x in ["ervaring (onderwijservaring of als SO)", "positieve terugkoppeling studenten",
                            "gebrek aan tijd", "gebrek aan recente kennis over onderliggende theorie"]])
    c["capabel_wpb"] = counted(rng, n, list(zip(SCALE_CAPABEL, [0, 1, 4, 3, 2])))
    place(rng, list(range(n)), c["capabel_wpb_toelichting"],
          [(x, 1) for x in ["ervaring en positieve terugkoppeling WPB's"]])
    c["benaderen"] = counted(rng, n, [("Ja", 9), ("Nee", 1)])
    k = 0
    for i in range(n):
        if c["benaderen"][i] == "Ja":
            k += 1
            c["naam"][i] = f"Test Persoon SO {k}"
            c["email"][i] = f"so{k:02d}@voorbeeld.invalid"
    return c, n


# How the report's sentences name a question (`short`, `short_en`), and English labels
# that spell out IO.
SHORT = {
    "so": {
        "leservaring": ("Jaren leservaring", "Teaching experience"),
        "ervaring_so": ("Jaren als schoolopleider", "Years as school-based teacher educator"),
        "ook_wpb": ("Zelf ook werkplekbegeleider", "Also a workplace mentor"),
        "opleiding": ("Opleiding voor de taak", "Training for the role"),
        "volgt_training": ("Volgt nu de training bij Fontys", "Now in the Fontys training"),
        "brlo": ("Ingeschreven in het beroepsregister", "In the professional register"),
        "behoefte": ("Wil zich verder scholen", "Wants further training"),
        "klokuren": ("Aantal uren voor de taak", "The number of hours for the role"),
        "contact_so": ("Wil contact met andere schoolopleiders",
                       "Wants contact with other school-based teacher educators"),
        "relatie_io": ("Relatie met de instituutsopleider",
                       "Relationship with the institute-based teacher educator"),
        "andere_io": ("Ook contact met andere opleidingen", "Also in contact with other institutes"),
        "relatie_wpb": ("Relatie met de werkplekbegeleiders", "Relationship with the workplace mentors"),
        "capabel_studenten": ("Scholing geven aan studenten", "Training student teachers"),
        "capabel_wpb": ("Scholing geven aan werkplekbegeleiders", "Training workplace mentors"),
        "benaderen": ("Mag gevraagd worden om scholing te geven", "May be asked to give training"),
    },
    "wpb": {
        "leservaring": ("Jaren leservaring", "Teaching experience"),
        "rol": ("Rol in de school", "Role in the school"),
        "contact": ("Wil contact met andere werkplekbegeleiders", "Wants contact with other workplace mentors"),
        "stagiaires": ("Aantal begeleide stagiairs", "Student teachers supervised"),
        "competent": ("Een stagiair begeleiden", "Supervising a student teacher"),
        "opleiding": ("Cursus in begeleiden gevolgd", "Took a course in supervising"),
        "behoefte": ("Wil zich verder scholen", "Wants further training"),
        "relatie_so": ("Relatie met de schoolopleider",
                       "Relationship with the school-based teacher educator"),
        "relatie_io": ("Relatie met de instituutsopleider van Fontys",
                       "Relationship with the Fontys institute-based teacher educator"),
        "andere_io": ("Ook contact met andere opleidingen", "Also in contact with other institutes"),
        "capabel_studenten_geven": ("Scholing geven aan studenten", "Giving training to student teachers"),
        "capabel_studenten_ontwikkelen": ("Scholing ontwikkelen voor studenten",
                                          "Developing training for student teachers"),
        "capabel_wpb_geven": ("Scholing geven aan werkplekbegeleiders", "Giving training to workplace mentors"),
        "capabel_wpb_ontwikkelen": ("Scholing ontwikkelen voor werkplekbegeleiders",
                                    "Developing training for workplace mentors"),
        "benaderen": ("Mag gevraagd worden om scholing te geven", "May be asked to give training"),
    },
}
LABEL_EN = {
    "Relationship with the current IO": "Relationship with the current institute-based teacher educator",
    "Relationship with the current IO (Fontys)":
        "Relationship with the current institute-based teacher educator (Fontys)",
    "Explanation (IO)": "Explanation (institute-based teacher educator)",
    "In contact with IOs of other institutes": "In contact with teacher educators of other institutes",
}


def with_shorts(questions, part):
    for qq in questions:
        qq["label_en"] = LABEL_EN.get(qq["label_en"], qq["label_en"])
        if qq["id"] in SHORT[part]:
            qq["short"], qq["short_en"] = SHORT[part][qq["id"]]
    return questions


def main():
    with_shorts(WPB, "wpb")
    with_shorts(SO, "so")
    write_toml(HERE / "wpb.toml", {
        "id": "wpb", "title": "Enquête professionalisering werkplekbegeleiders",
        "title_en": "Professionalisation survey of workplace mentors (WPB)", "audience": "WPB"}, WPB,
        groups("Relatie met schoolopleider en instituutsopleider",
               "Relationship with the school-based and the institute-based teacher educator"),
        [{"id": "capabel", "title": "Hoe bekwaam men zich voelt om scholing te geven en te ontwikkelen",
          "title_en": "How capable people feel to give and develop professionalisation",
          "items": ["capabel_studenten_geven", "capabel_studenten_ontwikkelen",
                    "capabel_wpb_geven", "capabel_wpb_ontwikkelen"]}])
    write_toml(HERE / "so.toml", {
        "id": "so", "title": "Enquête professionalisering schoolopleiders",
        "title_en": "Professionalisation survey of school-based teacher educators (SO)", "audience": "SO",
        "population": 14}, SO,
        groups("Relatie met instituutsopleider en werkplekbegeleiders",
               "Relationship with the institute-based teacher educator and the workplace mentors",
               {"intro": "Een instituutsopleider (IO) is de opleider van de lerarenopleiding die met de school "
                         "samenwerkt.",
                "intro_en": "An institute-based teacher educator (IO) is the teacher educator of the "
                            "teacher-training institute the school works with."}))
    rng = random.Random(2020)
    cols, n = so_responses(rng)
    write_csv(HERE / "so.csv", SO, cols, n, rng)
    cols, n = wpb_responses(rng)
    write_csv(HERE / "wpb.csv", WPB, cols, n, rng)


if __name__ == "__main__":
    main()
