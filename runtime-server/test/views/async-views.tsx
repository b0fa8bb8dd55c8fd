/**
 * Views whose async work waits on gates the test opens: `gate(name)` is a promise the test
 * resolves or rejects (`open`, `fail`), so every outcome arrives when the test says.
 */
import { Async, AsyncResult, defineComponent, defineView, LiveComponent } from "../../src/index.js";

interface Gate {
  promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
  signal: AbortSignal | null;
}

export const gates = new Map<string, Gate[]>();
export const calls: string[] = [];

function gate(name: string, signal: AbortSignal): Promise<unknown> {
  let resolve!: (v: unknown) => void;
  let reject!: (r: unknown) => void;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  const list = gates.get(name) ?? [];
  list.push({ promise, resolve, reject, signal });
  gates.set(name, list);
  calls.push(name);
  return promise;
}

/** The latest gate opened for `name`. */
export function latest(name: string): Gate {
  const list = gates.get(name);
  if (!list?.length) throw new Error(`no gate ${name}`);
  return list[list.length - 1]!;
}

const Card = defineComponent({
  mount: (socket) => socket.assignAsync("stats", async (signal) => ({ stats: (await gate("stats", signal)) as string })),
  render: ({ stats }: { stats: AsyncResult<string> }) => (
    <section>
      <Async result={stats} loading={<i>stats loading</i>}>{(s: string) => <b>stats {s}</b>}</Async>
    </section>
  ),
});

export const Dashboard = defineView({
  mount: (_p, _s, socket) => {
    socket.assign({ pings: 0, job: "idle" });
    socket.assignAsync(["org", "plan"], async (signal) => {
      const org = (await gate("org", signal)) as { name: string };
      return { org, plan: `${org.name} plan` };
    });
  },
  events: {
    ping: (_p, socket) => socket.update("pings", (n: number) => n + 1),
    reload: (_p, socket) => socket.assignAsync(["org", "plan"], async (signal) => {
      const org = (await gate("org", signal)) as { name: string };
      return { org, plan: `${org.name} plan` };
    }),
    cancel: (_p, socket) => socket.assign({ job: socket.cancelAsync(["plan", "org"], "stopped") ? "cancelled" : "nothing" }),
    partial: (_p, socket) => socket.assignAsync(["org", "plan"], async () => ({ org: { name: "half" } }) as never),
    start: (_p, socket) => socket.startAsync("job", (signal) => gate("job", signal)),
    stopJob: (_p, socket) => socket.cancelAsync("job"),
    many: (_p, socket) => {
      for (let i = 0; i < 101; i++) socket.startAsync(`job${i}`, (signal) => gate(`job${i}`, signal));
    },
    card: (_p, socket) => socket.assign({ card: true }),
  },
  handleAsync: (name, outcome, socket) => {
    socket.assign({ job: outcome.ok ? `${name} done: ${String(outcome.value)}` : `${name} failed: ${String(outcome.reason)}` });
  },
  render: ({ pings, job, org, plan, card }: { pings: number; job: string; org: AsyncResult<{ name: string }>; plan: AsyncResult<string>; card?: boolean }) => (
    <main>
      <p>pings {pings}</p>
      <p>job {job}</p>
      <Async result={org} loading={<p>org loading</p>} failed={(why: unknown) => <p>org failed: {String(why instanceof Error ? why.message : why)}</p>}>
        {(o: { name: string }) => <h1>{o.name}{org.loading ? " (reloading)" : ""}</h1>}
      </Async>
      <Async result={plan} loading={<p>plan loading</p>} failed={<p>no plan</p>}>{(p: string) => <p>{p}</p>}</Async>
      {plan.failed instanceof TypeError ? <p>plan error: {plan.failed.message}</p> : null}
      {card ? <LiveComponent module={Card} id="card" /> : null}
    </main>
  ),
});
