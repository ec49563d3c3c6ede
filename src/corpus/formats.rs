//! File formats: the text and metadata of .txt/.md, .html and JSON documents.

use serde_json::{Map, Value};

use super::dct::header_value;

/// Title and text found in a plain-text or Markdown file.
pub fn text_title(text: &str, markdown: bool) -> Option<String> {
    let mut title_header = None;
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(8) {
        // `title:` with spaces around the key; checked at the start of the line, so that a
        // paragraph-long line is not searched for a colon.
        let key = line.trim_start();
        if key
            .get(..5)
            .is_some_and(|k| k.eq_ignore_ascii_case("title"))
        {
            if let Some(v) = key.get(5..).and_then(|r| r.trim_start().strip_prefix(':')) {
                if !v.trim().is_empty() {
                    title_header = Some(v.trim().to_string());
                    break;
                }
            }
        }
    }
    if title_header.is_some() {
        return title_header;
    }
    // The first non-empty line that is not a date header.
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && header_value(l).is_none())?;
    let line = if markdown {
        line.trim_start_matches('#').trim()
    } else {
        line
    };
    (!line.is_empty()).then(|| cap_title(line))
}

/// Longest title kept: a file that is one long line must not copy itself into the title.
pub const MAX_TITLE_CHARS: usize = 300;

/// `line`, cut at [`MAX_TITLE_CHARS`] with an ellipsis.
fn cap_title(line: &str) -> String {
    match line.char_indices().nth(MAX_TITLE_CHARS) {
        Some((i, _)) => format!("{}…", line.get(..i).unwrap_or(line).trim_end()),
        None => line.to_string(),
    }
}

/// The text of an HTML page (tags removed, entities decoded, block elements on their own
/// lines) and its `<title>`.
pub fn html_text(html: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = None;
    let mut rest = html;
    let mut skip_until: Option<&str> = None;
    while let Some(lt) = rest.find('<') {
        let (before, after) = rest.split_at(lt);
        if skip_until.is_none() {
            push_decoded(before, &mut out);
        }
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after.get(1..gt).unwrap_or_default();
        rest = after.get(gt + 1..).unwrap_or_default();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        if let Some(end) = skip_until {
            if closing && name == end {
                skip_until = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" | "noscript" | "template" if !closing => {
                skip_until = Some(match name.as_str() {
                    "script" => "script",
                    "style" => "style",
                    "noscript" => "noscript",
                    _ => "template",
                });
            }
            "title" if !closing => {
                let end = rest.find("</").unwrap_or(rest.len());
                let mut t = String::new();
                push_decoded(rest.get(..end).unwrap_or_default(), &mut t);
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    title = Some(t);
                }
                rest = rest.get(end..).unwrap_or_default();
                skip_until = Some("title");
            }
            "p" | "br" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "article" | "section" | "header" | "footer" | "blockquote" | "table" | "ul"
            | "ol"
                if !out.ends_with('\n') && !out.is_empty() =>
            {
                out.push('\n');
            }
            _ => {}
        }
    }
    if skip_until.is_none() {
        push_decoded(rest, &mut out);
    }
    // Collapse the runs of blank lines that markup leaves behind.
    let mut text = String::with_capacity(out.len());
    for line in out.lines().map(str::trim).filter(|l| !l.is_empty()) {
        text.push_str(line);
        text.push('\n');
    }
    (text, title)
}

/// Appends `s` with HTML character references decoded.
fn push_decoded(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| entity(after.get(..i).unwrap_or_default()));
        match (semi, decoded) {
            (Some(i), Some(c)) => {
                out.push(c);
                rest = after.get(i + 1..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "laquo" => '«',
        "raquo" => '»',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "rsquo" | "lsquo" => '\'',
        "rdquo" | "ldquo" => '"',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "rlm" => '\u{200F}',
        "lrm" => '\u{200E}',
        _ => return None,
    })
}

/// The fields khabar reads from a JSON document object.
#[derive(Debug, Default)]
pub struct JsonDoc {
    pub id: Option<String>,
    pub text: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
}

/// Reads a JSON document object; `Err` names what is wrong with it.
pub fn json_doc(v: &Value) -> Result<JsonDoc, String> {
    let Value::Object(o) = v else {
        return Err(format!("expected a JSON object, found {}", kind(v)));
    };
    Ok(JsonDoc {
        id: field(o, &["id"]),
        text: field(o, &["text", "body", "content"]),
        title: field(o, &["title"]),
        date: field(o, &["date", "published", "dct"]),
        url: field(o, &["url"]),
        lang: field(o, &["lang"]),
    })
}

/// The first of `keys` that holds a string (or a number, for ids).
fn field(o: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match o.get(*k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        // (text, markdown, title). The `title:` key may be spaced and in any case; only a
        // whole `title` key counts, a colon later in a line does not make it a header, and
        // an empty title header is skipped.
        let cases = [
            ("\n\n  Headline here \nbody", false, "Headline here"),
            ("# Big news\nbody", true, "Big news"),
            ("Date: 2021-07-10\nReal title\nbody", false, "Real title"),
            ("Title: Given\nDate: 2021-07-10\nbody", false, "Given"),
            ("  TITLE :  Spaced \nbody", false, "Spaced"),
            ("Subtitle: no\nbody", false, "Subtitle: no"),
            (
                "The title: of a paragraph\nbody",
                false,
                "The title: of a paragraph",
            ),
            ("Title:\nTitle: second\nbody", false, "second"),
        ];
        for (text, markdown, title) in cases {
            assert_eq!(
                text_title(text, markdown).as_deref(),
                Some(title),
                "{text:?}"
            );
        }
        assert_eq!(text_title("   \n", false), None);
        let long = "كلمة ".repeat(200);
        let t = text_title(&long, false).unwrap();
        assert_eq!(t.chars().count(), MAX_TITLE_CHARS, "{t}");
        assert!(t.ends_with('…'));
    }

    #[test]
    fn html() {
        let (t, title) = html_text(
            "<html><head><title>Hack &amp; leak</title><style>p{}</style></head>\
             <body><h1>Head</h1><p>Putin &#x627; said<br>more</p><script>var x='<p>';</script>end</body></html>",
        );
        assert_eq!(title.as_deref(), Some("Hack & leak"));
        assert_eq!(t, "Head\nPutin ا said\nmore\nend\n");
    }

    #[test]
    fn json_fields() {
        let v: Value = serde_json::from_str(
            r#"{"id": 7, "body": "نص", "published": "2021-07-10", "lang": "ar"}"#,
        )
        .unwrap();
        let d = json_doc(&v).unwrap();
        assert_eq!(d.id.as_deref(), Some("7"));
        assert_eq!(d.text.as_deref(), Some("نص"));
        assert_eq!(d.date.as_deref(), Some("2021-07-10"));
        assert!(json_doc(&Value::from(3)).is_err());
        let v: Value = serde_json::from_str(r#"{"title": "x"}"#).unwrap();
        assert!(json_doc(&v).unwrap().text.is_none());
    }
}
