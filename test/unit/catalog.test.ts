/**
 * The one message catalog stays whole: every key in both languages with the same placeholders, each key
 * defined in exactly one area file, and no key that no code uses (a key nobody looks up is a sentence
 * that has drifted from the page it was written for).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalog, type MessageKey } from '../../functions/i18n/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const messagesDir = join(root, 'functions/i18n/messages');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The source with its comments blanked (strings kept), so examples in doc comments are not read as code. */
function withoutComments(src: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quote) {
      out += ch;
      if (ch === '\\') out += src[++i] ?? '';
      else if (ch === quote || (ch === '\n' && quote !== '`')) quote = undefined;
    } else if (ch === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop - 1;
    } else {
      if (ch === "'" || ch === '"' || ch === '`') quote = ch;
      out += ch;
    }
  }
  return out;
}

/**
 * The arguments of the call whose '(' is at `open`, split at the top level, with each argument's depth-1
 * property names (for an options object: `key`, `params`, …). Strings are skipped, `${}` counts as a bracket.
 */
function callArgs(src: string, open: number): { text: string; props: Map<string, string> }[] {
  const args: { text: string; props: Map<string, string> }[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | undefined;
  const finish = (end: number) => {
    const text = src.slice(start, end).trim();
    const props = new Map<string, string>();
    if (text.startsWith('{')) {
      let d = 0;
      let q: string | undefined;
      for (let i = 0; i < text.length; i++) {
        const ch = text[i]!;
        if (q) {
          if (ch === '\\') i++;
          else if (ch === q) q = undefined;
          continue;
        }
        if (ch === "'" || ch === '"' || ch === '`') q = ch;
        else if ('([{'.includes(ch)) d++;
        else if (')]}'.includes(ch)) d--;
        else if (d === 1 && /[A-Za-z_]/.test(ch) && !/[\w$]/.test(text[i - 1] ?? '')) {
          const m = /^(\w+)\s*(:\s*('[^']*'|[^,}]+)|(?=[,}]))/.exec(text.slice(i));
          if (m) {
            props.set(m[1]!, (m[3] ?? m[1]!).trim());
            i += m[0].length - 1;
          }
        }
      }
    }
    args.push({ text, props });
  };
  for (let i = open + 1; i < src.length; i++) {
    const ch = src[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      else if (quote === '`' && ch === '$' && src[i + 1] === '{') {
        // A template's ${…}: skip to its closing brace (no nested templates in a refusal's arguments).
        let d = 0;
        for (i++; i < src.length; i++) {
          if (src[i] === '{') d++;
          else if (src[i] === '}' && --d === 0) break;
        }
      }
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) {
        finish(i);
        return args;
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      finish(i);
      start = i + 1;
    }
  }
  return args;
}

/** The code each `refuse.<kind>()` gives when it is called without one (functions/domain/errors.ts). */
const REFUSE_DEFAULT: Record<string, string | undefined> = { unauthenticated: 'unauthorized', forbidden: 'forbidden', notFound: 'not_found', conflict: 'conflict', unavailable: 'unavailable' };
/**
 * Refusals that are their issues: with no sentence of their own, the JSON message reads as the first issue
 * (functions/api/errors.ts, presentError). A sentence for them would hide which field is wrong.
 */
const READ_AS_FIRST_ISSUE = new Set(['validation_failed', 'rule_violation', 'unknown_town']);
/**
 * Refusals whose sentence is chosen at run time: the key comes with the domain's issue, whose keys are
 * literals in the domain (and the issue's sentence is checked where the issue is made).
 */
const KEY_FROM_ISSUE = new Set(['functions/services/one-stop.ts bad_received_on']);

/** Every refusal thrown with a literal code in functions/, as `file code → catalog key` ('?' for a run-time key). */
function thrownRefusals(): { where: string; key: string }[] {
  const found: { where: string; key: string }[] = [];
  for (const file of sourceFiles(join(root, 'functions'))) {
    const rel = relative(root, file).split('\\').join('/');
    if (rel.startsWith('functions/i18n/messages/')) continue;
    const src = withoutComments(readFileSync(file, 'utf8'));
    // new DomainError('kind', 'code', message, { key, params, issues }), a subclass alike, or a subclass's super(...).
    for (const m of src.matchAll(/\b(?:new\s+\w*Error|super)\(\s*'(\w+)',\s*'([\w.]+)'/g)) {
      const opts = callArgs(src, m.index! + m[0].indexOf('('))[3]?.props;
      const key = opts?.get('key');
      const where = `${rel} ${m[2]}`;
      if (key === undefined) found.push({ where, key: m[2]! });
      else if (/^'[\w.]+'$/.test(key)) found.push({ where, key: key.slice(1, -1) });
      else found.push({ where, key: '?' });
    }
    // refuse.rule('code', params), refuse.notFound() …: the key is the code.
    for (const m of src.matchAll(/\brefuse\.(\w+)\(\s*('([\w.]+)'|\))?/g)) {
      const code = m[3] ?? (m[2] === ')' ? REFUSE_DEFAULT[m[1]!] : undefined);
      if (code) found.push({ where: `${rel} ${code}`, key: code });
    }
  }
  return found;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(catalog.ja) as MessageKey[];

describe('message catalog', () => {
  it('has every key in Japanese and English, none empty, with the same placeholders', () => {
    expect(Object.keys(catalog.en).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(catalog.ja[key].trim(), `ja ${key}`).not.toBe('');
      expect(catalog.en[key].trim(), `en ${key}`).not.toBe('');
      expect(placeholders(catalog.en[key]), `placeholders of ${key}`).toEqual(placeholders(catalog.ja[key]));
    }
  });

  it('defines each key in exactly one area file', () => {
    const owners = new Map<string, string[]>();
    for (const file of readdirSync(messagesDir)) {
      const src = readFileSync(join(messagesDir, file), 'utf8');
      const ja = src.slice(src.indexOf('export const ja'), src.indexOf('export const en'));
      for (const m of ja.matchAll(/^\s+'([^']+)':/gm)) owners.set(m[1]!, [...(owners.get(m[1]!) ?? []), file]);
    }
    const twice = [...owners].filter(([, files]) => files.length > 1).map(([k, files]) => `${k} in ${files.join(', ')}`);
    expect(twice).toEqual([]);
    expect(owners.size).toBe(keys.length);
  });

  it('uses every key somewhere in the code', () => {
    const code = ['functions', 'web', 'infra']
      .flatMap((d) => sourceFiles(join(root, d)))
      .filter((f) => !relative(root, f).startsWith('functions/i18n/messages/'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const literals = new Set([...code.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`$\n]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3]));
    // A key built at run time (`cocreation.appStatus.${s}`) counts for every key under that prefix.
    // A bare area namespace does not count: `treasury.${x}` would otherwise excuse the whole area.
    const areas = new Set(['treasury.', 'cocreation.', 'corporate.', 'donation.', 'error.']);
    const prefixes = [...code.matchAll(/`(\w+\.[\w.]*)\$\{/g)].map((m) => m[1]!).filter((p) => !areas.has(p));
    const used = (key: string) =>
      literals.has(key) ||
      prefixes.some((p) => key.startsWith(p)) ||
      // Refusals are looked up by their code: `error.below_minimum` is used where 'below_minimum' is thrown.
      (key.startsWith('error.') && literals.has(key.slice('error.'.length)));
    expect(keys.filter((k) => !used(k))).toEqual([]);
  });

  it('every refusal thrown in functions/ has a catalog sentence', () => {
    const refusals = thrownRefusals();
    expect(refusals.length).toBeGreaterThan(100);
    const missing = refusals
      .filter(({ where, key }) => !READ_AS_FIRST_ISSUE.has(key) && !(key === '?' && KEY_FROM_ISSUE.has(where)))
      .filter(({ key }) => key === '?' || !(`error.${key}` in catalog.ja))
      .map(({ where, key }) => (key === '?' ? `${where}: key chosen at run time` : `${where}: no error.${key}`));
    expect([...new Set(missing)]).toEqual([]);
    // The run-time keys listed above are still there (a stale entry would excuse a new one).
    for (const where of KEY_FROM_ISSUE) expect(refusals.some((r) => r.where === where && r.key === '?'), where).toBe(true);
  });
});
