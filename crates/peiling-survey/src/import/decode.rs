//! Decoding an export's bytes into UTF-8 block by block, for the streamed import: the
//! same text, encoding name and problems as the whole-file import's decoding
//! ([`super::table`]), without holding the file.
//!
//! UTF-16 (Excel's "Unicode text", with its byte order mark) goes through
//! `encoding_rs`'s decoder in reads. Anything else is UTF-8 line by line: a line that is
//! not UTF-8 is read as Windows-1252 (every byte decodes there) and noted. At the end
//! the notes say what the file was ([`TextFindings`]): no line beyond ASCII that is
//! UTF-8 means a Windows-1252 file (Dutch Excel's "CSV"), otherwise a UTF-8 file with
//! some lines that are not, each a problem. Line breaks are ASCII in both, so a
//! character never spans a line and chunks cut at line ends decode alone.

use std::io::Read;

use super::table::{detect_delimiter, looks_binary, NotUtf8};

/// While a file may still turn out to be Windows-1252 throughout, at most this many of
/// its lines that are not UTF-8 are noted (they only become problems when a later line
/// shows UTF-8); beyond it such a file is left to the whole-file import.
const UNDECIDED_NOTES: usize = 100_000;

/// What the streamed import reads the bytes as.
enum Mode {
    /// Not started: the first bytes decide.
    Sniff,
    /// UTF-8 with lines in Windows-1252 as the exception (or throughout).
    Lines,
    /// UTF-8 after a byte order mark: nothing else is accepted.
    Utf8Bom,
    Utf16(Box<encoding_rs::Decoder>),
}

/// What the decoding found about the text of an export (or of a chunk of it: chunks are
/// merged, [`TextFindings::absorb`]).
#[derive(Debug, Clone)]
pub(crate) struct TextFindings {
    /// The encoding named by the byte order mark, or "UTF-8" ("XLSX" for a workbook).
    pub base: &'static str,
    /// A line beyond ASCII that is UTF-8.
    pub utf8_beyond_ascii: bool,
    /// Lines that are not UTF-8 (read as Windows-1252), in line order.
    pub not_utf8: Vec<NotUtf8>,
    /// Such lines were found beyond [`UNDECIDED_NOTES`] and not noted.
    pub overflow: bool,
    /// A control byte that never occurs in text (binary data, in a file that is not
    /// UTF-8 throughout).
    pub control: bool,
}

impl TextFindings {
    pub(crate) fn new(base: &'static str) -> TextFindings {
        TextFindings {
            base,
            utf8_beyond_ascii: false,
            not_utf8: Vec::new(),
            overflow: false,
            control: false,
        }
    }

    fn not_utf8_lines(&self) -> bool {
        self.overflow || !self.not_utf8.is_empty()
    }

    /// The encoding as the whole-file import names it.
    pub(crate) fn encoding(&self) -> &'static str {
        if self.not_utf8_lines() && !self.utf8_beyond_ascii {
            "Windows-1252"
        } else {
            self.base
        }
    }

    /// UTF-8 with some lines that are not: each of those is a problem.
    pub(crate) fn mixed(&self) -> bool {
        self.not_utf8_lines() && self.utf8_beyond_ascii
    }

    /// Can the streamed import say what the whole-file import says? Not for binary
    /// data in a file that is not UTF-8 (the whole-file import's error), nor for a
    /// mixed file whose early lines were too many to note.
    pub(crate) fn complete(&self) -> bool {
        let binary = self.not_utf8_lines() && self.control;
        let unnoted = self.mixed() && self.overflow;
        !(binary || unnoted)
    }

    /// Adds the findings of the next chunk (its lines already moved on).
    pub(crate) fn absorb(&mut self, other: TextFindings) {
        self.utf8_beyond_ascii |= other.utf8_beyond_ascii;
        self.overflow |= other.overflow;
        self.control |= other.control;
        self.not_utf8.extend(other.not_utf8);
    }

    fn note(&mut self, n: NotUtf8) {
        if self.utf8_beyond_ascii || self.not_utf8.len() < UNDECIDED_NOTES {
            self.not_utf8.push(n);
        } else {
            self.overflow = true;
        }
    }
}

/// The decoding state of one reader: `fill` appends decoded text to the caller's
/// buffer, `ready` says how much of it is whole lines of checked UTF-8.
pub(crate) struct Decoding {
    mode: Mode,
    utf8_only: bool,
    delimiter: Option<u8>,
    /// Bytes of the buffer already checked (and decoded where needed).
    checked: usize,
    /// Raw bytes waiting to be decoded (UTF-16).
    raw: Vec<u8>,
    /// Nothing but byte order marks has been decoded yet (UTF-16 drops them all).
    at_start: bool,
    pub(crate) findings: TextFindings,
}

impl Decoding {
    pub(crate) fn new(utf8_only: bool, delimiter: Option<u8>) -> Decoding {
        Decoding {
            mode: Mode::Sniff,
            utf8_only,
            delimiter,
            checked: 0,
            raw: Vec::new(),
            at_start: true,
            findings: TextFindings::new("UTF-8"),
        }
    }

    /// Reads up to about `max` bytes from `reader` and appends their text to `buf`; the
    /// raw bytes read (0 at the end). `None`: not a text this import streams (a
    /// workbook), or a read or decoding error (the whole-file import words it).
    pub(crate) fn fill<R: Read>(
        &mut self,
        reader: &mut R,
        buf: &mut Vec<u8>,
        max: usize,
    ) -> Option<usize> {
        if matches!(self.mode, Mode::Sniff) {
            return self.sniff(reader, buf);
        }
        let max = max.max(1);
        match &mut self.mode {
            Mode::Utf16(decoder) => {
                self.raw.resize(max, 0);
                let n = reader.read(&mut self.raw).ok()?;
                self.raw.truncate(n);
                let decoder = &mut **decoder;
                decode_utf16(decoder, &self.raw, n == 0, buf, &mut self.at_start)?;
                Some(n)
            }
            _ => {
                let start = buf.len();
                buf.resize(start + max, 0);
                let n = reader.read(&mut buf[start..]).ok()?;
                buf.truncate(start + n);
                Some(n)
            }
        }
    }

    /// The first read: at least four bytes (or the whole file), which name the encoding.
    fn sniff<R: Read>(&mut self, reader: &mut R, buf: &mut Vec<u8>) -> Option<usize> {
        let mut head = Vec::with_capacity(4);
        reader.by_ref().take(4).read_to_end(&mut head).ok()?;
        let n = head.len();
        if head.starts_with(b"PK\x03\x04") {
            return None;
        }
        let utf16 = if head.starts_with(b"\xFF\xFE") {
            Some((encoding_rs::UTF_16LE, "UTF-16LE"))
        } else if head.starts_with(b"\xFE\xFF") {
            Some((encoding_rs::UTF_16BE, "UTF-16BE"))
        } else {
            None
        };
        if let Some((encoding, name)) = utf16 {
            let mut decoder = encoding.new_decoder_with_bom_removal();
            decode_utf16(&mut decoder, &head[2..], n == 0, buf, &mut self.at_start)?;
            self.mode = Mode::Utf16(Box::new(decoder));
            self.findings.base = name;
        } else if let Some(rest) = head.strip_prefix(b"\xEF\xBB\xBF") {
            buf.extend_from_slice(rest);
            self.mode = Mode::Utf8Bom;
            self.findings.base = "UTF-8 (BOM)";
        } else {
            buf.extend_from_slice(&head);
            self.mode = Mode::Lines;
        }
        Some(n)
    }

    /// The buffer lost its first `used` bytes.
    pub(crate) fn consumed(&mut self, used: usize) {
        self.checked -= used.min(self.checked);
    }

    /// Checks the text appended to `buf` since the last call, whole lines only (all of
    /// it at the end of the file), decoding the lines that are not UTF-8; how many of
    /// its first bytes are text now. `lines_before` is the line the buffer starts on,
    /// less one. `None`: text the whole-file import refuses.
    pub(crate) fn ready(
        &mut self,
        buf: &mut Vec<u8>,
        eof: bool,
        lines_before: usize,
    ) -> Option<usize> {
        let start = self.checked;
        match self.mode {
            Mode::Sniff => return Some(0),
            Mode::Utf16(_) => self.checked = buf.len(),
            Mode::Utf8Bom => match std::str::from_utf8(&buf[start..]) {
                Ok(_) => self.checked = buf.len(),
                Err(e) if !eof && e.error_len().is_none() => self.checked = start + e.valid_up_to(),
                Err(_) => return None,
            },
            Mode::Lines => {
                let end = if eof {
                    buf.len()
                } else {
                    match buf[start..].iter().rposition(|&b| b == b'\n') {
                        Some(p) => start + p + 1,
                        None => return Some(start),
                    }
                };
                self.lines(buf, start, end, lines_before)?;
            }
        }
        Some(self.checked)
    }

    /// [`Decoding::ready`] for UTF-8 lines: `buf[start..end]` is whole lines.
    fn lines(
        &mut self,
        buf: &mut Vec<u8>,
        start: usize,
        end: usize,
        lines_before: usize,
    ) -> Option<()> {
        let region = &buf[start..end];
        if !self.findings.control && has_control(region) {
            self.findings.control = true;
        }
        if self.delimiter.is_none() && start == 0 && lines_before == 0 {
            // As the whole-file import guesses it for its column numbers: from the
            // first line.
            let first = region.split_inclusive(|&b| b == b'\n').next();
            let first = String::from_utf8_lossy(first.unwrap_or_default());
            self.delimiter = Some(detect_delimiter(&first));
        }
        if std::str::from_utf8(region).is_ok() {
            if !self.findings.utf8_beyond_ascii && !region.is_ascii() {
                self.findings.utf8_beyond_ascii = true;
            }
            self.checked = end;
            return Some(());
        }
        if self.utf8_only {
            return None;
        }
        let first_line = lines_before + count_lines(&buf[..start]) + 1;
        let mut text = Vec::with_capacity(region.len() + region.len() / 8);
        for (line, l) in (first_line..).zip(region.split_inclusive(|&b| b == b'\n')) {
            match std::str::from_utf8(l) {
                Ok(_) => {
                    self.findings.utf8_beyond_ascii |= !l.is_ascii();
                    text.extend_from_slice(l);
                }
                Err(e) => {
                    let bad = e.valid_up_to();
                    let column = field_of(&l[..bad], self.delimiter.unwrap_or(b','));
                    self.findings.note(NotUtf8 {
                        line,
                        column,
                        byte: l[bad],
                    });
                    let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(l);
                    text.extend_from_slice(decoded.as_bytes());
                }
            }
        }
        let grown = text.len();
        buf.splice(start..end, text);
        self.checked = start + grown;
        Some(())
    }
}

/// Decodes `raw` (the end of the input when `last`) onto `buf`, dropping byte order
/// marks at the start of the text as the whole-file import does. `None` on bytes that
/// are not UTF-16.
fn decode_utf16(
    decoder: &mut encoding_rs::Decoder,
    raw: &[u8],
    last: bool,
    buf: &mut Vec<u8>,
    at_start: &mut bool,
) -> Option<()> {
    let start = buf.len();
    let room = decoder.max_utf8_buffer_length(raw.len())?;
    buf.resize(start + room, 0);
    let (result, read, written, had_errors) = decoder.decode_to_utf8(raw, &mut buf[start..], last);
    buf.truncate(start + written);
    if had_errors || read != raw.len() || result != encoding_rs::CoderResult::InputEmpty {
        return None;
    }
    if *at_start {
        let marks = buf[start..]
            .chunks(3)
            .take_while(|c| *c == "\u{feff}".as_bytes())
            .count();
        buf.drain(start..start + 3 * marks);
        *at_start = buf.len() == start;
    }
    Some(())
}

/// The field (1-based) at the end of `before`, the start of a line: separators outside
/// quotes counted as the whole-file import counts them.
fn field_of(before: &[u8], delimiter: u8) -> usize {
    let mut in_quotes = false;
    let mut column = 1;
    for &b in before {
        match b {
            b'"' => in_quotes = !in_quotes,
            _ if b == delimiter && !in_quotes => column += 1,
            _ => {}
        }
    }
    column
}

fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Does `bytes` hold a control byte that never occurs in text? Eight bytes at a time:
/// only words with a byte below 0x20 (a line end, a tab) are looked at one by one.
fn has_control(bytes: &[u8]) -> bool {
    const LOW: u64 = 0x2020_2020_2020_2020;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        let x = u64::from_le_bytes(word);
        if x.wrapping_sub(LOW) & !x & HIGH != 0 && w.iter().any(|&b| looks_binary(b)) {
            return true;
        }
    }
    words.remainder().iter().any(|&b| looks_binary(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_bytes_are_found_in_any_position() {
        let text = b"Naam,Vraag\r\nAnna,\"twee\tregels\"\n";
        assert!(!has_control(text));
        for at in 0..text.len() {
            for byte in [0x01u8, 0x08, 0x0E, 0x1A, 0x1C, 0x1F] {
                let mut t = text.to_vec();
                t[at] = byte;
                assert!(has_control(&t), "byte 0x{byte:02X} at {at}");
            }
            let mut t = text.to_vec();
            t[at] = 0x1B; // escape: text in some exports
            assert!(!has_control(&t));
        }
    }
}
