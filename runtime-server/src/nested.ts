/**
 * Nested live views: `<LiveView module={Clock} id="clock" session={{ zone }} />` renders another
 * view inside a view, as Phoenix's `live_render`. The child has its own instance, topic
 * (`lv:<id>`), mount, events and crash isolation; a sticky one survives live navigation.
 *
 * The component itself renders nothing: it asks the renderer of the render under way (the HTTP
 * render's or a joined view's, see {@link withNested}) for the child's container.
 * - The HTTP render mounts the child (not connected) and puts its HTML in the container, with a
 *   signed static token; the session token is signed there only for a sticky child, as Phoenix.
 * - A joined view's render gives an empty container carrying a signed session token: the
 *   client keeps the child's DOM as it is (both clients skip the inside of an element with
 *   `data-phx-parent-id` or `data-phx-sticky` when they patch the parent) and joins the child on
 *   its own topic with that token.
 */
import { direct, mountView, viewOnMount } from "./lifecycle.js";
import { attrs } from "./attributes.js";
import { escapeHTML, raw, type Safe } from "./escape.js";
import { renderToString, renderTreeToString } from "./html.js";
import { randomId, signToken } from "./session.js";
import { ViewSocket } from "./socket.js";
import { Rendered } from "./template.js";
import type { SessionToken } from "./context.js";
import type { SessionSecret } from "./session.js";
import type { ViewDefinition } from "./view.js";

/** The most distinct child ids one view may render over its life; past it its render fails. */
export const MAX_NESTED_VIEWS = 1000;

/** How deep views may nest in the HTTP render (a view rendering itself would never end). */
export const MAX_NESTED_DEPTH = 16;

export interface LiveViewProps {
  /** The child view, made with `defineView`. It may not define `handleParams` (it is no route). */
  module: ViewDefinition<any>;
  /** The container's DOM id, unique on the page; the child joins `lv:<id>`. */
  id: string;
  /** Merged over the page's session into what the child's `mount` receives; signed, not secret. @default {} */
  session?: Record<string, unknown>;
  /** The child survives live navigation between views of the same live session. @default false */
  sticky?: boolean;
  /** The container's tag and attributes. @default ["div", {}] */
  container?: readonly [tag: string, attributes?: Readonly<Record<string, unknown>>];
}

/** What renders a `<LiveView>` in the render under way. @internal */
export interface NestedRenderer {
  begin(): void;
  render(props: LiveViewProps): string;
}

/** The nested part of a child's session token. @internal */
export interface NestedClaims {
  /** The parent's id; null for a sticky child, which joins on its own. */
  parent: string | null;
  /** The page URL the child was rendered for (its socket's URL). */
  url: string;
}

/** Shared through the global registry, as `template.ts`'s scopes: a view module may load another copy of this runtime. */
const AMBIENT = Symbol.for("livetsx.nested");
type Ambient = { [AMBIENT]?: NestedRenderer | null };

/**
 * Runs a render with `renderer` answering the `<LiveView>`s in it. Renders are synchronous, so
 * the renderer is set for exactly the render's duration.
 * @internal
 */
export function withNested<T>(renderer: NestedRenderer | null, render: () => T): T {
  const global = globalThis as Ambient;
  const previous = global[AMBIENT] ?? null;
  global[AMBIENT] = renderer;
  renderer?.begin();
  try {
    return render();
  } finally {
    global[AMBIENT] = previous;
  }
}

const TAG = /^[a-z][a-z0-9-]*$/;

/**
 * Renders a nested live view: `<LiveView module={Clock} id="clock" session={{ zone }} />`. The
 * child mounts on its own (`socket.connected` once it joined), handles its own events and
 * messages, and a crash in it leaves the parent running; the parent's leave or crash ends it.
 * With `sticky`, it is joined as a view of its own and stays through live navigation.
 * @throws {TypeError} for a missing module or id, a child that defines handleParams, a bad
 * container, or a render outside a live view's
 */
export function LiveView(props: LiveViewProps): Safe {
  const { module, id, container } = props ?? ({} as LiveViewProps);
  if (!module || typeof module.render !== "function") throw new TypeError("<LiveView> needs module={…}, a view made with defineView.");
  if (typeof id !== "string" || id === "") throw new TypeError("<LiveView> needs an id: a string, unique on the page, that names the child's container.");
  if (module.handleParams) throw new TypeError(`<LiveView id="${id}">: a nested view cannot define handleParams, it is not mounted at a route.`);
  if (container !== undefined && (!Array.isArray(container) || typeof container[0] !== "string" || !TAG.test(container[0]))) {
    throw new TypeError(`<LiveView id="${id}">: container must be [tag, attributes?] with a lowercase tag name, such as ["section", { class: "box" }].`);
  }
  const renderer = (globalThis as Ambient)[AMBIENT];
  if (!renderer) throw new TypeError(`<LiveView id="${id}"> renders only inside a live view's render.`);
  return raw(renderer.render(props));
}

/** The container's opening and closing tags around `inner`. */
function containerHTML(props: LiveViewProps, marks: Record<string, unknown>, inner: string): string {
  const [tag, extra] = props.container ?? ["div", {}];
  const { id: _id, ...rest } = (extra ?? {}) as Record<string, unknown>;
  return `<${tag} id="${escapeHTML(props.id)}"${attrs(marks).html}${attrs(rest).html}>${inner}</${tag}>`;
}

function marks(props: LiveViewProps, parentId: string, session: string, statics: string): Record<string, unknown> {
  return {
    "data-phx-session": session,
    "data-phx-static": statics,
    ...(props.sticky ? { "data-phx-sticky": true } : { "data-phx-parent-id": parentId }),
  };
}

/** What a view's renderer needs to sign its children's tokens. @internal */
export interface NestedContext {
  readonly secret: SessionSecret;
  readonly dev: boolean;
  /** Sticky children's views by id: a sticky child joins without its parent. */
  readonly sticky: Map<string, ViewDefinition<any>>;
  /**
   * Whether the HTTP render's lists render through their entry HTML functions (`false`: every
   * entry walked as a tree, the reference they are tested against). @default true
   */
  readonly entryHTML?: boolean;
}

/** The route, live session and page session of the view a renderer renders. @internal */
export interface NestedPage {
  readonly route: string;
  readonly liveSession: string;
  readonly session: Record<string, unknown>;
  readonly url: string;
}

/** Rejects a second child of one id in one render, and keeps the sticky registry bounded. */
abstract class Renderer implements NestedRenderer {
  /** The ids rendered in the render under way; made on first use, as most views have no child. */
  private seen: Set<string> | null = null;

  constructor(
    protected readonly ctx: NestedContext,
    protected readonly parentId: string,
    protected readonly page: NestedPage,
  ) {}

  begin(): void {
    this.seen = null;
  }

  render(props: LiveViewProps): string {
    const seen = (this.seen ??= new Set());
    if (seen.has(props.id)) throw new Error(`<LiveView id="${props.id}"> appears twice in the render of view ${this.parentId}: each child needs an id of its own.`);
    if (props.id === this.parentId) throw new Error(`<LiveView id="${props.id}"> has its parent's id.`);
    seen.add(props.id);
    if (props.sticky) {
      const known = this.ctx.sticky.get(props.id);
      if (known && known !== props.module) throw new Error(`<LiveView id="${props.id}" sticky>: another view is sticky under this id already.`);
      if (!known && this.ctx.sticky.size >= MAX_NESTED_VIEWS) throw new Error(`<LiveView id="${props.id}" sticky>: the server knows ${MAX_NESTED_VIEWS} sticky ids already (MAX_NESTED_VIEWS)`);
      this.ctx.sticky.set(props.id, props.module);
    }
    return this.container(props);
  }

  protected abstract container(props: LiveViewProps): string;

  /** The child's session token: its view is its parent's child, or sticky. */
  protected sessionToken(props: LiveViewProps): string {
    const nested: NestedClaims = { parent: props.sticky ? null : this.parentId, url: this.page.url };
    const token: SessionToken = {
      kind: "session",
      id: props.id,
      route: this.page.route,
      liveSession: this.page.liveSession,
      session: { ...this.page.session, ...(props.session ?? {}) },
      nested,
    };
    return signToken(this.ctx.secret, token);
  }
}

/**
 * A joined view's renderer: each child's container is empty, with a session token signed once
 * per id and kept, so that the parent's renders give the same string and send nothing more.
 * @internal
 */
export class LiveNested extends Renderer {
  /** Each child rendered so far, by id: its view and its container. Made on first use. */
  private childrenMap: Map<string, { module: ViewDefinition<any>; key: string; html: string }> | null = null;
  private joinedSet: Set<string> | null = null;

  private get children(): Map<string, { module: ViewDefinition<any>; key: string; html: string }> {
    return (this.childrenMap ??= new Map());
  }

  /** The topics of this view's children joined on the connection. */
  get joined(): Set<string> {
    return (this.joinedSet ??= new Set());
  }

  /** The view of the child `id`, if this view rendered it. */
  moduleOf(id: string): ViewDefinition<any> | undefined {
    return this.childrenMap?.get(id)?.module;
  }

  /** The topics of the children joined, without making the set. */
  get joinedTopics(): Iterable<string> {
    return this.joinedSet ?? [];
  }

  protected container(props: LiveViewProps): string {
    const key = JSON.stringify([props.session ?? {}, !!props.sticky, props.container ?? null]);
    const known = this.children.get(props.id);
    if (known && known.module === props.module && known.key === key) return known.html;
    if (!known && this.children.size >= MAX_NESTED_VIEWS) {
      throw new Error(`view ${this.parentId} rendered ${MAX_NESTED_VIEWS} distinct child views (MAX_NESTED_VIEWS): reuse their ids`);
    }
    const html = containerHTML(props, marks(props, this.parentId, this.sessionToken(props), ""), "");
    this.children.set(props.id, { module: props.module, key, html });
    return html;
  }
}

/**
 * The HTTP render's renderer: a child's container holds a placeholder until {@link DeadNested.fill}
 * mounts the child (its mount may be async; the render is not) and puts its HTML there.
 * @internal
 */
export class DeadNested extends Renderer {
  private readonly pending: LiveViewProps[] = [];
  /** Made with the first placeholder: a page with no child view needs none. */
  private nonce: string | null = null;

  constructor(
    ctx: NestedContext,
    parentId: string,
    page: NestedPage,
    private readonly csrfToken: string,
    private readonly depth = 0,
  ) {
    super(ctx, parentId, page);
  }

  protected container(props: LiveViewProps): string {
    this.nonce ??= randomId("");
    this.pending.push(props);
    return `\u0000${this.nonce}:${this.pending.length - 1}\u0000`;
  }

  /** Renders `tree` with its children mounted and rendered in their containers. */
  async renderTree(tree: Rendered): Promise<string> {
    const html = withNested(this, () => (this.ctx.entryHTML === false ? renderTreeToString(tree) : renderToString(tree)));
    // No child view, no placeholder: the page is not scanned for one.
    if (this.nonce === null) return html;
    const filled: string[] = [];
    for (const props of this.pending) filled.push(await this.child(props));
    return html.replace(new RegExp(`\u0000${this.nonce}:(\\d+)\u0000`, "g"), (_, i: string) => filled[Number(i)]!);
  }

  private async child(props: LiveViewProps): Promise<string> {
    if (this.depth >= MAX_NESTED_DEPTH) throw new Error(`<LiveView id="${props.id}">: views nest deeper than ${MAX_NESTED_DEPTH} (MAX_NESTED_DEPTH); does a view render itself?`);
    const session = { ...this.page.session, ...(props.session ?? {}) };
    const socket = new ViewSocket<Record<string, unknown>>(props.id, false, {}, null, this.ctx.dev);
    socket.assign({ flash: {}, csrfToken: this.csrfToken });
    // The child's own onMount, as on its join (a live session's are for views at routes).
    await mountView(viewOnMount(props.module), props.module, {}, session, socket, () => socket.effects.navigation !== null, direct);
    socket.takeEffects();
    const tree = props.module.render(socket.assigns);
    if (!(tree instanceof Rendered)) throw new TypeError(`render of the nested view ${props.id} must return JSX`);
    const inner = await new DeadNested(this.ctx, props.id, { ...this.page, session }, this.csrfToken, this.depth + 1).renderTree(tree);
    const statics = signToken(this.ctx.secret, { kind: "static", id: props.id });
    return containerHTML(props, marks(props, this.parentId, props.sticky ? this.sessionToken(props) : "", statics), inner);
  }
}
