import { Resvg } from '@resvg/resvg-js';

export interface ChartSeries {
  name: string;
  color: string;
  points: Array<[number, number]>;
}

export interface ChartPanel {
  title: string;
  unit: string;
  series: ChartSeries[];
}

/** Horizontal bars, one row per category, stacked left to right in the order of `series` (no time axis). */
export interface ChartBarPanel {
  kind: 'bars';
  title: string;
  unit: string;
  series: Array<{ name: string; color: string }>;
  /** `values[i]` is the segment of `series[i]` (0 or absent: none). */
  rows: Array<{ label: string; values: number[] }>;
  /** The scale's end, when one row would flatten the others: a longer bar is cut there (its total still shown). */
  maxValue?: number;
}

const WIDTH = 1100;
const PANEL_HEIGHT = 240;
const MARGIN = { left: 70, right: 170, top: 34, bottom: 30 };

/**
 * Panels stacked over one time axis (seconds since the run started), drawn as SVG and rasterised to PNG
 * with resvg: no browser and no canvas library to build. Bar panels (by category, not time) go among them.
 */
export function renderChart(title: string, panels: Array<ChartPanel | ChartBarPanel>): Buffer {
  const heightOf = (p: ChartPanel | ChartBarPanel) => MARGIN.top + plotHeightOf(p) + MARGIN.bottom;
  const height = panels.reduce((sum, p) => sum + heightOf(p), 0) + 40;
  const allX = panels.flatMap((p) => (isBars(p) ? [] : p.series.flatMap((s) => s.points.map(([x]) => x))));
  const maxX = Math.max(1, ...allX);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="16" font-weight="bold">${escape(title)}</text>`,
  ];
  let offset = 40;
  for (const panel of panels) {
    const top = offset + MARGIN.top;
    offset += heightOf(panel);
    if (isBars(panel)) {
      parts.push(...barPanel(panel, top));
      continue;
    }
    const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
    const maxY = niceCeiling(Math.max(1, ...panel.series.flatMap((s) => s.points.map(([, y]) => y))));
    const x = (v: number) => MARGIN.left + (v / maxX) * plotWidth;
    const y = (v: number) => top + PANEL_HEIGHT - (v / maxY) * PANEL_HEIGHT;
    parts.push(
      `<text x="${MARGIN.left}" y="${top - 10}" font-weight="bold">${escape(panel.title)} (${escape(panel.unit)})</text>`,
    );
    for (let i = 0; i <= 4; i++) {
      const value = (maxY * i) / 4;
      parts.push(
        `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e5e5"/>`,
        `<text x="${MARGIN.left - 8}" y="${y(value) + 4}" text-anchor="end">${format(value)}</text>`,
      );
    }
    for (let i = 0; i <= 10; i++) {
      const value = (maxX * i) / 10;
      parts.push(
        `<text x="${x(value)}" y="${top + PANEL_HEIGHT + 16}" text-anchor="middle">${Math.round(value)}s</text>`,
      );
    }
    parts.push(
      `<rect x="${MARGIN.left}" y="${top}" width="${plotWidth}" height="${PANEL_HEIGHT}" fill="none" stroke="#999"/>`,
    );
    panel.series.forEach((series, i) => {
      if (series.points.length > 0) {
        const d = series.points
          .map(([px, py], j) => `${j === 0 ? 'M' : 'L'}${x(px).toFixed(1)},${y(py).toFixed(1)}`)
          .join(' ');
        parts.push(`<path d="${d}" fill="none" stroke="${series.color}" stroke-width="1.6"/>`);
      }
      parts.push(...legendEntry(series, i, top));
    });
  }
  parts.push('</svg>');
  return Buffer.from(new Resvg(parts.join(''), { font: { loadSystemFonts: true } }).render().asPng());
}

const BAR_ROW = 18;
const BAR_LABEL_WIDTH = 200;

function isBars(panel: ChartPanel | ChartBarPanel): panel is ChartBarPanel {
  return 'kind' in panel && panel.kind === 'bars';
}

function plotHeightOf(panel: ChartPanel | ChartBarPanel): number {
  return isBars(panel) ? Math.max(1, panel.rows.length) * BAR_ROW + 8 : PANEL_HEIGHT;
}

function legendEntry(series: { name: string; color: string }, index: number, top: number): string[] {
  const ly = top + 14 + index * 18;
  return [
    `<line x1="${WIDTH - MARGIN.right + 12}" x2="${WIDTH - MARGIN.right + 32}" y1="${ly - 4}" y2="${ly - 4}" stroke="${series.color}" stroke-width="3"/>`,
    `<text x="${WIDTH - MARGIN.right + 38}" y="${ly}">${escape(series.name)}</text>`,
  ];
}

/** Stacked horizontal bars with the category on the left and the row's total at the bar's end. */
function barPanel(panel: ChartBarPanel, top: number): string[] {
  // Wide enough for the longest category (about 7 px a character at 12 px).
  const left = Math.min(
    WIDTH / 2,
    Math.max(BAR_LABEL_WIDTH, 16 + 7 * Math.max(0, ...panel.rows.map((r) => r.label.length))),
  );
  const plotWidth = WIDTH - left - MARGIN.right - 50; // room for the totals
  const plotHeight = plotHeightOf(panel);
  const total = (values: number[]) => values.reduce((sum, v) => sum + Math.max(0, v || 0), 0);
  const maxX = niceCeiling(panel.maxValue ?? Math.max(1, ...panel.rows.map((r) => total(r.values))));
  const x = (v: number) => left + (Math.min(v, maxX) / maxX) * plotWidth;
  const parts = [
    `<text x="${MARGIN.left}" y="${top - 10}" font-weight="bold">${escape(panel.title)} (${escape(panel.unit)})</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const value = (maxX * i) / 4;
    parts.push(
      `<line x1="${x(value)}" x2="${x(value)}" y1="${top}" y2="${top + plotHeight}" stroke="#e5e5e5"/>`,
      `<text x="${x(value)}" y="${top + plotHeight + 16}" text-anchor="middle">${format(value)}</text>`,
    );
  }
  if (panel.rows.length === 0) {
    parts.push(`<text x="${left + 8}" y="${top + 14}" fill="#777">no data</text>`);
  }
  panel.rows.forEach((row, r) => {
    const y = top + 4 + r * BAR_ROW;
    parts.push(`<text x="${left - 8}" y="${y + 11}" text-anchor="end">${escape(row.label)}</text>`);
    let at = 0;
    row.values.forEach((value, i) => {
      if (!(value > 0) || !panel.series[i]) return;
      parts.push(
        `<rect x="${x(at).toFixed(1)}" y="${y}" width="${Math.max(0.5, x(at + value) - x(at)).toFixed(1)}" ` +
          `height="${BAR_ROW - 5}" fill="${panel.series[i]!.color}"/>`,
      );
      at += value;
    });
    const cut = at > maxX ? ' (cut)' : '';
    parts.push(`<text x="${x(at) + 6}" y="${y + 11}" fill="#444">${format(at)}${cut}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotHeight}" stroke="#999"/>`);
  panel.series.forEach((series, i) => parts.push(...legendEntry(series, i, top)));
  return parts;
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((n) => n >= value) ?? value;
}

function format(value: number): string {
  return value >= 1000 ? `${Math.round(value / 100) / 10}k` : String(Math.round(value * 10) / 10);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
