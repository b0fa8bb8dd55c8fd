/**
 * The live components of one view: each keyed by module and id, with its own socket, assigns
 * and diff state. Component ids (`cid`) are numbers, never reused within a view.
 */
import { AssignsScope, isComponent, isList, isRendered, type DiffEngine, type Diff, type RenderedState, type SlotState, SharedStatics } from "./diff.js";
import type { ComponentDefinition, LiveComponentCall } from "./component.js";
import { runAfterRender } from "./lifecycle.js";
import { ViewSocket } from "./socket.js";
import { bindScope, Rendered } from "./template.js";
import { ROOT, STATIC, TEMPLATES } from "./wire.js";
import { VerifyError, verifyTree } from "./verify.js";
import { componentCallback } from "./callback.js";

interface ComponentEntry {
  cid: number;
  module: ComponentDefinition<any>;
  id: unknown;
  socket: ViewSocket<Record<string, unknown>>;
  state: RenderedState | null;
  previous: Readonly<Record<string, unknown>> | null;
  /** The client said it is about to drop the component (cids_will_destroy). */
  dying: boolean;
}

export class ComponentRegistry {
  private readonly byModule = new Map<ComponentDefinition<any>, Map<unknown, ComponentEntry>>();
  private readonly byCid = new Map<number, ComponentEntry>();
  private nextCid = 1;
  /** Makes a component's socket; the view instance gives it its own host (PubSub, messages). */
  socketFor(cid: number): ViewSocket<Record<string, unknown>> {
    return this.engine.sockets?.componentSocket(cid) ?? new ViewSocket(`c${cid}`, true, {}, null, false);
  }

  constructor(private readonly engine: DiffEngine) {}

  get size(): number {
    return this.byCid.size;
  }

  has(cid: number): boolean {
    return this.byCid.has(cid);
  }

  /** A component met in a render: mounted the first time, updated with its props, rendered. */
  visit(call: LiveComponentCall, statics: SharedStatics): number {
    let entries = this.byModule.get(call.module);
    if (!entries) this.byModule.set(call.module, (entries = new Map()));
    let entry = entries.get(call.id);
    if (!entry) {
      const cid = this.nextCid++;
      const socket = this.socketFor(cid);
      socket.assign({ myself: cid });
      entry = { cid, module: call.module, id: call.id, socket, state: null, previous: null, dying: false };
      entries.set(call.id, entry);
      this.byCid.set(cid, entry);
      if (call.module.mount) componentCallback(`mount of ${describe(entry)}`, () => call.module.mount!(socket as never));
    }
    if (entry.dying) this.revive(entry);
    // Props from a render that is not forced: a prop with the reference it had is unchanged.
    entry.socket.sameIsChanged = this.engine.forced;
    try {
      this.update(entry, call.props);
    } finally {
      entry.socket.sameIsChanged = true;
    }
    this.renderEntry(entry, statics);
    return entry.cid;
  }

  /** `sendUpdate(module, id, props)`: the component's update with new props; null if it is not there. */
  sendUpdate(module: ComponentDefinition<any>, id: unknown, props: Record<string, unknown>): number | null {
    const entry = this.byModule.get(module)?.get(id);
    if (!entry) return null;
    this.update(entry, props);
    return entry.cid;
  }

  private update(entry: ComponentEntry, props: Record<string, unknown>): void {
    if (entry.module.update) componentCallback(`update of ${describe(entry)}`, () => entry.module.update!(props, entry.socket as never));
    else entry.socket.assign(props);
  }

  /**
   * Forgets what the client holds of every component (their assigns stay): each one the next
   * render meets is rendered whole, statics included.
   */
  reset(): void {
    for (const entry of this.byCid.values()) entry.state = null;
  }

  /** The component's socket, for an event sent to it (`cid` in the event). */
  socketOf(cid: number): ViewSocket<Record<string, unknown>> | null {
    return this.byCid.get(cid)?.socket ?? null;
  }

  /** @internal The cid of a component already in the view, without visiting it (the verifier). */
  cidOf(module: ComponentDefinition<any>, id: unknown): number | undefined {
    return this.byModule.get(module)?.get(id)?.cid;
  }

  /** The id a component was given in the render (`<LiveComponent id={…}>`), for messages. */
  idOf(cid: number): unknown {
    return this.byCid.get(cid)?.id;
  }

  moduleOf(cid: number): ComponentDefinition<any> | null {
    return this.byCid.get(cid)?.module ?? null;
  }

  render(cid: number, statics: SharedStatics): void {
    const entry = this.byCid.get(cid);
    if (entry) this.renderEntry(entry, statics);
  }

  /**
   * Renders a component into the diff's `c` when its assigns changed (or it is new). A new
   * template's statics are shared with another component of the same template: `s` is that
   * component's cid, positive when it is in this diff, negative when the client already has it.
   */
  private renderEntry(entry: ComponentEntry, root: SharedStatics): void {
    const { socket } = entry;
    socket.checkInPlace(` of live component ${String(entry.id)}`);
    if (entry.state && socket.changed.size === 0) return;
    const assigns = socket.assigns;
    const scope = entry.state ? new AssignsScope(entry.previous, assigns, socket.changed, socket.touched) : new AssignsScope(null, assigns, null);
    bindScope(assigns, scope);
    const tree = this.renderTree(entry, assigns);
    const own = new SharedStatics(root);
    let diff: Diff | null;
    const outer = this.engine.forced;
    this.engine.forced = scope.forced;
    try {
      if (entry.state && entry.state.template === tree.template) {
        diff = this.engine.partial(tree, entry.state, own);
        if (this.engine.verifying) this.verify(entry, assigns);
      } else {
        const full = this.engine.full(tree, own, false);
        diff = full.diff;
        diff[STATIC] = this.sharedStatics(entry, tree, root);
        diff[ROOT] = 1;
        entry.state = full.state;
      }
    } finally {
      this.engine.forced = outer;
      scope.retire();
    }
    if (diff && !own.empty) diff[TEMPLATES] = own.table;
    if (diff) root.components[entry.cid] = diff;
    root.events.push(...socket.takeEffects().events);
    entry.previous = assigns;
    socket.rendered();
    runAfterRender(socket);
  }

  private renderTree(entry: ComponentEntry, assigns: Readonly<Record<string, unknown>>): Rendered {
    const tree = entry.module.render(assigns as never);
    if (!(tree instanceof Rendered) || !tree.template.root) {
      throw new TypeError(`live component ${String(entry.id)} must render a single root element`);
    }
    return tree;
  }

  /** Development: the component's state against a fresh render of its assigns (see the view's). */
  private verify(entry: ComponentEntry, assigns: Readonly<Record<string, unknown>>): void {
    const mismatches = verifyTree(this.renderTree(entry, { ...assigns }), entry.state!, this.engine);
    if (mismatches.length > 0) throw new VerifyError(`live component ${String(entry.id)} (cid ${entry.cid})`, mismatches);
  }

  private sharedStatics(entry: ComponentEntry, tree: Rendered, root: SharedStatics): number | readonly string[] {
    const { fingerprint } = tree.template;
    const inThisDiff = root.componentStatics.get(fingerprint);
    if (inThisDiff !== undefined && inThisDiff !== entry.cid) return inThisDiff;
    for (const other of this.byCid.values()) {
      if (other !== entry && !other.dying && other.state?.template.fingerprint === fingerprint && !(other.cid in root.components)) {
        return -other.cid;
      }
    }
    root.componentStatics.set(fingerprint, entry.cid);
    return tree.template.statics;
  }

  /** cids_will_destroy: the client removed these components from the page. */
  willDestroy(cids: readonly number[]): void {
    for (const cid of cids) {
      const entry = this.byCid.get(cid);
      if (entry) entry.dying = true;
    }
  }

  /**
   * A component the client is dropping, met again before cids_destroyed: the components its
   * last render holds come back with it, those its next render skips too (a slot whose deps did
   * not change is not visited, and would leave its components to be forgotten while on the page).
   */
  private revive(entry: ComponentEntry): void {
    entry.dying = false;
    if (!entry.state) return;
    for (const cid of cidsIn(entry.state)) {
      const inner = this.byCid.get(cid);
      if (inner?.dying) this.revive(inner);
    }
  }

  /** cids_destroyed: forget the components still gone; returns their cids. */
  destroyed(cids: readonly number[]): number[] {
    const removed: number[] = [];
    for (const cid of cids) {
      const entry = this.byCid.get(cid);
      if (!entry?.dying) continue;
      this.byCid.delete(cid);
      this.byModule.get(entry.module)?.delete(entry.id);
      removed.push(cid);
    }
    return removed;
  }
}

/** The cids a render holds (a live component's slot holds its cid), in lists and function components too. */
function cidsIn(state: SlotState, out: number[] = []): number[] {
  if (typeof state === "number") out.push(state);
  else if (state === undefined || typeof state === "string") return out;
  else if (isList(state)) for (const entry of state.order) cidsIn(entry.state, out);
  else if (isComponent(state)) cidsIn(state.state as SlotState, out);
  else if (isRendered(state)) for (const slot of state.slots) cidsIn(slot, out);
  return out;
}

/** A component as log lines name it: its id and cid. */
function describe(entry: ComponentEntry): string {
  return `live component ${String(entry.id)} (cid ${entry.cid})`;
}
