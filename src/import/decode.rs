//! Bytes to text: byte-order marks, UTF-8, UTF-16 and the legacy single-byte
//! encodings that old news files use (Windows-1252 with 0x93/0x94 quotes).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from a file, with the encoding that was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, line ends normalised to LF.
    pub text: String,
    /// The encoding found ("UTF-8", "UTF-8 (BOM)", "windows-1252", …).
    pub encoding: &'static str,
    /// Whether CR LF or lone CR line ends were turned into LF.
    pub newlines_normalised: bool,
}

/// Why bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A NUL byte at this offset: a binary file.
    #[error("this looks like a binary file (NUL byte at offset {0}), not text")]
    Binary(usize),
}

/// Decodes a file's bytes. UTF-8 text with LF line ends comes back exactly as
/// it was: nothing is trimmed or normalised.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, encoding) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if enc == UTF_8 {
            (
                enc.decode_without_bom_handling(body).0.into_owned(),
                "UTF-8 (BOM)",
            )
        } else {
            let (t, _) = enc.decode_without_bom_handling(body);
            (
                t.into_owned(),
                if enc == UTF_16LE {
                    "UTF-16LE"
                } else {
                    "UTF-16BE"
                },
            )
        }
    } else if let Some(enc) = bomless_utf16(bytes) {
        let (t, _) = enc.decode_without_bom_handling(bytes);
        (t.into_owned(), enc.name())
    } else {
        if let Some(nul) = memchr_nul(bytes) {
            return Err(DecodeError::Binary(nul));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), "UTF-8"),
            Err(_) => {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(bytes, true);
                let enc = detector.guess(None, true);
                let (t, _) = enc.decode_without_bom_handling(bytes);
                (t.into_owned(), enc.name())
            }
        }
    };
    if let Some(nul) = text.find('\0') {
        return Err(DecodeError::Binary(nul));
    }
    let (text, newlines_normalised) = normalise_newlines(text);
    Ok(Decoded {
        text,
        encoding,
        newlines_normalised,
    })
}

/// UTF-16 without a byte-order mark shows as every other byte being NUL in
/// mostly-Latin text; recognise it before calling the file binary.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_nul = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 9 && even_nul == 0 {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 9 && odd_nul == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// CR LF and lone CR become LF; text without CR is returned as it is.
fn normalise_newlines(text: String) -> (String, bool) {
    if !text.contains('\r') {
        return (text, false);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    (out, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_lf_is_untouched() {
        let s = "  “Poland” — 4%\n\nKościuszko 👍\n";
        let d = decode(s.as_bytes()).unwrap();
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.newlines_normalised);
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Zalewski".as_bytes());
        assert_eq!(decode(&b).unwrap().text, "Zalewski");
    }

    #[test]
    fn utf16_with_either_bom() {
        let s = "“Warsaw” — Łódź\r\nline two";
        let mut le = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let mut be = vec![0xFE, 0xFF];
        be.extend(s.encode_utf16().flat_map(|u| u.to_be_bytes()));
        for b in [le, be] {
            let d = decode(&b).unwrap();
            assert_eq!(d.text, "“Warsaw” — Łódź\nline two");
            assert!(d.encoding.starts_with("UTF-16"));
        }
    }

    #[test]
    fn windows_1252_smart_quotes() {
        let b = b"\x93We will spend 4% of GDP,\x94 the minister said \x96 in Krak\xf3w.\r\n";
        let d = decode(b).unwrap();
        assert_eq!(
            d.text,
            "“We will spend 4% of GDP,” the minister said – in Kraków.\n"
        );
        // 0x93, 0x94, 0x96 and 0xF3 mean the same in windows-1250 and -1252,
        // and a sample this short cannot tell them apart; the text is what counts.
        assert!(d.encoding.starts_with("windows-125"), "{}", d.encoding);
        let long = b"\x93Allies must spend more,\x94 the secretary said. Fran\xe7ois and Ren\xe9e agreed \x96 na\xefve caf\xe9 d\xe9j\xe0 vu.";
        let d = decode(long).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(
            d.text
                .contains("François and Renée agreed – naïve café déjà vu.")
        );
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary(_))
        ));
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(decode(b"a\r\nb\rc\n").unwrap().text, "a\nb\nc\n");
    }
}
