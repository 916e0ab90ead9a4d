/**
 * Charts drawn on the server as SVG: readable without JavaScript, printable, with a <title>,
 * a <desc> and a table of the same numbers for screen readers and for copying. Colours are
 * attributes, not inline styles, so the strict CSP holds.
 */

export interface Series {
  name: string;
  values: (number | null)[];
  colour: string;
}

interface ChartText {
  id: string;
  title: string;
  desc: string;
  tableLabel: string;
}

const W = 640;
const PAD = { top: 14, right: 12, bottom: 28, left: 52 };

/** A rounded-up axis maximum with four even steps. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const exponent = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * exponent >= value / 4)! * exponent;
  return step * 4;
}

/** Labels on the x axis: the first, the last and a few evenly spaced between. */
function xLabelIndexes(n: number, max = 6): number[] {
  if (n <= max) return [...Array(n).keys()];
  const step = (n - 1) / (max - 1);
  return [...new Set(Array.from({ length: max }, (_, i) => Math.round(i * step)))];
}

function Frame(props: { text: ChartText; height: number; children: unknown; table: unknown; legend?: Series[] }) {
  const { text } = props;
  return (
    <figure class="chart">
      <figcaption class="chart-title">{text.title}</figcaption>
      {props.legend && (
        <p class="legend small">
          {props.legend.map((s) => (
            <span>
              <svg width="14" height="10" aria-hidden="true"><rect width="14" height="10" rx="2" fill={s.colour} /></svg> {s.name}
            </span>
          ))}
        </p>
      )}
      <svg viewBox={`0 0 ${W} ${props.height}`} role="img" aria-labelledby={`${text.id}-t ${text.id}-d`} preserveAspectRatio="xMidYMid meet">
        <title id={`${text.id}-t`}>{text.title}</title>
        <desc id={`${text.id}-d`}>{text.desc}</desc>
        {props.children}
      </svg>
      <details class="no-print">
        <summary>{text.tableLabel}</summary>
        <div class="table-wrap">{props.table}</div>
      </details>
    </figure>
  );
}

function Grid(props: { height: number; max: number; format: (v: number) => string }) {
  const plotH = props.height - PAD.top - PAD.bottom;
  return (
    <g>
      {[0, 1, 2, 3, 4].map((i) => {
        const y = PAD.top + plotH - (plotH * i) / 4;
        return (
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} stroke={i === 0 ? '#9aa5b1' : '#e3e7ec'} stroke-width="1" />
            <text x={PAD.left - 6} y={y + 4} text-anchor="end" font-size="11" fill="#5b6675">{props.format((props.max * i) / 4)}</text>
          </g>
        );
      })}
    </g>
  );
}

function XLabels(props: { labels: string[]; height: number; x: (i: number) => number }) {
  return (
    <g>
      {xLabelIndexes(props.labels.length).map((i) => (
        <text x={props.x(i)} y={props.height - 8} text-anchor="middle" font-size="11" fill="#5b6675">{props.labels[i]}</text>
      ))}
    </g>
  );
}

function DataTable(props: { labels: string[]; series: Series[]; format: (v: number) => string; labelHeader: string }) {
  return (
    <table class="small">
      <thead>
        <tr>
          <th scope="col">{props.labelHeader}</th>
          {props.series.map((s) => <th scope="col" class="num">{s.name}</th>)}
        </tr>
      </thead>
      <tbody>
        {props.labels.map((label, i) => (
          <tr>
            <th scope="row">{label}</th>
            {props.series.map((s) => <td class="num">{s.values[i] === null ? '—' : props.format(s.values[i]!)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Lines over time; a missing value (no customers that day) breaks the line instead of faking a zero. */
export function LineChart(props: ChartText & { labels: string[]; series: Series[]; format: (v: number) => string; labelHeader: string }) {
  const height = 220;
  const plotW = W - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(0, ...props.series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const n = props.labels.length;
  const x = (i: number) => PAD.left + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const y = (v: number) => PAD.top + plotH - (plotH * v) / max;
  return (
    <Frame text={props} height={height} legend={props.series} table={<DataTable labels={props.labels} series={props.series} format={props.format} labelHeader={props.labelHeader} />}>
      <Grid height={height} max={max} format={props.format} />
      {props.series.map((s) => {
        let d = '';
        let pen = false;
        s.values.forEach((v, i) => {
          if (v === null) pen = false;
          else {
            d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
            pen = true;
          }
        });
        return (
          <g>
            <path d={d} fill="none" stroke={s.colour} stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round" />
            {n <= 45 && s.values.map((v, i) => v !== null && <circle cx={x(i)} cy={y(v)} r="3" fill={s.colour} />)}
          </g>
        );
      })}
      <XLabels labels={props.labels} height={height} x={x} />
    </Frame>
  );
}

/** Grouped bars over time (scans of each kind). */
export function BarChart(props: ChartText & { labels: string[]; series: Series[]; format: (v: number) => string; labelHeader: string }) {
  const height = 200;
  const plotW = W - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(0, ...props.series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const n = Math.max(1, props.labels.length);
  const slot = plotW / n;
  const barW = Math.max(1, (slot * 0.8) / props.series.length);
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  return (
    <Frame text={props} height={height} legend={props.series} table={<DataTable labels={props.labels} series={props.series} format={props.format} labelHeader={props.labelHeader} />}>
      <Grid height={height} max={max} format={props.format} />
      {props.series.map((s, k) =>
        s.values.map((v, i) => {
          const h = ((v ?? 0) / max) * plotH;
          return h > 0 && <rect x={(PAD.left + slot * i + slot * 0.1 + barW * k).toFixed(1)} y={(PAD.top + plotH - h).toFixed(1)} width={barW.toFixed(1)} height={h.toFixed(1)} fill={s.colour} />;
        }),
      )}
      <XLabels labels={props.labels} height={height} x={x} />
    </Frame>
  );
}

export interface HBar {
  label: string;
  value: number;
  /** Shown at the end of the bar, e.g. "12 · 40%". */
  caption: string;
  colour: string;
  /** A short badge after the label, e.g. "Top 3". */
  mark?: string;
}

/** Horizontal bars with their labels above: long Russian reasons stay readable on a phone. */
export function HBarChart(props: ChartText & { bars: HBar[]; labelHeader: string; valueHeader: string }) {
  const rowH = 44;
  const height = Math.max(1, props.bars.length) * rowH + 6;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const barMax = W - 150;
  return (
    <Frame
      text={props}
      height={height}
      table={
        <table class="small">
          <thead><tr><th scope="col">{props.labelHeader}</th><th scope="col" class="num">{props.valueHeader}</th></tr></thead>
          <tbody>{props.bars.map((b) => <tr><th scope="row">{b.label}{b.mark ? ` (${b.mark})` : ''}</th><td class="num">{b.caption}</td></tr>)}</tbody>
        </table>
      }
    >
      {props.bars.map((b, i) => {
        const y = i * rowH;
        const w = Math.max(2, (b.value / max) * barMax);
        return (
          <g>
            <text x="0" y={y + 14} font-size="13" fill="#1c2430">
              {b.label}
              {b.mark && <tspan font-weight="700" fill={b.colour}>{`  · ${b.mark}`}</tspan>}
            </text>
            <rect x="0" y={y + 20} width={w.toFixed(1)} height="16" rx="3" fill={b.colour} />
            <text x={(w + 8).toFixed(1)} y={y + 33} font-size="12" fill="#5b6675">{b.caption}</text>
          </g>
        );
      })}
    </Frame>
  );
}
