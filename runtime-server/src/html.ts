import { escapeHTML, Safe } from "./escape.js";
import { ComponentCall, Comprehension, evaluateSlot, Rendered } from "./template.js";
import { LiveComponentCall } from "./component.js";
import { ViewSocket } from "./socket.js";
import { componentCallback } from "./callback.js";

/**
 * Renders any slot value to HTML: the dead render and the fixture tests use it, and the diff
 * engine uses it for values it sends as strings.
 */
export function renderToString(value: unknown): string {
  switch (typeof value) {
    case "string":
      return escapeHTML(value);
    case "number":
    case "bigint":
      return String(value);
    case "boolean":
    case "undefined":
      return "";
    case "function":
      throw new TypeError("A function cannot be rendered; did you mean to call it?");
    case "symbol":
      throw new TypeError("A symbol cannot be rendered.");
  }
  if (value === null) return "";
  if (value instanceof Rendered) return renderRendered(value);
  if (value instanceof Safe) return value.html;
  if (value instanceof Comprehension) return renderComprehension(value);
  if (value instanceof ComponentCall) return renderToString(value.fn(value.props));
  if (value instanceof LiveComponentCall) return renderLiveComponent(value);
  if (Array.isArray(value)) {
    let html = "";
    for (const item of value) html += renderToString(item);
    return html;
  }
  return escapeHTML(String(value));
}

function renderRendered(value: Rendered): string {
  const { statics } = value.template;
  let html = statics[0]!;
  for (let i = 1; i < statics.length; i++) html += renderToString(evaluateSlot(value, i - 1)) + statics[i]!;
  return html;
}

function renderComprehension(list: Comprehension): string {
  let html = "";
  const { items } = list;
  for (let i = 0; i < items.length; i++) html += renderRendered(list.entry(undefined, items[i], i, items));
  return html;
}

let deadRenderCid = 0;

/** The HTTP render of a live component: mounted and rendered once, nothing kept. */
function renderLiveComponent(call: LiveComponentCall): string {
  const socket = new ViewSocket<Record<string, unknown>>("dead", false, {}, null, false);
  socket.assign({ myself: ++deadRenderCid });
  const { module } = call;
  const name = `live component ${String(call.id)}`;
  if (module.mount) componentCallback(`mount of ${name}`, () => module.mount!(socket as never));
  if (module.update) componentCallback(`update of ${name}`, () => module.update!(call.props, socket as never));
  else socket.assign(call.props);
  return renderToString(call.module.render(socket.assigns as never));
}
