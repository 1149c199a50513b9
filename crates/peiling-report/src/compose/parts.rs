//! A section per survey part, and within it a section per question group.

use super::{anchor, group_order, scale_clusters, scale_items, Composer};
use crate::headline;
use crate::i18n::{audience_plural, capitalise, group_subject, group_title, Lang};
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
                self.t("Rijen in de export", "Rows in the export").into(),
                part.rows_read.to_string(),
            ],
        ));
        rows.push(Row::new(
            RowKind::Apart,
            vec![
                self.t(
                    "Afgewezen (onleesbaar of dubbel)",
                    "Rejected (unreadable or duplicate)",
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
                self.t("Respondenten", "Respondents").into(),
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
            header: vec![String::new(), "n".into()],
            rows,
            numeric_from: 1,
        }));
        sec.children.push(resp);

        for group in group_order(part) {
            sec.children.push(self.group_section(part, &group));
        }
        sec
    }

    pub(super) fn group_section(&self, part: &PartSummary, group: &str) -> Section {
        let lang = self.lang;
        let mut sec = Section::new(
            anchor(&format!("{}-{group}", part.questionnaire)),
            group_title(lang, group),
        );
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
        let subject = group_subject(lang, group);

        // The headline: rule G for a group of scale items, else the lead question's.
        let lead = questions
            .iter()
            .find(|q| !matches!(q.kind.as_str(), "text" | "personal"));
        let group_rule = lead.filter(|q| q.kind == "scale").and_then(|q| {
            clusters
                .iter()
                .find(|c| c.len() >= 2 && c.iter().any(|x| x.id == q.id))
                .and_then(|c| headline::scale_group(lang, &scale_items(lang, c)))
        });
        // When the group's headline is its lead question's, the question does not
        // repeat it.
        let lead_said = if group_rule.is_none() {
            lead.map(|q| q.id.as_str())
        } else {
            None
        };
        let group_headline = match (group_rule, lead) {
            (Some(g), _) => g,
            (None, Some(q)) => headline::question(lang, &self.names, q, Some(&subject)),
            (None, None) => questions
                .first()
                .map(|q| headline::question(lang, &self.names, q, None))
                .unwrap_or_default(),
        };
        sec.headline = Some(group_headline);

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
                    sec.blocks.push(Block::Note(match lang {
                        Lang::Nl => format!(
                            "Samenhang van deze {} schaalvragen (Cronbach's alfa): {} (n = {}); onder 0,7 meten ze niet hetzelfde en horen ze apart gelezen te worden.",
                            r.items.len(),
                            lang.num_precise(alpha),
                            r.respondents
                        ),
                        Lang::En => format!(
                            "Consistency of these {} scale questions (Cronbach's alpha): {} (n = {}); below 0.7 they do not measure one thing and should be read apart.",
                            r.items.len(),
                            lang.num_precise(alpha),
                            r.respondents
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
                        part,
                        m.label(self.en()).to_string(),
                        answers.iter().map(|a| (a.text.as_str(), a.count)),
                        m.answered,
                    ));
                }
            }
            sec.children.push(child);
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
