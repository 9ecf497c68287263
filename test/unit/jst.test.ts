import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  daysLeft,
  endOfJstDay,
  fiscalYear,
  formatJaDate,
  isPastDeadline,
  isValidDateString,
  jstDate,
  jstYear,
  toWareki,
} from '../../functions/domain/jst.js';

const utc = (iso: string): Date => new Date(iso);

describe('jstDate / jstYear', () => {
  it('turns over at JST midnight, which is 15:00 UTC the day before', () => {
    expect(jstDate(utc('2026-11-27T14:59:59.999Z'))).toBe('2026-11-27');
    expect(jstDate(utc('2026-11-27T15:00:00.000Z'))).toBe('2026-11-28');
    expect(jstDate(utc('2026-11-28T00:00:00.000Z'))).toBe('2026-11-28');
  });

  it('puts a New Year’s Eve evening donation in the new year once it is past midnight in Japan', () => {
    // 31 Dec 2025 23:30 JST is still 2025 (the tax year of the receipt)...
    expect(jstDate(utc('2025-12-31T14:30:00Z'))).toBe('2025-12-31');
    expect(jstYear(utc('2025-12-31T14:30:00Z'))).toBe(2025);
    // ...but 00:00 JST on 1 Jan is 2026 although UTC still says 31 Dec.
    expect(jstDate(utc('2025-12-31T15:00:00Z'))).toBe('2026-01-01');
    expect(jstYear(utc('2025-12-31T15:00:00Z'))).toBe(2026);
  });

  it('handles leap days', () => {
    expect(jstDate(utc('2028-02-28T15:00:00Z'))).toBe('2028-02-29');
    expect(jstDate(utc('2028-02-29T15:00:00Z'))).toBe('2028-03-01');
  });

  it('does not depend on the process timezone', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(jstDate(utc('2026-03-08T10:00:00Z'))).toBe('2026-03-08'); // US DST starts that day
      expect(jstDate(utc('2026-03-08T15:00:00Z'))).toBe('2026-03-09');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('refuses an invalid Date', () => {
    expect(() => jstDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('fiscalYear (April–March)', () => {
  it.each([
    ['2026-03-31', 2025],
    ['2026-04-01', 2026],
    ['2026-01-10', 2025],
    ['2026-12-31', 2026],
    ['2025-04-01', 2025],
  ])('%s → FY%i', (date, fy) => {
    expect(fiscalYear(date)).toBe(fy);
  });

  it('refuses a non-date', () => {
    expect(() => fiscalYear('2026-13-01')).toThrow(RangeError);
  });
});

describe('endOfJstDay', () => {
  it('is 23:59:59.999 JST, i.e. 14:59:59.999 UTC the same day', () => {
    expect(endOfJstDay('2026-11-28').toISOString()).toBe('2026-11-28T14:59:59.999Z');
    expect(endOfJstDay('2027-01-10').toISOString()).toBe('2027-01-10T14:59:59.999Z');
  });

  it('maps back onto the same JST date, and one millisecond later onto the next', () => {
    const end = endOfJstDay('2028-02-29');
    expect(jstDate(end)).toBe('2028-02-29');
    expect(jstDate(new Date(end.getTime() + 1))).toBe('2028-03-01');
  });
});

describe('deadlines', () => {
  const deadline = '2026-11-28';

  it('counts whole JST days, 0 on the last day, negative after', () => {
    expect(daysLeft(deadline, utc('2026-11-25T03:00:00Z'))).toBe(3);
    expect(daysLeft(deadline, utc('2026-11-27T14:59:59.999Z'))).toBe(1);
    expect(daysLeft(deadline, utc('2026-11-27T15:00:00Z'))).toBe(0); // 00:00 JST on the day
    expect(daysLeft(deadline, utc('2026-11-28T14:59:59.999Z'))).toBe(0); // 23:59:59.999 JST
    expect(daysLeft(deadline, utc('2026-11-28T15:00:00Z'))).toBe(-1);
    expect(daysLeft(deadline, utc('2026-12-05T00:00:00Z'))).toBe(-7);
  });

  it('counts across a month and a leap day', () => {
    expect(daysLeft('2028-03-01', utc('2028-02-27T15:00:00Z'))).toBe(2); // 28 Feb JST → 1 Mar, via 29 Feb
    expect(daysLeft('2027-03-01', utc('2027-02-27T15:00:00Z'))).toBe(1);
    expect(daysLeft('2027-01-10', utc('2026-12-31T15:00:00Z'))).toBe(9);
  });

  it('keeps the deadline open all of its JST day', () => {
    expect(isPastDeadline(deadline, utc('2026-11-28T14:59:59.999Z'))).toBe(false);
    expect(isPastDeadline(deadline, utc('2026-11-28T15:00:00.000Z'))).toBe(true);
    expect(isPastDeadline(deadline, utc('2026-11-27T20:00:00Z'))).toBe(false);
  });

  it('agrees with daysLeft for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), (t) => {
        const now = new Date(t);
        expect(isPastDeadline(deadline, now)).toBe(daysLeft(deadline, now) < 0);
      }),
    );
  });

  it('refuses an invalid deadline', () => {
    expect(() => daysLeft('2026-02-30', new Date())).toThrow(RangeError);
    expect(() => isPastDeadline('28/11/2026', new Date())).toThrow(RangeError);
  });
});

describe('isValidDateString', () => {
  it.each(['2026-11-28', '2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '0001-01-01'])('accepts %s', (d) => {
    expect(isValidDateString(d)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-5',
    '2026/01/05',
    '2026-01-05T00:00:00Z',
    ' 2026-01-05',
    '',
    '0000-01-01',
  ])('rejects %j', (d) => {
    expect(isValidDateString(d)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isValidDateString(20261128)).toBe(false);
    expect(isValidDateString(null)).toBe(false);
    expect(isValidDateString(new Date())).toBe(false);
  });

  it('round-trips every instant through jstDate', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const d = jstDate(new Date(t));
        expect(isValidDateString(d)).toBe(true);
        expect(endOfJstDay(d).getTime()).toBeGreaterThanOrEqual(t);
        expect(endOfJstDay(d).getTime() - t).toBeLessThan(24 * 60 * 60 * 1000);
      }),
    );
  });
});

describe('toWareki', () => {
  it.each([
    ['2026-11-28', '令和8年11月28日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2020-01-01', '令和2年1月1日'],
    ['1989-01-08', '平成元年1月8日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1990-12-31', '平成2年12月31日'],
    ['2024-02-29', '令和6年2月29日'],
    ['1926-12-25', '昭和元年12月25日'],
  ])('%s → %s', (date, wareki) => {
    expect(toWareki(date)).toBe(wareki);
  });

  it('refuses dates it cannot name or that do not exist', () => {
    expect(() => toWareki('1926-12-24')).toThrow(RangeError);
    expect(() => toWareki('2026-02-30')).toThrow(RangeError);
  });
});

describe('formatJaDate', () => {
  it('writes the Gregorian date the Japanese way, without zero padding', () => {
    expect(formatJaDate('2026-11-28')).toBe('2026年11月28日');
    expect(formatJaDate('2027-01-05')).toBe('2027年1月5日');
    expect(() => formatJaDate('2027-1-5')).toThrow(RangeError);
  });
});
