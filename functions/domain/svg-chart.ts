/**
 * Charts drawn on the server as SVG text: no client JavaScript, no chart library, printable, and
 * readable by screen readers (role="img" with a title and description; every bar and point carries
 * its own <title>). Pure: options in, markup out. All text is escaped here.
 *
 * One function draws both kinds: stacked bars (e.g. inflow by channel) and lines (e.g. last year's
 * total for comparison, or outflow this year against last), on one shared y axis that starts at zero.
 */

export interface ChartSeries {
  name: string;
  values: readonly number[];
  color: string;
  dashed?: boolean;
}

export interface ChartOptions {
  /** Used to link the title and description (must be unique on the page). */
  id: string;
  title: string;
  description?: string;
  categories: readonly string[];
  /** Stacked bars, bottom first. */
  bars?: readonly ChartSeries[];
  lines?: readonly ChartSeries[];
  width?: number;
  height?: number;
  /** Axis and tooltip labels (e.g. ¥1.2M or 120万円). */
  formatValue?: (value: number) => string;
  /** The axis reaches at least this high, so an empty or tiny chart still has a readable scale. */
  minTop?: number;
  /** Smallest tick step (1 for whole yen: no "¥0.2" ticks). */
  minStep?: number;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A "nice" step (1, 2 or 5 × 10^k) so that about `count` ticks cover `span`. */
export function niceStep(span: number, count = 5): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function chart(o: ChartOptions): string {
  const W = o.width ?? 640;
  const H = o.height ?? 280;
  const format = o.formatValue ?? ((v: number) => v.toLocaleString('en-US'));
  const bars = o.bars ?? [];
  const lines = o.lines ?? [];
  const n = o.categories.length;
  const legendItems = [...bars, ...lines];
  const legendRows = Math.ceil(legendItems.length / 3);
  const m = { top: 12 + legendRows * 18, right: 12, bottom: 30, left: 72 };
  const plotW = W - m.left - m.right;
  const plotH = H - m.top - m.bottom;

  // Stacks grow up from zero for positive values and down for negative ones (refunds).
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < n; i++) {
    let up = 0;
    let down = 0;
    for (const s of bars) {
      const v = s.values[i] ?? 0;
      if (v >= 0) up += v;
      else down += v;
    }
    hi = Math.max(hi, up);
    lo = Math.min(lo, down);
  }
  for (const v of lines.flatMap((s) => s.values)) {
    hi = Math.max(hi, v);
    lo = Math.min(lo, v);
  }
  hi = Math.max(hi, o.minTop ?? 0);
  const step = Math.max(niceStep(hi - lo || 1), o.minStep ?? 0);
  const top = Math.max(step, Math.ceil(hi / step) * step);
  const bottom = Math.floor(lo / step) * step;
  const y = (v: number) => m.top + ((top - v) / (top - bottom)) * plotH;
  const band = n ? plotW / n : plotW;
  const x = (i: number) => m.left + i * band;

  const parts: string[] = [];
  const tid = `${o.id}-title`;
  const did = `${o.id}-desc`;
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${escapeXml(tid)}${o.description ? ` ${escapeXml(did)}` : ''}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title id="${escapeXml(tid)}">${escapeXml(o.title)}</title>`,
  );
  if (o.description) parts.push(`<desc id="${escapeXml(did)}">${escapeXml(o.description)}</desc>`);

  // Grid and y axis labels.
  for (let v = bottom; v <= top + step / 2; v += step) {
    const yy = fmt(y(v));
    parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${yy}" y2="${yy}" stroke="${v === 0 ? '#6b7280' : '#e5e1d6'}" stroke-width="1"/>`);
    parts.push(`<text x="${m.left - 6}" y="${fmt(y(v) + 4)}" text-anchor="end" fill="#4b5563">${escapeXml(format(v))}</text>`);
  }
  // Category labels; on narrow bands only every other one.
  const every = band < 30 ? 2 : 1;
  o.categories.forEach((c, i) => {
    if (i % every) return;
    parts.push(`<text x="${fmt(x(i) + band / 2)}" y="${H - m.bottom + 16}" text-anchor="middle" fill="#4b5563">${escapeXml(c)}</text>`);
  });

  // Bars.
  const bw = Math.max(2, band * 0.62);
  for (let i = 0; i < n; i++) {
    let up = 0;
    let down = 0;
    for (const s of bars) {
      const v = s.values[i] ?? 0;
      if (v === 0) continue;
      const from = v >= 0 ? up : down;
      const to = from + v;
      if (v >= 0) up = to;
      else down = to;
      const y0 = y(Math.max(from, to));
      const h = Math.abs(y(from) - y(to));
      parts.push(
        `<rect x="${fmt(x(i) + (band - bw) / 2)}" y="${fmt(y0)}" width="${fmt(bw)}" height="${fmt(Math.max(h, 0.5))}" fill="${escapeXml(s.color)}"><title>${escapeXml(`${o.categories[i]} ${s.name}: ${format(v)}`)}</title></rect>`,
      );
    }
  }

  // Lines, with a marker per point so single points and tooltips work.
  for (const s of lines) {
    const pts = s.values.slice(0, n).map((v, i) => `${fmt(x(i) + band / 2)},${fmt(y(v))}`);
    if (pts.length > 1) {
      parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${escapeXml(s.color)}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
    }
    s.values.slice(0, n).forEach((v, i) => {
      parts.push(`<circle cx="${fmt(x(i) + band / 2)}" cy="${fmt(y(v))}" r="3" fill="${escapeXml(s.color)}"><title>${escapeXml(`${o.categories[i]} ${s.name}: ${format(v)}`)}</title></circle>`);
    });
  }

  // Legend across the top.
  const colW = plotW / 3;
  legendItems.forEach((s, i) => {
    const lx = m.left + (i % 3) * colW;
    const ly = 10 + Math.floor(i / 3) * 18;
    const isLine = lines.includes(s);
    parts.push(
      isLine
        ? `<line x1="${fmt(lx)}" x2="${fmt(lx + 16)}" y1="${ly + 5}" y2="${ly + 5}" stroke="${escapeXml(s.color)}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`
        : `<rect x="${fmt(lx)}" y="${ly}" width="12" height="10" fill="${escapeXml(s.color)}"/>`,
      `<text x="${fmt(lx + 20)}" y="${ly + 9}" fill="#1c2330">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Each language's counting units for yen, largest first (万 and 億 in Japanese), and how an amount is written. */
const COMPACT: Record<'ja' | 'en', { units: readonly (readonly [number, string])[]; write: (n: string, unit: string) => string }> = {
  ja: { units: [[100_000_000, '億'], [10_000, '万']], write: (n, unit) => `${n}${unit}円` },
  en: { units: [[1_000_000, 'M'], [1_000, 'k']], write: (n, unit) => `¥${n}${unit}` },
};

/** Compact yen for axes: ¥0, ¥500k, ¥1.5M (en) or 0円, 50万円, 150万円 (ja). */
export function compactYen(lang: 'ja' | 'en'): (v: number) => string {
  const { units, write } = COMPACT[lang];
  return (v) => {
    const sign = v < 0 ? '-' : '';
    const a = Math.abs(v);
    const unit = units.find(([size]) => a >= size);
    return sign + (unit ? write(fmt(Math.round((a / unit[0]) * 10) / 10), unit[1]) : write(String(a), ''));
  };
}
