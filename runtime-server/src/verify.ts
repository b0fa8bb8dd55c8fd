/**
 * Development: the verifier. After a diff render, a fresh render of the same assigns, without
 * change tracking, is compared with what the client now holds (the engine's state: per slot the
 * last value sent, nested templates, list entries in order, function components). A difference
 * means a slot was skipped that should have run: deps that miss a read (a compiler bug), or a
 * value changed in place without an assign.
 */
import { LiveComponentCall } from "./component.js";
import {
  isComponent,
  isList,
  isRendered,
  toHTML,
  type DiffEngine,
  type RenderedState,
  type SlotState,
} from "./diff.js";
import { ComponentCall, Comprehension, evaluateSlot, Rendered, type SlotDeps, type Template } from "./template.js";

/** One slot whose value on the client differs from a fresh render's. */
export interface Mismatch {
  /** The fingerprint of the slot's template. */
  template: string;
  slot: number;
  /** `file:line:column` when the template carries its source. */
  location: string | null;
  /** The slot's code when the template carries its source. */
  code: string | null;
  deps: SlotDeps;
  /** Where the template is in the tree: `slot 2 › entry 0 › component Badge`. */
  path: string;
  /** The fresh render's value. */
  expected: string;
  /** What the client holds. */
  sent: string;
}

/** The verifier found slots the client holds stale; the view crashes (development only). */
export class VerifyError extends Error {
  constructor(
    readonly owner: string,
    readonly mismatches: readonly Mismatch[],
  ) {
    super(message(owner, mismatches));
    this.name = "VerifyError";
  }
}

/** Reported at most, per render. */
const MAX_MISMATCHES = 10;

function message(owner: string, mismatches: readonly Mismatch[]): string {
  const lines = [
    `verifier: after this render the client of ${owner} holds ${mismatches.length === 1 ? "a slot" : `${mismatches.length} slots`} ` +
      `that a fresh render of the same assigns gives differently:`,
  ];
  for (const m of mismatches) {
    const where = m.location ? `${m.location}${m.code !== null ? ` \`${m.code}\`` : ""}, ` : "";
    lines.push(`  ${where}slot ${m.slot} of template ${m.template}${m.path ? ` (at ${m.path})` : ""}`);
    lines.push(`    deps: ${m.deps === null ? "none (always evaluated)" : JSON.stringify(m.deps)}`);
    lines.push(`    expected: ${m.expected}`);
    lines.push(`    sent:     ${m.sent}`);
  }
  lines.push(
    "A slot whose deps miss something it reads is a compiler bug (please report it with the code above); " +
      "an assign changed in place and not assigned again gives the same picture.",
  );
  return lines.join("\n");
}

interface Context {
  engine: DiffEngine;
  out: Mismatch[];
}

/** Compares a fresh render (a tree built from scope-less assigns) with the client's state. */
export function verifyTree(fresh: Rendered, state: RenderedState, engine: DiffEngine): Mismatch[] {
  const ctx: Context = { engine, out: [] };
  if (fresh.template !== state.template) {
    ctx.out.push({
      template: state.template.fingerprint,
      slot: -1,
      location: null,
      code: null,
      deps: null,
      path: "the root",
      expected: describeTemplate(fresh.template),
      sent: describeTemplate(state.template),
    });
  } else {
    compareRendered(fresh, state, "", ctx);
  }
  return ctx.out;
}

function compareRendered(fresh: Rendered, state: RenderedState, path: string, ctx: Context): void {
  const { template } = fresh;
  for (let i = 0; i < template.deps.length && ctx.out.length < MAX_MISMATCHES; i++) {
    compareSlot(template, i, evaluateSlot(fresh, i), state.slots[i], state, path, ctx);
  }
}

const join = (path: string, step: string) => (path ? `${path} › ${step}` : step);

function compareSlot(
  template: Template,
  index: number,
  value: unknown,
  sent: SlotState,
  owner: RenderedState,
  path: string,
  ctx: Context,
): void {
  const here = join(path, `slot ${index}`);
  const mismatch = (expected: string) => {
    const source = template.source?.slots[index];
    ctx.out.push({
      template: template.fingerprint,
      slot: index,
      location: source ? `${template.source!.file}:${source[0]}:${source[1]}` : null,
      code: source ? source[2] : null,
      deps: template.deps[index] ?? null,
      path,
      expected,
      sent: describe(sent),
    });
  };
  if (value instanceof Rendered) {
    if (isRendered(sent) && sent.template === value.template) compareRendered(value, sent, here, ctx);
    else mismatch(describeTemplate(value.template));
    return;
  }
  if (value instanceof LiveComponentCall) {
    // Compared by cid only: the component's own renders are verified by its registry.
    const cid = ctx.engine.components.cidOf(value.module, value.id);
    if (sent !== cid) mismatch(cid === undefined ? `live component ${String(value.id)}, not rendered yet` : `live component cid ${cid}`);
    return;
  }
  if (value instanceof Comprehension) {
    // The server keeps none of a stream's items.
    if (value.stream) return;
    if (!isList(sent) || sent.template !== value.template) return mismatch(`a list of ${value.items.length} (template ${value.template.fingerprint})`);
    if (sent.count !== value.items.length || sent.order.length !== value.items.length) {
      return mismatch(`a list of ${value.items.length} (template ${value.template.fingerprint})`);
    }
    const { items } = value;
    for (let j = 0; j < items.length && ctx.out.length < MAX_MISMATCHES; j++) {
      const entry = value.entry(undefined, items[j], j, items);
      const held = sent.order[j]!.state;
      const at = join(here, `entry ${j}`);
      if (entry.template !== held.template) {
        ctx.out.push({
          template: held.template.fingerprint,
          slot: -1,
          location: null,
          code: null,
          deps: null,
          path: at,
          expected: describeTemplate(entry.template),
          sent: describeTemplate(held.template),
        });
      } else {
        compareRendered(entry, held, at, ctx);
      }
    }
    return;
  }
  if (value instanceof ComponentCall) {
    if (!isComponent(sent) || sent.fn !== value.fn) return mismatch(`component ${value.fn.name || "(anonymous)"}`);
    const output = value.fn(value.props);
    const at = join(here, `component ${value.fn.name || "(anonymous)"}`);
    if (output instanceof Rendered) {
      if (isRendered(sent.state) && sent.state.template === output.template) compareRendered(output, sent.state, at, ctx);
      else mismatch(`component ${value.fn.name || "(anonymous)"} rendering ${describeTemplate(output.template)}`);
    } else {
      compareSlot(template, index, output, sent.state, owner, path, ctx);
    }
    return;
  }
  const html = toHTML(value);
  if (html === sent) return;
  // A slot the compiler could not analyse ran in this render when its template was visited:
  // what it sent is what it gave then (a clock in render is no stale page).
  if (template.deps[index] === null && owner.visited === ctx.engine.epoch && typeof sent === "string") return;
  mismatch(show(html));
}

function show(html: string): string {
  const text = JSON.stringify(html);
  return text.length > 200 ? `${text.slice(0, 197)}…"` : text;
}

function describeTemplate(template: Template): string {
  return `template ${template.fingerprint}`;
}

function describe(state: SlotState): string {
  if (state === undefined) return "nothing";
  if (typeof state === "string") return show(state);
  if (typeof state === "number") return `live component cid ${state}`;
  if (isRendered(state)) return describeTemplate(state.template);
  if (isList(state)) return `a list of ${state.count} (template ${state.template.fingerprint})`;
  return `component ${state.fn.name || "(anonymous)"}`;
}
