//! Tests of the questionnaire definition: parsing, validation and its error messages.

use super::*;

const HEAD: &str = "id = \"wpb\"\ntitle = \"Enquête\"\naudience = \"WPB\"\n\n";

fn error(body: &str) -> String {
    Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{body}"))
        .unwrap_err()
        .to_string()
}

#[test]
fn duplicate_option_names_file_line_and_option() {
    let body = "[[question]]\nid = \"themes\"\ntext = \"Welk thema?\"\nkind = \"multi\"\n\
                options = [\n  \"Observeren\",\n  \"Feedback\",\n  \"feedback\",\n]\n";
    // Line 5 opens the question; the third option stands on line 12.
    assert_eq!(
        error(body),
        "wpb.toml:12: question \"themes\": option \"feedback\" appears twice"
    );
}

#[test]
fn synonym_clash_is_named() {
    let body = "[[question]]\nid = \"rel\"\ntext = \"Relatie?\"\nkind = \"single\"\n\
                options = [\"Goed\", { label = \"Redelijk\", synonyms = [\"goed\"] }]\n";
    assert_eq!(
        error(body),
        "wpb.toml:9: question \"rel\": option \"Redelijk\" can be spelled \"goed\", which already means \"Goed\""
    );
}

#[test]
fn overlong_option_spellings_are_refused() {
    let long = "lang ".repeat(101);
    let body = format!(
        "[[question]]\nid = \"rel\"\ntext = \"Relatie?\"\nkind = \"single\"\n\
         options = [\"Goed\", {{ label = \"Redelijk\", synonyms = [\"{long}\"] }}]\n"
    );
    assert_eq!(
        error(&body),
        "wpb.toml:9: question \"rel\": option \"lang lang lang lang lang lang …\" is 505 characters long, expected at most 500"
    );
    // At the limit it is read.
    let ok = body.replace(&long, &"x".repeat(500));
    assert!(Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{ok}")).is_ok());
}

/// An option that means "none of these" (review finding 10) is marked, read, and can
/// neither be a scale level nor lead to a theme.
#[test]
fn an_exclusive_option_is_read_and_wishes_nothing() {
    let body = "[[question]]\nid = \"vorm\"\ntext = \"Welke vorm?\"\nkind = \"multi\"\n\
                options = [\"Cursus\", { label = \"Geen enkele vorm\", exclusive = true }]\n";
    let q = Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{body}")).unwrap();
    let Kind::Multi { options, .. } = &q.questions[0].kind else {
        panic!("{:?}", q.questions[0].kind)
    };
    let marked: Vec<(&str, bool)> = options
        .iter()
        .map(|o| (o.label.as_str(), o.exclusive))
        .collect();
    assert_eq!(marked, [("Cursus", false), ("Geen enkele vorm", true)]);
    let themed = body.replace(
        "exclusive = true }",
        "exclusive = true, themes = [{ theme = \"feedback\" }] }",
    );
    assert_eq!(
        error(&themed),
        "wpb.toml:9: question \"vorm\": option \"Geen enkele vorm\" is exclusive (it means none of the others), so it cannot lead to a theme"
    );
    let scale = "[[question]]\nid = \"rel\"\ntext = \"Relatie?\"\nkind = \"scale\"\n\
                 levels = [\"Goed\", { label = \"Slecht\", exclusive = true }]\n";
    assert_eq!(
        error(scale),
        "wpb.toml:9: question \"rel\": level \"Slecht\": only an answer option can be exclusive"
    );
}

#[test]
fn theme_weights_of_an_option_add_up_to_at_most_1() {
    let q = |themes: &str| {
        format!(
            "[[question]]\nid = \"t\"\ntext = \"Thema?\"\nkind = \"multi\"\n\
             [[question.option]]\nlabel = \"Reflecteren\"\nthemes = {themes}\n"
        )
    };
    assert_eq!(
        error(&q(r#"[{ theme = "feedback", weight = 0.75 }, { theme = "reflectie", weight = 0.5 }]"#)),
        "wpb.toml:9: question \"t\": option \"Reflecteren\": the theme weights add up to 1.25, expected at most 1 in total"
    );
    assert_eq!(
        error(&q(
            r#"[{ theme = "feedback", weight = 0.5 }, { theme = "feedback", weight = 0.5 }]"#
        )),
        "wpb.toml:9: question \"t\": option \"Reflecteren\": theme \"feedback\" is linked twice"
    );
    // Exactly 1 in total (three thirds) is read.
    let ok = q(
        r#"[{ theme = "a", weight = 0.3333333333 }, { theme = "b", weight = 0.3333333333 }, { theme = "c", weight = 0.3333333334 }]"#,
    );
    assert!(Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{ok}")).is_ok());
}

#[test]
fn unknown_kind() {
    let body = "[[question]]\nid = \"age\"\ntext = \"Leeftijd?\"\nkind = \"slider\"\n";
    assert_eq!(
        error(body),
        "wpb.toml:8: question \"age\": unknown kind \"slider\" (expected single, multi, scale, number, bands, yesno, text or personal)"
    );
}

#[test]
fn scale_without_levels() {
    let body = "[[question]]\nid = \"comp\"\ntext = \"Hoe competent?\"\nkind = \"scale\"\n";
    assert_eq!(
        error(body),
        "wpb.toml:8: question \"comp\": a scale needs `levels` (at least two, most positive first)"
    );
}

#[test]
fn bad_toml_gives_its_line() {
    let body = "[[question]]\nid = \"age\"\ntext = \"Leeftijd?\nkind = \"single\"\n";
    let e = error(body);
    assert!(e.starts_with("wpb.toml:7: invalid TOML: "), "{e}");
    assert_eq!(e.lines().count(), 1);
}

#[test]
fn empty_questionnaire_is_refused() {
    assert_eq!(
        error(""),
        "wpb.toml:1: the questionnaire has no questions (add a [[question]] or [[grid]] table)"
    );
}

#[test]
fn follow_up_must_exist() {
    let body = "[[question]]\nid = \"need\"\ntext = \"Behoefte?\"\nkind = \"yesno\"\nfollow_up = \"why\"\n";
    assert_eq!(
        error(body),
        "wpb.toml:6: question \"need\": follow_up names question \"why\", which does not exist"
    );
}

#[test]
fn only_if_circles_are_refused_with_their_line() {
    let q = |id: &str, on: &str| {
        format!(
            "[[question]]\nid = \"{id}\"\ntext = \"Vraag {id}?\"\nkind = \"yesno\"\nonly_if = {{ question = \"{on}\", answer = \"Ja\" }}\n"
        )
    };
    // Each question takes 5 lines after the 4-line head: its only_if is the 5th.
    assert_eq!(
        error(&q("a", "a")),
        "wpb.toml:9: question \"a\": its only_if conditions go round in a circle (a → a), expected each condition to name a question that does not depend on it"
    );
    let two = format!("{}{}", q("a", "b"), q("b", "a"));
    assert!(
        error(&two).starts_with(
            "wpb.toml:9: question \"a\": its only_if conditions go round in a circle (a → b → a)"
        ),
        "{}",
        error(&two)
    );
    // The circle b → c → d → b behind a: reported from b, the first question in it.
    let three = format!(
        "{}{}{}{}",
        q("a", "b"),
        q("b", "c"),
        q("c", "d"),
        q("d", "b")
    );
    assert!(error(&three).starts_with("wpb.toml:14: question \"b\": its only_if conditions go round in a circle (b → c → d → b)"), "{}", error(&three));
    // A chain without a circle is fine.
    let chain = format!(
        "{}{}[[question]]\nid = \"c\"\ntext = \"C?\"\nkind = \"yesno\"\n",
        q("a", "b"),
        q("b", "c")
    );
    assert!(Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{chain}")).is_ok());
}

#[test]
fn parses_every_kind() {
    let body = r#"
[[question]]
id = "age"
text = "Leeftijd"
kind = "single"
options = ["<25", "25-35"]

[[question]]
id = "need"
text = "Behoefte?"
kind = "yesno"
follow_up = "why"

[[question]]
id = "why"
text = "Waarom niet?"
kind = "text"
motivation_for = "need"

[[question]]
id = "themes"
text = "Welk thema?"
kind = "multi"
other = "Andere"
only_if = { question = "need", answer = "ja" }
  [[question.option]]
  label = "Reflecteren en feedback geven"
  themes = [{ theme = "feedback", weight = 0.5 }, { theme = "reflectie", weight = 0.5 }]

[[question]]
id = "comp"
text = "Competent?"
kind = "scale"
levels = ["Uitermate", "Zeer", "Redelijk", "Niet erg", "Helemaal niet"]
not_applicable = [{ label = "n.v.t.", synonyms = ["niet van toepassing"] }]

[[question]]
id = "hours"
text = "Klokuren"
kind = "number"
unit = "uur"
min = 0
unknown = ["???"]

[[question]]
id = "years"
text = "Leservaring"
kind = "bands"
bands = [{ label = "1-5", min = 1, max = 5 }, { label = "Meer dan 5", min = 6 }]

[[question]]
id = "mail"
text = "E-mailadres"
kind = "personal"
personal = "email"
"#;
    let q = Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{body}")).unwrap();
    assert_eq!(q.questions.len(), 8);
    let Kind::Multi { options, other } = &q.question("themes").unwrap().kind else {
        panic!("multi expected")
    };
    assert_eq!(options.len(), 2);
    assert_eq!(*other, Some(1));
    assert_eq!(options[0].themes[1].theme, "reflectie");
    let Kind::Scale {
        neutral,
        not_applicable,
        ..
    } = &q.question("comp").unwrap().kind
    else {
        panic!("scale expected")
    };
    assert_eq!(*neutral, Some(2));
    assert_eq!(not_applicable[0].label, "n.v.t.");
    let Kind::Bands { bands, .. } = &q.question("years").unwrap().kind else {
        panic!("bands expected")
    };
    assert!(bands[1].contains(30.0) && !bands[0].contains(6.0));
    assert!(q.question("mail").unwrap().is_personal());
}

const SCALES: &str = "[[question]]\nid = \"a\"\ntext = \"A?\"\ngroup = \"tevreden\"\nkind = \"scale\"\nlevels = [\"5\", \"4\", \"3\", \"2\", \"1\"]\n\n\
                      [[question]]\nid = \"b\"\ntext = \"B?\"\ngroup = \"tevreden\"\nkind = \"scale\"\nlevels = [\"5\", \"4\", \"3\", \"2\", \"1\"]\n\n\
                      [[question]]\nid = \"c\"\ntext = \"C?\"\nkind = \"scale\"\nlevels = [\"Ja\", \"Nee\"]\n\n\
                      [[question]]\nid = \"d\"\ntext = \"D?\"\nkind = \"text\"\n";

#[test]
fn groups_and_scales_are_read_in_their_order() {
    let body = format!(
        "{SCALES}\n[[group]]\nid = \"overig\"\ntitle = \"Rest\"\n\n\
         [[group]]\nid = \"tevreden\"\ntitle = \"Tevredenheid\"\ntitle_en = \"Satisfaction\"\n\
         intro = \"Hoe tevreden ben je over:\"\nrole = \"capability\"\n\n\
         [[scale]]\nid = \"tevreden\"\ntitle = \"Tevredenheid\"\nitems = [\"a\", \"b\"]\n"
    );
    let q = Questionnaire::from_toml("po.toml", &format!("{HEAD}{body}")).unwrap();
    let ids: Vec<&str> = q.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["overig", "tevreden"]);
    let g = q.group("tevreden").unwrap();
    assert_eq!(g.title_en.as_deref(), Some("Satisfaction"));
    assert_eq!(g.intro.as_deref(), Some("Hoe tevreden ben je over:"));
    assert_eq!(g.role, Some(GroupRole::Capability));
    assert_eq!(q.scales[0].items, ["a", "b"]);
}

#[test]
fn group_mistakes_are_named_with_their_line() {
    let at = |extra: &str| error(&format!("{SCALES}\n{extra}"));
    // SCALES is 24 lines after the 4-line head: the [[group]] table opens on line 30.
    assert_eq!(
        at("[[group]]\nid = \"tevredn\"\ntitle = \"T\"\n"),
        "wpb.toml:30: group \"tevredn\" has no questions, expected at least one question with group = \"tevredn\""
    );
    assert!(
        at("[[group]]\nid = \"tevreden\"\ntitle = \"T\"\nrole = \"thema\"\n").contains(
            "role \"thema\" is not one of themes, forms, capability, contact, facilitation, network"
        )
    );
    assert!(at("[[group]]\nid = \"tevreden\"\ntitle = \"T\"\n\n[[group]]\nid = \"tevreden\"\ntitle = \"U\"\n")
        .contains("group \"tevreden\" is declared twice"));
    assert!(at("[[group]]\nid = \"tevreden\"\ntitle = \"T\"\nrole = \"themes\"\n\n[[group]]\nid = \"overig\"\ntitle = \"U\"\nrole = \"themes\"\n")
        .contains("role \"themes\" is already given to group \"tevreden\""));
}

#[test]
fn scale_mistakes_are_named() {
    let at = |items: &str| {
        error(&format!(
            "{SCALES}\n[[scale]]\nid = \"s\"\ntitle = \"S\"\nitems = {items}\n"
        ))
    };
    assert!(at("[\"a\", \"x\"]").contains("item \"x\" is not a question of this questionnaire"));
    assert!(
        at("[\"a\", \"d\"]").contains("item \"d\" is a text question, expected a scale question")
    );
    assert!(at("[\"a\", \"c\"]").contains("item \"c\" has 2 levels and item \"a\" 5"));
    assert!(at("[\"a\"]").contains("scale \"s\" has 1 item(s), expected at least 2 questions"));
    assert!(at("[\"a\", \"a\"]").contains("item \"a\" is listed twice"));
}

#[test]
fn a_question_may_declare_a_short_title_in_both_languages() {
    let body = "[[question]]\nid = \"ook_wpb\"\ntext = \"Ben je zelf ook werkplekbegeleider?\"\n\
                short = \"Zelf ook werkplekbegeleider\"\nshort_en = \"Also a mentor\"\n\
                kind = \"yesno\"\n\n[[question]]\nid = \"x\"\ntext = \"X?\"\nkind = \"yesno\"\n";
    let q = Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{body}")).unwrap();
    assert_eq!(
        q.questions[0].short.as_deref(),
        Some("Zelf ook werkplekbegeleider")
    );
    assert_eq!(q.questions[0].short_en.as_deref(), Some("Also a mentor"));
    assert_eq!(q.questions[1].short, None);
}
