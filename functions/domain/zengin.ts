/**
 * 全銀協 総合振込 (comprehensive transfer) file: how a treasurer hands a batch of disbursements to
 * the town's bank. Fixed-length 120-byte records in Shift_JIS, where only ASCII and half-width
 * katakana are allowed, so one character is one byte. Records are joined with CRLF (no CRLF after
 * the end record); banks that want the no-newline variant can strip them.
 *
 * N = digits, right-aligned, zero-filled. C = half-width kana/upper-case/digits, left-aligned,
 * space-filled. Offsets are 0-based byte positions within the record.
 *
 * Header record (データ区分 1)
 * | offset | len | field                  | value                                   |
 * |--------|-----|------------------------|-----------------------------------------|
 * |      0 |   1 | データ区分             | N "1"                                   |
 * |      1 |   2 | 種別コード             | N "21" (総合振込)                       |
 * |      3 |   1 | コード区分             | N "0" (JIS/SJIS)                        |
 * |      4 |  10 | 振込依頼人コード       | N, assigned by the bank                 |
 * |     14 |  40 | 振込依頼人名           | C                                       |
 * |     54 |   4 | 取組日 (振込指定日)    | N MMDD                                  |
 * |     58 |   4 | 仕向銀行番号           | N                                       |
 * |     62 |  15 | 仕向銀行名             | C                                       |
 * |     77 |   3 | 仕向支店番号           | N                                       |
 * |     80 |  15 | 仕向支店名             | C                                       |
 * |     95 |   1 | 預金種目 (依頼人)      | N 1 普通 / 2 当座                       |
 * |     96 |   7 | 口座番号 (依頼人)      | N                                       |
 * |    103 |  17 | ダミー                 | spaces                                  |
 *
 * Data record (データ区分 2), one per transfer
 * | offset | len | field                  | value                                   |
 * |--------|-----|------------------------|-----------------------------------------|
 * |      0 |   1 | データ区分             | N "2"                                   |
 * |      1 |   4 | 被仕向銀行番号         | N                                       |
 * |      5 |  15 | 被仕向銀行名           | C (optional: banks resolve the code)    |
 * |     20 |   3 | 被仕向支店番号         | N                                       |
 * |     23 |  15 | 被仕向支店名           | C (optional)                            |
 * |     38 |   4 | 手形交換所番号         | spaces (unused)                         |
 * |     42 |   1 | 預金種目               | N 1 普通 / 2 当座                       |
 * |     43 |   7 | 口座番号               | N                                       |
 * |     50 |  30 | 受取人名               | C                                       |
 * |     80 |  10 | 振込金額               | N                                       |
 * |     90 |   1 | 新規コード             | N "0" (その他)                          |
 * |     91 |  10 | 顧客コード1            | N, or spaces when unused                |
 * |    101 |  10 | 顧客コード2            | N, or spaces when unused                |
 * |    111 |   1 | 振込指定区分           | N "7" (電信)                            |
 * |    112 |   1 | 識別表示               | space (customer codes are not EDI)      |
 * |    113 |   7 | ダミー                 | spaces                                  |
 *
 * Trailer record (データ区分 8)
 * | offset | len | field                  | value                                   |
 * |--------|-----|------------------------|-----------------------------------------|
 * |      0 |   1 | データ区分             | N "8"                                   |
 * |      1 |   6 | 合計件数               | N                                       |
 * |      7 |  12 | 合計金額               | N                                       |
 * |     19 | 101 | ダミー                 | spaces                                  |
 *
 * End record (データ区分 9): "9" then 119 spaces.
 */
import iconv from 'iconv-lite';
import type { Yen } from './money.js';
import { isValidDateString } from './jst.js';

export const ZENGIN_RECORD_LENGTH = 120;
export const ZENGIN_MAX_AMOUNT: Yen = 9_999_999_999;
const MAX_TOTAL: Yen = 999_999_999_999;
const MAX_COUNT = 999_999;

export type ZenginAccountType = 'ordinary' | 'current';

export interface ZenginRequester {
  /** 振込依頼人コード (委託者コード), 10 digits assigned by the bank. */
  code: string;
  nameKana: string;
  bankCode: string;
  bankNameKana: string;
  branchCode: string;
  branchNameKana: string;
  accountType: ZenginAccountType;
  accountNumber: string;
}

export interface ZenginTransfer {
  bankCode: string;
  bankNameKana?: string;
  branchCode: string;
  branchNameKana?: string;
  accountType: ZenginAccountType;
  accountNumber: string;
  holderKana: string;
  amount: Yen;
  /** Up to 10 digits, for matching the transfer on the payee's side (e.g. a disbursement number). */
  customerCode1?: string;
  customerCode2?: string;
}

export interface ZenginTransferInput {
  /** 取組日, the day the bank executes the transfers (JST 'YYYY-MM-DD'; only MMDD is written). */
  transferDate: string;
  requester: ZenginRequester;
  transfers: readonly ZenginTransfer[];
}

const ACCOUNT_TYPE_CODE: Record<ZenginAccountType, string> = { ordinary: '1', current: '2' };

const BASE_KANA: Record<string, string> = {};
const VOICED_KANA: Record<string, string> = {};
{
  const full = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン';
  const half = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ';
  [...full].forEach((ch, i) => (BASE_KANA[ch] = half[i]!));
  // Banks have no small kana: ッ and ャ are written full size (ｷﾂﾃ, ｷﾔ), as on passbooks.
  const small = 'ァィゥェォッャュョヮヵヶヰヱ';
  const smallHalf = 'ｱｲｳｴｵﾂﾔﾕﾖﾜｶｹｲｴ';
  [...small].forEach((ch, i) => (BASE_KANA[ch] = smallHalf[i]!));
  const voiced = 'ガギグゲゴザジズゼゾダヂヅデドバビブベボ';
  const voicedBase = 'カキクケコサシスセソタチツテトハヒフヘホ';
  [...voiced].forEach((ch, i) => (VOICED_KANA[ch] = `${BASE_KANA[voicedBase[i]!]!}ﾞ`));
  [...'パピプペポ'].forEach((ch, i) => (VOICED_KANA[ch] = `${BASE_KANA['ハヒフヘホ'[i]!]!}ﾟ`));
  VOICED_KANA['ヴ'] = 'ｳﾞ';
  VOICED_KANA['ヷ'] = 'ﾜﾞ';
  VOICED_KANA['ヺ'] = 'ｦﾞ';
}

const HALF_SMALL: Record<string, string> = { ｧ: 'ｱ', ｨ: 'ｲ', ｩ: 'ｳ', ｪ: 'ｴ', ｫ: 'ｵ', ｬ: 'ﾔ', ｭ: 'ﾕ', ｮ: 'ﾖ', ｯ: 'ﾂ' };
// Banks have no long-vowel mark; ﾀｸｼｰ is registered as ﾀｸｼ-.
const DASHES = new Set(['ー', 'ｰ', '‐', '‑', '−', '–', '—', '―']);
const MIDDLE_DOTS = new Set(['・', '･']);
const ASCII_ALLOWED = /^[0-9A-Z ().\-/]$/;

function convertChar(ch: string): string | undefined {
  let c = ch;
  const code = c.codePointAt(0)!;
  // Full-width ASCII (Ａ, ０, （, ．…) lines up with ASCII at a fixed offset.
  if (code >= 0xff01 && code <= 0xff5e) c = String.fromCodePoint(code - 0xfee0);
  if (c === '\u3000') c = ' ';
  if (DASHES.has(c)) return '-';
  // Names written with a middle dot (ジョン・スミス) are registered with a period at the bank.
  if (MIDDLE_DOTS.has(c)) return '.';
  if (/^[a-z]$/.test(c)) return c.toUpperCase();
  if (ASCII_ALLOWED.test(c)) return c;
  const cp = c.codePointAt(0)!;
  // Hiragana sits exactly 0x60 below katakana.
  if (cp >= 0x3041 && cp <= 0x3096) c = String.fromCodePoint(cp + 0x60);
  if (BASE_KANA[c]) return BASE_KANA[c];
  if (VOICED_KANA[c]) return VOICED_KANA[c];
  if (HALF_SMALL[c]) return HALF_SMALL[c];
  if (cp >= 0xff66 && cp <= 0xff9f) return c;
  if (c === '\u3099' || c === '゛') return 'ﾞ';
  if (c === '\u309a' || c === '゜') return 'ﾟ';
  return undefined;
}

/**
 * The form of a name that banks accept: half-width katakana (voiced marks as separate ﾞ/ﾟ, no
 * small kana), upper-case A–Z, digits, space and ( ) . - /. Throws a RangeError naming the first
 * character that has no such form (kanji, most symbols), since guessing a reading is not ours to do.
 */
export function toHalfWidthKana(value: string): string {
  if (typeof value !== 'string') throw new RangeError('a kana name must be a string');
  // NFC first so that a decomposed ガ (カ + combining mark) is one character, like a typed one.
  const chars = [...value.normalize('NFC')];
  let out = '';
  for (const [i, ch] of chars.entries()) {
    const converted = convertChar(ch);
    if (converted === undefined) {
      throw new RangeError(`character ${JSON.stringify(ch)} at position ${i + 1} cannot be used in a bank transfer name`);
    }
    out += converted;
  }
  return out;
}

export function isValidHolderKana(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return toHalfWidthKana(value).trim().length > 0;
  } catch {
    return false;
  }
}

function digits(value: unknown, width: number, what: string): string {
  if (typeof value !== 'string' || !new RegExp(`^\\d{${width}}$`).test(value)) {
    throw new RangeError(`${what} must be exactly ${width} digits`);
  }
  return value;
}

function number(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function text(value: string, width: number): string {
  return value.slice(0, width).padEnd(width, ' ');
}

function kanaField(value: string | undefined, width: number, what: string, required: boolean): string {
  if (value === undefined || value === '') {
    if (required) throw new RangeError(`${what} is required`);
    return ' '.repeat(width);
  }
  let converted: string;
  try {
    converted = toHalfWidthKana(value).trim();
  } catch (e) {
    throw new RangeError(`${what}: ${(e as Error).message}`);
  }
  if (required && converted === '') throw new RangeError(`${what} is required`);
  return text(converted, width);
}

function customerCode(value: string | undefined, what: string): string {
  if (value === undefined || value === '') return ' '.repeat(10);
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) throw new RangeError(`${what} must be 1 to 10 digits`);
  return value.padStart(10, '0');
}

function accountTypeCode(value: unknown, what: string): string {
  if (value !== 'ordinary' && value !== 'current') throw new RangeError(`${what} must be "ordinary" or "current"`);
  return ACCOUNT_TYPE_CODE[value];
}

function record(fields: string[]): string {
  const line = fields.join('');
  if (line.length !== ZENGIN_RECORD_LENGTH) {
    throw new Error(`internal: zengin record is ${line.length} characters, not ${ZENGIN_RECORD_LENGTH}`);
  }
  return line;
}

function headerRecord(input: ZenginTransferInput): string {
  const r = input.requester;
  if (r === null || typeof r !== 'object') throw new RangeError('requester is required');
  if (!isValidDateString(input.transferDate)) throw new RangeError('transferDate must be a calendar date YYYY-MM-DD');
  const mmdd = input.transferDate.slice(5, 7) + input.transferDate.slice(8, 10);
  return record([
    '1',
    '21',
    '0',
    digits(r.code, 10, 'requester code'),
    kanaField(r.nameKana, 40, 'requester name', true),
    mmdd,
    digits(r.bankCode, 4, 'requester bank code'),
    kanaField(r.bankNameKana, 15, 'requester bank name', false),
    digits(r.branchCode, 3, 'requester branch code'),
    kanaField(r.branchNameKana, 15, 'requester branch name', false),
    accountTypeCode(r.accountType, 'requester account type'),
    digits(r.accountNumber, 7, 'requester account number'),
    ' '.repeat(17),
  ]);
}

function dataRecord(t: ZenginTransfer, index: number): string {
  const at = `transfer ${index + 1}`;
  if (t === null || typeof t !== 'object') throw new RangeError(`${at} must be an object`);
  if (!Number.isSafeInteger(t.amount) || t.amount <= 0 || t.amount > ZENGIN_MAX_AMOUNT) {
    throw new RangeError(`${at}: amount must be a whole number of yen from 1 to ${ZENGIN_MAX_AMOUNT}`);
  }
  return record([
    '2',
    digits(t.bankCode, 4, `${at}: bank code`),
    kanaField(t.bankNameKana, 15, `${at}: bank name`, false),
    digits(t.branchCode, 3, `${at}: branch code`),
    kanaField(t.branchNameKana, 15, `${at}: branch name`, false),
    ' '.repeat(4),
    accountTypeCode(t.accountType, `${at}: account type`),
    digits(t.accountNumber, 7, `${at}: account number`),
    kanaField(t.holderKana, 30, `${at}: account holder`, true),
    number(t.amount, 10),
    '0',
    customerCode(t.customerCode1, `${at}: customer code 1`),
    customerCode(t.customerCode2, `${at}: customer code 2`),
    '7',
    ' ',
    ' '.repeat(7),
  ]);
}

/** The records as text, before encoding; one string of 120 characters per record. */
export function zenginTransferRecords(input: ZenginTransferInput): string[] {
  if (input === null || typeof input !== 'object') throw new RangeError('transfer file input must be an object');
  const transfers = input.transfers;
  if (!Array.isArray(transfers) || transfers.length === 0) throw new RangeError('at least one transfer is required');
  if (transfers.length > MAX_COUNT) throw new RangeError(`at most ${MAX_COUNT} transfers fit in one file`);
  const header = headerRecord(input);
  const data = transfers.map((t, i) => dataRecord(t, i));
  const total = transfers.reduce((sum, t) => sum + t.amount, 0);
  if (total > MAX_TOTAL) throw new RangeError(`the total must not exceed ${MAX_TOTAL} yen`);
  const trailer = record(['8', number(transfers.length, 6), number(total, 12), ' '.repeat(101)]);
  const end = record(['9', ' '.repeat(119)]);
  return [header, ...data, trailer, end];
}

export function buildZenginTransferFile(input: ZenginTransferInput): Buffer {
  const records = zenginTransferRecords(input);
  const buffer = iconv.encode(records.join('\r\n'), 'Shift_JIS');
  // Any character outside ASCII + half-width kana would take two bytes and shift every later field.
  const expected = records.length * ZENGIN_RECORD_LENGTH + (records.length - 1) * 2;
  if (buffer.length !== expected) throw new Error(`internal: zengin file is ${buffer.length} bytes, expected ${expected}`);
  return buffer;
}
