import { describe, expect, it } from 'vitest';
import { safeCell } from '../../functions/domain/csv.js';
import { csvText } from '../../functions/services/exports.js';

describe('CSV formula injection (OWASP): safeCell', () => {
  it('prefixes a text cell starting with = + - @ tab or CR with a single quote', () => {
    expect(safeCell('=HYPERLINK("http://evil.example","x")')).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(safeCell('+81 3 1234')).toBe(`'+81 3 1234`);
    expect(safeCell('-2+3')).toBe(`'-2+3`);
    expect(safeCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(safeCell('\t=1')).toBe(`'\t=1`);
    expect(safeCell('\r=1')).toBe(`'\r=1`);
  });

  it('leaves other text, numbers (negative ones too) and empty cells alone', () => {
    expect(safeCell('埼玉県秩父郡横瀬町大字横瀬4545')).toBe('埼玉県秩父郡横瀬町大字横瀬4545');
    expect(safeCell('a=b')).toBe('a=b');
    expect(safeCell("'=already")).toBe("'=already");
    expect(safeCell('')).toBe('');
    expect(safeCell(-5000)).toBe(-5000);
    expect(safeCell(12_000)).toBe(12_000);
    expect(safeCell(undefined)).toBe('');
    expect(safeCell(null)).toBe('');
  });

  it('the one encoder applies it to every cell and keeps numbers numeric', () => {
    expect(csvText([['name', 'amount'], ['=1+1', -5000], ['@x', 3000]])).toBe("name,amount\r\n'=1+1,-5000\r\n'@x,3000\r\n");
  });
});
