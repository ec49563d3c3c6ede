//! GROUP and MALWARE entities: ATT&CK groups merged with MISP threat actors (by G-id,
//! STIX/MISP UUIDs and shared names, revoked ids folded into their successors),
//! malware families (ATT&CK software, MISP ransomware, Malpedia), and militant groups
//! from the UN consolidated list and Public Safety Canada.

use crate::entity::{slug, Ent, Kind, Merge, Origin, Store};
use crate::raw::Row;
use crate::script::{is_arabic_name, is_latin, is_plain_latin};
use crate::{BuildError, Raw};

const P_CYBER: i32 = 30;
const P_MILITANT: i32 = 30;
const P_MALWARE: i32 = 5;
const CYBER: Merge = Merge {
    into_curated_by_name: true,
    by_name_in_family: Some("cyber"),
};
const MALWARE: Merge = Merge {
    into_curated_by_name: true,
    by_name_in_family: Some("malware"),
};

fn stix_uuid(s: &str) -> Option<String> {
    s.split_once("--").map(|(_, u)| format!("uuid:{u}"))
}

/// ATT&CK groups, then MISP threat actors, Microsoft, Tidal and 360 names.
pub fn cyber_groups(raw: &Raw, store: &mut Store) -> Result<(), BuildError> {
    let attack = raw.table("mitre-attack/attack-groups.tsv")?;
    // Current groups first, so that revoked ids find their successor.
    for revoked in [false, true] {
        for r in attack.rows() {
            if (r.get("revoked") == "true") != revoked {
                continue;
            }
            let gid = r.get("attack_id");
            let mut e = Ent::new(
                &slug(r.get("name")),
                Kind::Group,
                r.get("name"),
                "mitre-attack",
                P_CYBER,
            );
            if revoked {
                // The successor id first: the merge follows the first known key.
                e.keys.insert(format!("mitre:{}", r.get("revoked_by")));
                e.keys.insert(format!("mitre:{gid}"));
            } else {
                e.id_key(format!("mitre:{gid}"));
            }
            if let Some(u) = stix_uuid(r.get("stix_id")) {
                e.keys.insert(u);
            }
            for a in r.list("aliases") {
                e.alias(a, Origin::Source);
            }
            store.add(e, CYBER);
        }
    }
    for r in raw.table("misp-galaxy/threat-actor.tsv")?.rows() {
        let mut e = misp_entity(&r, "misp-threat-actor");
        for g in r.list("mitre_group_ids") {
            e.keys.insert(format!("mitre:{g}"));
        }
        store.add(e, CYBER);
    }
    for r in raw
        .table("misp-galaxy/microsoft-activity-group.tsv")?
        .rows()
    {
        let mut e = misp_entity(&r, "misp-microsoft-activity-group");
        for g in r.list("mitre_group_ids") {
            e.keys.insert(format!("mitre:{g}"));
        }
        store.add(e, CYBER);
    }
    for r in raw.table("misp-galaxy/tidal-groups.tsv")?.rows() {
        let mut e = misp_entity(&r, "misp-tidal");
        let g = r.get("group_id");
        if g.starts_with("G0") || g.starts_with("G1") {
            e.keys.insert(format!("mitre:{g}"));
        }
        store.add(e, CYBER);
    }
    for r in raw.table("misp-galaxy/360net.tsv")?.rows() {
        // "海莲花 - APT-C-00": the Latin code is the name English text uses.
        let name = r.get("name");
        let latin = name.rsplit(" - ").next().unwrap_or(name);
        if !is_plain_latin(latin) {
            continue;
        }
        let mut e = Ent::new(&slug(latin), Kind::Group, latin, "misp-360net", P_CYBER);
        e.keys.insert(format!("uuid:{}", r.get("uuid")));
        for a in r.list("synonyms") {
            e.alias(a, Origin::Source);
        }
        store.add(e, CYBER);
    }
    Ok(())
}

fn misp_entity(r: &Row<'_>, source: &str) -> Ent {
    let name = r.get("name");
    let mut e = Ent::new(&slug(name), Kind::Group, name, source, P_CYBER);
    e.keys.insert(format!("uuid:{}", r.get("uuid")));
    for u in r.list("similar_uuids") {
        e.keys.insert(format!("uuid:{u}"));
    }
    for a in r.list("synonyms") {
        if is_latin(a) {
            e.alias(a, Origin::Source);
        }
    }
    let c = r.get("country");
    if c.len() == 2 && c.chars().all(|x| x.is_ascii_uppercase()) {
        e.country = Some(c.to_string());
    }
    e
}

/// Drops a trailing "(…)" qualifier: "REvil (Windows)" → "REvil".
fn strip_paren(s: &str) -> &str {
    match s.find(" (") {
        Some(i) if s.ends_with(')') => s[..i].trim(),
        _ => s.trim(),
    }
}

/// Malware families: ATT&CK software, MISP ransomware and Malpedia, merged by name.
pub fn malware(raw: &Raw, store: &mut Store) -> Result<(), BuildError> {
    for r in raw.table("mitre-attack/attack-software.tsv")?.rows() {
        if r.get("revoked") == "true" || r.get("stix_type") != "malware" {
            continue;
        }
        let name = r.get("name");
        let mut e = Ent::new(&slug(name), Kind::Malware, name, "mitre-attack", P_MALWARE);
        e.id_key(format!("mitre:{}", r.get("attack_id")));
        if let Some(u) = stix_uuid(r.get("stix_id")) {
            e.keys.insert(u);
        }
        for a in r.list("aliases") {
            e.alias(a, Origin::Source);
        }
        store.add(e, MALWARE);
    }
    for (file, src) in [
        ("misp-galaxy/ransomware.tsv", "misp-ransomware"),
        ("misp-galaxy/malpedia.tsv", "malpedia"),
    ] {
        for r in raw.table(file)?.rows() {
            let full = r.get("name");
            let name = strip_paren(full);
            let base = name.strip_suffix(" Ransomware").unwrap_or(name).trim();
            if base.is_empty() || !is_latin(base) {
                continue;
            }
            let mut e = Ent::new(&slug(base), Kind::Malware, base, src, P_MALWARE);
            e.keys.insert(format!("uuid:{}", r.get("uuid")));
            if !r.get("malpedia_id").is_empty() {
                e.id_key(format!("malpedia:{}", r.get("malpedia_id")));
            }
            if name != base {
                e.alias(name, Origin::Source);
            }
            for a in r.list("synonyms") {
                if is_latin(a) {
                    e.alias(strip_paren(a), Origin::Source);
                }
            }
            store.add(e, MALWARE);
        }
    }
    Ok(())
}

/// "AL-QAIDA IN IRAQ" → "Al-Qaida in Iraq": the UN list writes names in capitals.
pub fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "of", "in", "the", "and", "for", "al", "bin", "ibn", "el", "wa", "min", "fi", "li",
    ];
    let mut out = String::new();
    for (i, w) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let parts: Vec<String> = w
            .split('-')
            .enumerate()
            .map(|(j, p)| {
                let lower = p.to_lowercase();
                if (i > 0 || j > 0) && SMALL.contains(&lower.as_str()) && !(i == 0 && j == 0) {
                    if lower == "al" && (i == 0 || j == 0) {
                        return "Al".to_string();
                    }
                    return lower;
                }
                let mut c = lower.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                    None => String::new(),
                }
            })
            .collect();
        out.push_str(&parts.join("-"));
    }
    out
}

/// Splits "NAME (ABC)" or "NAME / ABC" into the name and its acronym.
fn split_acronym(s: &str) -> (String, Option<String>) {
    if let Some(i) = s.rfind(" (") {
        let inner = s[i + 2..].trim_end_matches(')');
        if inner.len() <= 8 && inner.chars().all(|c| c.is_ascii_uppercase() || c == '-') {
            return (s[..i].trim().to_string(), Some(inner.to_string()));
        }
    }
    if let Some((a, b)) = s.split_once(" / ") {
        let b = b.trim();
        if b.len() <= 8 && b.chars().all(|c| c.is_ascii_uppercase()) {
            return (a.trim().to_string(), Some(b.to_string()));
        }
    }
    (s.trim().to_string(), None)
}

/// UN-listed entities (with their Arabic names) and the Public Safety Canada list.
pub fn militant_groups(raw: &Raw, store: &mut Store) -> Result<(), BuildError> {
    let merge = Merge {
        into_curated_by_name: true,
        by_name_in_family: Some("militant"),
    };
    for r in raw
        .table("un-sc-consolidated-sanctions-list/entities.tsv")?
        .rows()
    {
        let (name, acr) = split_acronym(r.get("name"));
        let name = title_case(&name);
        let mut e = Ent::new(
            &slug(&name),
            Kind::Group,
            &name,
            "un-sc-consolidated-list",
            P_MILITANT,
        );
        e.id_key(format!("un:{}", r.get("reference_number")));
        if let Some(a) = acr {
            e.case_alias(&a, Origin::Source);
        }
        let ar = r.get("name_original_script");
        if is_arabic_name(ar) {
            e.alias(ar, Origin::Source);
        }
        for a in r.list("aliases_good") {
            e.alias(a, Origin::Source);
        }
        store.add(e, merge);
    }
    for r in raw.table("misp-galaxy/terrorist-groups-canada.tsv")?.rows() {
        let (name, acr) = split_acronym(r.get("name"));
        if !is_latin(&name) || name.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            continue;
        }
        let mut e = Ent::new(
            &slug(&name),
            Kind::Group,
            &name,
            "public-safety-canada",
            P_MILITANT,
        );
        e.keys.insert(format!("uuid:{}", r.get("uuid")));
        if let Some(a) = acr {
            e.case_alias(&a, Origin::Source);
        }
        for a in r.list("aliases_split") {
            let a = a.strip_prefix("the ").unwrap_or(a);
            // "Ansar Allah (Followers of God/…)": the bracket glosses the name.
            let a = match a.find(" (") {
                Some(i) if a.ends_with(')') && a.len() - i > 10 => a.get(..i).unwrap_or(a),
                _ => a,
            };
            let (a, acr) = split_acronym(a);
            if let Some(x) = acr {
                e.case_alias(&x, Origin::Source);
            }
            if is_latin(&a) {
                e.alias(&a, Origin::Source);
            }
        }
        store.add(e, merge);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn un_names() {
        assert_eq!(title_case("AL-QAIDA IN IRAQ"), "Al-Qaida in Iraq");
        assert_eq!(
            split_acronym("AFGHAN SUPPORT COMMITTEE (ASC)"),
            (
                "AFGHAN SUPPORT COMMITTEE".to_string(),
                Some("ASC".to_string())
            )
        );
        assert_eq!(strip_paren("REvil (Windows)"), "REvil");
    }
}
