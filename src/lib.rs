//! khabar (خبر, "news report") reads news articles in Arabic and English, finds the
//! people, organizations, groups, places and dates in them, links every mention to one
//! canonical entity, pulls out events and writes an event timeline.
//!
//! The pipeline runs one way — read → normalize → annotate → resolve → events → write —
//! over one [`text::Prepared`] document at a time:
//!
//! ```no_run
//! use khabar::{Document, Pipeline};
//! let pipeline = Pipeline::builtin()?;
//! let doc = Document { id: "a".into(), text: "قال بايدن لبوتين".into(), ..Default::default() };
//! let result = pipeline.process(&doc);
//! for e in &result.entities {
//!     println!("{} {}", e.canonical, e.etype);
//! }
//! # Ok::<(), khabar::Error>(())
//! ```

pub mod corpus;
pub mod error;
pub mod eval;
pub mod events;
pub mod gazetteer;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod resolve;
pub mod rules;
pub mod run;
pub mod text;
pub mod time;
pub mod timeline;

pub use error::{Error, GazetteerError};
pub use model::*;
pub use pipeline::{Pipeline, PipelineBuilder, Stages};
