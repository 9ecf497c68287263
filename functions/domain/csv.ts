/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet reads a cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return as a formula, so a donor address `=HYPERLINK(...)` would run in the
 * treasurer's Excel. Every text cell of every CSV the platform writes passes `safeCell`, which prefixes such
 * a cell with a single quote; numbers (yen amounts, negative reversals included) stay numbers.
 */

/** What a CSV cell may hold before encoding. */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The cell as written to a CSV: a text cell that a spreadsheet would read as a formula gets a leading `'`;
 * numbers and empty cells are returned as they are.
 * @example safeCell('=HYPERLINK("http://evil.example","x")') // `'=HYPERLINK("http://evil.example","x")`
 * @example safeCell(-5000) // -5000
 */
export function safeCell(cell: CsvCell): string | number {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return cell;
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
