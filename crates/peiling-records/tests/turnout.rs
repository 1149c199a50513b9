//! The turnout of the bundled synthetic records of 2021-2022 (datasets/
//! bos-records-2021-2022), recounted in this file straight from its CSV files: who signed
//! up for which meeting, who was ticked present, and their roles.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use peiling_records::{ImportKind, ImportOptions, PlanActivities, Records};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// (slot, path) of each attendance list.
fn lists() -> Vec<(u32, PathBuf)> {
    let mut v: Vec<(u32, PathBuf)> =
        std::fs::read_dir(repo("datasets/bos-records-2021-2022/presentie"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                (
                    p.file_name().unwrap().to_str().unwrap()[..2]
                        .parse()
                        .unwrap(),
                    p,
                )
            })
            .collect();
    v.sort();
    v
}

fn filled(dir: &Path) -> Records {
    let mut r = Records::open(&dir.join("r.db")).unwrap();
    let text = std::fs::read_to_string(repo("reports/bos-2020/nl/plan.json")).unwrap();
    r.add_activities(&PlanActivities::from_json("plan.json", &text).unwrap())
        .unwrap();
    let signups = std::fs::read(repo("datasets/bos-records-2021-2022/aanmeldingen.csv")).unwrap();
    r.import("aanmeldingen.csv", &signups, &ImportOptions::default())
        .unwrap();
    for (slot, path) in lists() {
        let opts = ImportOptions {
            kind: ImportKind::Attendance,
            activity: Some(peiling_core::activity_id("2021-2022", slot)),
            ..Default::default()
        };
        r.import("list.csv", &std::fs::read(path).unwrap(), &opts)
            .unwrap();
    }
    r
}

struct Recount {
    /// e-mail -> role, from the sign-ups.
    roles: BTreeMap<String, String>,
    /// e-mail -> the first year of "In deze rol sinds".
    since: BTreeMap<String, i32>,
    /// meeting title (with date) -> e-mail addresses signed up.
    signed: BTreeMap<String, BTreeSet<String>>,
}

fn recount_signups() -> Recount {
    let text =
        std::fs::read_to_string(repo("datasets/bos-records-2021-2022/aanmeldingen.csv")).unwrap();
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let (mut roles, mut signed) = (BTreeMap::new(), BTreeMap::<String, BTreeSet<String>>::new());
    let mut since = BTreeMap::new();
    for row in rows.records() {
        let row = row.unwrap();
        let mail = row[6].to_lowercase();
        roles.insert(mail.clone(), row[8].to_string());
        since.insert(mail.clone(), row[9][..4].parse().unwrap());
        for meeting in row[10].split(';') {
            signed
                .entry(meeting.to_string())
                .or_default()
                .insert(mail.clone());
        }
    }
    Recount {
        roles,
        since,
        signed,
    }
}

/// (ticked present, ticked absent) addresses of one list.
fn ticks(path: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut present = BTreeSet::new();
    let mut absent = BTreeSet::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(';').collect();
        let set = if f[3] == "ja" {
            &mut present
        } else {
            &mut absent
        };
        set.insert(f[1].to_lowercase());
    }
    (present, absent)
}

#[test]
fn turnout_per_meeting_and_theme_matches_a_recount_of_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let r = filled(dir.path());
    let t = r.turnout(&["2021-2022".to_string()]).unwrap();
    let re = recount_signups();
    assert_eq!(t.meetings.len(), lists().len());
    let mut by_theme: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, (_, path)) in t.meetings.iter().zip(lists()) {
        let key = format!("{} ({})", m.title, m.date);
        let signed = re.signed.get(&key).cloned().unwrap_or_default();
        let (present, _) = ticks(&path);
        assert_eq!(m.registered, signed.len(), "{key}");
        assert_eq!(m.attended, present.len(), "{key}");
        assert_eq!(m.no_shows, signed.difference(&present).count(), "{key}");
        assert_eq!(m.walk_ins, present.difference(&signed).count(), "{key}");
        let mut roles: BTreeMap<String, usize> = BTreeMap::new();
        for mail in &present {
            *roles.entry(re.roles[mail].clone()).or_default() += 1;
        }
        let got: BTreeMap<String, usize> = m.attended_by_role.iter().cloned().collect();
        assert_eq!(got, roles, "{key}");
        by_theme
            .entry(m.theme.clone().unwrap())
            .or_default()
            .extend(present);
    }
    assert_eq!(t.themes.len(), by_theme.len());
    for th in &t.themes {
        assert_eq!(th.persons, by_theme[&th.theme].len(), "{}", th.theme);
    }
    // Roles in the partnership's order: WPB before SO before IO.
    let first = &t.meetings[0].attended_by_role;
    let order: Vec<&str> = first.iter().map(|(r, _)| r.as_str()).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|r| ["WPB", "SO", "IO"].iter().position(|x| x == r));
    assert_eq!(order, sorted);
}

#[test]
fn turnout_of_another_year_is_empty_and_a_bad_year_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let r = filled(dir.path());
    let later = r.turnout(&["2022-2023".to_string()]).unwrap();
    assert!(later
        .meetings
        .iter()
        .all(|m| m.attended == 0 && m.registered == 0));
    assert!(later.themes.iter().all(|t| t.persons == 0));
    assert!(r.turnout(&["volgend jaar".to_string()]).is_err());
}

/// The counts the planner gets (`DueReport::expected`), recounted from the files: the
/// new WPB'ers (started in the school year or the one before) with fewer than 18 hours of
/// basis meetings are due for the WPB training, not all 28 (issue 16), and the refresher
/// counts only those not at the training already, each person once.
#[test]
fn due_counts_for_the_planner_count_each_person_once() {
    use peiling_records::{Expected, Requirements, BOS_REQUIREMENTS};
    let dir = tempfile::tempdir().unwrap();
    let r = filled(dir.path());
    let reqs = Requirements::from_toml("bos.toml", BOS_REQUIREMENTS).unwrap();
    let re = recount_signups();
    let plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo("reports/bos-2020/nl/plan.json")).unwrap(),
    )
    .unwrap();
    let mut came = BTreeSet::new();
    // e-mail -> hours of basis meetings attended (all of them in 2021-2022).
    let mut basis_hours: BTreeMap<String, f64> = BTreeMap::new();
    for (slot, path) in lists() {
        let present = ticks(&path).0;
        let m = plan["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["school_year"] == "2021-2022" && m["slot"] == slot)
            .unwrap();
        if m["level"] == "basis" {
            for mail in &present {
                *basis_hours.entry(mail.clone()).or_default() += m["hours"].as_f64().unwrap();
            }
        }
        came.extend(present);
    }
    for year in ["2021-2022", "2022-2023", "2023-2024"] {
        let got = r.due(&reqs, year).unwrap().expected(&reqs);
        let of = |kind: Expected, role: &str| {
            got.iter()
                .filter(|e| e.kind == kind && e.role == role)
                .map(|e| e.people)
                .sum::<usize>()
        };
        let start: i32 = year[..4].parse().unwrap();
        let training: BTreeSet<&String> = re
            .roles
            .iter()
            .filter(|(mail, r)| {
                *r == "WPB"
                    && (start - 1..=start).contains(&re.since[*mail])
                    && basis_hours.get(*mail).copied().unwrap_or(0.0) < 18.0
            })
            .map(|(mail, _)| mail)
            .collect();
        assert_eq!(of(Expected::Training, "WPB"), training.len(), "{year}");
        assert!(training.len() < 10, "{year}: not every WPB'er is new");
        let wpb_refresher = re
            .roles
            .iter()
            .filter(|(mail, r)| *r == "WPB" && !came.contains(*mail) && !training.contains(mail))
            .count();
        assert_eq!(of(Expected::Refresher, "WPB"), wpb_refresher, "{year}");
        for role in ["SO", "IO"] {
            // 2023-2024: the window of three school years starts 2021-08-01, so
            // attendance in 2021-2022 still counts.
            let never = re
                .roles
                .iter()
                .filter(|(mail, r)| *r == role && !came.contains(*mail))
                .count();
            assert_eq!(of(Expected::Refresher, role), never, "{year} {role}");
        }
        assert!(got.iter().all(|e| e.people > 0));
    }
}
