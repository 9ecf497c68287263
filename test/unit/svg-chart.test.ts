import { describe, expect, it } from 'vitest';
import { chart, compactYen, escapeXml, niceStep } from '../../functions/domain/svg-chart.js';

const months = ['4月', '5月', '6月'];

describe('server-side SVG chart', () => {
  it('draws stacked bars whose heights are proportional, and a line, with accessible titles', () => {
    const svg = chart({
      id: 'inflow',
      title: '月別の受入',
      description: '個人・企業・配分',
      categories: months,
      bars: [
        { name: '個人', values: [100, 0, 300], color: '#1d4e89' },
        { name: '企業', values: [100, 0, 0], color: '#a93a24' },
      ],
      lines: [{ name: '前年度', values: [50, 150, 250], color: '#6b7280', dashed: true }],
      width: 600,
      height: 300,
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="inflow-title inflow-desc"');
    expect(svg).toContain('<title id="inflow-title">月別の受入</title>');
    expect(svg).toContain('<desc id="inflow-desc">');
    const rects = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="#(1d4e89|a93a24)"><title>([^<]*)<\/title>/g)];
    // 3 non-zero bar segments; zero values draw nothing.
    expect(rects.map((r) => r[4])).toEqual(['4月 個人: 100', '4月 企業: 100', '6月 個人: 300']);
    const h = rects.map((r) => Number(r[2]));
    expect(h[0]! * 3).toBeCloseTo(h[2]!, 0);
    // The stacked segment sits on top of the first.
    expect(Number(rects[1]![1]) + h[1]!).toBeCloseTo(Number(rects[0]![1]), 1);
    expect(svg).toContain('stroke-dasharray="5 4"');
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('escapes every piece of text', () => {
    const svg = chart({ id: 'x"y', title: '<script>alert(1)</script>', categories: ['a&b'], bars: [{ name: '"n"', values: [1], color: 'red"/><x' }] });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('a&amp;b');
    expect(svg).not.toContain('red"/><x');
    expect(escapeXml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('handles empty data and negative months (refunds) with zero on the axis', () => {
    const empty = chart({ id: 'e', title: 't', categories: months, bars: [{ name: 'a', values: [0, 0, 0], color: '#000' }] });
    expect(empty).not.toContain('NaN');
    const neg = chart({ id: 'n', title: 't', categories: months, bars: [{ name: 'a', values: [100, -50, 0], color: '#000' }] });
    expect(neg).not.toContain('NaN');
    expect(neg).toContain('stroke="#6b7280"'); // the zero line
  });

  it('picks nice tick steps and compact yen labels', () => {
    expect(niceStep(1000, 5)).toBe(200);
    expect(niceStep(3_000_000, 5)).toBe(1_000_000);
    expect(niceStep(7, 5)).toBe(2);
    expect(compactYen('ja')(1_500_000)).toBe('150万円');
    expect(compactYen('ja')(250_000_000)).toBe('2.5億円');
    expect(compactYen('en')(1_500_000)).toBe('¥1.5M');
    expect(compactYen('en')(-2000)).toBe('-¥2k');
  });
});

describe('axis floor', () => {
  it('an empty yen chart keeps a readable whole-yen scale', () => {
    const svg = chart({ id: 'z', title: 't', categories: ['a'], lines: [{ name: 'l', values: [0], color: '#000' }], minTop: 100_000, minStep: 1, formatValue: compactYen('ja') });
    expect(svg).toContain('>10万円<');
    expect(svg).not.toContain('0.2');
  });
});
