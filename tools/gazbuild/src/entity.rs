//! The entity table being built: one canonical row per real-world entity, merged across
//! sources by external keys (ISO codes, ATT&CK ids, UUIDs, Wikidata ids) and by name.

use std::collections::{BTreeSet, HashMap};

use khabar::text::normalize;

/// Entity types, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Location,
    Organization,
    Group,
    Person,
    Malware,
}

impl Kind {
    /// The gazetteer `type` column value.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Location => "LOCATION",
            Kind::Organization => "ORGANIZATION",
            Kind::Group => "GROUP",
            Kind::Person => "PERSON",
            Kind::Malware => "MALWARE",
        }
    }

    /// Parses a `type` value.
    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_ascii_uppercase().as_str() {
            "LOCATION" | "LOC" => Some(Kind::Location),
            "ORGANIZATION" | "ORG" => Some(Kind::Organization),
            "GROUP" => Some(Kind::Group),
            "PERSON" | "PER" => Some(Kind::Person),
            "MALWARE" => Some(Kind::Malware),
            _ => None,
        }
    }

    /// Output file of this type under `gazetteers/entities/`.
    pub fn file(self) -> &'static str {
        match self {
            Kind::Location => "locations.tsv",
            Kind::Organization => "organizations.tsv",
            Kind::Group => "groups.tsv",
            Kind::Person => "people.tsv",
            Kind::Malware => "malware.tsv",
        }
    }

    /// When tied on priority, the type that keeps a shared alias (lower wins):
    /// places and organizations are named far more often than namesake people or malware.
    pub fn preference(self) -> u8 {
        match self {
            Kind::Location => 0,
            Kind::Organization => 1,
            Kind::Group => 2,
            Kind::Person => 3,
            Kind::Malware => 4,
        }
    }
}

/// Where an alias came from, which decides how strictly the safeguards treat it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// Written by hand in `gazetteers/curated/`: kept unless it breaks a hard rule.
    Curated,
    /// From a raw source table.
    Source,
    /// From one source known to mix in other languages or machine guesses (GeoNames
    /// Arabic-script alternate names not confirmed by another table, OpenSanctions and
    /// rigour weak names): dropped when it is also a frequent corpus word.
    Weak,
    /// Generated (en→ar name transliteration): the row gets the `generated` flag.
    Generated,
}

/// One alias with its written form, whether it matches only in written case, and origin.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Alias {
    pub text: String,
    pub case: bool,
    pub origin: Origin,
}

/// An entity under construction.
#[derive(Debug, Clone)]
pub struct Ent {
    pub id: String,
    pub kind: Kind,
    pub canonical: String,
    pub aliases: Vec<Alias>,
    pub country: Option<String>,
    /// External ids written to the `ids` column (`wikidata:Q159`, `mitre:G0016`).
    pub ids: BTreeSet<String>,
    /// Join keys (ids plus internal ones such as STIX UUIDs); not all are written.
    pub keys: BTreeSet<String>,
    pub sources: BTreeSet<String>,
    pub flags: BTreeSet<String>,
    pub priority: i32,
    /// Ranks namesakes of equal priority (population for places); higher wins.
    pub weight: u64,
    /// A curated row: other sources merge into it by name.
    pub curated: bool,
}

impl Ent {
    /// A new entity with only its canonical name.
    pub fn new(id: &str, kind: Kind, canonical: &str, source: &str, priority: i32) -> Ent {
        Ent {
            id: id.to_string(),
            kind,
            canonical: canonical.trim().to_string(),
            aliases: Vec::new(),
            country: None,
            ids: BTreeSet::new(),
            keys: BTreeSet::new(),
            sources: BTreeSet::from([source.to_string()]),
            flags: BTreeSet::new(),
            priority,
            weight: 0,
            curated: false,
        }
    }

    /// Adds an alias (trimmed, inner whitespace collapsed); duplicates are merged later.
    pub fn alias(&mut self, text: &str, origin: Origin) -> &mut Self {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            self.aliases.push(Alias {
                text: t,
                case: false,
                origin,
            });
        }
        self
    }

    /// Adds an alias that matches only in its written case.
    pub fn case_alias(&mut self, text: &str, origin: Origin) -> &mut Self {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            self.aliases.push(Alias {
                text: t,
                case: true,
                origin,
            });
        }
        self
    }

    /// Adds an external id, which is also a join key.
    pub fn id_key(&mut self, key: String) -> &mut Self {
        self.keys.insert(key.clone());
        self.ids.insert(key);
        self
    }

    /// Every normalized name of the entity (canonical and aliases).
    pub fn norm_names(&self) -> Vec<String> {
        let mut v = vec![norm(&self.canonical)];
        v.extend(self.aliases.iter().map(|a| norm(&a.text)));
        v
    }

    /// Folds `other` (the same real-world entity) into `self`; `self` keeps its id and
    /// canonical name, `other`'s canonical becomes an alias.
    pub fn absorb(&mut self, other: Ent) {
        let origin = if other.curated {
            Origin::Curated
        } else {
            Origin::Source
        };
        if norm(&other.canonical) != norm(&self.canonical) {
            self.alias(&other.canonical, origin);
        }
        self.aliases.extend(other.aliases);
        self.ids.extend(other.ids);
        self.keys.extend(other.keys);
        self.sources.extend(other.sources);
        self.flags.extend(other.flags);
        if self.country.is_none() {
            self.country = other.country;
        }
        self.priority = self.priority.max(other.priority);
        self.weight = self.weight.max(other.weight);
        self.curated |= other.curated;
    }
}

/// Normalized, space-collapsed form used to compare names (what the matcher compares).
pub fn norm(s: &str) -> String {
    normalize(s.trim())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A lowercase ASCII slug for ids: "Joe Biden" → "joe-biden"; accents are dropped and
/// non-Latin names give "" (callers then use a key-based id).
pub fn slug(s: &str) -> String {
    let folded = norm(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Namesakes in different countries are different entities.
fn same_country(a: &Ent, b: &Ent) -> bool {
    match (&a.country, &b.country) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// How a new entity may be merged into existing ones.
#[derive(Debug, Clone, Copy, Default)]
pub struct Merge {
    /// Merge into a curated entity of the same type whose name equals one of ours.
    pub into_curated_by_name: bool,
    /// Merge into any entity of the same type and `family` sharing a name.
    pub by_name_in_family: Option<&'static str>,
}

/// All entities, with indexes for merging.
#[derive(Debug, Default)]
pub struct Store {
    pub ents: Vec<Ent>,
    by_id: HashMap<(Kind, String), usize>,
    by_key: HashMap<String, usize>,
    /// (kind, normalized name) → entities; only curated ones and family members are indexed.
    by_name: HashMap<(Kind, String), Vec<usize>>,
    family: HashMap<usize, &'static str>,
}

impl Store {
    /// Index of the entity with this id and type.
    pub fn find_id(&self, kind: Kind, id: &str) -> Option<usize> {
        self.by_id.get(&(kind, id.to_string())).copied()
    }

    /// Index of the entity holding join key `key`.
    pub fn find_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// Adds a curated entity; a row whose id exists (same type) extends that entity.
    pub fn add_curated(&mut self, mut e: Ent) -> usize {
        e.curated = true;
        if let Some(i) = self.find_id(e.kind, &e.id) {
            self.absorb_into(i, e);
            return i;
        }
        if let Some(i) = e.keys.iter().find_map(|k| self.find_key(k)) {
            self.absorb_into(i, e);
            return i;
        }
        self.insert(e, None)
    }

    /// Adds a source entity, merging by join keys first, then by name when `how` allows.
    pub fn add(&mut self, e: Ent, how: Merge) -> usize {
        if let Some(i) = e.keys.iter().find_map(|k| self.find_key(k)) {
            if self.ents[i].kind == e.kind {
                self.absorb_into(i, e);
                return i;
            }
        }
        // A source row with a curated row's id and country is that entity ("republican-party-us").
        if let Some(i) = self.find_id(e.kind, &e.id) {
            if self.ents[i].curated && same_country(&self.ents[i], &e) {
                self.absorb_into(i, e);
                return i;
            }
        }
        let names = e.norm_names();
        if how.into_curated_by_name || how.by_name_in_family.is_some() {
            for n in &names {
                let Some(list) = self.by_name.get(&(e.kind, n.clone())) else {
                    continue;
                };
                let hit = list.iter().copied().find(|&i| {
                    same_country(&self.ents[i], &e)
                        && ((how.into_curated_by_name && self.ents[i].curated)
                            || (how.by_name_in_family.is_some()
                                && self.family.get(&i).copied() == how.by_name_in_family))
                });
                if let Some(i) = hit {
                    self.absorb_into(i, e);
                    return i;
                }
            }
        }
        self.insert(e, how.by_name_in_family)
    }

    fn insert(&mut self, mut e: Ent, family: Option<&'static str>) -> usize {
        let i = self.ents.len();
        let base = if e.id.is_empty() {
            "x".to_string()
        } else {
            e.id.clone()
        };
        let mut id = base.clone();
        if self.by_id.contains_key(&(e.kind, id.clone())) {
            if let Some(c) = &e.country {
                id = format!("{base}-{}", c.to_ascii_lowercase());
            }
            let mut n = 2;
            while self.by_id.contains_key(&(e.kind, id.clone())) {
                id = format!("{base}-{n}");
                n += 1;
            }
        }
        e.id = id;
        self.by_id.insert((e.kind, e.id.clone()), i);
        for k in &e.keys {
            self.by_key.entry(k.clone()).or_insert(i);
        }
        if let Some(f) = family {
            self.family.insert(i, f);
        }
        let index_names = e.curated || family.is_some();
        let names = e.norm_names();
        let kind = e.kind;
        self.ents.push(e);
        if index_names {
            for n in names {
                let list = self.by_name.entry((kind, n)).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        i
    }

    fn absorb_into(&mut self, i: usize, e: Ent) {
        let names = e.norm_names();
        for k in &e.keys {
            self.by_key.entry(k.clone()).or_insert(i);
        }
        let kind = self.ents[i].kind;
        let indexed = self.ents[i].curated || self.family.contains_key(&i);
        if let Some(t) = self.ents.get_mut(i) {
            t.absorb(e);
        }
        if indexed {
            for n in names {
                let list = self.by_name.entry((kind, n)).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Joe Biden"), "joe-biden");
        assert_eq!(slug("Côte d'Ivoire"), "cote-d-ivoire");
        assert_eq!(slug("بايدن"), "");
    }

    #[test]
    fn merges_by_key_and_name() {
        let mut s = Store::default();
        let mut a = Ent::new("apt29", Kind::Group, "APT29", "mitre", 30);
        a.id_key("mitre:G0016".into());
        a.alias("Cozy Bear", Origin::Source);
        s.add(a, Merge::default());
        let mut b = Ent::new("the-dukes", Kind::Group, "The Dukes", "misp", 30);
        b.id_key("mitre:G0016".into());
        s.add(b, Merge::default());
        let c = Ent::new("cozy-bear", Kind::Group, "Cozy Bear", "misp", 30);
        // Not in a family and not curated: no merge by name.
        s.add(c, Merge::default());
        assert_eq!(s.ents.len(), 2);
        assert_eq!(s.ents[0].aliases.len(), 2);
        assert_eq!(s.ents[1].id, "cozy-bear");
    }
}
