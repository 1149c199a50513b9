// What the test reads from the CLI's output, and an independent recount of an export.

/**
 * The per-export accounting from `peiling validate`'s text: its lines
 * "FILE (format, encoding) — questionnaire ID (AUDIENCE)" and
 * "  rows: N read, N accepted, N rejected".
 */
export function parseValidate(text) {
  const parts = [];
  let current = null;
  for (const line of text.split("\n")) {
    const head = /^(\S.*?) \(.*\) — questionnaire \S+ \((.+)\)$/.exec(line);
    if (head) {
      current = { file: head[1], audience: head[2] };
      parts.push(current);
      continue;
    }
    const rows = /^ {2}rows: (\d+) read, (\d+) accepted, (\d+) rejected$/.exec(line);
    if (rows && current) {
      current.read = Number(rows[1]);
      current.accepted = Number(rows[2]);
      current.rejected = Number(rows[3]);
    }
  }
  return parts;
}

/** The lines of `validate` that name a problem by file, row and (but for a whole row) column. */
export function problemLines(text, file) {
  const re = new RegExp(`^ {2}(?:\\S*/)?${file.replace(/\./g, "\\.")}:(\\d+):(?:(\\d+): )? ?(.*)$`);
  return text.split("\n").map((l) => re.exec(l)).filter(Boolean)
    .map((m) => ({ row: Number(m[1]), column: m[2] ? Number(m[2]) : null, message: m[3] }));
}

/** Counts the records of a CSV text (header included), quotes and line breaks in them respected. */
export function countCsvRecords(text) {
  let records = 0;
  let inQuotes = false;
  let fieldStart = true;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      any = true;
    } else if (c === "\n") {
      if (any) records++;
      any = false;
      fieldStart = true;
    } else if (c === "\r") {
      // part of a CRLF line end
    } else {
      fieldStart = c === "," || c === ";" || c === "\t";
      any = true;
    }
  }
  return any ? records + 1 : records;
}
