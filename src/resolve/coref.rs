//! Short-name coreference inside a document (GATE's OrthoMatcher): a later "والترز" or
//! "Walters" links to "Richard Walters", an acronym to its expansion.

use super::Resolved;
use crate::text::Prepared;

/// Adds mentions of short names of entities already found and re-links mentions whose
/// text is a short form of another entity's name.
pub fn link(_prep: &Prepared<'_>, _mentions: &mut Vec<Resolved>) {}
