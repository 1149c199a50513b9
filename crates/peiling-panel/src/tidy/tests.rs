//! The tidy rows against the import's own accounting and a recount of the responses.

use std::collections::HashMap;

use peiling_survey::{ImportOptions, Survey};
use polars::prelude::*;

use super::*;

fn bundled() -> Survey {
    Survey::bundled(&ImportOptions::default()).unwrap()
}

/// Per (questionnaire, question, status): distinct respondents, from the frame.
fn status_counts(df: &DataFrame) -> HashMap<(String, String, String), u32> {
    let counts = df
        .clone()
        .lazy()
        .group_by([col("questionnaire"), col("question"), col("status")])
        .agg([col("respondent").n_unique().alias("n")])
        .collect()
        .unwrap();
    let q = counts
        .column("questionnaire")
        .unwrap()
        .str()
        .unwrap()
        .clone();
    let id = counts.column("question").unwrap().str().unwrap().clone();
    let s = counts.column("status").unwrap().str().unwrap().clone();
    let n = counts
        .column("n")
        .unwrap()
        .cast(&DataType::UInt32)
        .unwrap()
        .u32()
        .unwrap()
        .clone();
    (0..counts.height())
        .map(|i| {
            (
                (
                    q.get(i).unwrap().to_string(),
                    id.get(i).unwrap().to_string(),
                    s.get(i).unwrap().to_string(),
                ),
                n.get(i).unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_status_matches_the_imports_tallies() {
    let survey = bundled();
    let tidy = Tidy::from_survey(&survey);
    let df = tidy.frame().unwrap();
    assert_eq!(df.height(), tidy.len());
    let counts = status_counts(&df);
    let get = |q: &str, id: &str, s: Status| {
        counts
            .get(&(q.to_string(), id.to_string(), s.as_str().to_string()))
            .copied()
            .unwrap_or(0) as usize
    };
    let mut checked = 0;
    for part in &survey.parts {
        let q = part.questionnaire();
        for t in &part.data.report.tallies {
            let question = q.question(&t.question).unwrap();
            if question.is_personal() {
                assert_eq!(get(&q.id, &t.question, Status::Answered), 0);
                continue;
            }
            let answered = get(&q.id, &t.question, Status::Answered)
                + get(&q.id, &t.question, Status::NotApplicable)
                + get(&q.id, &t.question, Status::Unknown);
            assert_eq!(answered, t.answered, "{}", t.question);
            assert_eq!(get(&q.id, &t.question, Status::NoAnswer), t.no_answer);
            assert_eq!(get(&q.id, &t.question, Status::Invalid), t.invalid);
            assert_eq!(get(&q.id, &t.question, Status::NotAsked), t.not_asked);
            assert_eq!(get(&q.id, &t.question, Status::Unknown), t.unknown);
            assert_eq!(
                get(&q.id, &t.question, Status::NotApplicable),
                t.not_applicable
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked}");
}

#[test]
fn multi_select_gives_a_row_per_chosen_option() {
    let survey = bundled();
    let part = survey.part("wpb").unwrap();
    let qi = part.questionnaire().question_index("thema").unwrap();
    // Recount from the responses: how often each option was chosen.
    let mut expected: HashMap<usize, u32> = HashMap::new();
    for r in &part.data.responses {
        if let Answer::Multi { chosen, .. } = &r.answers[qi] {
            for &c in chosen {
                *expected.entry(c).or_default() += 1;
            }
        }
    }
    let tidy = Tidy::from_survey(&survey);
    let df = tidy
        .frame()
        .unwrap()
        .lazy()
        .filter(
            col("questionnaire")
                .eq(lit("wpb"))
                .and(col("question").eq(lit("thema")))
                .and(col("category").is_not_null()),
        )
        .group_by([col("category")])
        .agg([len().alias("n")])
        .collect()
        .unwrap();
    assert_eq!(df.height(), expected.len());
    let cat = df.column("category").unwrap().u32().unwrap().clone();
    let n = df
        .column("n")
        .unwrap()
        .cast(&DataType::UInt32)
        .unwrap()
        .u32()
        .unwrap()
        .clone();
    for i in 0..df.height() {
        let c = cat.get(i).unwrap() as usize;
        assert_eq!(n.get(i), expected.get(&c).copied(), "option {c}");
    }
}

#[test]
fn no_personal_data_and_a_counter_for_a_key() {
    let survey = bundled();
    let tidy = Tidy::from_survey(&survey);
    let mut csv = Vec::new();
    tidy.write_csv(&mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    // The bundled export has names and addresses of those who may be approached, as
    // answers to its personal questions.
    let mut personal = 0;
    for part in &survey.parts {
        let q = part.questionnaire();
        for r in &part.data.responses {
            for (qi, a) in r.answers.iter().enumerate() {
                if let (true, Answer::Text(t)) = (q.questions[qi].is_personal(), a) {
                    if t.trim().len() > 3 {
                        personal += 1;
                        assert!(!text.contains(t.trim()), "{t}");
                    }
                }
            }
        }
    }
    assert!(
        personal > 0,
        "the bundled export has contact details to leave out"
    );
    assert!(!text.contains("\"email\"") && !text.contains(",naam,"));
    // The key counts per questionnaire: 1..=respondents.
    for part in &tidy.parts {
        let max = tidy
            .rows
            .iter()
            .filter(|r| tidy.parts[r.part as usize].questionnaire == part.questionnaire)
            .map(|r| r.respondent)
            .max();
        assert_eq!(max, Some(part.respondents));
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_round_trip_keeps_every_row() {
    let tidy = Tidy::from_survey(&bundled());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.parquet");
    tidy.write_parquet(std::fs::File::create(&path).unwrap())
        .unwrap();
    let back = read_parquet(&path).unwrap();
    let original = tidy.frame().unwrap();
    assert_eq!(back.height(), original.height());
    assert_eq!(
        back.get_column_names()
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
        COLUMNS.to_vec()
    );
    assert!(back.equals_missing(&original));
}

#[test]
fn scale_values_count_up_from_the_least_positive_level() {
    let survey = bundled();
    let tidy = Tidy::from_survey(&survey);
    let q = tidy
        .parts
        .iter()
        .find(|p| p.questionnaire == "wpb")
        .unwrap();
    let slot = q
        .questions
        .iter()
        .position(|x| x.id == "competent")
        .unwrap();
    let levels = q.questions[slot].labels.len();
    for r in tidy
        .rows
        .iter()
        .filter(|r| tidy.parts[r.part as usize].questionnaire == "wpb" && r.question == slot as u32)
    {
        if let Label::Category(c) = r.label {
            assert_eq!(r.value, Some((levels - c as usize) as f64));
        }
    }
}
