//! Grid questions (`[[grid]]`): one stem, many items on the same scale, expanded at load
//! time into ordinary scale questions `<grid>_<item>` that keep the stem for the report.

use serde::Deserialize;
use toml::Spanned;

use super::{Located, RawChoice, RawQuestion};
use crate::questionnaire::GridItem;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::questionnaire) struct RawGrid {
    id: Spanned<String>,
    /// The stem as the export shows it before ` [Item]` (Google Forms, LimeSurvey).
    stem: String,
    stem_en: Option<String>,
    group: Option<String>,
    /// LimeSurvey question code of the array; its columns are `code[SQ001]`.
    code: Option<String>,
    #[serde(default)]
    required: bool,
    levels: Option<Vec<Spanned<RawChoice>>>,
    not_applicable: Option<Vec<Spanned<RawChoice>>>,
    neutral: Option<String>,
    #[serde(default, rename = "item")]
    items: Vec<Spanned<RawGridItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGridItem {
    id: Spanned<String>,
    /// The statement; Microsoft Forms "Likert" columns are headed by it alone.
    text: String,
    label_en: Option<String>,
    /// LimeSurvey subquestion code (default `SQ001`, `SQ002`, ... in order).
    code: Option<String>,
}

/// One expanded item: the scale question as if written out, its span and its grid.
pub(in crate::questionnaire) type Expanded = (Spanned<RawQuestion>, GridItem);

impl RawGrid {
    /// Where the grid starts in the file, for ordering it among the questions.
    pub(in crate::questionnaire) fn start(&self) -> usize {
        self.id.span().start
    }

    /// The grid's items as scale questions, in the order written.
    pub(in crate::questionnaire) fn expand(self) -> Result<Vec<Expanded>, Located> {
        let grid_id = self.id.get_ref().clone();
        if self.items.is_empty() {
            return Err((
                Some(self.id.span()),
                format!("grid \"{grid_id}\" has no items (add [[grid.item]] tables)"),
            ));
        }
        let code = self.code.clone().unwrap_or_else(|| grid_id.clone());
        let mut out = Vec::with_capacity(self.items.len());
        for (i, item) in self.items.into_iter().enumerate() {
            let span = item.span();
            let item = item.into_inner();
            let item_id = item.id.get_ref();
            let id = format!("{grid_id}_{item_id}");
            let sub = item
                .code
                .clone()
                .unwrap_or_else(|| format!("SQ{:03}", i + 1));
            let question = RawQuestion {
                id: Spanned::new(item.id.span(), id),
                text: format!("{} [{}]", self.stem.trim(), item.text.trim()),
                label_en: item.label_en.clone(),
                short: None,
                short_en: None,
                group: self.group.clone(),
                code: Some(format!("{code}[{sub}]")),
                required: self.required,
                only_if: None,
                kind: Spanned::new(self.id.span(), "scale".to_string()),
                options: None,
                option: None,
                levels: self.levels.clone(),
                not_applicable: self.not_applicable.clone(),
                neutral: self.neutral.clone(),
                other: None,
                unit: None,
                unit_en: None,
                min: None,
                max: None,
                unknown: None,
                bands: None,
                yes: None,
                no: None,
                follow_up: None,
                motivation_for: None,
                personal: None,
            };
            let grid = GridItem {
                grid: grid_id.clone(),
                stem: self.stem.trim().to_string(),
                stem_en: self.stem_en.clone(),
                item: item.text.trim().to_string(),
                item_en: item.label_en,
            };
            out.push((Spanned::new(span, question), grid));
        }
        Ok(out)
    }
}
