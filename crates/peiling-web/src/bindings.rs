//! The JavaScript face of [`crate::Workspace`] (wasm-bindgen, `--target web`): the same
//! methods, with an error's one line as the message of a `JsError`.

use wasm_bindgen::prelude::*;

fn js(result: Result<String, String>) -> Result<String, JsError> {
    result.map_err(|e| JsError::new(&e))
}

/// A virtual folder of files; nothing touches a disk.
#[wasm_bindgen]
pub struct Workspace(crate::Workspace);

#[wasm_bindgen]
impl Workspace {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Workspace {
        Workspace(crate::Workspace::new())
    }

    /// Adds or replaces one file by its base name ("wpb.csv", "survey.toml").
    pub fn add_file(&mut self, name: &str, bytes: Vec<u8>) {
        self.0.add_file(name, bytes);
    }

    pub fn remove_file(&mut self, name: &str) {
        self.0.remove_file(name);
    }

    pub fn file_names(&self) -> Vec<String> {
        self.0.file_names()
    }

    /// What `use_bundled` can load: JSON `[{"id","title"}]`.
    pub fn bundled() -> String {
        crate::Workspace::bundled()
    }

    /// Loads the bundled survey's survey.toml and questionnaires (not its exports).
    pub fn use_bundled(&mut self, id: &str) -> Result<(), JsError> {
        self.0.use_bundled(id).map_err(|e| JsError::new(&e))
    }

    /// A draft questionnaire TOML for one dropped export, answered by `audience`
    /// (`peiling init --audience`); a mistake in the export worded in `lang`.
    pub fn draft(&self, export_name: &str, audience: &str, lang: &str) -> Result<String, JsError> {
        js(self.0.draft(export_name, audience, lang))
    }

    /// A questionnaire of the folder, parsed, as JSON.
    pub fn questionnaire_json(&self, name: &str) -> Result<String, JsError> {
        js(self.0.questionnaire_json(name))
    }

    /// The import's accounting as JSON (`peiling validate`).
    pub fn accounting(&self, lang: &str) -> Result<String, JsError> {
        js(self.0.accounting(lang))
    }

    /// report.html ("full") or bijlage.html ("bijlage"), as `peiling report` writes it.
    pub fn report_html(&self, lang: &str, length: &str) -> Result<String, JsError> {
        js(self.0.report_html(lang, length))
    }

    /// report.md ("full") or bijlage.md ("bijlage").
    pub fn report_markdown(&self, lang: &str, length: &str) -> Result<String, JsError> {
        js(self.0.report_markdown(lang, length))
    }

    /// plan.json as `peiling plan` writes it.
    pub fn plan_json(&self) -> Result<String, JsError> {
        js(self.0.plan_json())
    }

    /// plan.ics as `peiling plan --lang LANG` writes it ("nl" or "en").
    pub fn plan_ics(&self, lang: &str) -> Result<String, JsError> {
        js(self.0.plan_ics(lang))
    }
}
