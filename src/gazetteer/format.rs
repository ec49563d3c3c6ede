//! The gazetteer file format: one row per entity, tab-separated (or comma-separated in
//! `.csv` files exported from a spreadsheet), with a header row naming the columns.
//! See `gazetteers/README.md` for the full description.

use std::path::Path;

use crate::error::GazetteerError;
use crate::model::EntityType;

/// Column names a gazetteer file may use. `id`, `type` and `canonical` are required.
pub const COLUMNS: &[&str] = &[
    "id",
    "type",
    "canonical",
    "aliases",
    "case_aliases",
    "country",
    "ids",
    "source",
    "flags",
    "priority",
];

/// One entity row of a gazetteer file.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    pub id: String,
    pub etype: EntityType,
    pub canonical: String,
    /// Aliases that match case-insensitively (Latin) — any script.
    pub aliases: Vec<String>,
    /// Aliases that match only in the written case (acronyms, common words).
    pub case_aliases: Vec<String>,
    /// ISO 3166-1 alpha-2 code of the entity's country, if any.
    pub country: Option<String>,
    /// External ids: `wikidata:Q6279|mitre:G0016`.
    pub ids: Option<String>,
    pub source: Option<String>,
    pub flags: Vec<String>,
    pub priority: i32,
    /// 1-based line number in its file.
    pub line: usize,
}

impl EntityRow {
    pub fn has_flag(&self, f: &str) -> bool {
        has_flag(&self.flags, f)
    }
}

/// True when `flags` has `f`, in any case (flags are written by hand).
pub(crate) fn has_flag(flags: &[String], f: &str) -> bool {
    flags.iter().any(|x| x.eq_ignore_ascii_case(f))
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect()
}

/// Parses a gazetteer from `data`; `name` is used in error messages (a path, or
/// `builtin:…`). `.csv` names are read as quoted CSV, anything else as TSV.
pub fn parse(name: &str, data: &str) -> Result<Vec<EntityRow>, GazetteerError> {
    let is_csv = Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let data = data.strip_prefix('\u{FEFF}').unwrap_or(data);
    let mut rb = csv::ReaderBuilder::new();
    rb.has_headers(true).flexible(true).comment(Some(b'#'));
    if is_csv {
        rb.delimiter(b',');
    } else {
        rb.delimiter(b'\t').quoting(false);
    }
    let mut rdr = rb.from_reader(data.as_bytes());
    let fmt = |line: usize, msg: String| GazetteerError::Format {
        path: name.to_string(),
        line,
        msg,
    };
    let headers = rdr
        .headers()
        .map_err(|e| fmt(1, format!("cannot read the header row: {e}")))?
        .clone();
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    let (Some(c_id), Some(c_type), Some(c_can)) = (col("id"), col("type"), col("canonical")) else {
        return Err(fmt(
            1,
            format!(
                "the header row must name the columns id, type and canonical (found: {}); optional: {}",
                headers.iter().collect::<Vec<_>>().join(", "),
                COLUMNS[3..].join(", ")
            ),
        ));
    };
    for h in headers.iter() {
        if !COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(h.trim())) {
            return Err(fmt(
                1,
                format!(
                    "unknown column {h:?}; known columns: {}",
                    COLUMNS.join(", ")
                ),
            ));
        }
    }
    let c_al = col("aliases");
    let c_cal = col("case_aliases");
    let c_country = col("country");
    let c_ids = col("ids");
    let c_src = col("source");
    let c_flags = col("flags");
    let c_prio = col("priority");
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
            fmt(line, e.to_string())
        })?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let id = get(Some(c_id)).ok_or_else(|| fmt(line, "empty id".into()))?;
        let ty =
            get(Some(c_type)).ok_or_else(|| fmt(line, format!("entity {id:?} has no type")))?;
        let etype = EntityType::parse(ty).ok_or_else(|| {
            fmt(
                line,
                format!(
                    "unknown type {ty:?} (use PERSON, ORGANIZATION, GROUP, LOCATION or MALWARE)"
                ),
            )
        })?;
        let canonical = get(Some(c_can))
            .ok_or_else(|| fmt(line, format!("entity {id:?} has no canonical name")))?;
        let priority = match get(c_prio) {
            None => 0,
            Some(p) => p
                .parse::<i32>()
                .map_err(|_| fmt(line, format!("priority {p:?} is not a whole number")))?,
        };
        rows.push(EntityRow {
            id: id.to_string(),
            etype,
            canonical: canonical.to_string(),
            aliases: get(c_al).map(split_list).unwrap_or_default(),
            case_aliases: get(c_cal).map(split_list).unwrap_or_default(),
            country: get(c_country).map(|c| c.to_ascii_uppercase()),
            ids: get(c_ids).map(str::to_string),
            source: get(c_src).map(str::to_string),
            flags: get(c_flags)
                .map(|f| {
                    f.split([',', '|', ' '])
                        .filter(|x| !x.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            priority,
            line,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tsv_with_optional_columns() {
        let data = "id\ttype\tcanonical\taliases\tcase_aliases\tpriority\n\
                    # a comment\n\
                    joe-biden\tPERSON\tJoe Biden\tجو بايدن|Biden| بايدن \t\t5\n\
                    us\tLOCATION\tUnited States\tالولايات المتحدة\tUS|U.S.\t\n";
        let rows = parse("x.tsv", data).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].aliases, vec!["جو بايدن", "Biden", "بايدن"]);
        assert_eq!(rows[0].priority, 5);
        assert_eq!(rows[1].case_aliases, vec!["US", "U.S."]);
        assert_eq!(rows[1].etype, EntityType::Location);
        assert_eq!(rows[1].line, 4);
    }

    #[test]
    fn parses_csv_from_a_spreadsheet() {
        let data = "\u{FEFF}id,type,canonical,aliases\nacme,ORG,\"Acme, Inc.\",Acme|أكمي\n";
        let rows = parse("sheet.csv", data).unwrap();
        assert_eq!(rows[0].canonical, "Acme, Inc.");
        assert_eq!(rows[0].etype, EntityType::Organization);
    }

    #[test]
    fn errors_name_file_and_line() {
        let data = "id\ttype\tcanonical\nok\tPERSON\tOk\nbad\tTHING\tBad\n";
        let e = parse("people.tsv", data).unwrap_err().to_string();
        assert!(e.starts_with("people.tsv:3:"), "{e}");
        assert!(e.contains("THING"), "{e}");
        let e = parse("p.tsv", "name\tkind\n").unwrap_err().to_string();
        assert!(e.contains("id, type and canonical"), "{e}");
    }
}
