//! The bundled BOS instance: the BOS 2020 survey's demand, the BOS catalogue, region
//! zuid's holidays.

use peiling_analysis::{analyze, AnalysisOptions};
use peiling_planner::{plan, Catalogue, Holidays, PlanOptions, RotationPlan, SurveyDemand};
use peiling_survey::{ImportOptions, Survey};

pub fn demand() -> SurveyDemand {
    let survey = Survey::bundled(&ImportOptions::default()).unwrap();
    SurveyDemand::from(&analyze(&survey, &AnalysisOptions::default()).unwrap())
}

pub fn bos() -> Catalogue {
    Catalogue::bundled("bos").unwrap()
}

pub fn holidays() -> Holidays {
    let text = include_str!("../../../../datasets/holidays/zuid.toml");
    Holidays::from_toml("zuid.toml", text).unwrap()
}

pub fn bos_plan(options: &PlanOptions) -> RotationPlan {
    plan(&bos(), &demand(), options).unwrap()
}
