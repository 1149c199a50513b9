//! The comparison with an earlier edition of the survey.

use super::{anchor, slug, title_lead, Composer};
use crate::charts::{self, Chart, GroupedRow};
use crate::i18n::Lang;
use crate::model::{text, Block, ChartRef, Row, RowKind, Section, Table};
use peiling_analysis::Comparison;

impl Composer<'_> {
    pub(super) fn comparison_section(&self, c: &Comparison) -> Section {
        let lang = self.lang;
        let mut sec = Section::new(
            "vergelijking",
            match lang {
                Lang::Nl => format!("Vergelijking: {} en {}", c.left, c.right),
                Lang::En => format!("Comparison: {} and {}", c.left, c.right),
            },
        );
        sec.page_break = true;
        sec.blocks.push(Block::Paragraph(vec![text(match lang {
            Lang::Nl => format!(
                "De vragen die beide enquêtes stellen, met percentages van ieders eigen basis; het verschil in procentpunten is {} min {}.",
                c.right, c.left
            ),
            Lang::En => format!(
                "The questions both surveys ask, with percentages of each one's own base; the difference in percentage points is {} minus {}.",
                c.right, c.left
            ),
        })]));
        for q in &c.questions {
            let mut child = Section::new(
                anchor(&format!("vergelijking-{}-{}", q.questionnaire, q.id)),
                q.text.clone(),
            );
            // The small-cell rule: put to fewer than the minimum in either edition.
            let small = [q.left_base, q.right_base]
                .into_iter()
                .find(|&n| self.too_few(n));
            if let Some(n) = small {
                self.held_back(|t| t.questions += 1);
                child.blocks.push(Block::Note(match lang {
                    Lang::Nl => format!(
                        "In een van beide enquêtes aan {n} mensen gesteld, minder dan {}: niet vergeleken, zodat niemand herkenbaar is.",
                        self.min_group
                    ),
                    Lang::En => format!(
                        "In one of the two surveys put to {n} people, fewer than {}: not compared, so that no one can be recognised.",
                        self.min_group
                    ),
                }));
                sec.children.push(child);
                continue;
            }
            let rows = q
                .rows
                .iter()
                .map(|r| {
                    Row::new(
                        RowKind::Normal,
                        vec![
                            r.label.clone(),
                            r.left_count.to_string(),
                            lang.pct(r.left_pct),
                            r.right_count.to_string(),
                            lang.pct(r.right_pct),
                            format!("{:+.1}", crate::i18n::round1(r.diff_pp))
                                .replace('.', lang.pick(",", ".")),
                        ],
                    )
                })
                .collect();
            child.blocks.push(Block::Table(Table {
                header: vec![
                    self.t("Antwoord", "Answer").into(),
                    format!("{} n", c.left),
                    format!("{} % (van {})", c.left, q.left_base)
                        .replace(" (van ", self.t(" (van ", " (of ")),
                    format!("{} n", c.right),
                    format!("{} % (van {})", c.right, q.right_base)
                        .replace(" (van ", self.t(" (van ", " (of ")),
                    self.t("verschil (pp)", "difference (pp)").into(),
                ],
                rows,
                numeric_from: 1,
            }));
            let grouped: Vec<GroupedRow> = q
                .rows
                .iter()
                .map(|r| GroupedRow {
                    label: r.label.clone(),
                    values: vec![Some(r.left_pct), Some(r.right_pct)],
                    labels: vec![lang.pct(r.left_pct), lang.pct(r.right_pct)],
                })
                .collect();
            let title = match lang {
                Lang::Nl => format!(
                    "{} {} en {} (% van elk)",
                    title_lead(&q.text),
                    c.left,
                    c.right
                ),
                Lang::En => format!(
                    "{} {} and {} (% of each)",
                    title_lead(&q.text),
                    c.left,
                    c.right
                ),
            };
            let alt = format!(
                "{title}. {}",
                q.rows
                    .iter()
                    .map(|r| format!(
                        "{}: {} {}, {} {}",
                        r.label,
                        c.left,
                        lang.pct(r.left_pct),
                        c.right,
                        lang.pct(r.right_pct)
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            child.blocks.push(Block::Chart(ChartRef {
                id: slug(&format!("vergelijking-{}-{}", q.questionnaire, q.id)),
                alt,
                chart: Chart::Grouped(charts::Grouped {
                    title,
                    series: vec![c.left.clone(), c.right.clone()],
                    rows: grouped,
                    note: None,
                }),
            }));
            if let Some(t) = &q.test {
                child.blocks.push(Block::Note(format!(
                    "{}: {}, p = {}.",
                    t.name,
                    lang.num_precise(t.statistic),
                    lang.num_p(t.p)
                )));
            }
            sec.children.push(child);
        }
        sec
    }
}
