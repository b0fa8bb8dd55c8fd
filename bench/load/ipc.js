/**
 * Request/reply over the IPC channel of a forked child: the parent calls `rpc(child)(cmd, args)`
 * and gets a promise of the child's answer; the child registers handlers with `serve`.
 * Every call has a time limit, and a child exits when its parent goes away, so nothing is left
 * running after the benchmark stops.
 */

/** The parent side: `call(cmd, args, timeoutMs)` resolves to the handler's result. */
export function rpc(child, name) {
  let nextId = 0;
  const pending = new Map();
  child.on("message", (message) => {
    if (!message || typeof message !== "object" || message.re === undefined) return;
    const waiter = pending.get(message.re);
    if (!waiter) return;
    pending.delete(message.re);
    clearTimeout(waiter.timer);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${name}: ${message.error}`));
  });
  child.on("exit", (code, signal) => {
    for (const waiter of pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`${name} exited (code ${code}, signal ${signal}) during "${waiter.cmd}"`));
    }
    pending.clear();
  });
  return (cmd, args = {}, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name}: "${cmd}" took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer, cmd });
      child.send({ id, cmd, ...args });
    });
}

/** The child side: answers `{ id, cmd, ...args }` messages with `handlers[cmd](args)`. */
export function serve(handlers) {
  process.on("message", async (message) => {
    if (!message || typeof message !== "object" || message.id === undefined) return;
    try {
      const handler = handlers[message.cmd];
      if (!handler) throw new Error(`unknown command "${message.cmd}"`);
      const result = await handler(message);
      process.send({ re: message.id, ok: true, result });
    } catch (error) {
      process.send({ re: message.id, ok: false, error: error?.stack ?? String(error) });
    }
  });
  // The parent died or closed the channel: nothing more to do.
  process.on("disconnect", () => process.exit(0));
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** A small seeded PRNG (mulberry32): deterministic choices without Math.random. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
