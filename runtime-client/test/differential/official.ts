/**
 * The official Phoenix LiveView 1.2 client's rendered cache (`rendered.js` from the
 * phoenix_live_view package, its TypeScript imports inlined and transformed by vitest), driven
 * the way its `View` drives it.
 *
 * Two instances receive the same diffs:
 *
 * - `full` renders with change tracking off, which is the official client's own way to render a
 *   subtree in full (it does so for a component the server adds back after the client pruned
 *   it). That render has no skip placeholders, so it is the HTML ours is compared with.
 * - `tracked` renders exactly as `View.renderContainer` does (`toString(cids of the diff)`), skip
 *   placeholders included; they are resolved against the previous page as the DOM patch would
 *   (see `resolveSkips`). It must give the same page as `full`: this checks that our diffs never
 *   leave the official client skipping a root whose content changed. (For a diff with nothing
 *   but components the official view patches each component alone, `componentToString(cid)`;
 *   rendering the whole tree with the others skipped gives the same page.)
 *
 * Each render is done once per diff, as in the browser: rendering is not free of side effects in
 * the official client (it resolves `p` references into the tree and consumes stream entries).
 */
// @ts-expect-error: rendered.js ships without type declarations.
import Rendered from "../../../node_modules/phoenix_live_view/assets/js/phoenix_live_view/rendered.js";
import { COMPONENTS } from "../../src/wire.js";
import type { Diff } from "../../src/rendered.js";
import { resolveSkips, stripOfficialAttributes } from "./html.js";

/** The parts of the official `Rendered` the comparison uses (all of them its own API). */
interface OfficialRendered {
  rendered: Diff;
  mergeDiff(diff: Diff): void;
  componentCIDs(diff: Diff): number[];
  resetRender(cid: number | string): void;
  pruneCIDs(cids: number[]): void;
  toString(onlyCids?: number[] | null): RenderOutput;
  recursiveToString(
    rendered: Diff,
    components: unknown,
    onlyCids: number[] | undefined,
    changeTracking: boolean,
    rootAttrs: Record<string, unknown>,
    cid: number | null,
  ): RenderOutput;
}

interface OfficialRenderedClass {
  new (viewId: string, rendered: Diff): OfficialRendered;
  extract(diff: Diff): { diff: Diff; title?: string; reply: unknown; events: unknown[] };
}

interface RenderOutput {
  buffer: string;
  streams: Set<unknown[]>;
}

const OfficialRendered = Rendered as OfficialRenderedClass;

/** One step as the official client rendered it, official-only attributes stripped. */
export interface OfficialStep {
  /** The full render. */
  html: string;
  /** The change-tracked render with its skipped roots put back from the previous page. */
  tracked: string;
  /** The `stream` annotations the render consumed, as `toString` returns them. */
  streams: unknown[][];
}

export class OfficialClient {
  private full: OfficialRendered | null = null;
  private tracked: OfficialRendered | null = null;
  /** The page after the last tracked patch, magic ids kept: what skipped roots are read from. */
  private page = "";

  constructor(private readonly viewId: string) {}

  /**
   * Merges a join's `rendered` (the first call) or an event's diff, as `View.applyDiff` does:
   * reply, events and title extracted first. Each instance gets its own copy, since the
   * official client adopts the diff's objects into its tree and mutates them.
   */
  apply(wireDiff: Diff): OfficialStep {
    const forFull = OfficialRendered.extract(structuredClone(wireDiff)).diff;
    const forTracked = OfficialRendered.extract(structuredClone(wireDiff)).diff;
    const joining = this.full === null;
    if (joining) {
      this.full = new OfficialRendered(this.viewId, forFull);
      this.tracked = new OfficialRendered(this.viewId, forTracked);
    } else {
      this.full!.mergeDiff(forFull);
      this.tracked!.mergeDiff(forTracked);
    }
    const full = this.renderFull(this.full!);
    // The join renders every component (no cids); an update skips those the diff leaves out.
    const tracked = this.tracked!.toString(joining ? null : this.tracked!.componentCIDs(forTracked));
    this.page = resolveSkips(tracked.buffer, this.page);
    return {
      html: stripOfficialAttributes(full.buffer),
      tracked: stripOfficialAttributes(this.page),
      streams: [...full.streams],
    };
  }

  /** cids_will_destroy sent: the official view resets their render tracking (they may come back). */
  willDestroy(cids: number[]): void {
    for (const cid of cids) {
      this.full!.resetRender(cid);
      this.tracked!.resetRender(cid);
    }
  }

  /** cids_destroyed answered: the components are forgotten. */
  prune(cids: number[]): void {
    this.full!.pruneCIDs(cids);
    this.tracked!.pruneCIDs(cids);
  }

  /**
   * Change tracking off for the tree, and for every component (`resetRender` is how the
   * official client asks for a component's full render: its components turn tracking back on
   * otherwise).
   */
  private renderFull(instance: OfficialRendered): RenderOutput {
    const tree = instance.rendered;
    const components = tree[COMPONENTS] as Record<string, unknown>;
    for (const cid of Object.keys(components)) instance.resetRender(cid);
    return instance.recursiveToString(tree, components, undefined, false, {}, null);
  }
}
