/**
 * The Elixir snippets upstream's specs pass to `evalLV(page, code)` (run inside a view) and
 * `evalPlug(request, code)` (run in a request), each with its TypeScript equivalent. A snippet
 * is matched with its whitespace collapsed (the specs indent the same code differently); a
 * pattern's captures are the interpolated values. A snippet not here fails its test with
 * "snippet not in the table". README.md lists this table with each snippet beside its action.
 */
import type { LiveSocket, ViewDefinition } from "@livetsx/server";

/** A connected view of the `default` live session, as the sandbox holds it. */
export interface SandboxView {
  socket: LiveSocket<any>;
  view: ViewDefinition<any, any>;
  /** The view's number, standing in for its pid's middle part. */
  number: number;
  /** Messages delivered while an event waits for them (`receive do … end`). */
  inbox: unknown[];
  waiters: (() => void)[];
  /** Set by the attach_hook snippet: awaited before each event handler runs. */
  beforeEvent?: (event: string, payload: unknown) => Promise<void>;
}

/** What an evalPlug snippet can reach: the sandbox's views by number. */
export interface PlugContext {
  find(number: number): SandboxView | undefined;
}

type LVAction = (view: SandboxView, captures: string[]) => unknown;
type PlugAction = (ctx: PlugContext, captures: string[]) => unknown;

export interface Snippet<A> {
  /** The Elixir code as the specs write it (whitespace collapsed when matched). */
  elixir: string | RegExp;
  /** What the TypeScript equivalent does, for the README's table. */
  does: string;
  action: A;
}

/** Puts `message` in the view's inbox and wakes whoever waits for one. */
export function deliver(view: SandboxView, message: unknown): void {
  view.inbox.push(message);
  for (const wake of view.waiters.splice(0)) wake();
}

/** Waits until a message `matches` is in the view's inbox and takes it out. */
export async function receive(view: SandboxView, matches: (m: unknown) => boolean): Promise<unknown> {
  for (;;) {
    const at = view.inbox.findIndex(matches);
    if (at >= 0) return view.inbox.splice(at, 1)[0];
    await new Promise<void>((wake) => view.waiters.push(wake));
  }
}

const handleEvent = (view: SandboxView, name: string, payload: Record<string, unknown>) => {
  const handler = (view.view.events as Record<string, (p: unknown, s: LiveSocket<any>) => unknown> | undefined)?.[name];
  if (!handler) throw new Error(`the view handles no event ${name}`);
  return handler(payload, view.socket);
};

export const LV_SNIPPETS: Snippet<LVAction>[] = [
  {
    elixir: "socket.assigns.items",
    does: "returns `socket.assigns.items`",
    action: (v) => v.socket.assigns.items,
  },
  {
    elixir: /^socket\.view\.handle_event\("([\w-]+)", %\{\}, socket\)$/,
    does: "calls the view's own handler of that event with `{}` (`view.events[name]({}, socket)`)",
    action: (v, [name]) => {
      handleEvent(v, name!, {});
      return null;
    },
  },
  {
    elixir: "send(self(), :tick)",
    does: 'sends the view the message `"tick"` (`socket.sendInfo("tick")`)',
    action: (v) => {
      v.socket.sendInfo("tick");
      return null;
    },
  },
  {
    elixir: /^send\(self\(\), \{:select, \[([\d, ]*)\]\}\); nil$/,
    does: 'sends the view `{ select: [numbers] }` (`socket.sendInfo({ select: [1, 2] })`)',
    action: (v, [list]) => {
      v.socket.sendInfo({ select: list!.split(",").filter((s) => s.trim()).map(Number) });
      return null;
    },
  },
  {
    elixir:
      '<<"#PID"::binary, pid::binary>> = inspect(self()) pid_parts = pid |> String.trim_leading("<") |> String.trim_trailing(">") |> String.split(".") %{lv_pid: pid_parts}',
    does: "returns `{ lv_pid: [\"0\", n, \"0\"] }`, n being the view's number in the sandbox (its stand-in for a pid)",
    action: (v) => ({ lv_pid: ["0", String(v.number), "0"] }),
  },
  {
    elixir:
      'attach_hook(socket, :sync, :handle_event, fn event, _params, socket -> if event == "ping" do {:cont, socket} else receive do {:sync, ^event} -> {:cont, socket} end end end)',
    does: 'holds each event but "ping" until the view is sent `{ sync: event }` (the evalPlug snippet below)',
    action: (v) => {
      v.beforeEvent = async (event) => {
        if (event === "ping") return;
        await receive(v, (m) => (m as { sync?: unknown })?.sync === event);
      };
      return null;
    },
  },
];

export const PLUG_SNIPPETS: Snippet<PlugAction>[] = [
  {
    elixir: /^send\(IEx\.Helpers\.pid\(0, (\d+), 0\), \{:sync, "([\w-]+)"\}\); nil$/,
    does: "delivers `{ sync: event }` to the view of that number (what its held event waits for)",
    action: (ctx, [n, event]) => {
      const view = ctx.find(Number(n));
      if (!view) throw new Error(`no view ${n} in the sandbox`);
      deliver(view, { sync: event });
      return null;
    },
  },
];

const collapse = (code: string) => code.replace(/\s+/g, " ").trim();

function find<A>(table: Snippet<A>[], code: string): ((ctx: any) => unknown) | null {
  const text = collapse(code);
  for (const snippet of table) {
    if (typeof snippet.elixir === "string") {
      if (collapse(snippet.elixir) === text) return (ctx) => (snippet.action as (c: unknown, x: string[]) => unknown)(ctx, []);
    } else {
      const match = snippet.elixir.exec(text);
      if (match) return (ctx) => (snippet.action as (c: unknown, x: string[]) => unknown)(ctx, match.slice(1));
    }
  }
  return null;
}

/** The action for a snippet, or null when the table has none. */
export function snippetFor(kind: "lv", code: string): ((view: SandboxView) => unknown) | null;
export function snippetFor(kind: "plug", code: string): ((ctx: PlugContext) => unknown) | null;
export function snippetFor(kind: "lv" | "plug", code: string): ((ctx: any) => unknown) | null {
  return kind === "lv" ? find(LV_SNIPPETS, code) : find(PLUG_SNIPPETS, code);
}
