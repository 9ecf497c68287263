/**
 * Dates as Japanese people and Japanese rules see them. Deadlines, receipt dates (which fix the tax
 * year) and fiscal years are all JST calendar days, whatever timezone the Lambda runs in, so every
 * helper here works from a UTC instant shifted by +9h. Japan has had no DST since 1951, so the
 * offset is a constant.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('expected a valid Date');
  }
}

function parts(dateStr: string): { y: number; m: number; d: number } {
  if (!isValidDateString(dateStr)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(dateStr)}`);
  const [, y, m, d] = DATE_RE.exec(dateStr)!;
  return { y: Number(y), m: Number(m), d: Number(d) };
}

/** Days since the epoch of a calendar date; lets two dates be compared without any timezone. */
function dayNumber(dateStr: string): number {
  const { y, m, d } = parts(dateStr);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime() / DAY_MS;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function isValidDateString(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_RE.exec(value);
  if (!match) return false;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  // Date rolls 02-30 over into March; a round trip exposes dates that do not exist.
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function jstDate(instant: Date): string {
  assertInstant(instant);
  const shifted = new Date(instant.getTime() + JST_OFFSET_MS);
  const y = shifted.getUTCFullYear();
  if (y < 1 || y > 9999) throw new RangeError('year out of range for YYYY-MM-DD');
  return `${String(y).padStart(4, '0')}-${pad2(shifted.getUTCMonth() + 1)}-${pad2(shifted.getUTCDate())}`;
}

export function jstYear(instant: Date): number {
  return parts(jstDate(instant)).y;
}

/** Japanese public bodies run April to March, named by the calendar year in which they start. */
export function fiscalYear(dateStr: string): number {
  const { y, m } = parts(dateStr);
  return m >= 4 ? y : y - 1;
}

/** The last millisecond of a JST day: a deadline stays open all of its own day. */
export function endOfJstDay(dateStr: string): Date {
  const { y, m, d } = parts(dateStr);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  t.setUTCHours(23, 59, 59, 999);
  return new Date(t.getTime() - JST_OFFSET_MS);
}

/** Whole JST calendar days until the deadline: 0 on its last day, negative once it has passed. */
export function daysLeft(deadline: string, now: Date): number {
  return dayNumber(deadline) - dayNumber(jstDate(now));
}

export function isPastDeadline(deadline: string, now: Date): boolean {
  assertInstant(now);
  return now.getTime() > endOfJstDay(deadline).getTime();
}

/** Era first days, newest first. Showa is kept so older birth dates (one-stop form) still render. */
const ERAS: readonly { name: string; start: string }[] = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
  { name: '昭和', start: '1926-12-25' },
];

/** '令和8年11月28日'; the first year of an era is written 元年, as on official forms. */
export function toWareki(dateStr: string): string {
  const { y, m, d } = parts(dateStr);
  const era = ERAS.find((e) => dateStr >= e.start);
  if (!era) throw new RangeError(`dates before 1926-12-25 (Showa 1) are not supported: ${dateStr}`);
  const eraYear = y - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${eraYear === 1 ? '元' : String(eraYear)}年${m}月${d}日`;
}

export function formatJaDate(dateStr: string): string {
  const { y, m, d } = parts(dateStr);
  return `${y}年${m}月${d}日`;
}
