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
});
