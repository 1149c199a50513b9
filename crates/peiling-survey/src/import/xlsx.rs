//! Reading an XLSX sheet: its cells one by one (calamine's cell reader, not its dense
//! range), kept once as the sheet's cells ([`Sheet`]); its rows are made one at a time,
//! for a whole [`Table`] or straight into the row checker ([`stream_xlsx`]), which
//! makes no second copy of the sheet and keeps no responses.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, XlsxFormulaMetadata};

use crate::error::ImportError;
use crate::questionnaire::Questionnaire;

use super::check::Checker;
use super::dedup::Drops;
use super::dictionary::Dictionary;
use super::stream::StreamReport;
use super::table::{FormulaCell, Row, Table, TableOptions, MAX_CELLS};
use super::{DuplicatePolicy, ImportOptions};

/// A sheet's cells by row (0-based row and column), the header read from its first row.
pub(crate) struct Sheet {
    pub(crate) headers: Vec<String>,
    cells: BTreeMap<u32, Vec<(u32, Data)>>,
    /// Rows the sheet holds twice (a second `<row>` of the same number).
    repeats: Vec<(u32, Vec<(u32, Data)>)>,
    /// The table's first column: fields are counted from it.
    first_col: u32,
    width: usize,
    pub(crate) formulas: Vec<FormulaCell>,
}

impl Sheet {
    /// One row's fields; `None` for a blank row (no text and no unstored formula).
    fn row(&self, row: u32, values: &[(u32, Data)]) -> Option<Row> {
        let mut fields = vec![String::new(); self.width.max(1)];
        for (col, value) in values {
            if let Some(f) = fields.get_mut((col - self.first_col) as usize) {
                *f = cell_text(value);
            }
        }
        let line = row as usize + 1;
        let blank = fields.iter().all(|f| f.trim().is_empty())
            && !self.formulas.iter().any(|f| f.line == line);
        (!blank).then_some(Row { line, fields })
    }

    /// The data rows (after the header) that are not blank, in row order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = Row> + '_ {
        self.cells
            .iter()
            .skip(1)
            .filter_map(|(&row, values)| self.row(row, values))
    }

    /// The rows held a second time that are not blank.
    pub(crate) fn repeated(&self) -> impl Iterator<Item = Row> + '_ {
        self.repeats
            .iter()
            .filter_map(|(row, values)| self.row(*row, values))
    }

    /// The whole table of text.
    pub(crate) fn into_table(self) -> Table {
        let rows = self.rows().collect();
        let repeated = self.repeated().collect();
        Table {
            headers: self.headers,
            rows,
            encoding: "XLSX",
            formulas: self.formulas,
            not_utf8: Vec::new(),
            repeated,
        }
    }
}

/// The sheet as a table of text.
pub(crate) fn read_xlsx(
    file: &str,
    bytes: &[u8],
    opts: &TableOptions,
) -> Result<Table, ImportError> {
    Ok(read_sheet(file, bytes, opts)?.into_table())
}

/// Streams a workbook's sheet through the row checker as [`super::stream::stream_csv`]
/// streams a CSV: `row` gets every accepted row's dictionary ids. Second submissions
/// that the policy drops are found by a first pass over the same cells. `None` on any
/// error: the whole-file import words it.
pub(crate) fn stream_xlsx(
    q: &Questionnaire,
    file: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    row: &mut dyn FnMut(&[u32], &[Dictionary]),
) -> Option<StreamReport> {
    let sheet = read_sheet(file, bytes, &opts.table).ok()?;
    let drops = match opts.duplicates {
        DuplicatePolicy::KeepAll => Drops::none(),
        policy => {
            let first = check_sheet(
                q,
                file,
                &sheet,
                &opts.first_pass(),
                Drops::none(),
                &mut |_, _| {},
            )?;
            Drops::decide(&first.duplicates, policy)
        }
    };
    check_sheet(q, file, &sheet, opts, drops, row)
}

/// The sheet's rows through the row checker, as the whole-file import takes them.
fn check_sheet(
    q: &Questionnaire,
    file: &str,
    sheet: &Sheet,
    opts: &ImportOptions,
    drops: Drops,
    sink: &mut dyn FnMut(&[u32], &[Dictionary]),
) -> Option<StreamReport> {
    let mut checker = Checker::new(q, file, sheet.headers.clone(), opts).ok()?;
    checker.dropping(drops);
    for row in sheet.repeated() {
        checker.reject_read(super::repeated_row(row));
    }
    let mut formulas: std::collections::HashMap<usize, Vec<&FormulaCell>> = Default::default();
    for f in &sheet.formulas {
        formulas.entry(f.line).or_default().push(f);
    }
    let mut any = false;
    for row in sheet.rows() {
        any = true;
        let cells = formulas.get(&row.line).map_or(&[][..], Vec::as_slice);
        if checker.row(q, row.line, row.fields.as_slice(), cells) {
            sink(&checker.ids, &checker.dictionaries);
        }
    }
    // "Only a header row" is the whole-file import's error.
    any.then(|| {
        let mut report = super::stream::report_of(checker, q, "XLSX");
        report.file = file.to_string();
        report
    })
}

/// Reads the sheet (the one `opts` names, else the first) cell by cell.
pub(crate) fn read_sheet(
    file: &str,
    bytes: &[u8],
    opts: &TableOptions,
) -> Result<Sheet, ImportError> {
    super::xlsx_check::check_shared_string_indexes(file, bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| ImportError::file(file, format!("found an unreadable XLSX workbook ({e}), expected a workbook saved by Excel or a survey tool")))?;
    let names = book.sheet_names();
    let sheet = match &opts.sheet {
        Some(s) => names.iter().find(|n| *n == s).cloned().ok_or_else(|| {
            ImportError::file(
                file,
                format!(
                    "found no sheet \"{s}\", expected one of {}",
                    names.join(", ")
                ),
            )
        })?,
        None => names.first().cloned().ok_or_else(|| {
            ImportError::file(
                file,
                "found a workbook without sheets, expected one with the responses",
            )
        })?,
    };
    let unreadable = |e: calamine::XlsxError| {
        ImportError::file(
            file,
            format!("found sheet \"{sheet}\" unreadable ({e}), expected a readable sheet"),
        )
    };
    // The cells one by one, not calamine's dense range: a workbook of a few bytes can
    // name a cell far beyond Excel's last column, and the dense range would allocate
    // every cell up to it.
    let mut cells: std::collections::BTreeMap<u32, Vec<(u32, Data)>> = Default::default();
    // Formula cells without a stored result: (row, column, formula text).
    let mut unstored: Vec<(u32, u32, Option<String>)> = Vec::new();
    // A row the sheet holds twice (a second `<row>` of the same number) is kept apart,
    // not merged into the first: a cell comes again, or its row number comes back.
    let mut repeats: Vec<(u32, Vec<(u32, Data)>)> = Vec::new();
    let mut seen_rows = std::collections::HashSet::new();
    let mut open_row: Option<(u32, std::collections::HashSet<u32>, bool)> = None;
    {
        let mut reader = book.worksheet_cells_reader(&sheet).map_err(unreadable)?;
        // With the formulas' metadata, not their text expanded: a shared formula's
        // index would size a table.
        while let Some(cell) = reader
            .next_cell_with_formula_metadata()
            .map_err(unreadable)?
        {
            let (row, col) = cell.pos;
            if row >= EXCEL_ROWS || col >= EXCEL_COLUMNS {
                return Err(ImportError::file(
                    file,
                    format!(
                        "found a cell beyond Excel's last row or column (row {}, column {}) in sheet \"{sheet}\", expected cells within A1:XFD1048576",
                        u64::from(row) + 1,
                        u64::from(col) + 1
                    ),
                ));
            }
            let same_row = open_row
                .as_ref()
                .is_some_and(|(r, cols, _)| *r == row && !cols.contains(&col));
            if !same_row {
                let again = !seen_rows.insert(row);
                if again {
                    repeats.push((row, Vec::new()));
                }
                open_row = Some((row, Default::default(), again));
            }
            let Some((_, cols, again)) = open_row.as_mut() else {
                continue;
            };
            cols.insert(col);
            let again = *again;
            let value = Data::from(cell.value);
            if value == Data::Empty {
                // A formula without a stored result (in the first of a repeated row).
                if let (Some(formula), false) = (cell.formula, again) {
                    let text = match formula {
                        XlsxFormulaMetadata::Normal { formula }
                        | XlsxFormulaMetadata::Shared { formula, .. } => Some(formula),
                        _ => None,
                    };
                    cells.entry(row).or_default();
                    unstored.push((row, col, text));
                }
                continue;
            }
            match repeats.last_mut() {
                Some((_, values)) if again => values.push((col, value)),
                _ => cells.entry(row).or_default().push((col, value)),
            }
        }
    }
    repeats.retain(|(_, values)| !values.is_empty());
    let Some((_, header_cells)) = cells.iter().next() else {
        return Err(ImportError::file(
            file,
            format!("found sheet \"{sheet}\" empty, expected a header row"),
        ));
    };
    // Columns start where the table does (a sheet may begin at B3, as a range would).
    let first_col = cells
        .values()
        .chain(repeats.iter().map(|(_, v)| v))
        .flatten()
        .map(|(c, _)| *c)
        .min()
        .unwrap_or(0);
    let mut headers = Vec::new();
    for (col, value) in header_cells {
        let at = (col - first_col) as usize;
        if headers.len() <= at {
            headers.resize(at + 1, String::new());
        }
        headers[at] = cell_text(value).trim().to_string();
    }
    let width = headers
        .iter()
        .rposition(|h| !h.is_empty())
        .map_or(0, |i| i + 1);
    headers.truncate(width);
    let data_rows = cells.len() - 1 + repeats.len();
    if data_rows.saturating_mul(width.max(1)) > MAX_CELLS {
        return Err(ImportError::file(
            file,
            format!(
                "found sheet \"{sheet}\" with {data_rows} rows of {width} columns, more than peiling reads at once ({MAX_CELLS} cells), expected a survey export: save it as CSV"
            ),
        ));
    }
    let header_row = cells.keys().next().copied();
    let formulas: Vec<FormulaCell> = unstored
        .into_iter()
        .filter(|&(row, col, _)| {
            Some(row) != header_row && col >= first_col && ((col - first_col) as usize) < width
        })
        .map(|(row, col, formula)| FormulaCell {
            line: row as usize + 1,
            field: (col - first_col) as usize,
            cell: format!("{}{}", column_letters(col), u64::from(row) + 1),
            formula: formula.map(|f| format!("={}", f.trim_start_matches('='))),
        })
        .collect();
    Ok(Sheet {
        headers,
        cells,
        repeats,
        first_col,
        width,
        formulas,
    })
}

/// Excel's column name of a 0-based column: A, B, ..., Z, AA, ...
pub(crate) fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Excel's own limits: 1,048,576 rows and 16,384 columns (XFD).
pub(crate) const EXCEL_ROWS: u32 = 1 << 20;
pub(crate) const EXCEL_COLUMNS: u32 = 1 << 14;

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "Ja" } else { "Nee" }.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map_or_else(|| d.to_string(), |t| t.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
