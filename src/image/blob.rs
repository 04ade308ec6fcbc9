//! Blobs: byte ranges of files on the host (a file of an OCI layout, or a
//! member of an uncompressed tar archive), read as they are or through a
//! gzip or zstd decoder chosen by magic bytes, with the decoded size
//! bounded.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::{ImageError, MAX_EXPANSION_RATIO, MAX_JSON_BYTES, MIN_LAYER_ALLOWANCE};

/// A byte range of a host file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobRef {
    pub file: Arc<PathBuf>,
    pub offset: u64,
    pub len: u64,
}

/// How a layer blob is compressed, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    pub fn detect(magic: &[u8]) -> Compression {
        if magic.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "uncompressed",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

impl BlobRef {
    /// The raw bytes of the range, as a reader that stops at its end.
    pub fn raw(&self) -> io::Result<io::Take<File>> {
        let mut f = File::open(self.file.as_path())?;
        if !f.metadata()?.is_file() {
            return Err(io::Error::other("not a regular file"));
        }
        f.seek(SeekFrom::Start(self.offset))?;
        Ok(f.take(self.len))
    }

    /// The first bytes of the range.
    pub fn magic(&self) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.raw()?.take(8).read_to_end(&mut buf)?;
        Ok(buf)
    }

    pub fn compression(&self) -> io::Result<Compression> {
        Ok(Compression::detect(&self.magic()?))
    }

    /// The whole (small, uncompressed) blob: a JSON document.
    pub fn read_json(&self, what: &str) -> Result<Vec<u8>, ImageError> {
        if self.len > MAX_JSON_BYTES {
            return Err(ImageError::TooLarge {
                what: what.to_string(),
                limit: MAX_JSON_BYTES,
            });
        }
        let mut buf = Vec::new();
        self.raw()
            .and_then(|mut r| r.read_to_end(&mut buf))
            .map_err(|e| ImageError::Io(format!("{what}: {e}")))?;
        if (buf.len() as u64) < self.len {
            return Err(ImageError::Truncated(what.to_string()));
        }
        Ok(buf)
    }

    /// Most bytes a layer of this blob may decode to: its own size when
    /// uncompressed, else [`MAX_EXPANSION_RATIO`] times it (at least
    /// [`MIN_LAYER_ALLOWANCE`]).
    pub fn decoded_limit(&self, c: Compression) -> u64 {
        match c {
            Compression::None => self.len,
            _ => self
                .len
                .saturating_mul(MAX_EXPANSION_RATIO)
                .max(MIN_LAYER_ALLOWANCE),
        }
    }

    /// The decoded stream (a tar), bounded by [`BlobRef::decoded_limit`];
    /// `limit_hit` is set when the bound stopped it.
    pub fn decoded(&self, limit_hit: Arc<AtomicBool>) -> io::Result<(Box<dyn Read>, Compression)> {
        let c = self.compression()?;
        let raw = io::BufReader::with_capacity(64 * 1024, self.raw()?);
        let inner: Box<dyn Read> = match c {
            Compression::None => Box::new(raw),
            Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(raw)),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(raw)?),
        };
        Ok((
            Box::new(Bounded {
                inner,
                left: self.decoded_limit(c),
                hit: limit_hit,
            }),
            c,
        ))
    }
}

/// A reader that fails once more than `left` bytes have come through.
struct Bounded {
    inner: Box<dyn Read>,
    left: u64,
    hit: Arc<AtomicBool>,
}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            // One more byte would be over the limit: is there one?
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => {
                    self.hit.store(true, Ordering::Relaxed);
                    Err(io::Error::other(
                        "decompressed layer exceeds its size limit",
                    ))
                }
            };
        }
        let max = buf.len().min(self.left.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// Checks a blob against its `sha256:HEX` digest (other algorithms are
/// not checked).
pub fn verify_digest(blob: &BlobRef, digest: &str) -> Result<(), ImageError> {
    use sha2::{Digest, Sha256};
    let Some(hex) = digest.strip_prefix("sha256:") else {
        return Ok(());
    };
    let mut hasher = Sha256::new();
    let mut raw = blob
        .raw()
        .map_err(|e| ImageError::Io(format!("{digest}: {e}")))?;
    let n =
        io::copy(&mut raw, &mut hasher).map_err(|e| ImageError::Io(format!("{digest}: {e}")))?;
    if n < blob.len {
        return Err(ImageError::Truncated(digest.to_string()));
    }
    let got: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if got != hex {
        return Err(ImageError::DigestMismatch {
            digest: digest.to_string(),
            actual: format!("sha256:{got}"),
        });
    }
    Ok(())
}

/// Whether `digest` is `ALG:HEX` with a lowercase algorithm name and hex
/// value, so that `blobs/ALG/HEX` cannot name anything outside `blobs/`.
pub fn valid_digest(digest: &str) -> Option<(&str, &str)> {
    let (alg, hex) = digest.split_once(':')?;
    let alg_ok = !alg.is_empty()
        && alg.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || b == b'+'
                || b == b'.'
                || b == b'_'
                || b == b'-'
        });
    let hex_ok = hex.len() >= 32 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    (alg_ok && hex_ok && alg != "." && alg != "..").then_some((alg, hex))
}
