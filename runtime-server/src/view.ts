/**
 * The view API: what a user writes in a `.tsx` view module.
 */
import type { LiveSocket } from "./socket.js";
import type { AsyncOutcome } from "./async.js";
import type { OnMount } from "./lifecycle.js";
import { brand } from "./template.js";

/** Path params merged with query params (path params win). */
export type Params = Record<string, string | string[]>;

/**
 * Event payloads: `phx-value-*` attributes, form fields, key metadata. What a handler gets
 * when it declares nothing; its values are `unknown` until checked.
 */
export type EventPayload = Record<string, unknown>;

/**
 * A handler may declare the payload it expects: `(payload: { id: string }, socket) => …`, or a
 * form's params (`FormParams<typeof schema>`), or {@link EventPayload}; an undeclared payload is
 * `unknown`.
 *
 * A declared shape is taken on trust, as the client sends what the page's elements say: the
 * handler's parameter is checked both ways (a method signature), so that any object type fits.
 */
export type EventHandler<Assigns extends object, Payload = unknown> = {
  handle(payload: Payload, socket: LiveSocket<Assigns>): unknown;
}["handle"];

/** A view's or a component's handlers, by event name. */
export type EventHandlers<Assigns extends object> = Record<string, EventHandler<Assigns>>;

/** The names of the events a view (or a live component) handles: `ViewEventNames<typeof counter>`. */
export type ViewEventNames<V> = V extends { events?: infer E } ? keyof NonNullable<E> & string : never;

/**
 * A live view. `mount` sets the first assigns (it runs twice: for the HTTP render, then when the
 * WebSocket joins, with `socket.connected` true); `events` change them; `render` returns JSX.
 */
export interface ViewDefinition<Assigns extends object = Record<string, unknown>, Events extends EventHandlers<Assigns> = EventHandlers<Assigns>> {
  /**
   * Run before `mount`, after the live session's own (Phoenix's `on_mount` in a LiveView):
   * each may assign, attach hooks and halt the mount with a redirect. @default []
   */
  onMount?: OnMount | readonly OnMount[];
  /** Sets the initial assigns. May be async. */
  mount?: (params: Params, session: Record<string, unknown>, socket: LiveSocket<Assigns>) => unknown;
  /** After mount and on every live patch: reads the URL's params into assigns. */
  handleParams?: (params: Params, url: URL, socket: LiveSocket<Assigns>) => unknown;
  /** Handlers for `phx-click`, `phx-change`, `phx-submit`, … by event name. */
  events?: Events;
  /** PubSub messages, `sendInfo` and `sendAfter` messages. */
  handleInfo?: (message: unknown, socket: LiveSocket<Assigns>) => unknown;
  /** The outcome of `socket.startAsync(name, fn)`'s work. */
  handleAsync?: (name: string, outcome: AsyncOutcome, socket: LiveSocket<Assigns>) => unknown;
  render: (assigns: Assigns) => unknown;
  /** Called when the view goes away (leave, disconnect, crash). */
  terminate?: (reason: TerminateReason, socket: LiveSocket<Assigns>) => unknown;
}

export type TerminateReason = "leave" | "disconnect" | "crash" | "shutdown";

/**
 * Declares a live view. The compiler reads `events` to check the event names in `render`; the
 * type keeps them (`ViewEventNames<typeof view>`) when the type arguments are inferred.
 */
export function defineView<Assigns extends object, Events extends EventHandlers<Assigns> = EventHandlers<Assigns>>(
  definition: ViewDefinition<Assigns, Events>,
): ViewDefinition<Assigns, Events> {
  if (typeof definition?.render !== "function") {
    throw new TypeError("defineView: a view needs a render function.");
  }
  return definition;
}

/** A handler's answer to the event it handled: see {@link reply}. */
export class Reply {
  /** @internal */
  constructor(readonly value: Readonly<Record<string, unknown>>) {}
}

brand(Reply, "reply");

/**
 * Answers the event being handled: `return reply({ ok: true })` from an event handler (a
 * view's or a live component's). The client's hook gets it from `this.pushEvent(…)`'s promise,
 * and a `JS.push` its reply handling, as Phoenix's `{:reply, map, socket}`; the page's own
 * changes go with it, as after any event. Any other return value is no reply.
 * @throws {TypeError} when `value` is not a plain object
 */
export function reply(value: Record<string, unknown>): Reply {
  const proto = value === null || typeof value !== "object" ? undefined : Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`reply: the value must be a plain object ({ … }), got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`);
  }
  return new Reply(value);
}
