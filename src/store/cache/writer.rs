//! Writing the case cache a block at a time, to a private file of its own put in place once
//! complete.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{
    BLOCK_HEAD, BLOCK_ROWS, Bodies, BodyAt, CASES_FORMAT, Fallback, HEAD_LEN, Keep, MAGIC, chain,
    checksum, encode_row,
};
use crate::domain::case::Body;

/// A cache file being written, a block at a time, so that neither the file nor the bodies of
/// every case are ever held whole (on a first opening of 100,000 cases that was over 150 MB).
/// Written privately (0600 in a 0700 folder) under a name of its own, then renamed over the
/// old one once complete and synced; dropped unfinished, it is removed.
pub struct Writer {
    dest: PathBuf,
    tmp: PathBuf,
    out: fs::File,
    /// The same file, read by the cases whose bodies went into it.
    bodies: Arc<Bodies>,
    pos: u64,
    sum: u64,
    blocks: u32,
    rows: Vec<u8>,
    block_bodies: Vec<u8>,
    count: u32,
    /// The rows of this block whose caller wants the body back (tag, where in the block).
    wanted: Vec<(usize, BodyAt)>,
    done: bool,
}

impl Writer {
    /// A new cache file for `file`, bound to `fingerprint`; bodies that cannot be read back
    /// from it come from `fallback` on the case file in `cases_dir`.
    pub fn create(
        file: &Path,
        fingerprint: &[u8; 32],
        cases_dir: &Path,
        fallback: Fallback,
    ) -> std::io::Result<Writer> {
        use std::os::unix::fs::{FileExt, OpenOptionsExt};
        let dir = file.parent().unwrap_or(Path::new("."));
        crate::private::ensure_dir(dir)?;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let tmp = dir.join(format!(".{name}.{}.tmp", crate::private::unique_name()));
        // Created here, exclusively, never through a link someone planted.
        let out = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&tmp)?;
        let mut head = Vec::with_capacity(HEAD_LEN);
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&CASES_FORMAT.to_le_bytes());
        head.extend_from_slice(fingerprint);
        head.resize(HEAD_LEN, 0);
        let bodies = Arc::new(Bodies {
            file: out.try_clone()?,
            cases_dir: cases_dir.to_path_buf(),
            fallback,
        });
        let w = Writer {
            dest: file.to_path_buf(),
            tmp,
            out,
            bodies,
            pos: HEAD_LEN as u64,
            // The chain starts from the header, its count and last checksum left out.
            sum: checksum(&head[..HEAD_LEN - 12]),
            blocks: 0,
            rows: Vec::new(),
            block_bodies: Vec::new(),
            count: 0,
            wanted: Vec::new(),
            done: false,
        };
        w.out.write_all_at(&head, 0)?;
        Ok(w)
    }

    /// Adds `e`. With a `tag`, its body is given back (with the tag) once written, read from
    /// this file when wanted, so the caller can let go of the text: from this or a later
    /// call, or `finish`.
    pub fn push(&mut self, tag: Option<usize>, e: &Keep) -> std::io::Result<Vec<(usize, Body)>> {
        let at = encode_row(&mut self.rows, &mut self.block_bodies, e);
        if let Some(tag) = tag {
            self.wanted.push((tag, at));
        }
        self.count += 1;
        if self.count >= BLOCK_ROWS {
            return self.flush();
        }
        Ok(Vec::new())
    }

    /// Writes the block so far; the wanted bodies, now in the file.
    fn flush(&mut self) -> std::io::Result<Vec<(usize, Body)>> {
        use std::os::unix::fs::FileExt;
        if self.count == 0 {
            return Ok(Vec::new());
        }
        let mut bh = [0u8; BLOCK_HEAD];
        bh[..4].copy_from_slice(&self.count.to_le_bytes());
        bh[4..8].copy_from_slice(&(self.rows.len() as u32).to_le_bytes());
        bh[8..].copy_from_slice(&(self.block_bodies.len() as u32).to_le_bytes());
        self.sum = chain(self.sum, &bh, &self.rows);
        let rows_at = self.pos + BLOCK_HEAD as u64;
        let bodies_at = rows_at + self.rows.len() as u64 + 8;
        let mut block = Vec::with_capacity(BLOCK_HEAD + self.rows.len() + 8);
        block.extend_from_slice(&bh);
        block.extend_from_slice(&self.rows);
        block.extend_from_slice(&self.sum.to_le_bytes());
        self.out.write_all_at(&block, self.pos)?;
        self.out.write_all_at(&self.block_bodies, bodies_at)?;
        self.pos = bodies_at + self.block_bodies.len() as u64;
        self.blocks += 1;
        self.count = 0;
        self.rows.clear();
        self.block_bodies.clear();
        Ok(self
            .wanted
            .drain(..)
            .map(|(tag, mut at)| {
                at.offset += bodies_at;
                at.name.0 += rows_at;
                at.digest.0 += rows_at;
                (tag, self.bodies.body(at))
            })
            .collect())
    }

    /// Writes the last block and the header's count and checksum, syncs, and puts the file
    /// in place of the old cache.
    pub fn finish(mut self) -> std::io::Result<Vec<(usize, Body)>> {
        use std::os::unix::fs::FileExt;
        let bodies = self.flush()?;
        let mut tail = [0u8; 12];
        tail[..4].copy_from_slice(&self.blocks.to_le_bytes());
        tail[4..].copy_from_slice(&self.sum.to_le_bytes());
        self.out.write_all_at(&tail, (HEAD_LEN - 12) as u64)?;
        self.out.sync_all()?;
        fs::rename(&self.tmp, &self.dest)?;
        self.done = true;
        if let Some(dir) = self.dest.parent() {
            fs::File::open(dir)?.sync_all()?;
        }
        Ok(bodies)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}
