/**
 * Live components: stateful parts of a view with their own assigns, events (`phx-target={myself}`)
 * and change tracking, sent under `c` by component id.
 */
import type { LiveSocket } from "./socket.js";
import type { AsyncOutcome } from "./async.js";
import { brand } from "./template.js";
import type { EventHandlers } from "./view.js";

/** A component's assigns always include `myself`, its id for `phx-target`. */
export type ComponentAssigns<A extends object> = A & { myself: number };

export interface ComponentDefinition<
  Assigns extends object = Record<string, unknown>,
  Events extends EventHandlers<ComponentAssigns<Assigns>> = EventHandlers<ComponentAssigns<Assigns>>,
> {
  /**
   * Runs once, when the component first appears. Synchronous: it runs inside the parent's
   * render, and one that returns a promise crashes the view, naming it.
   */
  mount?: (socket: LiveSocket<ComponentAssigns<Assigns>>) => void;
  /**
   * Receives the props of every render of the parent that re-renders the component (and of
   * `sendUpdate`). Synchronous, as `mount` is. @default assigns every prop
   */
  update?: (props: Record<string, unknown>, socket: LiveSocket<ComponentAssigns<Assigns>>) => void;
  /** Events sent to the component with `phx-target={myself}`. */
  events?: Events;
  /** The outcome of `socket.startAsync(name, fn)`'s work started by the component. */
  handleAsync?: (name: string, outcome: AsyncOutcome, socket: LiveSocket<ComponentAssigns<Assigns>>) => unknown;
  /** Must render a single root element. */
  render: (assigns: ComponentAssigns<Assigns>) => unknown;
}

/**
 * Declares a live component, used as `<LiveComponent module={X} id={…} {...props} />`. Its
 * event names are kept in the type (`ViewEventNames<typeof X>`) when the type arguments are
 * inferred.
 */
export function defineComponent<
  Assigns extends object,
  Events extends EventHandlers<ComponentAssigns<Assigns>> = EventHandlers<ComponentAssigns<Assigns>>,
>(definition: ComponentDefinition<Assigns, Events>): ComponentDefinition<Assigns, Events> {
  if (typeof definition?.render !== "function") throw new TypeError("defineComponent: a component needs a render function.");
  return definition;
}

/** A live component in a render: which module, which id, which props. */
export class LiveComponentCall {
  constructor(
    readonly module: ComponentDefinition<any>,
    readonly id: unknown,
    readonly props: Record<string, unknown>,
  ) {}
}

brand(LiveComponentCall, "live-component");

export interface LiveComponentProps {
  module: ComponentDefinition<any>;
  id: string | number;
  [prop: string]: unknown;
}

/**
 * Renders a live component: `<LiveComponent module={TodoItem} id={todo.id} todo={todo} />`.
 * The component keeps its state between renders for as long as its id stays on the page.
 */
export function LiveComponent({ module, id, ...props }: LiveComponentProps): LiveComponentCall {
  if (!module || typeof module.render !== "function") {
    throw new TypeError("<LiveComponent> needs module={…}, a component made with defineComponent.");
  }
  if (id === undefined || id === null) throw new TypeError("<LiveComponent> needs an id, unique among its module's components in the view.");
  return new LiveComponentCall(module, id, props);
}
