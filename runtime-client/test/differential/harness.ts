/**
 * One differential run: a test view joined on our real server pipeline (compiled view, view
 * instance, diff engine), each diff it sends fed to our client and to the official one, and the
 * HTML of both compared after every step.
 */
import { expect } from "vitest";
import type { ViewInstance } from "../../../runtime-server/src/instance.js";
import type { ViewDefinition } from "../../../runtime-server/src/view.js";
import { viewInstance } from "../../../runtime-server/test/support.js";
import { Rendered, type Diff } from "../../src/rendered.js";
import { OfficialClient, type OfficialStep } from "./official.js";
import { componentIds } from "./html.js";

const VIEW_ID = "phx-diff";

/** A view module's default export, whatever its assigns. */
export type AnyView = ViewDefinition<any>;

export interface JoinOptions {
  params?: Record<string, string>;
  /**
   * Adjusts both clients' HTML of a step before they are compared, given the step's diff.
   * @default the HTML unchanged
   */
  normalise?: (html: string, diff: Diff) => string;
}

export interface StepRecord {
  label: string;
  diff: Diff;
  ours: string;
  official: OfficialStep;
}

export class Differential {
  readonly steps: StepRecord[] = [];
  /** Events whose reply carried no diff (nothing changed): nothing to merge or compare. */
  unchanged = 0;
  private readonly ours = new Rendered();
  private readonly official = new OfficialClient(VIEW_ID);
  /** Components the last step removed from the page, told to the server with cids_will_destroy. */
  private dying: number[] = [];
  /** Components destroyed on both sides, through the two-phase protocol. */
  readonly destroyed: number[] = [];

  private constructor(
    readonly name: string,
    private readonly instance: ViewInstance,
    private readonly normalise: (html: string, diff: Diff) => string,
  ) {}

  /** Joins `view` and compares the first render. */
  static async join(name: string, view: AnyView, options: JoinOptions = {}): Promise<Differential> {
    const instance = viewInstance(VIEW_ID, view);
    const joined = await instance.join(options.params ?? {}, {});
    if (!("rendered" in joined)) throw new Error(`${name}: the view navigated away on join`);
    const run = new Differential(name, instance, options.normalise ?? ((html) => html));
    run.compare("join", joined.rendered);
    return run;
  }

  /**
   * The cids of the live components on the page, read from the last render. (A view with live
   * components inside a stream container would need a model of the DOM instead, since a render
   * leaves out the stream's earlier entries; no test view has one.)
   */
  get components(): number[] {
    return componentIds(this.html);
  }

  /** The view's current assigns, for scripts that choose their next event from them. */
  get assigns(): Readonly<Record<string, unknown>> {
    return this.instance.socket.assigns;
  }

  /**
   * Sends an event (to live component `cid` when given); when it changed something, merges the
   * diff into both clients and compares.
   */
  async event(event: string, payload: Record<string, unknown> = {}, cid?: number): Promise<Diff | undefined> {
    const response = await this.instance.event(event, payload, cid);
    const diff = response.diff as Diff | undefined;
    if (diff === undefined) {
      this.unchanged++;
      return undefined;
    }
    const target = cid === undefined ? "" : ` to component ${cid}`;
    const before = this.components;
    this.compare(`step ${this.steps.length} (${event}${target} ${JSON.stringify(payload)})`, diff);
    await this.destroyComponents(before);
    return diff;
  }

  /**
   * The official client's two-phase destroy, one step behind as in a browser (the next diff may
   * arrive between the phases): components that left the page are reported with
   * cids_will_destroy (and their render tracking reset); after the next step, those still gone
   * are destroyed with cids_destroyed and pruned from both clients.
   */
  private async destroyComponents(before: number[]): Promise<void> {
    const now = new Set(this.components);
    const gone = this.dying.filter((cid) => !now.has(cid));
    if (gone.length > 0) {
      const { cids } = (await this.instance.componentsDestroyed(gone)) as { cids: number[] };
      this.official.prune(cids);
      this.ours.pruneComponents(cids);
      this.destroyed.push(...cids);
    }
    this.dying = before.filter((cid) => !now.has(cid));
    if (this.dying.length > 0) {
      this.official.willDestroy(this.dying);
      await this.instance.componentsWillDestroy(this.dying);
    }
  }

  /** The last HTML both clients agreed on. */
  get html(): string {
    return this.steps.at(-1)!.ours;
  }

  private compare(label: string, diff: Diff): void {
    // Each client gets its own copy: the official one mutates what it merges.
    this.ours.merge(structuredClone(diff));
    const ours = this.normalise(this.ours.toString(), diff);
    const streams = this.ours.takeStreams();
    const official = this.official.apply(diff);
    official.html = this.normalise(official.html, diff);
    official.tracked = this.normalise(official.tracked, diff);
    this.steps.push({ label, diff, ours, official });
    const context = `${this.name}, ${label}\ndiff: ${JSON.stringify(diff)}`;
    expect(ours, `${context}\nours (received) vs official (expected)`).toBe(official.html);
    expect(official.tracked, `${context}\nofficial change-tracked page (received) vs official full render (expected)`).toBe(official.html);
    // The stream operations each hands its DOM patch.
    expect(streams, `${context}\nstream operations, ours (received) vs official (expected)`).toEqual(official.streams);
  }
}
