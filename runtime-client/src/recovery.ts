/**
 * Form recovery: when the connection comes back, each form the user was filling in (an id and
 * `phx-change`) sends its values to the fresh mount as a change event, so the server's state
 * catches up with the inputs before the new render replaces them. The forms are read once, as
 * the root view rejoins (its nested views' forms too: those views join later, with a new DOM).
 */
import { serializeForm, targetComponent } from "./bindings.js";
import { isJS } from "./js.js";

/** A form as it stood when the connection came back. */
export interface SavedForm {
  /** Its `phx-change`: a form whose new render names another is not recovered. */
  change: string;
  /** The URL-encoded values, `_unused_` markers included. */
  value: string;
  /** The `_target` of the recovery event: the first input that is not hidden. */
  target: string;
}

/** One recovery event: the payload of a form event, to a component (`cid`) or the view. */
export interface Recovery {
  type: "form";
  event: string;
  value: string;
  meta: Record<string, unknown>;
  cid?: number;
}

type Named = Element & { name?: string; type?: string };

/**
 * The recoverable forms in `root`: with an id, `phx-change` and an input without a `phx-change`
 * of its own, unless `phx-auto-recover="ignore"`.
 */
export function saveForms(root: Element): Map<string, SavedForm> {
  const saved = new Map<string, SavedForm>();
  for (const form of Array.from(root.querySelectorAll<HTMLFormElement>("form[id][phx-change]"))) {
    if (form.getAttribute("phx-auto-recover") === "ignore") continue;
    const inputs = (Array.from(form.elements) as Named[]).filter((el) => el.name && !el.hasAttribute("phx-change"));
    const input = inputs.find((el) => el.type !== "hidden") ?? inputs[0];
    if (input) saved.set(form.id, { change: form.getAttribute("phx-change")!, value: serializeForm(form), target: input.name! });
  }
  return saved;
}

/**
 * The events that recover the saved forms found in a view's new render `html` (each taken out
 * of `saved`, so it is recovered once): the new form's `phx-auto-recover` event, or what its
 * `phx-change` sends (an event name, or the `push` commands of its JS commands).
 */
export function recoveries(html: string, saved: Map<string, SavedForm>): Recovery[] {
  const holder = document.createElement("template");
  holder.innerHTML = html;
  const out: Recovery[] = [];
  for (const form of Array.from(holder.content.querySelectorAll("form[id]"))) {
    const old = saved.get(form.id);
    if (!old || old.change !== form.getAttribute("phx-change")) continue;
    saved.delete(form.id);
    const binding = form.getAttribute("phx-auto-recover") || old.change;
    const meta = { _target: old.target };
    const own = targetComponent(form, undefined, holder.content);
    if (!isJS(binding)) {
      out.push({ type: "form", event: binding, value: old.value, meta, cid: own });
      continue;
    }
    for (const [kind, args] of JSON.parse(binding) as [string, Record<string, unknown>][]) {
      if (kind !== "push" || typeof args.event !== "string") continue;
      const cid = args.target !== undefined ? targetComponent(form, String(args.target), holder.content) : own;
      out.push({ type: "form", event: args.event, value: old.value, meta: { ...meta, ...(args.value as object) }, cid });
    }
  }
  return out;
}
