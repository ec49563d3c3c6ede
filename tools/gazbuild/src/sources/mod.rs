//! One module per family of raw sources.

pub mod geo;
pub mod groups;
pub mod orgs;
pub mod people;
