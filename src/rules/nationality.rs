//! Nationality adjectives (الروسي، روس، Russian) → ISO country code and English demonym.

use std::sync::OnceLock;

use super::index::WordIndex;
use super::lists::tsv_rows;
use crate::text::normalize;

const NATIONALITIES: &str = include_str!("../../gazetteers/rules/nationalities.tsv");

/// One nationality: ISO 3166-1 alpha-2 code and English demonym.
#[derive(Debug, Clone)]
pub struct Nationality {
    pub code: String,
    pub demonym: String,
}

/// The nationality lexicon: every written form (normalized) of every nationality.
#[derive(Debug)]
pub struct Nationalities {
    list: Vec<Nationality>,
    /// Written forms as in the file, with their nationality index.
    raw_forms: Vec<(u16, String)>,
    /// Normalized form → nationality index (the first nationality listing a form wins).
    /// Coreference looks up the words around every mention here.
    by_form: WordIndex<u16>,
}

impl Nationalities {
    fn parse(data: &str) -> Nationalities {
        let mut list = Vec::new();
        let mut raw_forms = Vec::new();
        let mut by_form = Vec::new();
        for row in tsv_rows(data) {
            let (Some(forms), Some(code), Some(dem)) = (row.first(), row.get(1), row.get(2)) else {
                continue;
            };
            let Ok(i) = u16::try_from(list.len()) else {
                break;
            };
            list.push(Nationality {
                code: (*code).to_string(),
                demonym: (*dem).to_string(),
            });
            for f in forms.split('|').map(str::trim).filter(|f| !f.is_empty()) {
                raw_forms.push((i, f.to_string()));
                by_form.push((normalize(f).into_bytes(), i));
            }
        }
        Nationalities {
            list,
            raw_forms,
            by_form: WordIndex::new(by_form),
        }
    }

    /// The built-in lexicon, parsed once.
    pub fn builtin() -> &'static Nationalities {
        static N: OnceLock<Nationalities> = OnceLock::new();
        N.get_or_init(|| Nationalities::parse(NATIONALITIES))
    }

    /// Every written form with its nationality index.
    pub fn forms(&self) -> impl Iterator<Item = (u16, &str)> {
        self.raw_forms.iter().map(|(i, f)| (*i, f.as_str()))
    }

    pub fn get(&self, i: u16) -> Option<&Nationality> {
        self.list.get(usize::from(i))
    }

    /// The nationality of one normalized word (or phrase), if it is an adjective form.
    pub fn lookup(&self, norm_word: &str) -> Option<&Nationality> {
        self.by_form
            .get(norm_word.as_bytes())
            .and_then(|&i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_map_to_codes() {
        let n = Nationalities::builtin();
        for w in ["الروسي", "الروسية", "روس", "روسيون", "russian"] {
            assert_eq!(
                n.lookup(&normalize(w)).map(|x| x.code.as_str()),
                Some("RU"),
                "{w}"
            );
        }
        assert_eq!(
            n.lookup(&normalize("الأمريكية")).map(|x| x.code.as_str()),
            Some("US")
        );
        assert!(n.lookup("روسيا").is_none());
    }
}
