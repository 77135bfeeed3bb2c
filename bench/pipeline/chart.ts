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

const WIDTH = 1100;
const PANEL_HEIGHT = 240;
const MARGIN = { left: 70, right: 170, top: 34, bottom: 30 };

/**
 * Panels stacked over one time axis (seconds since the run started), drawn as SVG and rasterised to PNG
 * with resvg: no browser and no canvas library to build.
 */
export function renderChart(title: string, panels: ChartPanel[]): Buffer {
  const height = panels.length * (PANEL_HEIGHT + MARGIN.top + MARGIN.bottom) + 40;
  const allX = panels.flatMap((p) => p.series.flatMap((s) => s.points.map(([x]) => x)));
  const maxX = Math.max(1, ...allX);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="16" font-weight="bold">${escape(title)}</text>`,
  ];
  panels.forEach((panel, index) => {
    const top = 40 + index * (PANEL_HEIGHT + MARGIN.top + MARGIN.bottom) + MARGIN.top;
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
      const ly = top + 14 + i * 18;
      parts.push(
        `<line x1="${WIDTH - MARGIN.right + 12}" x2="${WIDTH - MARGIN.right + 32}" y1="${ly - 4}" y2="${ly - 4}" stroke="${series.color}" stroke-width="3"/>`,
        `<text x="${WIDTH - MARGIN.right + 38}" y="${ly}">${escape(series.name)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return Buffer.from(new Resvg(parts.join(''), { font: { loadSystemFonts: true } }).render().asPng());
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
