//! The one convention that ties a plan's meeting to an activity of the records: its id is
//! "<school year>-<slot>" ("2021-2022-3": the third meeting of school year 2021-2022).

/// The activity id of the `slot`-th meeting (1-based) of `school_year` ("2021-2022").
pub fn activity_id(school_year: &str, slot: u32) -> String {
    format!("{school_year}-{slot}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_the_school_year_and_the_slot() {
        assert_eq!(activity_id("2021-2022", 3), "2021-2022-3");
        assert_eq!(activity_id("2022-2023", 12), "2022-2023-12");
    }
}
