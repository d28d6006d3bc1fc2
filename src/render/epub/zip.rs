//! A zip archive made in memory, the same bytes for the same entries: entries in the order
//! given, every one dated alike (the caller's date, not the clock), no extra fields, fixed
//! permissions and compression level. What an EPUB needs of the format and nothing more: the
//! first entry may be stored (the `mimetype` of OCF), the others deflated. `read` reads such an
//! archive back (for `dossier check`, which checks the links of the books it made).
//!
//! Format: PKWARE's APPNOTE 6.3.x, sections 4.3 (local headers, central directory, end of
//! central directory record). No zip64: a briefing stays far under 4 GiB and 65,535 entries,
//! and an archive that would not is refused rather than written wrong.

use std::io::Write as _;

/// How an entry's bytes are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Stored,
    Deflated,
}

/// A date as zip headers hold it (MS-DOS: two seconds' precision, from 1980).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DosTime {
    time: u16,
    date: u16,
}

impl DosTime {
    /// The date of `year-month-day` at midnight; years before 1980 are 1980, after 2107 are
    /// 2107 (the format's bounds).
    pub fn midnight(year: i32, month: u32, day: u32) -> DosTime {
        let year = year.clamp(1980, 2107) as u16;
        let month = month.clamp(1, 12) as u16;
        let day = day.clamp(1, 31) as u16;
        DosTime {
            time: 0,
            date: (year - 1980) << 9 | month << 5 | day,
        }
    }
}

/// A file of the archive, compressed, ready to be added.
pub struct Entry {
    name: String,
    crc: u32,
    size: usize,
    compressed: Vec<u8>,
    method: Method,
}

impl Entry {
    /// The file `name` (`/` separators, no leading `/`) holding `data`, compressed with
    /// `method` (deflate at zlib's default level: the ninth made a whole-dossier book 64 bytes
    /// smaller, the first 12 % larger; see BENCHMARKS.md).
    pub fn new(name: &str, data: &[u8], method: Method) -> Entry {
        let compressed = match method {
            Method::Stored => data.to_vec(),
            Method::Deflated => {
                let mut encoder = flate2::write::DeflateEncoder::new(
                    Vec::with_capacity(data.len() / 3),
                    flate2::Compression::new(6),
                );
                encoder.write_all(data).expect("writing into memory");
                encoder.finish().expect("writing into memory")
            }
        };
        Entry {
            name: name.to_string(),
            crc: crc32fast::hash(data),
            size: data.len(),
            compressed,
            method,
        }
    }
}

/// An archive being written.
pub struct Zip {
    bytes: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
    time: DosTime,
}

/// An archive too large for a zip without zip64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge;

impl Zip {
    /// An empty archive whose entries are all dated `time`.
    pub fn new(time: DosTime) -> Zip {
        Zip {
            bytes: Vec::new(),
            central: Vec::new(),
            entries: 0,
            time,
        }
    }

    /// Adds the file `name` (`/` separators, no leading `/`) holding `data`.
    pub fn add(&mut self, name: &str, data: &[u8], method: Method) -> Result<(), TooLarge> {
        self.push(Entry::new(name, data, method))
    }

    /// Adds an entry made beforehand (entries compress in parallel; they are added in order).
    pub fn push(&mut self, entry: Entry) -> Result<(), TooLarge> {
        let Entry {
            name,
            crc,
            size,
            compressed,
            method,
        } = entry;
        let name = name.as_str();
        let small = |n: usize| u32::try_from(n).map_err(|_| TooLarge);
        let (size, packed, offset) = (
            small(size)?,
            small(compressed.len())?,
            small(self.bytes.len())?,
        );
        let name_len = u16::try_from(name.len()).map_err(|_| TooLarge)?;
        self.entries = self.entries.checked_add(1).ok_or(TooLarge)?;
        let method = match method {
            Method::Stored => 0u16,
            Method::Deflated => 8,
        };
        // Version 2.0 needed (deflate); bit 11: the name is UTF-8.
        let common = |out: &mut Vec<u8>| {
            put16(out, 20);
            put16(out, 1 << 11);
            put16(out, method);
            put16(out, self.time.time);
            put16(out, self.time.date);
            put32(out, crc);
            put32(out, packed);
            put32(out, size);
            put16(out, name_len);
            put16(out, 0); // no extra field
        };
        put32(&mut self.bytes, 0x0403_4b50);
        common(&mut self.bytes);
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.extend_from_slice(&compressed);

        put32(&mut self.central, 0x0201_4b50);
        // Made by: Unix (3), version 2.0, so that the permissions below are read.
        put16(&mut self.central, 3 << 8 | 20);
        common(&mut self.central);
        put16(&mut self.central, 0); // no comment
        put16(&mut self.central, 0); // disk 0
        put16(&mut self.central, 0); // internal attributes
        put32(&mut self.central, 0o100_644 << 16); // a regular file, rw-r--r--
        put32(&mut self.central, offset);
        self.central.extend_from_slice(name.as_bytes());
        Ok(())
    }

    /// The archive's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, TooLarge> {
        let start = u32::try_from(self.bytes.len()).map_err(|_| TooLarge)?;
        let length = u32::try_from(self.central.len()).map_err(|_| TooLarge)?;
        self.bytes.append(&mut self.central);
        put32(&mut self.bytes, 0x0605_4b50);
        put16(&mut self.bytes, 0); // this disk
        put16(&mut self.bytes, 0); // the disk where the directory starts
        put16(&mut self.bytes, self.entries);
        put16(&mut self.bytes, self.entries);
        put32(&mut self.bytes, length);
        put32(&mut self.bytes, start);
        put16(&mut self.bytes, 0); // no comment
        Ok(self.bytes)
    }
}

/// The entries of an archive as `Zip` writes them (stored or deflated, no zip64), in the
/// central directory's order, each checked against its size and CRC-32; `Err` says what is
/// wrong.
pub fn read(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let u16_at = |at: usize| -> Result<usize, String> {
        let b = bytes.get(at..at + 2).ok_or("cut short")?;
        Ok(u16::from_le_bytes([b[0], b[1]]) as usize)
    };
    let u32_at = |at: usize| -> Result<usize, String> {
        let b = bytes.get(at..at + 4).ok_or("cut short")?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let end = bytes
        .len()
        .checked_sub(22)
        .filter(|&end| u32_at(end) == Ok(0x0605_4b50))
        .ok_or("no end of central directory record where one is written")?;
    let mut at = u32_at(end + 16)?;
    let count = u16_at(end + 10)?;
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        if u32_at(at)? != 0x0201_4b50 {
            return Err(format!("no central directory entry at byte {at}"));
        }
        let (method, crc, packed, size) = (
            u16_at(at + 10)?,
            u32_at(at + 16)?,
            u32_at(at + 20)?,
            u32_at(at + 24)?,
        );
        let name_end = at + 46 + u16_at(at + 28)?;
        let name = bytes.get(at + 46..name_end).ok_or("cut short")?;
        let name = String::from_utf8_lossy(name).into_owned();
        let local = u32_at(at + 42)?;
        at = name_end + u16_at(at + 30)? + u16_at(at + 32)?;
        if u32_at(local)? != 0x0403_4b50 {
            return Err(format!("{name}: no local header at byte {local}"));
        }
        let start = local + 30 + u16_at(local + 26)? + u16_at(local + 28)?;
        let data = bytes
            .get(start..start.saturating_add(packed))
            .ok_or_else(|| format!("{name}: cut short"))?;
        let data = match method {
            0 => data.to_vec(),
            8 => {
                // No more than the size the header says, whatever the data would inflate to.
                let mut out = Vec::with_capacity(size.min(packed.saturating_mul(4)));
                let limit = size as u64 + 1;
                let decoder = flate2::read::DeflateDecoder::new(data);
                std::io::Read::read_to_end(&mut std::io::Read::take(decoder, limit), &mut out)
                    .map_err(|e| format!("{name}: {e}"))?;
                out
            }
            other => return Err(format!("{name}: compression method {other}")),
        };
        if data.len() != size || crc32fast::hash(&data) as usize != crc {
            return Err(format!(
                "{name}: its size or CRC-32 does not match its bytes"
            ));
        }
        entries.push((name, data));
    }
    Ok(entries)
}

fn put16(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive() -> Vec<u8> {
        let mut zip = Zip::new(DosTime::midnight(2024, 6, 12));
        zip.add("mimetype", b"application/epub+zip", Method::Stored)
            .unwrap();
        zip.add(
            "OEBPS/été.xhtml",
            "<p>été</p>".repeat(50).as_bytes(),
            Method::Deflated,
        )
        .unwrap();
        zip.finish().unwrap()
    }

    #[test]
    fn the_first_entry_stored_comes_first_as_ocf_asks() {
        let bytes = archive();
        // Local header, version 20, UTF-8 names, stored, then at 30 the name, at 38 the text:
        // an e-reader recognises an EPUB by these bytes.
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0, "stored");
        assert_eq!(
            u16::from_le_bytes([bytes[28], bytes[29]]),
            0,
            "no extra field"
        );
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..58], b"application/epub+zip");
    }

    #[test]
    fn the_same_entries_make_the_same_bytes_and_a_date_changes_them() {
        assert_eq!(archive(), archive());
        let mut other = Zip::new(DosTime::midnight(2024, 6, 13));
        other
            .add("mimetype", b"application/epub+zip", Method::Stored)
            .unwrap();
        assert_ne!(other.finish().unwrap()[..40], archive()[..40]);
    }

    #[test]
    fn entries_read_back_with_their_sizes_and_checksums() {
        let bytes = archive();
        // The end record points at the central directory, which lists two entries.
        let end = bytes.len() - 22;
        assert_eq!(&bytes[end..end + 4], b"PK\x05\x06");
        let entries = u16::from_le_bytes([bytes[end + 10], bytes[end + 11]]);
        assert_eq!(entries, 2);
        let start = u32::from_le_bytes(bytes[end + 16..end + 20].try_into().unwrap()) as usize;
        assert_eq!(&bytes[start..start + 4], b"PK\x01\x02");
        // The second entry inflates back to its text, whose CRC-32 the header holds.
        let second = 30 + 8 + 20;
        assert_eq!(&bytes[second..second + 4], b"PK\x03\x04");
        let packed =
            u32::from_le_bytes(bytes[second + 18..second + 22].try_into().unwrap()) as usize;
        let name_len = u16::from_le_bytes([bytes[second + 26], bytes[second + 27]]) as usize;
        let data = second + 30 + name_len;
        assert_eq!(&bytes[second + 30..data], "OEBPS/été.xhtml".as_bytes());
        let mut text = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::DeflateDecoder::new(&bytes[data..data + packed]),
            &mut text,
        )
        .unwrap();
        assert_eq!(text, "<p>été</p>".repeat(50).as_bytes());
        let crc = u32::from_le_bytes(bytes[second + 14..second + 18].try_into().unwrap());
        assert_eq!(crc, crc32fast::hash(&text));
    }

    #[test]
    fn an_archive_reads_back_and_a_damaged_one_does_not() {
        let entries = read(&archive()).unwrap();
        let names: Vec<&str> = entries.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["mimetype", "OEBPS/été.xhtml"]);
        assert_eq!(entries[1].1, "<p>été</p>".repeat(50).as_bytes());
        let mut damaged = archive();
        damaged[40] ^= 1; // in the stored `mimetype`
        assert_eq!(
            read(&damaged).unwrap_err(),
            "mimetype: its size or CRC-32 does not match its bytes"
        );
        assert!(read(&archive()[..60]).is_err());
        assert!(read(b"").is_err());
    }

    #[test]
    fn a_date_keeps_to_the_format_s_bounds() {
        assert_eq!(DosTime::midnight(1970, 1, 1), DosTime::midnight(1980, 1, 1));
        assert_eq!(
            DosTime::midnight(2024, 6, 12).date,
            (44 << 9) | (6 << 5) | 12
        );
    }
}
