/**
 * Charts drawn on the server as SVG: readable without JavaScript, printable, with a <title>,
 * a <desc> and a table of the same numbers for screen readers and for copying. Colours and sizes
 * are attributes, not inline styles, so the strict CSP holds.
 *
 * Time charts are drawn twice, wide and narrow, and CSS shows the one that fits: an SVG scales its
 * text with it, so one drawing cannot be legible on both a laptop and a phone.
 */

interface Series {
  name: string;
  values: (number | null)[];
  colour: string;
  /** Listed in the table under the chart, not drawn (e.g. the daily values behind a trailing line). */
  tableOnly?: boolean;
}

const drawn = (series: Series[]) => series.filter((s) => !s.tableOnly);

interface ChartText {
  id: string;
  title: string;
  desc: string;
  tableLabel: string;
}

const PAD = { top: 14, right: 14, bottom: 28, left: 50 };
const SIZES = [
  { variant: 'wide', width: 760, labels: 7 },
  { variant: 'narrow', width: 360, labels: 4 },
] as const;

/** A rounded-up axis maximum with four even steps. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const raw = value / 4;
  const exponent = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * exponent >= raw - 1e-12)! * exponent;
  return step * 4;
}

/** Labels on the x axis: the first, the last and a few evenly spaced between. */
export function xLabelIndexes(n: number, max: number): number[] {
  if (n <= max) return [...Array(n).keys()];
  const step = (n - 1) / (max - 1);
  return [...new Set(Array.from({ length: max }, (_, i) => Math.round(i * step)))];
}

function Legend(props: { series: Series[] }) {
  return (
    <p class="legend small">
      {props.series.map((s) => (
        <span>
          <svg width="14" height="10" aria-hidden="true">
            <rect width="14" height="10" rx="2" fill={s.colour} />
          </svg>{' '}
          {s.name}
        </span>
      ))}
    </p>
  );
}

function DataTable(props: { labels: string[]; series: Series[]; format: (v: number) => string; labelHeader: string }) {
  return (
    <table class="small">
      <thead>
        <tr>
          <th scope="col">{props.labelHeader}</th>
          {props.series.map((s) => (
            <th scope="col" class="num">
              {s.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.labels.map((label, i) => (
          <tr>
            <th scope="row">{label}</th>
            {props.series.map((s) => (
              <td class="num" data-label={s.name}>
                {s.values[i] === null ? '—' : props.format(s.values[i]!)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type TimeChartProps = ChartText & {
  labels: string[];
  series: Series[];
  format: (v: number) => string;
  labelHeader: string;
};

/** The frame of a time chart: caption, legend, both drawings, and the table. */
function TimeChart(props: TimeChartProps & { height: number; max: number; draw: (width: number) => unknown }) {
  const { id } = props;
  return (
    <figure class="chart">
      <figcaption class="chart-title">{props.title}</figcaption>
      <Legend series={drawn(props.series)} />
      {SIZES.map(({ variant, width, labels }) => (
        <svg
          class={`chart-${variant}`}
          viewBox={`0 0 ${width} ${props.height}`}
          width="100%"
          role="img"
          aria-labelledby={`${id}-${variant}-t ${id}-${variant}-d`}
        >
          <title id={`${id}-${variant}-t`}>{props.title}</title>
          <desc id={`${id}-${variant}-d`}>{props.desc}</desc>
          <Grid width={width} height={props.height} max={props.max} format={props.format} />
          {props.draw(width)}
          <XLabels labels={props.labels} width={width} height={props.height} max={labels} />
        </svg>
      ))}
      <details class="no-print">
        <summary>{props.tableLabel}</summary>
        <div class="table-wrap">
          <DataTable
            labels={props.labels}
            series={props.series}
            format={props.format}
            labelHeader={props.labelHeader}
          />
        </div>
      </details>
    </figure>
  );
}

function Grid(props: { width: number; height: number; max: number; format: (v: number) => string }) {
  const plotH = props.height - PAD.top - PAD.bottom;
  return (
    <g>
      {[0, 1, 2, 3, 4].map((i) => {
        const y = PAD.top + plotH - (plotH * i) / 4;
        return (
          <g>
            <line
              x1={PAD.left}
              x2={props.width - PAD.right}
              y1={y}
              y2={y}
              stroke={i === 0 ? '#9aa5b1' : '#e3e7ec'}
              stroke-width="1"
            />
            <text x={PAD.left - 6} y={y + 4} text-anchor="end" font-size="12" fill="#5b6675">
              {props.format((props.max * i) / 4)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Points sit in the middle of equal slots, so lines and bars share the x axis. */
const slotX = (width: number, n: number, i: number) =>
  PAD.left + ((width - PAD.left - PAD.right) / Math.max(1, n)) * (i + 0.5);

function XLabels(props: { labels: string[]; width: number; height: number; max: number }) {
  const n = props.labels.length;
  return (
    <g>
      {xLabelIndexes(n, props.max).map((i) => (
        <text
          x={slotX(props.width, n, i)}
          y={props.height - 8}
          text-anchor={n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle'}
          font-size="12"
          fill="#5b6675"
        >
          {props.labels[i]}
        </text>
      ))}
    </g>
  );
}

/** Lines over time; a missing value (no customers that day) breaks the line instead of faking a zero. */
export function LineChart(props: TimeChartProps) {
  const height = 220;
  const plotH = height - PAD.top - PAD.bottom;
  const max = niceMax(
    Math.max(0, ...drawn(props.series).flatMap((s) => s.values.filter((v): v is number => v !== null))),
  );
  const n = props.labels.length;
  const y = (v: number) => PAD.top + plotH - (plotH * v) / max;
  const draw = (width: number) =>
    drawn(props.series).map((s) => {
      let d = '';
      let pen = false;
      s.values.forEach((v, i) => {
        if (v === null) pen = false;
        else {
          d += `${pen ? 'L' : 'M'}${slotX(width, n, i).toFixed(1)} ${y(v).toFixed(1)}`;
          pen = true;
        }
      });
      const dots = width / Math.max(1, n) >= 9;
      return (
        <g>
          <path d={d} fill="none" stroke={s.colour} stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round" />
          {dots &&
            s.values.map(
              (v, i) =>
                v !== null && <circle cx={slotX(width, n, i).toFixed(1)} cy={y(v).toFixed(1)} r="3" fill={s.colour} />,
            )}
        </g>
      );
    });
  return <TimeChart {...props} height={height} max={max} draw={draw} />;
}

/** Grouped bars over time (scans of each kind). */
export function BarChart(props: TimeChartProps) {
  const height = 200;
  const plotH = height - PAD.top - PAD.bottom;
  const bars = drawn(props.series);
  const max = niceMax(Math.max(0, ...bars.flatMap((s) => s.values.map((v) => v ?? 0))));
  const n = Math.max(1, props.labels.length);
  const draw = (width: number) => {
    const slot = (width - PAD.left - PAD.right) / n;
    const barW = Math.max(1, (slot * 0.8) / bars.length);
    return bars.map((s, k) =>
      s.values.map((v, i) => {
        const h = ((v ?? 0) / max) * plotH;
        return (
          h > 0 && (
            <rect
              x={(PAD.left + slot * i + slot * 0.1 + barW * k).toFixed(1)}
              y={(PAD.top + plotH - h).toFixed(1)}
              width={barW.toFixed(1)}
              height={h.toFixed(1)}
              fill={s.colour}
            />
          )
        );
      }),
    );
  };
  return <TimeChart {...props} height={height} max={max} draw={draw} />;
}

interface HBar {
  label: string;
  value: number;
  /** Shown after the bar, e.g. "12 · 40 %". */
  caption: string;
  /** A quieter second caption, e.g. the running share of a Pareto chart. */
  note?: string;
  colour: string;
  /** A short badge after the label, e.g. "Top 3"; quiet for a grey one. */
  mark?: string;
  markQuiet?: boolean;
}

/**
 * Horizontal bars as a list: the text is HTML (legible at any width, long Russian reasons wrap),
 * each bar a small SVG whose width is a percentage attribute.
 */
export function HBarChart(props: ChartText & { bars: HBar[]; showTitle?: boolean }) {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  return (
    <figure class="chart hbars" aria-labelledby={`${props.id}-t`} aria-describedby={`${props.id}-d`}>
      <figcaption id={`${props.id}-t`} class={props.showTitle === false ? 'sr-only' : 'chart-title'}>
        {props.title}
      </figcaption>
      <p id={`${props.id}-d`} class="sr-only">
        {props.desc}
      </p>
      <ol class="hbar-list">
        {props.bars.map((b) => (
          <li>
            <span class="hbar-label">
              {b.label}
              {b.mark && <span class={b.markQuiet ? 'hbar-mark quiet' : 'hbar-mark'}>{b.mark}</span>}
            </span>
            <span class="hbar-row">
              <svg class="hbar" width="100%" height="14" aria-hidden="true" focusable="false">
                <rect
                  x="0"
                  y="0"
                  height="14"
                  rx="3"
                  width={`${Math.max(0.5, (b.value / max) * 100).toFixed(2)}%`}
                  fill={b.colour}
                />
              </svg>
              <span class="hbar-caption">
                {b.caption}
                {b.note && <span class="hbar-note">{b.note}</span>}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
