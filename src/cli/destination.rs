//! Where a command writes its result: standard output, or a file whose
//! folders are created, gzip-compressed when its name ends in `.gz`.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;

use newsgraph::export;
use newsgraph::output::OutputFile;

/// An open destination; [`Destination::finish`] flushes it and, for gzip,
/// writes the trailer, so that an error there is reported, not dropped.
pub(super) enum Destination {
    Stdout(io::BufWriter<io::StdoutLock<'static>>),
    File(OutputFile),
    Gzip(GzEncoder<OutputFile>),
}

impl Destination {
    /// Standard output for no path or `-`; else the file, created with its
    /// folders (and compressed for `.gz`).
    pub(super) fn create(path: Option<&Path>) -> Result<Destination> {
        let Some(path) = path.filter(|path| path.as_os_str() != "-") else {
            return Ok(Destination::Stdout(io::BufWriter::new(io::stdout().lock())));
        };
        let file =
            OutputFile::create(path).with_context(|| format!("creating {}", path.display()))?;
        Ok(if export::is_gzip(path) {
            Destination::Gzip(GzEncoder::new(file, Compression::default()))
        } else {
            Destination::File(file)
        })
    }

    pub(super) fn finish(self) -> io::Result<()> {
        match self {
            Destination::Stdout(mut out) => out.flush(),
            Destination::File(mut file) => file.flush(),
            Destination::Gzip(encoder) => encoder.finish()?.flush(),
        }
    }
}

impl Write for Destination {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(out) => out.write(data),
            Destination::File(file) => file.write(data),
            Destination::Gzip(encoder) => encoder.write(data),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(out) => out.flush(),
            Destination::File(file) => file.flush(),
            Destination::Gzip(encoder) => encoder.flush(),
        }
    }
}
