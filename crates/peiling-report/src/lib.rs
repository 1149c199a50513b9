//! peiling-report
