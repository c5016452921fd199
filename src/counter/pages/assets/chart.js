// The dashboard's chart: per day, the prescriptions counted by the counters, stacked by status (an inline SVG
// drawn with DOM calls, no library), with a data table for screen readers. Stacked bars never hide a series
// behind another: two statuses with the same number on a day are two segments of the same height.
import { el, formatDate } from './api.js';
import { PRESCRIPTION_STATUS } from './labels.js';

const NS = 'http://www.w3.org/2000/svg';
/** Stacking order, bottom up: the statuses as the counters list them. */
export const SERIES = PRESCRIPTION_STATUS;

const svg = (tag, attrs = {}, text) => {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
};

/** Hatching per series on top of its colour, so that the series differ without colour too. */
function patterns() {
  const defs = svg('defs');
  Object.keys(SERIES).forEach((key, i) => {
    const p = svg('pattern', {
      id: `hatch-${key}`,
      width: 6,
      height: 6,
      patternUnits: 'userSpaceOnUse',
      patternTransform: `rotate(${i * 30})`,
    });
    p.append(svg('rect', { width: 6, height: 6, class: `swatch s-${key}` }));
    if (i % 2 === 1) p.append(svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch' }));
    defs.append(p);
  });
  return defs;
}

/** Draws `series` ([{date, retrieved, …}]) into `container`; `legend` gets one item per series. */
export function drawChart(container, legend, series) {
  const keys = Object.keys(SERIES);
  const W = Math.max(320, Math.round(container.clientWidth || 720));
  const H = 220;
  const pad = { left: 36, right: 12, top: 10, bottom: 26 };
  const totals = series.map((d) => keys.reduce((n, k) => n + (d[k] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const slot = (W - pad.left - pad.right) / Math.max(1, series.length);
  const bar = Math.max(2, Math.min(28, slot * 0.7));
  const x = (i) => pad.left + i * slot + (slot - bar) / 2;
  const h = (v) => (v * (H - pad.top - pad.bottom)) / max;
  const summary = series.length
    ? `Du ${formatDate(series[0].date)} au ${formatDate(series.at(-1).date)} : ${totals.reduce((a, b) => a + b, 0)} ordonnance(s), au plus ${max} par jour.`
    : 'Aucune ordonnance sur la période.';
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-labelledby': 'chart-title chart-desc',
  });
  root.append(svg('desc', { id: 'chart-desc' }, summary), patterns());
  root.append(
    svg('line', { class: 'axis', x1: pad.left, y1: H - pad.bottom, x2: W - pad.right, y2: H - pad.bottom }),
  );
  root.append(svg('line', { class: 'axis', x1: pad.left, y1: pad.top, x2: pad.left, y2: H - pad.bottom }));
  root.append(
    svg('text', { x: pad.left - 6, y: H - pad.bottom - h(max) + 4, 'text-anchor': 'end' }, String(max)),
  );
  root.append(svg('text', { x: pad.left - 6, y: H - pad.bottom + 4, 'text-anchor': 'end' }, '0'));
  const step = Math.max(1, Math.ceil(series.length / 8));
  series.forEach((d, i) => {
    if (i % step === 0 || i === series.length - 1)
      root.append(
        svg('text', { x: x(i) + bar / 2, y: H - 8, 'text-anchor': 'middle' }, formatDate(d.date).slice(0, 5)),
      );
    let top = H - pad.bottom;
    for (const key of keys) {
      const value = d[key] ?? 0;
      if (!value) continue;
      top -= h(value);
      root.append(
        svg('rect', {
          class: `series s-${key}`,
          x: x(i).toFixed(1),
          y: top.toFixed(1),
          width: bar.toFixed(1),
          height: h(value).toFixed(1),
          fill: `url(#hatch-${key})`,
          'data-series': key,
          'data-date': d.date,
          'data-value': value,
        }),
      );
    }
  });
  // A table box ignores width/height, so the visually hidden wrapper is a div.
  const table = el(
    'table',
    {},
    el('caption', { text: 'Ordonnances par jour et par statut (données du graphique)' }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', text: 'Date' }),
        Object.values(SERIES).map((l) => el('th', { scope: 'col', text: l })),
      ),
    ),
    el(
      'tbody',
      {},
      series.map((d) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row', text: formatDate(d.date) }),
          keys.map((k) => el('td', { text: String(d[k] ?? 0) })),
        ),
      ),
    ),
  );
  container.replaceChildren(root, el('div', { class: 'sr-only' }, table));
  legend.replaceChildren(
    ...Object.entries(SERIES).map(([k, label]) =>
      el('li', { class: `s-${k}`, 'data-series': k, text: label }),
    ),
  );
}
