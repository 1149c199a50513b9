//! The one convention that ties a plan's meeting to an activity of the records: its id is
//! "<school year>-<slot>" ("2021-2022-3": the third meeting of school year 2021-2022).

/// The activity id of the `slot`-th meeting (1-based) of `school_year` ("2021-2022").
pub fn activity_id(school_year: &str, slot: u32) -> String {
    format!("{school_year}-{slot}")
}

/// The school year and slot of an activity id made by [`activity_id`]; `None` for an id
/// chosen by hand in another form.
pub fn parse_activity_id(id: &str) -> Option<(&str, u32)> {
    let (year, slot) = id.rsplit_once('-')?;
    let (from, to) = year.split_once('-')?;
    let (from, to): (u32, u32) = (from.parse().ok()?, to.parse().ok()?);
    let slot: u32 = slot.parse().ok()?;
    (year.len() == 9 && to == from + 1 && slot > 0).then_some((year, slot))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_the_school_year_and_the_slot_and_reads_back() {
        assert_eq!(activity_id("2021-2022", 3), "2021-2022-3");
        assert_eq!(activity_id("2022-2023", 12), "2022-2023-12");
        assert_eq!(parse_activity_id("2021-2022-3"), Some(("2021-2022", 3)));
        assert_eq!(parse_activity_id("2022-2023-12"), Some(("2022-2023", 12)));
        for hand_made in [
            "intervisie-1",
            "2021-2023-1",
            "2021-2022-0",
            "2021-2022",
            "x",
        ] {
            assert_eq!(parse_activity_id(hand_made), None, "{hand_made}");
        }
    }
}
