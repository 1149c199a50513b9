//! A section per survey part, and within it a section per question group.

use super::{anchor, groups, scale_clusters, scale_items, Composer};
use crate::headline;
use crate::i18n::{audience_plural, capitalise, Lang};
use crate::model::{text, Block, Row, RowKind, Section, Table};
use peiling_analysis::{Detail, PartSummary, QuestionSummary};

impl Composer<'_> {
    // ---------------------------------------------------------------- survey parts

    pub(super) fn part_section(&self, part: &PartSummary) -> Section {
        let lang = self.lang;
        let who = audience_plural(lang, &part.audience);
        let mut sec = Section::new(
            anchor(&part.questionnaire),
            format!("{} ({})", capitalise(&who), part.audience),
        );
        sec.page_break = true;
        let title = match (&part.title_en, self.en()) {
            (Some(en), true) => en.as_str(),
            _ => part.title.as_str(),
        };
        sec.blocks.push(Block::Paragraph(vec![text(title)]));

        let mut resp = Section::new(
            anchor(&format!("{}-respons", part.questionnaire)),
            self.t("Respons", "Response"),
        );
        resp.headline = Some(headline::response(lang, part));
        let mut rows = Vec::new();
        if let Some(pop) = part.population {
            rows.push(Row::new(
                RowKind::Normal,
                vec![self.t("Uitgenodigd", "Invited").into(), pop.to_string()],
            ));
        }
        rows.push(Row::new(
            RowKind::Normal,
            vec![
                self.t("Ingevulde lijsten", "Completed forms").into(),
                part.rows_read.to_string(),
            ],
        ));
        rows.push(Row::new(
            RowKind::Apart,
            vec![
                self.t(
                    "Niet gebruikt (onleesbaar of dubbel)",
                    "Not used (unreadable or duplicate)",
                )
                .into(),
                part.rows_rejected.to_string(),
            ],
        ));
        if !self.summary.filters.is_empty() {
            rows.push(Row::new(
                RowKind::Apart,
                vec![
                    self.t("Buiten het filter", "Outside the filter").into(),
                    (part.rows_read - part.rows_rejected)
                        .saturating_sub(part.respondents)
                        .to_string(),
                ],
            ));
        }
        rows.push(Row::new(
            RowKind::Total,
            vec![
                self.t("Deden mee", "Took part").into(),
                part.respondents.to_string(),
            ],
        ));
        if let Some(rate) = part.response_rate {
            rows.push(Row::new(
                RowKind::Normal,
                vec![
                    self.t("Respons", "Response rate").into(),
                    lang.pct(rate * 100.0),
                ],
            ));
        }
        resp.blocks.push(Block::Table(Table {
            header: vec![String::new(), self.t("Aantal", "Count").into()],
            rows,
            numeric_from: 1,
        }));
        sec.children.push(resp);

        // The groups as the questionnaire has them, also those whose questions were all
        // put to too few people: their sections say so, nothing is left out in silence.
        let original = self
            .unscreened
            .parts
            .iter()
            .find(|p| p.questionnaire == part.questionnaire)
            .unwrap_or(part);
        for group in groups::order(original) {
            sec.children.push(self.group_section(part, &group));
        }
        sec
    }

    pub(super) fn group_section(&self, part: &PartSummary, group: &str) -> Section {
        let lang = self.lang;
        let mut sec = Section::new(
            anchor(&format!("{}-{group}", part.questionnaire)),
            groups::title(lang, part, group),
        );
        if let Some(intro) = groups::intro(lang, part, group) {
            sec.blocks.push(Block::Paragraph(vec![text(intro)]));
        }
        let questions: Vec<&QuestionSummary> =
            part.questions.iter().filter(|q| q.group == group).collect();
        let motivation_target = |q: &QuestionSummary| match &q.detail {
            Detail::Text {
                motivation_for: Some(target),
                ..
            } => part.question(target).map(|_| target.clone()),
            _ => None,
        };
        let clusters = scale_clusters(part, group);
        let subject = groups::subject(lang, part, group);

        // The headline: rule G for a group of scale items, else the lead question's.
        let lead = questions
            .iter()
            .find(|q| !matches!(q.kind.as_str(), "text" | "personal"));
        let group_rule = lead.filter(|q| q.kind == "scale").and_then(|q| {
            clusters
                .iter()
                .find(|c| c.len() >= 2 && c.iter().any(|x| x.id == q.id))
                .and_then(|c| {
                    let who = audience_plural(lang, &part.audience);
                    headline::scale_group(
                        lang,
                        &scale_items(lang, part, c),
                        (&who, part.respondents),
                    )
                })
        });
        // When the group's headline is its lead question's, the question does not
        // repeat it.
        let lead_said = if group_rule.is_none() {
            lead.map(|q| q.id.as_str())
        } else {
            None
        };
        let group_headline = match (group_rule, lead) {
            (Some(g), _) => Some(g),
            (None, Some(q)) => Some(self.headline(q, Some(&subject))),
            // Free text only: each question says its own headline; the group repeats none.
            (None, None) => questions
                .first()
                .filter(|q| q.kind != "text")
                .map(|q| self.headline(q, None)),
        };
        sec.headline = group_headline;

        for cluster in clusters.iter().filter(|c| c.len() >= 2) {
            // How to read the bars: once, in the reading guide.
            sec.blocks
                .push(Block::Chart(self.diverging_chart(part, group, cluster)));
        }
        for r in &part.reliability {
            let inside = r
                .items
                .iter()
                .all(|id| part.question(id).is_some_and(|q| q.group == group));
            if inside {
                if let Some(alpha) = r.cronbach_alpha {
                    let title = match (&r.title_en, &r.title, lang) {
                        (Some(en), _, Lang::En) => en.clone(),
                        (_, Some(nl), _) => nl.clone(),
                        _ => String::new(),
                    };
                    let (k, a, n) = (r.items.len(), lang.num_precise(alpha), r.respondents);
                    let verdict = match (alpha >= 0.7, lang) {
                        (true, Lang::Nl) => "vanaf 0,7 meten de vragen samen één ding",
                        (false, Lang::Nl) => {
                            "onder 0,7 meten de vragen niet één ding: lees ze apart"
                        }
                        (true, Lang::En) => "from 0.7 on the questions measure one thing together",
                        (false, Lang::En) => {
                            "below 0.7 the questions do not measure one thing: read them apart"
                        }
                    };
                    sec.blocks.push(Block::Note(match lang {
                        Lang::Nl => format!(
                            "Samenhang van de schaal \u{201e}{title}\u{201d} ({k} vragen, Cronbach's alfa): {a} (n = {n}); {verdict}."
                        ),
                        Lang::En => format!(
                            "Consistency of the scale \u{201c}{title}\u{201d} ({k} questions, Cronbach's alpha): {a} (n = {n}); {verdict}."
                        ),
                    }));
                }
            }
        }

        let mut personal = Vec::new();
        for q in &questions {
            if q.kind == "personal" {
                personal.push(q);
                continue;
            }
            if motivation_target(q).is_some() {
                continue;
            }
            let in_cluster = clusters
                .iter()
                .any(|c| c.len() >= 2 && c.iter().any(|x| x.id == q.id));
            let mut child = self.question_section(part, group, q, !in_cluster);
            if lead_said == Some(q.id.as_str()) {
                child.headline = None;
            }
            // Motivations (possibly from another group) go under the question they explain.
            for m in part
                .questions
                .iter()
                .filter(|m| motivation_target(m).as_deref() == Some(q.id.as_str()))
            {
                if let Detail::Text { answers, .. } = &m.detail {
                    child.blocks.push(self.quotes(
                        m.label(self.en()).to_string(),
                        answers.iter().map(|a| (a.text.as_str(), a.count)),
                        m.base,
                        m.answered,
                    ));
                }
            }
            sec.children.push(child);
        }
        for w in self
            .withheld
            .iter()
            .filter(|w| w.part == part.questionnaire && w.group == group)
        {
            sec.children.push(self.withheld_section(part, w));
        }
        if sec.headline.as_deref().is_none_or(str::is_empty) {
            sec.headline = Some(self.withheld_headline());
        }
        if !personal.is_empty() {
            let items = personal
                .iter()
                .map(|q| {
                    vec![text(match lang {
                        Lang::Nl => format!(
                            "{}: ingevuld door {}",
                            q.label(false),
                            lang.of(q.answered, q.base)
                        ),
                        Lang::En => format!(
                            "{}: given by {}",
                            q.label(true),
                            lang.of(q.answered, q.base)
                        ),
                    })]
                })
                .collect();
            // After the question that asked for them (the last one shown), else here.
            let target = match sec.children.last_mut() {
                Some(last) => &mut last.blocks,
                None => &mut sec.blocks,
            };
            target.push(Block::Paragraph(vec![text(self.t(
                "Persoonsgegevens staan niet in dit rapport; alleen hoeveel mensen ze gaven:",
                "Personal data is not in this report; only how many people gave it:",
            ))]));
            target.push(Block::List(items));
        }
        sec
    }
}
