/**
 * One view for every sticky child of id "sticky". Five pages render a sticky `live_render(…,
 * id: "sticky", sticky: true)`, each of its own module (3496, 3612, 3656, 3658, 3681); LiveTSX
 * keeps one view per sticky id for the whole server (a second module under the same id is an
 * error, see MISSING.md), so each page registers its sticky view here by name and renders
 * `<StickyChild name=…>`, and this view mounts, handles and renders the named one.
 */
import { defineView, LiveView, type EventPayload, type LiveSocket, type ViewDefinition } from "@livetsx/server";

const variants = new Map<string, ViewDefinition<any, any>>();

/** Registers a page's sticky view under `name`; returns it. */
export function registerSticky<V extends ViewDefinition<any, any>>(name: string, view: V): V {
  variants.set(name, view);
  return view;
}

function variantOf(name: unknown): ViewDefinition<any, any> {
  const view = typeof name === "string" ? variants.get(name) : undefined;
  if (!view) throw new Error(`no sticky view registered as ${String(name)}`);
  return view;
}

type Handler = (payload: unknown, socket: LiveSocket<any>) => unknown;

/** The handler of `event`: the named view's own. */
function dispatch(event: string): Handler {
  return (payload, socket) => {
    const name = (socket.assigns as { sticky: string }).sticky;
    const handler = (variantOf(name).events as Record<string, Handler> | undefined)?.[event];
    if (!handler) throw new Error(`the sticky view ${name} handles no event ${event}`);
    return handler(payload, socket);
  };
}

/** Every event name, each sent on to the named view's handler. */
const events: Record<string, Handler> = new Proxy({} as Record<string, Handler>, {
  get: (_target, event) => (typeof event === "string" ? dispatch(event) : undefined),
  has: () => true,
  getOwnPropertyDescriptor: (_target, event): PropertyDescriptor | undefined =>
    typeof event === "string" ? { configurable: true, enumerable: true, writable: false, value: dispatch(event) } : undefined,
});

export const Sticky = defineView({
  mount: (params, session, socket: LiveSocket<any>) => {
    socket.assign({ sticky: session["sticky"] });
    return variantOf(session["sticky"]).mount?.(params, session, socket);
  },
  events,
  render: (assigns: { sticky: string } & EventPayload) => variantOf(assigns.sticky).render(assigns),
});

/** The sticky child of id "sticky", showing the view registered as `name`. */
export function StickyChild({ name }: { name: string }) {
  return <LiveView module={Sticky} id="sticky" sticky session={{ sticky: name }} />;
}
