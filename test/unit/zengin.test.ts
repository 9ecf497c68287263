import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import {
  buildZenginTransferFile,
  isValidHolderKana,
  toHalfWidthKana,
  zenginTransferRecords,
  type ZenginTransfer,
  type ZenginTransferInput,
} from '../../functions/domain/zengin.js';

const RECORD = 120;
const STRIDE = RECORD + 2; // record + CRLF

const input: ZenginTransferInput = {
  transferDate: '2026-11-30',
  requester: {
    code: '1234567890',
    nameKana: 'ヨコゼマチ カイケイカンリシャ',
    bankCode: '0017',
    bankNameKana: 'サイタマリソナ',
    branchCode: '123',
    branchNameKana: 'チチブ',
    accountType: 'ordinary',
    accountNumber: '1234567',
  },
  transfers: [
    {
      bankCode: '0001',
      bankNameKana: 'ミズホ',
      branchCode: '001',
      branchNameKana: 'トウキョウ',
      accountType: 'ordinary',
      accountNumber: '0001234',
      holderKana: 'カ）ヨコゼラボ',
      amount: 1_234_567,
      customerCode1: '42',
    },
    {
      bankCode: '0005',
      branchCode: '200',
      accountType: 'current',
      accountNumber: '7654321',
      holderKana: 'やまだ たろう',
      amount: 500_000,
    },
  ],
};

const decode = (bytes: Buffer): string => iconv.decode(bytes, 'Shift_JIS');

/** The bytes of one field: record index, offset within the record, length. */
function field(file: Buffer, recordIndex: number, offset: number, length: number): string {
  const start = recordIndex * STRIDE + offset;
  return decode(file.subarray(start, start + length));
}

describe('buildZenginTransferFile', () => {
  const file = buildZenginTransferFile(input);

  it('is header + 2 data + trailer + end, 120 bytes each, joined by CRLF', () => {
    expect(file.length).toBe(5 * RECORD + 4 * 2);
    for (let i = 0; i < 4; i++) {
      expect(file[i * STRIDE + RECORD]).toBe(0x0d);
      expect(file[i * STRIDE + RECORD + 1]).toBe(0x0a);
    }
    // No other CR or LF anywhere: every record is exactly its 120 bytes.
    const crlfPositions = [...file.entries()].filter(([, b]) => b === 0x0d || b === 0x0a).map(([i]) => i);
    expect(crlfPositions).toEqual([120, 121, 242, 243, 364, 365, 486, 487]);
    expect(file[file.length - 1]).not.toBe(0x0a);
    expect(file.subarray(0, 4 * STRIDE + RECORD).toString('latin1').split('\r\n').map((r) => r.length)).toEqual([
      120, 120, 120, 120, 120,
    ]);
    expect([0, 1, 2, 3, 4].map((i) => String.fromCharCode(file[i * STRIDE]!))).toEqual(['1', '2', '2', '8', '9']);
  });

  it('writes the header fields at their offsets', () => {
    expect(field(file, 0, 0, 1)).toBe('1');
    expect(field(file, 0, 1, 2)).toBe('21');
    expect(field(file, 0, 3, 1)).toBe('0');
    expect(field(file, 0, 4, 10)).toBe('1234567890');
    expect(field(file, 0, 14, 40)).toBe('ﾖｺｾﾞﾏﾁ ｶｲｹｲｶﾝﾘｼﾔ'.padEnd(40, ' '));
    expect(field(file, 0, 54, 4)).toBe('1130');
    expect(field(file, 0, 58, 4)).toBe('0017');
    expect(field(file, 0, 62, 15)).toBe('ｻｲﾀﾏﾘｿﾅ'.padEnd(15, ' '));
    expect(field(file, 0, 77, 3)).toBe('123');
    expect(field(file, 0, 80, 15)).toBe('ﾁﾁﾌﾞ'.padEnd(15, ' '));
    expect(field(file, 0, 95, 1)).toBe('1');
    expect(field(file, 0, 96, 7)).toBe('1234567');
    expect(field(file, 0, 103, 17)).toBe(' '.repeat(17));
  });

  it('writes half-width kana as single Shift_JIS bytes', () => {
    // ﾖ ｺ ｾ ﾞ ﾏ ﾁ
    expect([...file.subarray(14, 20)]).toEqual([0xd6, 0xba, 0xbe, 0xde, 0xcf, 0xc1]);
  });

  it('writes each data record field at its offset', () => {
    expect(field(file, 1, 0, 1)).toBe('2');
    expect(field(file, 1, 1, 4)).toBe('0001');
    expect(field(file, 1, 5, 15)).toBe('ﾐｽﾞﾎ'.padEnd(15, ' '));
    expect(field(file, 1, 20, 3)).toBe('001');
    expect(field(file, 1, 23, 15)).toBe('ﾄｳｷﾖｳ'.padEnd(15, ' '));
    expect(field(file, 1, 38, 4)).toBe('    ');
    expect(field(file, 1, 42, 1)).toBe('1');
    expect(field(file, 1, 43, 7)).toBe('0001234');
    expect(field(file, 1, 50, 30)).toBe('ｶ)ﾖｺｾﾞﾗﾎﾞ'.padEnd(30, ' '));
    expect(field(file, 1, 80, 10)).toBe('0001234567');
    expect(field(file, 1, 90, 1)).toBe('0');
    expect(field(file, 1, 91, 10)).toBe('0000000042');
    expect(field(file, 1, 101, 10)).toBe(' '.repeat(10));
    expect(field(file, 1, 111, 1)).toBe('7');
    expect(field(file, 1, 112, 1)).toBe(' ');
    expect(field(file, 1, 113, 7)).toBe(' '.repeat(7));

    expect(field(file, 2, 1, 4)).toBe('0005');
    expect(field(file, 2, 5, 15)).toBe(' '.repeat(15));
    expect(field(file, 2, 20, 3)).toBe('200');
    expect(field(file, 2, 23, 15)).toBe(' '.repeat(15));
    expect(field(file, 2, 42, 1)).toBe('2');
    expect(field(file, 2, 43, 7)).toBe('7654321');
    expect(field(file, 2, 50, 30)).toBe('ﾔﾏﾀﾞ ﾀﾛｳ'.padEnd(30, ' '));
    expect(field(file, 2, 80, 10)).toBe('0000500000');
    expect(field(file, 2, 91, 20)).toBe(' '.repeat(20));
    expect(field(file, 2, 111, 1)).toBe('7');
  });

  it('sums count and amount in the trailer', () => {
    expect(field(file, 3, 0, 1)).toBe('8');
    expect(field(file, 3, 1, 6)).toBe('000002');
    expect(field(file, 3, 7, 12)).toBe('000001734567');
    expect(field(file, 3, 19, 101)).toBe(' '.repeat(101));
  });

  it('ends with an end record of 9 and spaces', () => {
    expect(field(file, 4, 0, RECORD)).toBe('9' + ' '.repeat(119));
  });

  it('agrees with the text records', () => {
    expect(decode(file)).toBe(zenginTransferRecords(input).join('\r\n'));
  });

  it('truncates long names after converting them, keeping records at 120 bytes', () => {
    // 20 voiced kana become 40 half-width characters; the field keeps the first 30.
    const long = buildZenginTransferFile({
      ...input,
      transfers: [{ ...input.transfers[0]!, holderKana: 'ガ'.repeat(20) }],
    });
    expect(long.length).toBe(4 * RECORD + 3 * 2);
    expect(field(long, 1, 50, 30)).toBe('ｶﾞ'.repeat(15));
    expect(field(long, 1, 80, 10)).toBe('0001234567');
    const longRequester = zenginTransferRecords({
      ...input,
      requester: { ...input.requester, nameKana: 'ヨコゼマチ '.repeat(8) },
    });
    // 'ﾖｺｾﾞﾏﾁ ' is 7 characters; 56 are cut to 40, and the transfer date still starts at 54.
    expect(longRequester[0]!.slice(14, 54)).toBe('ﾖｺｾﾞﾏﾁ '.repeat(5) + 'ﾖｺｾﾞﾏ');
    expect(longRequester[0]!.slice(54, 58)).toBe('1130');
    expect(longRequester[0]!.length).toBe(120);
  });

  it('writes the maximum amount and a 12-digit total', () => {
    const max: ZenginTransfer = { ...input.transfers[1]!, amount: 9_999_999_999 };
    const records = zenginTransferRecords({ ...input, transfers: [max, max, max] });
    expect(records[1]!.slice(80, 90)).toBe('9999999999');
    expect(records[4]!.slice(1, 19)).toBe('000003029999999997');
  });
});

describe('buildZenginTransferFile refuses bad input', () => {
  const withTransfer = (patch: Partial<ZenginTransfer>): ZenginTransferInput => ({
    ...input,
    transfers: [{ ...input.transfers[0]!, ...patch }],
  });

  it.each([
    ['3-digit bank code', withTransfer({ bankCode: '001' }), /bank code must be exactly 4 digits/],
    ['letters in bank code', withTransfer({ bankCode: '00A1' }), /bank code/],
    ['2-digit branch', withTransfer({ branchCode: '01' }), /branch code must be exactly 3 digits/],
    ['6-digit account', withTransfer({ accountNumber: '123456' }), /account number must be exactly 7 digits/],
    ['8-digit account', withTransfer({ accountNumber: '12345678' }), /account number/],
    ['zero amount', withTransfer({ amount: 0 }), /amount/],
    ['negative amount', withTransfer({ amount: -100 }), /amount/],
    ['fractional amount', withTransfer({ amount: 100.5 }), /amount/],
    ['amount over 10 digits', withTransfer({ amount: 10_000_000_000 }), /amount/],
    ['kanji holder', withTransfer({ holderKana: '山田太郎' }), /account holder.*"山"/],
    ['symbol in holder', withTransfer({ holderKana: 'ヤマダ&タロウ' }), /"&" at position 4/],
    ['empty holder', withTransfer({ holderKana: '' }), /account holder is required/],
    ['blank holder', withTransfer({ holderKana: '　 ' }), /account holder is required/],
    ['savings account type', withTransfer({ accountType: 'savings' as never }), /account type/],
    ['customer code with letters', withTransfer({ customerCode1: 'A1' }), /customer code 1/],
    ['customer code too long', withTransfer({ customerCode2: '12345678901' }), /customer code 2/],
    ['no transfers', { ...input, transfers: [] }, /at least one transfer/],
    ['impossible date', { ...input, transferDate: '2026-02-30' }, /transferDate/],
    ['short requester code', { ...input, requester: { ...input.requester, code: '12345' } }, /requester code/],
    ['kanji requester', { ...input, requester: { ...input.requester, nameKana: '横瀬町' } }, /requester name/],
    ['bad requester account', { ...input, requester: { ...input.requester, accountNumber: '12' } }, /requester account/],
  ])('%s', (_name, bad, message) => {
    expect(() => buildZenginTransferFile(bad)).toThrow(RangeError);
    expect(() => buildZenginTransferFile(bad)).toThrow(message);
  });

  it('refuses a total that does not fit in 12 digits', () => {
    const max: ZenginTransfer = { ...input.transfers[1]!, amount: 9_999_999_999 };
    expect(() => buildZenginTransferFile({ ...input, transfers: Array.from({ length: 101 }, () => max) })).toThrow(
      /total/,
    );
    expect(() => buildZenginTransferFile({ ...input, transfers: Array.from({ length: 100 }, () => max) })).not.toThrow();
  });
});

describe('toHalfWidthKana', () => {
  it.each([
    ['ヤマダ タロウ', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['カ）ヨコゼ', 'ｶ)ﾖｺｾﾞ'],
    ['（ユ）バンダイ', '(ﾕ)ﾊﾞﾝﾀﾞｲ'],
    ['ｶ)ﾖｺｾﾞ', 'ｶ)ﾖｺｾﾞ'],
    ['やまだ　はなこ', 'ﾔﾏﾀﾞ ﾊﾅｺ'],
    ['パピプペポ', 'ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ'],
    ['ガギグゲゴザジズゼゾダヂヅデドバビブベボ', 'ｶﾞｷﾞｸﾞｹﾞｺﾞｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ'],
    ['ヴィクトリア', 'ｳﾞｲｸﾄﾘｱ'],
    ['キッテ', 'ｷﾂﾃ'],
    ['ｷｯﾃ ｼｬﾁｮｳ', 'ｷﾂﾃ ｼﾔﾁﾖｳ'],
    ['シャチョウ', 'ｼﾔﾁﾖｳ'],
    ['ァィゥェォヮヵヶ', 'ｱｲｳｴｵﾜｶｹ'],
    ['スーパー', 'ｽ-ﾊﾟ-'],
    ['ジョン・スミス', 'ｼﾞﾖﾝ.ｽﾐｽ'],
    ['abc Corp.', 'ABC CORP.'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['Ｋ－１／２．', 'K-1/2.'],
    ['ヲ', 'ｦ'],
    ['カ\u3099', 'ｶﾞ'], // decomposed ガ
    ['ハ\u309a', 'ﾊﾟ'], // decomposed パ
    ['アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン',
      'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ'],
    ['', ''],
  ])('%j → %j', (from, to) => {
    expect(toHalfWidthKana(from)).toBe(to);
  });

  it.each(['山田', '&', '@', '#', '!', ',', '〜', '｢', '\t', 'ﾀﾛｳ😀', '＋', '_'])('rejects %j', (bad) => {
    expect(() => toHalfWidthKana(bad)).toThrow(RangeError);
  });

  it('names the offending character and where it is', () => {
    expect(() => toHalfWidthKana('ヤマダ太郎')).toThrow(/"太" at position 4/);
  });

  it('always yields one Shift_JIS byte per character, within the bank character set', () => {
    const alphabet = [
      ...'アイウエオガギパピプヴァッャュョヮーヲンあがぱっゃゔＡｚ０９（）．－／　abcXYZ019 ().-/ｱｶﾞﾊﾟｯｬ・',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (chars) => {
        const out = toHalfWidthKana(chars.join(''));
        expect(out).toMatch(/^[0-9A-Z ().\-/\uff66-\uff6f\uff71-\uff9f]*$/);
        expect(out).not.toMatch(/[\uff67-\uff6f]/); // no small kana
        expect(iconv.encode(out, 'Shift_JIS').length).toBe(out.length);
        expect(toHalfWidthKana(out)).toBe(out); // converting twice changes nothing
      }),
    );
  });
});

describe('isValidHolderKana', () => {
  it('accepts names banks can take', () => {
    expect(isValidHolderKana('ヤマダ タロウ')).toBe(true);
    expect(isValidHolderKana('ｶ)ﾖｺｾﾞ')).toBe(true);
    expect(isValidHolderKana('yamada taro')).toBe(true);
  });

  it('rejects names with characters banks refuse, and blank names', () => {
    expect(isValidHolderKana('山田 太郎')).toBe(false);
    expect(isValidHolderKana('ヤマダ＆タロウ')).toBe(false);
    expect(isValidHolderKana('')).toBe(false);
    expect(isValidHolderKana('  　')).toBe(false);
    expect(isValidHolderKana(42)).toBe(false);
    expect(isValidHolderKana(undefined)).toBe(false);
  });
});
