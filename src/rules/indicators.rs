//! Cyber indicators: CVE ids, IPv4/IPv6 addresses, domains, URLs, e-mail addresses and
//! MD5/SHA-1/SHA-256 hashes, defanged forms included (hxxp, [.], (dot), [at]); the value
//! is refanged. One pass over the bytes finds runs of ASCII non-space characters; only runs
//! with a dot, colon, at-sign, bracket or hash length are looked at further.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::ops::Range;

use crate::model::Indicator;
use crate::text::Prepared;

/// Top-level domains accepted for bare domains (URLs and e-mails accept any alphabetic TLD).
const TLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "io", "co", "gov", "edu", "mil", "int", "ru", "cn", "uk",
    "de", "fr", "ir", "kp", "us", "eu", "me", "tv", "xyz", "top", "online", "site", "onion",
    "club", "app", "dev", "ly", "sa", "ae", "eg", "qa", "kw", "jo", "lb", "sy", "iq", "ps", "ma",
    "tn", "dz", "tr", "il", "in", "jp", "kr", "br", "au", "ca", "nl", "ch", "se", "no", "pl", "it",
    "es", "ua", "by", "su", "cc", "ws", "to", "pw", "tk", "ml", "ga", "cf", "gq", "link", "live",
    "shop", "store", "cloud", "tech", "news", "pro", "mobi", "asia", "space", "website",
];

/// Defanged spellings and their plain forms; longest first.
const DEFANG: &[(&str, &str)] = &[
    ("[dot]", "."),
    ("(dot)", "."),
    ("{dot}", "."),
    ("[.]", "."),
    ("(.)", "."),
    ("{.}", "."),
    ("[:]", ":"),
    ("[://]", "://"),
    ("[at]", "@"),
    ("(at)", "@"),
    ("[@]", "@"),
    ("hxxps", "https"),
    ("hxxp", "http"),
    ("fxp", "ftp"),
];

/// All indicators of a text, left to right.
pub(crate) fn find(prep: &Prepared<'_>) -> Vec<Indicator> {
    let text = prep.orig;
    let mut out = Vec::new();
    for run in runs_worth_a_look(text.as_bytes()) {
        if let Some(ind) = text.get(run.clone()).and_then(|r| {
            worth_a_look(r)
                .then(|| classify(prep, run.clone()))
                .flatten()
        }) {
            out.push(ind);
        }
    }
    out
}

/// Every run that [`worth_a_look`] may accept before and after [`trim`], in text order
/// (a few more at most): runs with a separator, found with memchr's vectorized search,
/// runs of 32 bytes or more, and runs that start with `cve-`. Most of a text is never
/// looked at byte by byte.
fn runs_worth_a_look(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    // Each search walks a run once: a hit inside the run just walked is passed over.
    let mut add_runs_around = |hits: &mut dyn Iterator<Item = usize>| {
        let mut end = 0;
        for p in hits {
            if p >= end {
                let r = run_around(bytes, p);
                end = r.end;
                // A run too short for any indicator is dropped here rather than sorted
                // with the others (most are a word and its full stop).
                if r.len() >= MIN_RUN {
                    runs.push(r);
                }
            }
        }
    };
    // A full stop or colon that ends its run, with no other of the three before it in
    // the run (a hit inside a run just walked is passed over), is trimmed off before
    // classification: what is left has no separator of its own and is worth a look only
    // for a bracket, a length or a CVE prefix, which the searches below find. Most
    // sentence ends are passed over so, without walking back over their word.
    add_runs_around(
        &mut memchr::memchr3_iter(b'.', b':', b'@', bytes).filter(|&p| {
            bytes.get(p) == Some(&b'@') || bytes.get(p + 1).is_some_and(|&b| run_byte(b))
        }),
    );
    add_runs_around(&mut memchr::memchr2_iter(b'[', b'(', bytes));
    add_runs_around(&mut memchr::memchr_iter(b'-', bytes).filter(|&p| {
        p >= 3
            && bytes
                .get(p - 3..p)
                .is_some_and(|c| c.eq_ignore_ascii_case(b"cve"))
    }));
    // Runs of LONG_RUN bytes or more: such a run starting in i..i + LONG_RUN covers byte
    // i + LONG_RUN - 1, so when that byte ends runs, none starts there.
    let mut i = 0;
    while let Some(&b) = bytes.get(i + LONG_RUN - 1) {
        if !run_byte(b) {
            i += LONG_RUN;
            continue;
        }
        let r = run_around(bytes, i + LONG_RUN - 1);
        i = r.end;
        if r.len() >= LONG_RUN {
            runs.push(r);
        }
    }
    runs.sort_unstable_by_key(|r| r.start);
    runs.dedup_by_key(|r| r.start);
    runs
}

/// The maximal run of [`run_byte`]s around byte `p` (empty when `p` is not one).
fn run_around(bytes: &[u8], p: usize) -> Range<usize> {
    let mut s = p;
    while s > 0 && bytes.get(s - 1).is_some_and(|&b| run_byte(b)) {
        s -= 1;
    }
    let mut e = p;
    while bytes.get(e).is_some_and(|&b| run_byte(b)) {
        e += 1;
    }
    s..e
}

/// Length from which a run is looked at whatever its bytes (a possible hash).
const LONG_RUN: usize = 32;

/// Length of the shortest run that may hold an indicator.
const MIN_RUN: usize = 7;

/// True for a byte that may belong to a run: ASCII, not whitespace.
#[inline]
fn run_byte(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_whitespace()
}

/// One look at the bytes of a run: only runs with a separator an indicator needs, a
/// possible hash or a CVE prefix go on to classification.
fn worth_a_look(run: &str) -> bool {
    let b = run.as_bytes();
    if b.len() < MIN_RUN {
        return false;
    }
    if b.len() >= LONG_RUN || b.get(..4).is_some_and(|p| p.eq_ignore_ascii_case(b"cve-")) {
        return true;
    }
    b.iter()
        .any(|&c| matches!(c, b'.' | b':' | b'@' | b'[' | b'('))
}

/// Trims punctuation around a run that cannot belong to an indicator.
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len()
        - s.trim_start_matches(['"', '\'', '(', '<', '«', '[', ',', ';'])
            .len();
    let mut end = r.end;
    loop {
        let cur = &text[r.start + lead..end];
        let Some(last) = cur.chars().next_back() else {
            break;
        };
        // A closing bracket stays when it closes a defang marker ("evil[.]com" never ends
        // with one, but "site[.]" is not an indicator anyway).
        let strip = matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '>' | '»'
        ) || (last == ')' && !cur.contains('('))
            || (last == ']' && !cur.ends_with("[.]"));
        if !strip {
            break;
        }
        end -= last.len_utf8();
    }
    (r.start + lead).min(end)..end
}

fn refang(s: &str) -> (String, bool) {
    let b = s.as_bytes();
    let marker = b.iter().any(|&c| matches!(c, b'[' | b'(' | b'{'))
        || b.windows(2).any(|w| w.eq_ignore_ascii_case(b"xx"))
        || b.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(b"fxp"));
    if !marker {
        return (s.to_string(), false);
    }
    let mut out = s.to_string();
    let mut changed = false;
    for (from, to) in DEFANG {
        // Case-insensitive for the letters of hxxp and dot/at.
        loop {
            let lower = out.to_ascii_lowercase();
            let Some(p) = lower.find(from) else { break };
            out.replace_range(p..p + from.len(), to);
            changed = true;
        }
    }
    (out, changed)
}

fn classify(prep: &Prepared<'_>, run: Range<usize>) -> Option<Indicator> {
    let text = prep.orig;
    let r = trim(text, run);
    let raw = text.get(r.clone())?;
    // Sentence punctuation made most runs look interesting; after trimming, most are not.
    if !worth_a_look(raw) {
        return None;
    }
    let (value, defanged) = refang(raw);
    let kind = kind_of(&value, defanged)?;
    let value = match kind {
        "domain" | "email" => value.to_ascii_lowercase(),
        "cve" => value.to_ascii_uppercase(),
        "md5" | "sha1" | "sha256" => value.to_ascii_lowercase(),
        _ => value,
    };
    Some(Indicator {
        kind: kind.to_string(),
        value,
        text: raw.to_string(),
        start: prep.char_offset(r.start),
        end: prep.char_offset(r.end),
        sentence: prep.sentence_of(r.start),
        span: r,
    })
}

fn kind_of(v: &str, defanged: bool) -> Option<&'static str> {
    let lower = v.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("cve-") {
        let mut parts = rest.split('-');
        let (y, n) = (parts.next()?, parts.next()?);
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        return (parts.next().is_none() && y.len() == 4 && digits(y) && n.len() >= 4 && digits(n))
            .then_some("cve");
    }
    for scheme in ["http://", "https://", "ftp://"] {
        if let Some(rest) = lower.strip_prefix(scheme) {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            let host = host.rsplit('@').next().unwrap_or(host);
            let host = host.split(':').next().unwrap_or(host);
            return (is_domain(host, true) || host.parse::<Ipv4Addr>().is_ok()).then_some("url");
        }
    }
    if let Some((local, domain)) = lower.split_once('@') {
        let ok_local = !local.is_empty()
            && local
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+'));
        return (ok_local && is_domain(domain, true)).then_some("email");
    }
    if v.parse::<Ipv4Addr>().is_ok() && v.split('.').count() == 4 {
        return Some("ipv4");
    }
    if v.matches(':').count() >= 2 && v.parse::<Ipv6Addr>().is_ok() {
        return Some("ipv6");
    }
    if v.bytes().all(|b| b.is_ascii_hexdigit()) && !v.bytes().all(|b| b.is_ascii_digit()) {
        return match v.len() {
            32 => Some("md5"),
            40 => Some("sha1"),
            64 => Some("sha256"),
            _ => None,
        };
    }
    is_domain(&lower, defanged).then_some("domain")
}

/// A host name: letters, digits and hyphens in two or more labels; the TLD alphabetic and,
/// unless `any_tld`, one of [`TLDS`].
fn is_domain(s: &str, any_tld: bool) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    if labels.len() < 2 || s.len() > 253 {
        return false;
    }
    let ok_label = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let Some(tld) = labels.last() else {
        return false;
    };
    labels.iter().all(ok_label)
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
        && (any_tld || TLDS.contains(tld))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inds(text: &str) -> Vec<(String, String, String)> {
        let prep = Prepared::new(text, None);
        find(&prep)
            .into_iter()
            .map(|i| {
                assert_eq!(text[i.span.clone()], i.text);
                (i.kind, i.value, i.text)
            })
            .collect()
    }

    #[test]
    fn kinds_and_refanging() {
        let v = inds(
            "ثغرة CVE-2021-34527 عبر hxxp://bad-site[.]com/x.php و 45.67.12.9، \
             والنطاق update[.]micr0soft-cdn[.]net (contact: ops[at]example.org).",
        );
        let kinds: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(kinds, vec!["cve", "url", "ipv4", "domain", "email"]);
        assert_eq!(v[1].1, "http://bad-site.com/x.php");
        assert_eq!(v[2].1, "45.67.12.9");
        assert_eq!(v[3].1, "update.micr0soft-cdn.net");
        assert_eq!(v[4].1, "ops@example.org");
    }

    #[test]
    fn hashes_and_ipv6() {
        let md5 = "9e107d9d372bb6826bd81d3542a419d6";
        let sha1 = "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12";
        let sha256 = "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592";
        let v = inds(&format!(
            "hashes {md5}, {sha1} and {sha256}; host 2001:db8::ff00:42:8329."
        ));
        let kinds: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(kinds, vec!["md5", "sha1", "sha256", "ipv6"]);
    }

    /// Every maximal run of [`run_byte`]s that [`worth_a_look`] accepts, byte by byte.
    fn reference_runs(t: &str) -> Vec<Range<usize>> {
        let b = t.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !run_byte(b[i]) {
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && run_byte(b[i]) {
                i += 1;
            }
            if worth_a_look(&t[s..i]) {
                out.push(s..i);
            }
        }
        out
    }

    #[test]
    fn fast_run_search_finds_every_run_worth_a_look() {
        let hash = "9e107d9d372bb6826bd81d3542a419d6";
        let parts = [
            "word",
            "x.y",
            "CVE-2021-1234",
            "cve-",
            "xcve-2021",
            "a:b",
            "(x)",
            "[.]",
            hash,
            "قال",
            "....",
            "e.g.",
            " ",
            "  ",
            "\n",
            "-",
            "ab@cd.com",
            "hxxp://a[.]b/c",
            "abcdefgh.",
            "longer:",
            "x(y).",
            "CVE-2021-1234.",
            ".",
            ":",
        ];
        // Deterministic pseudo-random texts made of the parts above, with and without
        // separating spaces.
        let mut seed = 7u64;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..(seed % 24) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push_str(parts[(seed >> 33) as usize % parts.len()]);
                if seed >> 62 != 0 {
                    t.push(' ');
                }
            }
            // Only runs worth a look before and after trimming reach classification.
            let classified = |r: &Range<usize>| {
                worth_a_look(&t[r.clone()]) && worth_a_look(&t[trim(&t, r.clone())])
            };
            let fast: Vec<Range<usize>> = runs_worth_a_look(t.as_bytes())
                .into_iter()
                .filter(classified)
                .collect();
            let want: Vec<Range<usize>> =
                reference_runs(&t).into_iter().filter(classified).collect();
            assert_eq!(fast, want, "{t:?}");
        }
    }

    #[test]
    fn the_shortest_indicators_are_still_found() {
        // Seven bytes, the shortest run looked at: with a full stop, in brackets, alone.
        let v = inds("Seen at 1.2.3.4. Then (5.6.7.8) and 9.9.9.9");
        let values: Vec<&str> = v.iter().map(|(_, value, _)| value.as_str()).collect();
        assert_eq!(values, vec!["1.2.3.4", "5.6.7.8", "9.9.9.9"]);
        // Six bytes are never an indicator.
        assert!(inds("Seen at 1.2.3. Then a.b.cd").is_empty());
    }

    #[test]
    fn ordinary_text_is_not_an_indicator() {
        assert!(inds("The U.S. said e.g. at 10:30 that file.exe is bad. 1.2.3 v2.0").is_empty());
        assert!(inds("Version 999.1.1.1 and 12345678901234567890123456789012").is_empty());
    }
}
