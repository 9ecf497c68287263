/** Japanese first, English on request: a cookie set by the visible toggle, else Accept-Language. */
export type Lang = 'ja' | 'en';
export const LANG_COOKIE = 'lang';

export function isLang(value: unknown): value is Lang {
  return value === 'ja' || value === 'en';
}

/**
 * The reader's language from the toggle's cookie, else the best-ranked of ja/en in Accept-Language, else ja.
 * @example detectLang(undefined, 'en-US,en;q=0.9') // 'en'
 */
export function detectLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === 'ja' || cookie === 'en') return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ja')) return 'ja';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ja';
}

/** Picks the field written for the reader's language (catalog items carry both). */
export function pick(lang: Lang, ja: string, en: string): string {
  return lang === 'en' && en ? en : ja;
}

