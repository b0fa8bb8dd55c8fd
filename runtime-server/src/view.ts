/**
 * The view API: what a user writes in a `.tsx` view module.
 */
import type { LiveSocket } from "./socket.js";

/** Path params merged with query params (path params win). */
export type Params = Record<string, string | string[]>;

/** Event payloads: `phx-value-*` attributes, form fields, key metadata. */
export type EventPayload = Record<string, unknown>;

/** A handler may declare the payload it expects: `(payload: { id: string }, socket) => …`. */
export type EventHandler<Assigns extends object, Payload = EventPayload> = (payload: Payload, socket: LiveSocket<Assigns>) => unknown;

/**
 * A live view. `mount` sets the first assigns (it runs twice: for the HTTP render, then when the
 * WebSocket joins, with `socket.connected` true); `events` change them; `render` returns JSX.
 */
export interface ViewDefinition<Assigns extends object = Record<string, unknown>> {
  /** Sets the initial assigns. May be async. */
  mount?: (params: Params, session: Record<string, unknown>, socket: LiveSocket<Assigns>) => unknown;
  /** After mount and on every live patch: reads the URL's params into assigns. */
  handleParams?: (params: Params, url: URL, socket: LiveSocket<Assigns>) => unknown;
  /** Handlers for `phx-click`, `phx-change`, `phx-submit`, … by event name. */
  events?: Record<string, EventHandler<Assigns, any>>;
  /** PubSub messages, `sendInfo` and `sendAfter` messages. */
  handleInfo?: (message: unknown, socket: LiveSocket<Assigns>) => unknown;
  render: (assigns: Assigns) => unknown;
  /** Called when the view goes away (leave, disconnect, crash). */
  terminate?: (reason: TerminateReason, socket: LiveSocket<Assigns>) => unknown;
}

export type TerminateReason = "leave" | "disconnect" | "crash" | "shutdown";

/** Declares a live view. The compiler reads `events` to check the event names in `render`. */
export function defineView<Assigns extends object>(definition: ViewDefinition<Assigns>): ViewDefinition<Assigns> {
  if (typeof definition?.render !== "function") {
    throw new TypeError("defineView: a view needs a render function.");
  }
  return definition;
}
