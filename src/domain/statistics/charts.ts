// Geometry for the simple bar charts on the statistics page, drawn by the templates as
// inline SVG. Plain numbers only: the templates print them as presentation attributes
// (the Content-Security-Policy forbids inline styles). Each bar carries its label and its
// count as text, so nothing depends on colour.

export interface ChartItem {
  label: string;
  value: number;
}

export interface Bar {
  label: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
  labelX: number;
  labelY: number;
  valueX: number;
  valueY: number;
}

export interface ChartLayout {
  kind: "bars" | "columns";
  width: number;
  height: number;
  /** The line the bars stand on (columns) or start from (bars). */
  axis: { x1: number; y1: number; x2: number; y2: number };
  bars: Bar[];
}

const WIDTH = 640;
const round = (n: number) => Math.round(n * 10) / 10;

/** Horizontal bars, the label above each bar and the count after it: long labels fit. */
export function barsLayout(items: ChartItem[]): ChartLayout {
  const rowHeight = 44;
  const valueRoom = 56;
  const max = Math.max(1, ...items.map((i) => i.value));
  const bars = items.map((item, i) => {
    const top = i * rowHeight;
    const width = round((item.value / max) * (WIDTH - valueRoom));
    return { label: item.label, value: item.value, x: 0, y: top + 20, width, height: 16, labelX: 0, labelY: top + 14, valueX: round(width + 6), valueY: top + 33 };
  });
  const height = Math.max(1, items.length) * rowHeight + 4;
  return { kind: "bars", width: WIDTH, height, axis: { x1: 0.5, y1: 0, x2: 0.5, y2: height }, bars };
}

/** Vertical columns side by side (the months of a year), the count above each column. */
export function columnsLayout(items: ChartItem[]): ChartLayout {
  const height = 220;
  const top = 24;
  const bottom = 24;
  const plot = height - top - bottom;
  const step = WIDTH / Math.max(1, items.length);
  const barWidth = round(Math.min(40, step * 0.6));
  const max = Math.max(1, ...items.map((i) => i.value));
  const baseline = height - bottom;
  const bars = items.map((item, i) => {
    const barHeight = round((item.value / max) * plot);
    const centre = round(step * i + step / 2);
    return {
      label: item.label,
      value: item.value,
      x: round(centre - barWidth / 2),
      y: round(baseline - barHeight),
      width: barWidth,
      height: barHeight,
      labelX: centre,
      labelY: height - 6,
      valueX: centre,
      valueY: round(baseline - barHeight - 6),
    };
  });
  return { kind: "columns", width: WIDTH, height, axis: { x1: 0, y1: baseline + 0.5, x2: WIDTH, y2: baseline + 0.5 }, bars };
}
