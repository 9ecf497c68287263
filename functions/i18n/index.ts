/**
 * The one message catalog, Japanese and English, and its one lookup `t()`. Every visible sentence of the
 * platform (pages, mails, refusals) is a key here; code elsewhere speaks in keys and codes. Areas keep their
 * own file under messages/ with keys namespaced by area (`treasury.`, `cocreation.`, `corporate.`,
 * `donation.`, `error.`); the site-wide keys (layout, public pages) have no prefix.
 *
 * This folder imports nothing of ours, so every layer may use it (see ARCHITECTURE.md).
 */
import * as site from './messages/site.js';
import * as treasury from './messages/treasury.js';
import * as cocreation from './messages/cocreation.js';
import * as corporate from './messages/corporate.js';
import * as donations from './messages/donations.js';
import * as errors from './messages/errors.js';
import type { Lang } from './lang.js';

export { detectLang, isLang, LANG_COOKIE, pick, type Lang } from './lang.js';

const ja = { ...site.ja, ...treasury.ja, ...cocreation.ja, ...corporate.ja, ...donations.ja, ...errors.ja };
const en: Record<MessageKey, string> = { ...site.en, ...treasury.en, ...cocreation.en, ...corporate.en, ...donations.en, ...errors.en };

export type MessageKey = keyof typeof ja;
export type Params = Record<string, string | number>;

/** Both languages of the catalog, for the completeness test. */
export const catalog: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { ja, en };

/**
 * The sentence for `key` in `lang`; `{name}` placeholders are filled from params, and a missing param stays
 * visible rather than vanishing.
 * @example t('en', 'days.left', { n: 3 }) // '3 days left'
 */
export function t(lang: Lang, key: MessageKey, params?: Params): string {
  const text = catalog[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in ja;
}
