/**
 * What upstream's `default` live session does with its on_mount hook: the specs' `evalLV(page,
 * code)` runs code inside a view. Here every view of that session is wrapped by `sandboxed()`:
 * once connected it is registered under its container id, and `evalInView(id, code)` looks the
 * code up in eval-snippets.ts and runs the TypeScript equivalent inside the view (as a message
 * through its handleInfo, so it is queued with the view's other work and its changes render).
 * Wrapping also lets a snippet hold the view's events back (`attach_hook(…, :handle_event, …)`).
 */
import type { LiveSocket, ViewDefinition } from "@livetsx/server";
import { snippetFor, type SandboxView } from "./eval-snippets.js";

/** The connected views of the session, by container id; each leaves when it terminates. */
const views = new Map<string, SandboxView>();
/** Numbers given to views for the specs' pids (`IEx.Helpers.pid(0, n, 0)`). */
const byNumber = new Map<number, SandboxView>();
let nextNumber = 1;

const SANDBOX = Symbol("sandbox");
interface SandboxMessage {
  [SANDBOX]: true;
  run: (view: SandboxView) => unknown;
  done: (outcome: { result?: unknown; error?: string }) => void;
}

function isSandboxMessage(message: unknown): message is SandboxMessage {
  return typeof message === "object" && message !== null && SANDBOX in message;
}

/** The view definition with the sandbox around its mount, events, handleInfo and terminate. */
export function sandboxed<V extends ViewDefinition<any, any>>(view: V): V {
  const events: Record<string, (payload: any, socket: LiveSocket<any>) => unknown> = {};
  for (const [name, handler] of Object.entries((view.events ?? {}) as Record<string, (payload: any, socket: LiveSocket<any>) => unknown>)) {
    events[name] = async (payload, socket) => {
      const entry = views.get(socket.id);
      if (entry?.beforeEvent) await entry.beforeEvent(name, payload);
      return handler(payload, socket);
    };
  }
  return {
    ...view,
    async mount(params: any, session: any, socket: LiveSocket<any>) {
      const result = await view.mount?.(params, session, socket);
      if (socket.connected) {
        const entry: SandboxView = { socket, view, number: nextNumber++, inbox: [], waiters: [] };
        views.set(socket.id, entry);
        byNumber.set(entry.number, entry);
      }
      return result;
    },
    events,
    async handleInfo(message: unknown, socket: LiveSocket<any>) {
      if (isSandboxMessage(message)) {
        const entry = views.get(socket.id);
        if (!entry) return message.done({ error: "the view is not registered in the sandbox" });
        try {
          message.done({ result: await message.run(entry) });
        } catch (error) {
          message.done({ error: String((error as Error)?.stack ?? error) });
        }
        return;
      }
      return view.handleInfo?.(message, socket);
    },
    terminate(reason: any, socket: LiveSocket<any>) {
      const entry = views.get(socket.id);
      if (entry) byNumber.delete(entry.number);
      views.delete(socket.id);
      return view.terminate?.(reason, socket);
    },
  } as V;
}

/** Runs `code` (an Elixir snippet of the specs) inside the view whose container id is `id`. */
export function evalInView(id: string, code: string): Promise<{ result?: unknown; error?: string }> {
  const entry = views.get(id);
  if (!entry) return Promise.resolve({ error: `no connected view ${id} in the default live session` });
  const snippet = snippetFor("lv", code);
  if (!snippet) return Promise.resolve({ error: `snippet not in the table (eval-snippets.ts): ${code.trim()}` });
  return new Promise((done) => {
    const message: SandboxMessage = { [SANDBOX]: true, run: (view) => snippet(view), done };
    entry.socket.sendInfo(message);
  });
}

/** `evalPlug`: runs `code` outside any view (the snippet may address one by its number). */
export async function evalPlug(code: string): Promise<{ result?: unknown; error?: string }> {
  const snippet = snippetFor("plug", code);
  if (!snippet) return { error: `snippet not in the table (eval-snippets.ts): ${code.trim()}` };
  try {
    return { result: await snippet({ find: (n: number) => byNumber.get(n) }) };
  } catch (error) {
    return { error: String((error as Error)?.stack ?? error) };
  }
}
