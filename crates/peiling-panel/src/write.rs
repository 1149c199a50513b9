//! Writing tidy data block by block: CSV appended record by record, Parquet through
//! polars-io's batched writer (one row group per block, behind the `parquet` feature),
//! so that an export of millions of rows never holds more than one block as a frame.

use std::io::Write;

use crate::tidy::Tidy;
use crate::PanelError;

/// Rows per block: a frame of this many rows is built, written and dropped at a time.
pub const BLOCK_ROWS: usize = 1 << 16;

/// The file formats tidy data is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Parquet,
    Csv,
}

enum Inner<W: Write> {
    Csv(csv::Writer<W>),
    /// Started at the first block (the schema comes from its frame).
    #[cfg(feature = "parquet")]
    Parquet {
        out: Option<W>,
        batched: Option<polars_io::parquet::write::BatchedWriter<W>>,
    },
}

/// Writes the rows of one or more [`Tidy`] blocks (of the same survey, in order) as one
/// file; [`TidyWriter::finish`] completes it.
pub struct TidyWriter<W: Write> {
    inner: Inner<W>,
}

impl<W: Write> TidyWriter<W> {
    /// A writer of `format` onto `out` (CSV: UTF-8, comma, a header row, an empty cell
    /// is null; Parquet: zstd-compressed). Without the `parquet` feature, Parquet is
    /// [`PanelError::NoParquet`].
    pub fn new(out: W, format: Format) -> Result<Self, PanelError> {
        let inner = match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(crate::tidy::COLUMNS).map_err(csv_error)?;
                Inner::Csv(w)
            }
            #[cfg(feature = "parquet")]
            Format::Parquet => Inner::Parquet {
                out: Some(out),
                batched: None,
            },
            #[cfg(not(feature = "parquet"))]
            Format::Parquet => {
                drop(out);
                return Err(PanelError::NoParquet);
            }
        };
        Ok(TidyWriter { inner })
    }

    /// Appends the rows of `tidy`, at most [`BLOCK_ROWS`] of them per frame.
    pub fn write(&mut self, tidy: &Tidy) -> Result<(), PanelError> {
        for rows in tidy.rows.chunks(BLOCK_ROWS) {
            match &mut self.inner {
                Inner::Csv(w) => tidy.csv_rows(w, rows).map_err(csv_error)?,
                #[cfg(feature = "parquet")]
                Inner::Parquet { out, batched } => {
                    let df = tidy.frame_of(rows)?;
                    parquet_batch(out, batched, &df)?;
                }
            }
        }
        Ok(())
    }

    /// Completes the file (Parquet: its footer; a file without rows still has the
    /// columns) and flushes it.
    pub fn finish(self) -> Result<(), PanelError> {
        match self.inner {
            Inner::Csv(mut w) => w.flush().map_err(PanelError::Write),
            #[cfg(feature = "parquet")]
            Inner::Parquet {
                mut out,
                mut batched,
            } => {
                if batched.is_none() {
                    let df = Tidy::empty(None, "").frame()?;
                    parquet_batch(&mut out, &mut batched, &df)?;
                }
                if let Some(b) = batched {
                    b.finish().map_err(parquet_error)?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(feature = "parquet")]
fn parquet_batch<W: Write>(
    out: &mut Option<W>,
    batched: &mut Option<polars_io::parquet::write::BatchedWriter<W>>,
    df: &polars::prelude::DataFrame,
) -> Result<(), PanelError> {
    if batched.is_none() {
        let Some(out) = out.take() else {
            return Err(PanelError::Frame("the Parquet writer has no output".into()));
        };
        let writer = polars_io::parquet::write::ParquetWriter::new(out)
            .batched(df.schema())
            .map_err(parquet_error)?;
        *batched = Some(writer);
    }
    if let Some(b) = batched {
        b.write_batch(df).map_err(parquet_error)?;
    }
    Ok(())
}

/// A write error of the destination is [`PanelError::Write`], anything else internal.
#[cfg(feature = "parquet")]
fn parquet_error(e: polars::prelude::PolarsError) -> PanelError {
    match e {
        polars::prelude::PolarsError::IO { error, .. } => {
            PanelError::Write(std::io::Error::new(error.kind(), error.to_string()))
        }
        other => PanelError::from(other),
    }
}

fn csv_error(e: csv::Error) -> PanelError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => PanelError::Write(e),
        other => PanelError::Frame(format!("{other:?}")),
    }
}
