//! The data types that flow through the pipeline: documents in, annotations out.
//!
//! Internally every span is a byte range into the *original* document text; the
//! writers turn byte ranges into Unicode code point offsets (the contract's
//! `start`/`end`) with [`crate::text::CharIndex`].

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// One input document, decoded to text, with the metadata the corpus reader found.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Stable id: the JSON `id`, else the path relative to the input folder (`#N` for the N-th object of a file).
    pub id: String,
    /// Path of the file it came from (`-` for stdin).
    pub path: String,
    pub title: Option<String>,
    pub text: String,
    /// Language given by the input (JSON `lang`), if any; otherwise detected.
    pub lang: Option<String>,
    pub url: Option<String>,
    /// Document creation time: the anchor for relative dates.
    pub dct: Option<chrono::NaiveDate>,
    pub dct_source: DctSource,
}

/// Where the document date came from (contract: `dct_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DctSource {
    /// A JSON `date`/`published`/`dct` field.
    Json,
    /// A `Date:`-style header line near the top of the text.
    Header,
    /// A date in the file name.
    Filename,
    /// `--dct` on the command line.
    Cli,
    /// No document date.
    #[default]
    None,
}

impl DctSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DctSource::Json => "json",
            DctSource::Header => "header",
            DctSource::Filename => "filename",
            DctSource::Cli => "cli",
            DctSource::None => "none",
        }
    }
}

/// Entity types of the contract. `Malware` is an extension for malware families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Organization,
    Group,
    Location,
    Malware,
}

impl EntityType {
    pub const ALL: [EntityType; 5] = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Group,
        EntityType::Location,
        EntityType::Malware,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Organization => "ORGANIZATION",
            EntityType::Group => "GROUP",
            EntityType::Location => "LOCATION",
            EntityType::Malware => "MALWARE",
        }
    }

    /// Parses `PERSON`, `person`, `PER`, `ORG`, `LOC`… (case-insensitive).
    pub fn parse(s: &str) -> Option<EntityType> {
        match s.trim().to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Some(EntityType::Person),
            "ORGANIZATION" | "ORGANISATION" | "ORG" => Some(EntityType::Organization),
            "GROUP" | "GRP" => Some(EntityType::Group),
            "LOCATION" | "LOC" | "GPE" => Some(EntityType::Location),
            "MALWARE" => Some(EntityType::Malware),
            _ => None,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a candidate mention points at.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An entity of the loaded gazetteers, by index into [`crate::gazetteer::Gazetteer::entities`].
    Gazetteer(u32),
    /// An entity found by a rule; `id` must be stable (derived from the normalized name).
    New { id: String, canonical: String },
}

/// A possible entity mention proposed by an annotator, before overlaps are resolved.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Byte range in the original text, without any proclitic.
    pub span: Range<usize>,
    pub etype: EntityType,
    pub target: Target,
    /// Which gazetteer file or rule produced it: `gazetteer:locations.tsv`, `rule:person-title`…
    pub source: String,
    /// In [0, 1].
    pub confidence: f32,
    /// Tie-breaker between overlapping candidates of the same length (higher wins).
    pub priority: i32,
    /// ISO 3166-1 alpha-2 country the mention is tied to (a nationality adjective next to it), if any.
    pub country: Option<String>,
}

/// A resolved mention of an entity, as written to the outputs.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    pub text: String,
    /// Code point offsets into the original text.
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub source: String,
    pub confidence: f32,
    #[serde(skip)]
    pub span: Range<usize>,
}

/// One canonical entity of a document with all its mentions.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub id: String,
    pub canonical: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub mentions: Vec<Mention>,
}

/// TIMEX3 type of a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    /// The type as documents.jsonl spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A recognized and normalized date expression.
#[derive(Debug, Clone, Serialize)]
pub struct DateMention {
    pub text: String,
    /// TIMEX3 value: `2021-07-04`, `XXXX-07-04`, `2021-W27`, `PAST_REF`, `2021-07-13/2021-07-15`…
    pub value: String,
    #[serde(rename = "type")]
    pub ttype: TimexType,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    /// `hijri` for dates written in the Hijri calendar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// True when the day/month order of a numeric date could not be decided.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ambiguous: bool,
    #[serde(skip)]
    pub span: Range<usize>,
}

/// A span of text with code point offsets (an event trigger).
#[derive(Debug, Clone, Serialize)]
pub struct TextSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(skip)]
    pub span: Range<usize>,
}

/// Role of an event participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Agent,
    Target,
    Other,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Target => "target",
            Role::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Participant {
    pub id: String,
    pub canonical: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// How an event got its date (contract: `date_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    Sentence,
    Context,
    Dct,
    None,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Sentence => "sentence",
            DateSource::Context => "context",
            DateSource::Dct => "dct",
            DateSource::None => "none",
        }
    }
}

/// The event types of the output contract (`docs/output-contract.md`).
pub const EVENT_TYPES: [&str; 18] = [
    "Contact.Call",
    "Contact.Meet",
    "Statement.Say",
    "Statement.Deny",
    "Statement.Accuse",
    "Statement.Warn",
    "Cyber.Attack",
    "Cyber.Breach",
    "Cyber.Vulnerability",
    "Cyber.Patch",
    "Conflict.Attack",
    "Conflict.Protest",
    "Justice.Arrest",
    "Justice.Sanction",
    "Justice.Charge",
    "Life.Die",
    "Personnel.Elect",
    "Agreement.Sign",
];

/// One event found in a document.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub etype: String,
    pub trigger: TextSpan,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub date_source: DateSource,
    pub participants: Vec<Participant>,
    pub locations: Vec<String>,
    pub sentence: usize,
    pub sentence_text: String,
    pub confidence: f32,
    /// One line an analyst can read: "REvil → Cyber.Attack → company in Florida".
    pub summary: String,
    /// Further triggers of the same event in the same document (deduplicated).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_triggers: Vec<TextSpan>,
}

/// A cyber indicator (CVE, IP, domain, URL, e-mail, hash), refanged.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// `cve`, `ipv4`, `ipv6`, `domain`, `url`, `email`, `md5`, `sha1`, `sha256`.
    pub kind: String,
    /// The refanged value (`hxxp://evil[.]com` → `http://evil.com`).
    pub value: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    #[serde(skip)]
    pub span: Range<usize>,
}

/// Processing status of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Error,
}

/// Everything khabar found in one document: one line of documents.jsonl.
#[derive(Debug, Clone, Serialize)]
pub struct DocResult {
    pub doc_id: String,
    pub path: String,
    pub title: Option<String>,
    pub lang: Option<String>,
    pub dct: Option<String>,
    pub dct_source: DctSource,
    pub status: Status,
    pub error: Option<String>,
    pub entities: Vec<Entity>,
    pub dates: Vec<DateMention>,
    pub events: Vec<Event>,
    pub indicators: Vec<Indicator>,
    /// Size of the text in bytes (for throughput figures; not serialized).
    #[serde(skip)]
    pub bytes: usize,
}

impl DocResult {
    /// A manifest row for a document that could not be read or processed.
    pub fn error(doc_id: String, path: String, error: String) -> DocResult {
        DocResult {
            doc_id,
            path,
            title: None,
            lang: None,
            dct: None,
            dct_source: DctSource::None,
            status: Status::Error,
            error: Some(error),
            entities: Vec::new(),
            dates: Vec::new(),
            events: Vec::new(),
            indicators: Vec::new(),
            bytes: 0,
        }
    }
}
