/**
 * The `phx-*` bindings a view's elements can carry, as Phoenix LiveView 1.2's client reads them
 * (its `constants.ts` and `live_socket.ts`; `phx-feedback-for` is gone since 1.0). The compiler
 * keeps the same list (`BINDING_ATTRIBUTES`).
 *
 * TypeScript checks the value of every binding named here. It cannot check the name itself: an
 * attribute whose name has a dash is exempt from JSX's excess-property check, so `phx-clik` is
 * not a type error (the compiler rejects it, with the binding it meant).
 */

import type { JSCommands } from "../js.js";

/**
 * A JS command list built with `JS` (`JS.push("save").hide({ to: "#modal" })`), rendered as the
 * JSON list the client executes. `Events` are the names its pushes send.
 */
export type JSCommand<Events extends string = string> = JSCommands<Events>;

/**
 * The event names the app's bindings may name, for an app that wants TypeScript to check them
 * app-wide; the compiler checks them per view in any case. While it is empty, any string is an
 * event name:
 *
 * ```ts
 * declare module "@livetsx/server" {
 *   interface EventNames extends Record<ViewEventNames<typeof counter> | ViewEventNames<typeof todos>, true> {}
 * }
 * ```
 *
 * One list for the whole app, as TypeScript gives an element's attributes one type for the
 * whole program: a name that only another view handles still passes here (not the build).
 */
export interface EventNames {}

/**
 * The name of a server event: one of {@link EventNames}, or any string while that is empty.
 * Which names a view handles is known to the compiler, which fails the build on a name that no
 * handler of the view has.
 */
export type EventName = [keyof EventNames] extends [never] ? string : keyof EventNames & string;

/**
 * What an event binding holds: an event's name, or JS commands (built with `JS`, or their JSON
 * list written out, `'[["push",{"event":"inc"}]]'`) whose pushes send only such names.
 */
export type EventBinding<Name extends string = EventName> = Name | `[${string}` | JSCommands<Name> | null | undefined | false;

/**
 * `phx-debounce`: milliseconds (a number or a numeric string, as the client `parseInt`s it),
 * `"blur"` to wait for the field to lose focus, or bare (`phx-debounce`, the default delay).
 */
export type Debounce = number | `${number}` | "blur" | true | null | undefined;

/** `phx-throttle`: milliseconds, or bare for the default delay. */
export type Throttle = number | `${number}` | true | null | undefined;

type Value = string | number | bigint | boolean | null | undefined;

/** Bindings that name an event (the compiler checks these names against the view's events). */
export interface PhxEventBindings<Name extends string = EventName> {
  /** Sends the event on a click. */
  "phx-click"?: EventBinding<Name>;
  /** Sends the event on a click outside the element. */
  "phx-click-away"?: EventBinding<Name>;
  /** Like `phx-click`, in the capture phase. */
  "phx-capture-click"?: EventBinding<Name>;
  /** On a form (or an input): sends the form's params on every change. */
  "phx-change"?: EventBinding<Name>;
  /** On a form: sends its params on submit. */
  "phx-submit"?: EventBinding<Name>;
  /** Sends the event when the element loses focus. */
  "phx-blur"?: EventBinding<Name>;
  /** Sends the event when the element gets focus. */
  "phx-focus"?: EventBinding<Name>;
  /** Sends the event (with `key`) on a key press in the element. */
  "phx-keydown"?: EventBinding<Name>;
  /** Sends the event (with `key`) on a key release in the element. */
  "phx-keyup"?: EventBinding<Name>;
  /** Sends the event on a key press anywhere in the window. */
  "phx-window-keydown"?: EventBinding<Name>;
  /** Sends the event on a key release anywhere in the window. */
  "phx-window-keyup"?: EventBinding<Name>;
  /** Sends the event when the window loses focus. */
  "phx-window-blur"?: EventBinding<Name>;
  /** Sends the event when the window gets focus. */
  "phx-window-focus"?: EventBinding<Name>;
  /** Sends the event when the top of the element scrolls into view (infinite scroll). */
  "phx-viewport-top"?: EventBinding<Name>;
  /** Sends the event when the bottom of the element scrolls into view. */
  "phx-viewport-bottom"?: EventBinding<Name>;
}

/** The other bindings: how and where events go, and what the client does with the element. */
export interface PhxOptionBindings {
  /** Delays `phx-change`/`phx-keydown`/… events until the user pauses (or leaves the field). */
  "phx-debounce"?: Debounce;
  /** Sends at most one event per interval. */
  "phx-throttle"?: Throttle;
  /** With `phx-keydown`/`phx-keyup`: only this key (`"Enter"`, `"Escape"`) sends the event. */
  "phx-key"?: string | null | undefined;
  /** Sends the event to a live component (`phx-target={myself}`) or the elements a selector picks. */
  "phx-target"?: number | string | null | undefined;
  /** How the client patches the element's children. */
  "phx-update"?: "replace" | "stream" | "ignore" | null | undefined;
  /** The client hook (`hooks: { Name }`) that manages the element. */
  "phx-hook"?: string | null | undefined;
  /** The text a submit button shows (and the button is disabled) while its form is submitted. */
  "phx-disable-with"?: string | null | undefined;
  /** On a form: submits it to its `action` over HTTP once true. */
  "phx-trigger-action"?: boolean | null | undefined;
  /** On a form: the event sent to recover it after a reconnect (`"ignore"` for none). */
  "phx-auto-recover"?: EventBinding;
  /** JS commands run when the element is added to the page. */
  "phx-mounted"?: EventBinding;
  /** JS commands run before the element is removed. */
  "phx-remove"?: EventBinding;
  /** JS commands run when the socket connects. */
  "phx-connected"?: EventBinding;
  /** JS commands run when the socket disconnects. */
  "phx-disconnected"?: EventBinding;
  /** On a `<link>` or `<script>`: reload the page when the asset changes after a deploy. */
  "phx-track-static"?: boolean | null | undefined;
  /** The element the viewport bindings measure against. */
  "phx-viewport-overrun-target"?: string | null | undefined;
  /** On an input: never mark it unused in change events. */
  "phx-no-unused-field"?: boolean | null | undefined;
  /** Keep the value of a focused input when the server patches it. */
  "phx-patch-focused"?: boolean | null | undefined;
  /** On an element with `phx-click`: the page-loading events run while the event is handled. */
  "phx-page-loading"?: boolean | null | undefined;
  /** The upload drop target of an upload's ref. */
  "phx-drop-target"?: string | null | undefined;
}

/** `phx-value-*`: values sent with the element's event (`phx-value-id={todo.id}` → `{ id }`). */
export interface PhxValues {
  [value: `phx-value-${string}`]: Value;
}

/** Every `phx-*` binding, the event names given as `Name`. */
export interface PhxBindings<Name extends string = EventName> extends PhxEventBindings<Name>, PhxOptionBindings, PhxValues {}
