/**
 * A view definition: `mount` sets the assigns, `events` change them, `render` returns JSX.
 * The socket API is typed loosely here; the server runtime gives it its full shape.
 */
export interface ViewDefinition<Assigns extends object = Record<string, unknown>> {
  mount?: (params: Record<string, unknown>, session: Record<string, unknown>, socket: any) => unknown;
  handleParams?: (params: Record<string, unknown>, url: URL, socket: any) => unknown;
  events?: Record<string, (payload: any, socket: any) => unknown>;
  handleInfo?: (message: any, socket: any) => unknown;
  render: (assigns: Assigns) => unknown;
  terminate?: (reason: unknown, socket: any) => unknown;
}

/** Declares a live view. The compiler reads `events` to check the event names in `render`. */
export function defineView<Assigns extends object>(definition: ViewDefinition<Assigns>): ViewDefinition<Assigns> {
  return definition;
}
