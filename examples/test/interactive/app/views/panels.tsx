/**
 * Three panels filled by assignAsync, their work waiting on gates the test opens (kept on
 * globalThis, which the test and the dev server's module runner share).
 */
import { Async, AsyncResult, defineView } from "@livetsx/server";

type Gate = { resolve(v: unknown): void; reject(r: unknown): void };
const gates = ((globalThis as { panelGates?: Map<string, Gate> }).panelGates ??= new Map());

function gate(name: string, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    gates.set(name, { resolve, reject });
    signal.addEventListener("abort", () => reject(signal.reason));
  });
}

export default defineView({
  mount: (_p, _s, socket) => {
    socket.assign({ clicks: 0 });
    socket.assignAsync("sales", async (signal) => ({ sales: (await gate("sales", signal)) as number }));
    socket.assignAsync("users", async (signal) => ({ users: (await gate("users", signal)) as number }));
    socket.assignAsync("errors", async (signal) => ({ errors: (await gate("errors", signal)) as number }));
  },
  events: {
    click: (_p, socket) => socket.update("clicks", (n: number) => n + 1),
  },
  render: ({ clicks, sales, users, errors }: { clicks: number; sales: AsyncResult<number>; users: AsyncResult<number>; errors: AsyncResult<number> }) => (
    <main>
      <button id="click" phx-click="click">clicked {clicks}</button>
      <section id="sales"><Async result={sales} loading={<p>loading sales</p>}>{(n: number) => <p>sales {n}</p>}</Async></section>
      <section id="users"><Async result={users} loading={<p>loading users</p>}>{(n: number) => <p>users {n}</p>}</Async></section>
      <section id="errors">
        <Async result={errors} loading={<p>loading errors</p>} failed={(why: unknown) => <p>errors failed: {why instanceof Error ? why.message : String(why)}</p>}>
          {(n: number) => <p>errors {n}</p>}
        </Async>
      </section>
    </main>
  ),
});
