//! peiling-planner
