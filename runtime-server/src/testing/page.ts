/**
 * The page a test reads: the view's container in a DOM (linkedom), brought up to date with the
 * HTML of the client's merged tree as the client's DOM patch does it. Streams keep their children
 * between renders and change only as their operations say (inserted at a position, limited,
 * updated in place, deleted, reset), and `phx-update="ignore"` keeps its children.
 *
 * The HTML is parsed only when the page is read, except when stream operations must be applied
 * to the children the page already has.
 */
import { parseHTML } from "linkedom";

/** What the harness needs of a DOM element (linkedom implements the standard interface). */
export interface PageElement {
  readonly tagName: string;
  readonly id: string;
  readonly children: ArrayLike<PageElement>;
  readonly childNodes: ArrayLike<unknown>;
  readonly parentElement: PageElement | null;
  readonly textContent: string | null;
  readonly outerHTML: string;
  innerHTML: string;
  readonly attributes: ArrayLike<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  contains(other: PageElement): boolean;
  remove(): void;
  removeAttribute(name: string): void;
  replaceWith(...nodes: unknown[]): void;
  replaceChildren(...nodes: unknown[]): void;
}

/** A stream operation: `[ref, [[domId, at, limit, updateOnly], …], deleteIds, reset?]`. */
export type StreamOp = [string, [string, number, number | null, boolean][], string[], boolean?];

interface StreamInsert {
  ref: string;
  at: number;
  limit: number | null;
  updateOnly: boolean;
}

export class Page {
  private readonly document: { createElement(tag: string): PageElement; title: string };
  readonly root: PageElement;
  /** HTML not parsed yet: the page's content once read. */
  private pending: string | null = null;
  /** Whether the content has containers whose children outlive a render. */
  private keeps = false;
  /** The stream each stream child belongs to, for resets. */
  private readonly refs = new WeakMap<PageElement, string>();

  constructor(id: string) {
    const { document } = parseHTML(`<!doctype html><html><head><title></title></head><body><div id="${id}" data-phx-main></div></body></html>`);
    this.document = document as never;
    this.root = (document as unknown as { body: { firstElementChild: PageElement } }).body.firstElementChild;
  }

  /**
   * Brings the page up to `html` (the merged tree's HTML), applying `streams` to stream
   * containers. `components` gives the HTML of each component the diff changed: one inside a
   * stream container is patched where it is, as the client patches it by its cid.
   */
  update(html: string, streams: readonly StreamOp[], components: () => Map<number, string>): void {
    if (streams.length === 0 && !this.keeps) {
      this.pending = html;
      return;
    }
    this.read();
    this.apply(html, streams);
    for (const [cid, component] of components()) {
      const el = this.root.querySelector(`[data-phx-component="${cid}"]`);
      if (!el?.parentElement?.closest('[phx-update="stream"]')) continue;
      const holder = this.document.createElement("div");
      holder.innerHTML = component;
      // The client's marks for patching parts alone are no part of the page.
      for (const marked of Array.from(holder.querySelectorAll("[data-phx-id]"))) marked.removeAttribute("data-phx-id");
      const next = holder.children[0];
      if (next) el.replaceWith(next);
    }
  }

  /** The page's root, its content up to date. */
  read(): PageElement {
    if (this.pending !== null) {
      const html = this.pending;
      this.pending = null;
      this.apply(html, []);
    }
    return this.root;
  }

  private apply(html: string, streams: readonly StreamOp[]): void {
    const root = this.root;
    const inserts = new Map<string, StreamInsert>();
    for (const [ref, added] of streams) {
      for (const [domId, at, limit, updateOnly] of added) inserts.set(domId, { ref, at, limit, updateOnly });
    }
    // Deletions and resets first, on the children the page has.
    for (const [ref, , deleted, reset] of streams) {
      const gone: PageElement[] = [];
      if (reset) for (const el of Array.from(root.querySelectorAll("[id]"))) if (this.refs.get(el) === ref) gone.push(el);
      for (const id of deleted) {
        const el = byId(root, id);
        if (el) gone.push(el);
      }
      for (const el of gone) el.remove();
    }
    const next = this.document.createElement("div");
    next.innerHTML = html;
    for (const container of Array.from(next.querySelectorAll("[phx-update]"))) {
      const mode = container.getAttribute("phx-update");
      const previous = container.id ? byId(root, container.id) : null;
      if (mode === "ignore") {
        if (previous) container.replaceChildren(...Array.from(previous.childNodes));
      } else if (mode === "stream") {
        container.replaceChildren(...this.streamChildren(previous, container, inserts));
      }
    }
    root.replaceChildren(...Array.from(next.childNodes));
    this.keeps = root.querySelector("[phx-update]") !== null;
  }

  /**
   * A stream container's children: those it had, the ones this render's operations name inserted
   * at their position (or updated where they are), within each insert's limit.
   */
  private streamChildren(previous: PageElement | null, container: PageElement, inserts: Map<string, StreamInsert>): PageElement[] {
    const children = previous ? Array.from(previous.children) : [];
    for (const child of Array.from(container.children)) {
      const insert = inserts.get(child.id);
      if (!insert) continue;
      this.refs.set(child, insert.ref);
      const index = children.findIndex((c) => c.id === child.id);
      if (index >= 0) {
        children[index] = child;
        continue;
      }
      if (insert.updateOnly) continue;
      if (insert.at < 0 || insert.at >= children.length) children.push(child);
      else children.splice(insert.at, 0, child);
      if (insert.limit !== null) {
        // Positive limits keep the first N children, negative ones the last N.
        const max = Math.abs(insert.limit);
        while (children.length > max) insert.limit >= 0 ? children.pop() : children.shift();
      }
    }
    return children;
  }
}

function byId(root: PageElement, id: string): PageElement | null {
  for (const el of Array.from(root.querySelectorAll("[id]"))) if (el.id === id) return el;
  return null;
}
