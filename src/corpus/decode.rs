//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, and the legacy Arabic and
//! Latin code pages (windows-1256, ISO-8859-6, windows-1252). Anything that would turn into
//! mojibake is refused with a reason instead of decoded.

use chardetng::EncodingDetector;
use encoding_rs::{Encoding, ISO_8859_6, UTF_8, WINDOWS_1252, WINDOWS_1256};

/// How much of the start of a file is inspected for binary content.
const SNIFF: usize = 8192;

/// Text decoded from bytes, with the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `windows-1256`…
    pub encoding: &'static str,
}

impl Decoded {
    /// True when the text came from a legacy code page (worth a note to the user).
    pub fn is_legacy(&self) -> bool {
        !self.encoding.starts_with("UTF-")
    }
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("binary file ({0}), not read")]
    Binary(&'static str),
    #[error("invalid UTF-8 at byte {0} in a file that is otherwise UTF-8 (damaged or truncated?)")]
    BrokenUtf8(usize),
    #[error("invalid {0} (malformed byte sequence)")]
    Malformed(&'static str),
    #[error("unknown encoding: not UTF-8, and the legacy code page guess ({0}) is not one khabar trusts (windows-1256, ISO-8859-6, windows-1252); save the file as UTF-8")]
    Unsupported(&'static str),
}

/// Decodes the bytes of a text file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        return decode_strict(enc, body);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    // encoding_rs checks UTF-8 with SIMD, about ten times faster than `String::from_utf8`
    // on Arabic text (the standard library's fast path is for ASCII); copying the checked
    // text costs far less than the check it saves.
    let decoded = match UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Decoded {
            text: text.into_owned(),
            encoding: "UTF-8",
        },
        None => {
            if mostly_utf8(bytes) {
                return Err(DecodeError::BrokenUtf8(Encoding::utf8_valid_up_to(bytes)));
            }
            decode_legacy(bytes)?
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(decoded)
}

fn decode_strict(enc: &'static Encoding, body: &[u8]) -> Result<Decoded, DecodeError> {
    let text = enc
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or(DecodeError::Malformed(enc.name()))?;
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    if text.contains('\0') {
        return Err(DecodeError::Binary("NUL characters"));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
    })
}

fn decode_legacy(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut det = EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, false);
    let trusted = [WINDOWS_1256, ISO_8859_6, WINDOWS_1252];
    if !trusted.contains(&enc) {
        return Err(DecodeError::Unsupported(enc.name()));
    }
    decode_strict(enc, bytes)
}

/// True when the non-ASCII bytes mostly form valid UTF-8 characters: the file is UTF-8
/// with a few damaged bytes, and decoding it as a code page would garble every character.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    valid >= invalid.max(1)
}

/// Names the kind of binary content at the start of `bytes`, if any.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 8] = [
        (b"%PDF", "PDF"),
        (b"PK\x03\x04", "ZIP/Office"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x1F\x8B", "gzip"),
        (b"\x7FELF", "executable"),
        (b"\xD0\xCF\x11\xE0", "OLE/old Office"),
    ];
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(kind);
        }
    }
    let head = bytes.get(..SNIFF).unwrap_or(bytes);
    if head.contains(&0) {
        return Some("NUL bytes; UTF-16 needs a byte order mark");
    }
    // Control characters other than tab, newlines, form feed and escape do not occur in text.
    // Every file is sniffed, so first a count that vectorizes (all bytes below 0x20,
    // line breaks included): when even that is low, the exact count is not needed.
    let limit = head.len().max(1);
    if crate::text::count_bytes(head, |b| b < 0x20) * 100 <= limit {
        return None;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    (controls * 100 > limit).then_some("control bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("بايدن".as_bytes()).unwrap();
        assert_eq!(d.text, "بايدن");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("بايدن".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "بايدن", "the BOM is not part of the text");
    }

    #[test]
    fn utf16_both_orders() {
        let text = "قال بايدن: Hello";
        for (bom, be) in [([0xFF, 0xFE], false), ([0xFE, 0xFF], true)] {
            let mut b = bom.to_vec();
            for u in text.encode_utf16() {
                let pair = if be { u.to_be_bytes() } else { u.to_le_bytes() };
                b.extend_from_slice(&pair);
            }
            assert_eq!(decode(&b).unwrap().text, text);
        }
    }

    #[test]
    fn windows_1256_arabic() {
        let text = "أوضح الرئيس الأمريكي جو بايدن في مكالمة هاتفية مع الرئيس الروسي أنه يتوقع اتخاذ إجراءات ضد الهجمات";
        let (bytes, _, bad) = WINDOWS_1256.encode(text);
        assert!(!bad);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert!(d.is_legacy());
    }

    #[test]
    fn iso_8859_6_arabic() {
        let text = "هجوم على وزارة الصحة في عمان يوم الثلاثاء";
        let (bytes, _, bad) = ISO_8859_6.encode(text);
        assert!(!bad);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "ISO-8859-6");
    }

    #[test]
    fn untrusted_code_pages_are_refused() {
        let text = "Хакеры атаковали серверы министерства здравоохранения во вторник";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert!(matches!(decode(&bytes), Err(DecodeError::Unsupported(_))));
    }

    #[test]
    fn windows_1252_latin() {
        let text =
            "The café in Besançon reported a naïve attack on the résumé server of the société.";
        let (bytes, _, _) = WINDOWS_1252.encode(text);
        assert_eq!(decode(&bytes).unwrap().text, text);
    }

    #[test]
    fn refusals() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\t "), Err(DecodeError::Empty));
        assert!(matches!(decode(b"abc\0def"), Err(DecodeError::Binary(_))));
        assert!(matches!(decode(b"%PDF-1.4 x"), Err(DecodeError::Binary(_))));
        let mut damaged = "بايدن وبوتين في روسيا".as_bytes().to_vec();
        damaged.insert(4, 0xFF);
        assert!(matches!(decode(&damaged), Err(DecodeError::BrokenUtf8(4))));
    }

    #[test]
    fn control_bytes_make_a_file_binary_above_one_percent() {
        // Text with more than 1% control bytes is binary; with fewer it is read.
        let mut text = "بايدن ".repeat(200).into_bytes();
        text.extend_from_slice(&[0x02; 40]);
        assert_eq!(decode(&text), Err(DecodeError::Binary("control bytes")));
        text.truncate(text.len() - 30);
        assert!(decode(&text).is_ok());
    }
}
