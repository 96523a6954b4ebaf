//! Reading one hand-edited file safely: regular files only, size-capped, UTF-8 checked.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use crate::diag::{Msg, Special};

/// No docket input is anywhere near this; a larger file is refused unread.
pub const MAX_FILE: u64 = 1024 * 1024;

/// A read that failed, with the place (line, column) where it makes sense.
#[derive(Debug)]
pub struct ReadError {
    pub line: u32,
    pub col: u32,
    pub msg: Msg,
}

impl ReadError {
    fn whole(msg: Msg) -> ReadError {
        ReadError {
            line: 1,
            col: 1,
            msg,
        }
    }
}

pub fn special_kind(ft: &std::fs::FileType) -> Option<Special> {
    if ft.is_file() || ft.is_dir() || ft.is_symlink() {
        None
    } else if ft.is_fifo() {
        Some(Special::Fifo)
    } else if ft.is_block_device() || ft.is_char_device() {
        Some(Special::Device)
    } else if ft.is_socket() {
        Some(Special::Socket)
    } else {
        Some(Special::Other)
    }
}

/// The file's text without a byte-order mark. Opened non-blocking so that a FIFO swapped in
/// after the caller looked cannot hang docket, then checked to be a regular file.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    read_text_capped(path, MAX_FILE)
}

/// `read_text` with a cap of its own: the minutes docket writes may pass `MAX_FILE`.
pub fn read_text_capped(path: &Path, cap: u64) -> Result<String, ReadError> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| ReadError::whole(io_msg(&e)))?;
    let meta = file.metadata().map_err(|e| ReadError::whole(io_msg(&e)))?;
    if let Some(kind) = special_kind(&meta.file_type()) {
        return Err(ReadError::whole(Msg::SpecialFile(kind)));
    }
    if meta.is_dir() {
        return Err(ReadError::whole(Msg::IsFolder));
    }
    if meta.len() > cap {
        return Err(ReadError::whole(Msg::TooLarge(cap)));
    }
    let bytes = read_capped(file, cap)?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.as_bytes();
            let good = e.utf8_error().valid_up_to();
            let (line, col) = line_col(&bytes[..good]);
            return Err(ReadError {
                line,
                col,
                msg: Msg::InvalidUtf8,
            });
        }
    };
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Reads at most `cap` bytes, whatever the file grew to since it was measured.
fn read_capped(file: File, cap: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::whole(io_msg(&e)))?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::whole(Msg::TooLarge(cap)));
    }
    Ok(bytes)
}

/// A journal grows with the meeting: a long one may pass 1 MiB, never this.
pub const MAX_JOURNAL: u64 = 64 * 1024 * 1024;

/// A journal's text; invalid UTF-8 is kept as replacement characters, which then fail
/// their line's checksum and are reported with the line.
pub fn read_journal(path: &Path) -> Result<String, ReadError> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| ReadError::whole(io_msg(&e)))?;
    let meta = file.metadata().map_err(|e| ReadError::whole(io_msg(&e)))?;
    if !meta.is_file() {
        return Err(ReadError::whole(Msg::SpecialFile(
            special_kind(&meta.file_type()).unwrap_or(Special::Other),
        )));
    }
    let bytes = read_capped(file, MAX_JOURNAL)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Line and column (1-based, in characters) just after the valid UTF-8 prefix `good`.
fn line_col(good: &[u8]) -> (u32, u32) {
    let text = String::from_utf8_lossy(good);
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

pub fn io_msg(e: &io::Error) -> Msg {
    if e.kind() == io::ErrorKind::NotFound {
        Msg::NotFound
    } else {
        Msg::Io(e.kind(), e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located_after_the_good_prefix() {
        assert_eq!(line_col(b"a: 1\nb: \xe4\xb8\x80"), (2, 5));
        assert_eq!(line_col(b""), (1, 1));
    }
}
