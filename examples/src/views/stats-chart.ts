/**
 * Draws a bar chart into an `<svg>`: the browser side of the stats demo's `Chart` hook (see
 * stats.tsx). Plain DOM calls; nothing here runs on the server.
 */
const SVG = "http://www.w3.org/2000/svg";

export interface Series {
  range: string;
  points: { label: string; value: number }[];
}

/** Replaces the chart's bars with one per point, scaled to the largest value. */
export function drawBars(svg: SVGSVGElement, series: Series): void {
  const width = 320;
  const height = 120;
  const max = Math.max(1, ...series.points.map((p) => p.value));
  const step = width / Math.max(1, series.points.length);
  svg.setAttribute("viewBox", `0 0 ${width} ${height + 16}`);
  svg.replaceChildren(
    ...series.points.flatMap((point, i) => {
      const bar = document.createElementNS(SVG, "rect");
      const h = Math.round((point.value / max) * height);
      bar.setAttribute("x", String(i * step + 4));
      bar.setAttribute("y", String(height - h));
      bar.setAttribute("width", String(step - 8));
      bar.setAttribute("height", String(h));
      bar.setAttribute("data-value", String(point.value));
      bar.setAttribute("class", "bar");
      const label = document.createElementNS(SVG, "text");
      label.setAttribute("x", String(i * step + step / 2));
      label.setAttribute("y", String(height + 13));
      label.setAttribute("text-anchor", "middle");
      label.textContent = point.label;
      return [bar, label];
    }),
  );
}
