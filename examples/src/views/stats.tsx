import { defineView, reply } from "@livetsx/server";
import type { Hook } from "@livetsx/client";
import { drawBars, type Series } from "./stats-chart.ts";

const RANGES = { week: 7, month: 12 } as const;
type Range = keyof typeof RANGES;

/** The figures a database would give: the same for the same range, every time. */
function series(range: Range): Series {
  const points = Array.from({ length: RANGES[range] }, (_, i) => ({
    label: range === "week" ? "MTWTFSS"[i]! : String(i + 1),
    value: ((i + 3) * (range === "week" ? 37 : 53)) % 97 + 10,
  }));
  return { range, points };
}

/**
 * The chart's hook, in the view's own module: the browser gets this export (and the chart
 * helper it imports) and nothing else of the module. It asks the server for the figures with
 * pushEvent and draws the reply; the range buttons ask again.
 */
export const hooks = {
  Chart: {
    mounted() {
      const svg = this.el.querySelector("svg")!;
      const caption = this.el.querySelector<HTMLElement>(".caption")!;
      const load = (range: string) =>
        this.pushEvent("series", { range }).then((reply) => {
          const s = reply as Series;
          drawBars(svg, s);
          const total = s.points.reduce((sum, p) => sum + p.value, 0);
          caption.textContent = `${s.range}: ${s.points.length} bars, ${total} in all`;
        });
      for (const button of Array.from(this.el.querySelectorAll<HTMLButtonElement>("button[data-range]"))) {
        button.addEventListener("click", () => void load(button.dataset.range!));
      }
      void load("week");
    },
  },
} satisfies Record<string, Hook>;

/** A chart drawn in the browser from figures the server answers with (event replies). */
export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ asked: 0 }).pageTitle("Stats");
  },
  events: {
    series: (payload: { range?: string }, socket) => {
      const range: Range = payload.range === "month" ? "month" : "week";
      socket.update("asked", (n: number) => n + 1);
      const { points } = series(range);
      return reply({ range, points });
    },
  },
  render: ({ asked }: { asked: number }) => (
    <section class="card stats">
      <h1>Stats</h1>
      <p class="lead">
        A hook written in the view's own module draws the chart from the reply to its pushEvent. The server answered{" "}
        <span id="asked">{asked}</span> requests.
      </p>
      <div id="chart" phx-hook=".Chart" phx-update="ignore">
        <p class="buttons">
          <button type="button" data-range="week">Week</button>
          <button type="button" data-range="month">Month</button>
        </p>
        <svg class="chart" role="img" aria-label="Bar chart"></svg>
        <p class="caption">Loading…</p>
      </div>
    </section>
  ),
});
