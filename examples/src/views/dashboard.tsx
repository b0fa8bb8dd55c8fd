import { Async, AsyncResult, defineView, type LiveSocket } from "@livetsx/server";

/**
 * How long each panel's work takes, in milliseconds. The view tests set them to 0 through
 * `globalThis.dashboardDelays`; the demo leaves them as they are, so the panels show up one by one.
 */
const DELAYS = ((globalThis as { dashboardDelays?: Record<string, number> }).dashboardDelays ??= { visitors: 400, revenue: 900, errors: 1400 });

/** Waits `ms` (0: not at all), or rejects as soon as the view cancels the work (it went away, or a retry). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

interface Assigns {
  visitors: AsyncResult<{ count: number }>;
  revenue: AsyncResult<{ total: number; currency: string }>;
  errors: AsyncResult<{ items: string[] }>;
  attempts: number;
}

/**
 * A dashboard whose three panels load off the view's queue with assignAsync: each shows its
 * own loading state, the page answers meanwhile, and the error tracker's panel fails the first
 * time, with a retry button that loads it again.
 */
export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ attempts: 0 }).pageTitle("Dashboard");
    socket.assignAsync("visitors", async (signal) => {
      await sleep(DELAYS.visitors ?? 0, signal);
      return { visitors: { count: 1284 } };
    });
    socket.assignAsync("revenue", async (signal) => {
      await sleep(DELAYS.revenue ?? 0, signal);
      return { revenue: { total: 48210, currency: "EUR" } };
    });
    loadErrors(socket);
  },
  events: {
    retry: (_payload, socket) => loadErrors(socket),
  },
  render: ({ visitors, revenue, errors, attempts }: Assigns) => (
    <section class="dashboard">
      <h1>Dashboard</h1>
      <p class="lead">Three panels loaded with assignAsync: each one arrives on its own, and the page answers meanwhile.</p>
      <div class="panels">
        <article id="visitors" class="card panel">
          <h2>Visitors today</h2>
          <Async result={visitors} loading={<p class="loading">Loading visitors…</p>}>
            {(v: { count: number }) => <p class="figure">{v.count.toLocaleString("en")}</p>}
          </Async>
        </article>
        <article id="revenue" class="card panel">
          <h2>Revenue this month</h2>
          <Async result={revenue} loading={<p class="loading">Loading revenue…</p>}>
            {(r: { total: number; currency: string }) => <p class="figure">{r.total.toLocaleString("en")} {r.currency}</p>}
          </Async>
        </article>
        <article id="errors" class="card panel">
          <h2>Errors</h2>
          <Async
            result={errors}
            loading={<p class="loading">Loading errors…</p>}
            failed={(why: Error) => (
              <div class="failed">
                <p>Could not load: {why.message}</p>
                <button id="retry" phx-click="retry">Retry</button>
              </div>
            )}
          >
            {(list: { items: string[] }) => (
              <ul class="errors">
                {list.items.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )}
          </Async>
          <p class="attempts">attempts: {attempts}</p>
        </article>
      </div>
    </section>
  ),
});

/** The error tracker's panel: the first attempt of a page fails, the next ones answer. */
function loadErrors(socket: LiveSocket<Assigns>): void {
  socket.update("attempts", (n) => n + 1);
  const attempt = socket.assigns.attempts;
  socket.assignAsync("errors", async (signal) => {
    await sleep(DELAYS.errors ?? 0, signal);
    if (attempt === 1) throw new Error("the error tracker did not answer");
    return { errors: { items: ["TypeError in checkout.ts:41", "Timeout calling the payment API"] } };
  });
}
