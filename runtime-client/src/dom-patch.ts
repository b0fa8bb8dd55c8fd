/**
 * Applies a view's new HTML to its root element with morphdom: only what differs is touched,
 * the focused input keeps what the user is typing, `phx-update="ignore"` is left alone, and
 * `phx-update="stream"` containers change only as their stream operations say. A diff that
 * touched only marked elements patches just those ({@link patchUnits}).
 */
import morphdomModule from "morphdom";
import { MAGIC_ID, SKIP, type Rendered, type StreamOp, type Unit } from "./rendered.js";
import { keepSticky } from "./js.js";
import { keepBusy } from "./bindings.js";

interface MorphOptions {
  childrenOnly?: boolean;
  getNodeKey?: (node: Node) => unknown;
  onBeforeElChildrenUpdated?: (from: HTMLElement, to: HTMLElement) => boolean;
  onBeforeElUpdated?: (from: HTMLElement, to: HTMLElement) => boolean;
  onElUpdated?: (el: HTMLElement) => void;
  onNodeAdded?: (node: Node) => Node;
  onBeforeNodeDiscarded?: (node: Node) => boolean;
}
// morphdom ships CommonJS for Node and ESM for bundlers; take the function either way.
const morphdom = ((morphdomModule as unknown as { default?: unknown }).default ?? morphdomModule) as (
  from: Node,
  to: Node,
  options: MorphOptions,
) => Node;

export interface PatchCallbacks {
  /** An element entered the DOM (hooks mount on it). */
  added?: (el: Element) => void;
  /** An element is about to be updated in place (its hook's `beforeUpdate`). */
  beforeUpdate?: (el: Element) => void;
  /** A hook's element takes another id (its hook is destroyed; the element counts as added). */
  rekeyed?: (el: Element) => void;
  /** An element was updated in place. */
  updated?: (el: Element) => void;
  /** An element is about to leave the DOM. */
  removed?: (el: Element) => void;
  /** An element with `phx-remove` is to leave: run its commands, then call `remove`. */
  removing?: (el: Element, remove: () => void) => void;
}

/** Elements with `phx-remove` on their way out (a later patch does not start them again). */
const leaving = new WeakSet<Element>();

/** Marks a stream's elements with the stream's ref, so a reset finds them. */
export const STREAM_REF = "data-phx-stream";

interface StreamInsert {
  ref: string;
  at: number;
  limit: number | null;
  updateOnly: boolean;
}

function isFormControl(el: Element): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

/**
 * The morph rules shared by a view's patch and a component's. `force`: a form whose submit this
 * patch answers; its inputs take the server's values even when focused (a chat input clears).
 */
function morphOptions(callbacks: PatchCallbacks, force: Element | null, inserts: Map<string, StreamInsert>, missing?: { stub: boolean }, join = false): MorphOptions {
  const focused = document.activeElement;
  const options: MorphOptions = {
    // Marked elements are matched by their path, so that a stub meets the element it stands for.
    getNodeKey: (node) => (node as Element).id || (node as Element).getAttribute?.(MAGIC_ID) || undefined,
    onBeforeElUpdated(from, to) {
      if (to.hasAttribute(SKIP) || from.getAttribute("phx-update") === "ignore") return false;
      // A nested view's container: its content is its own view's (see nestedContainer).
      if (to.hasAttribute(SESSION) && (to.hasAttribute("data-phx-parent-id") || to.hasAttribute("data-phx-sticky"))) return nestedContainer(from, to);
      // What JS commands did to the element (classes, attributes, display) stays.
      keepSticky(from, to);
      keepBusy(from, to);
      // Loading classes belong to the client until the reply arrives; keep them through patches.
      for (const name of Array.from(from.classList)) {
        if (name.startsWith("phx-") && name.endsWith("-loading")) to.classList.add(name);
      }
      const ref = from.getAttribute(STREAM_REF);
      if (ref !== null) to.setAttribute(STREAM_REF, ref);
      // Equal subtrees are skipped without walking them; at a join, not those holding inputs,
      // whose values (what the user typed) take the fresh render's. (A select is left: morphdom
      // would clear a selection that no option's `selected` names.)
      if (from.isEqualNode(to) && !(join && (from.matches("input,textarea") || from.querySelector("input,textarea")))) return false;
      if (from === focused && isFormControl(from) && isFormControl(to) && !force?.contains(from)) {
        // What the user is typing wins over what the server last saw.
        if (from instanceof HTMLInputElement && (from.type === "checkbox" || from.type === "radio")) {
          (to as HTMLInputElement).checked = from.checked;
        } else {
          to.value = from.value;
        }
      }
      // A hook's element whose id changes is another element to the server: its hook starts over.
      if (from.hasAttribute("phx-hook")) (from.id !== to.id ? callbacks.rekeyed : callbacks.beforeUpdate)?.(from);
      return true;
    },
    onBeforeElChildrenUpdated(from, to) {
      if (from.getAttribute("phx-update") !== "stream") return true;
      streamChildren(from, to, inserts, (a, b) => morphdom(a, b, { ...options, childrenOnly: false }), callbacks.added);
      return false;
    },
    onElUpdated(el) {
      callbacks.updated?.(el);
    },
    onNodeAdded(node) {
      if (!(node instanceof Element)) return node;
      // A stub whose element the page does not have: the caller patches again, without stubs.
      // (morphdom reports each added node, its descendants one by one, after moving any element
      // a descendant's key finds into place.)
      if (missing && node.hasAttribute(SKIP)) missing.stub = true;
      else callbacks.added?.(node);
      return node;
    },
    onBeforeNodeDiscarded(node) {
      if (!(node instanceof Element)) return true;
      // An element with phx-remove runs its commands first and leaves when their transitions end.
      if (node.hasAttribute("phx-remove") && callbacks.removing) {
        if (!leaving.has(node)) leaveWith(node, callbacks);
        return false;
      }
      callbacks.removed?.(node);
      return true;
    },
  };
  return options;
}

/** Runs `el`'s phx-remove commands; it leaves the page once their transitions end. */
function leaveWith(el: Element, callbacks: PatchCallbacks): void {
  leaving.add(el);
  callbacks.removing!(el, () => {
    callbacks.removed?.(el);
    el.remove();
  });
}

const SESSION = "data-phx-session";

/**
 * A nested view's container in its parent's patch, as the official client treats it: the inside
 * is left alone, and of the attributes only the tokens are taken. A child keeps the session token
 * it has (the HTTP render gives it none: the parent's first render does); a sticky view takes the
 * new one, from the view it is now inside. The static token is the HTTP render's.
 */
function nestedContainer(from: HTMLElement, to: HTMLElement): false {
  const was = from.getAttribute(SESSION);
  const next = to.getAttribute(SESSION);
  if (next && (!was || to.hasAttribute("data-phx-sticky"))) from.setAttribute(SESSION, next);
  return false;
}

/**
 * A stream container keeps its children between renders: only the elements its operations name
 * are inserted (at their position, within the limit) or updated in place.
 */
function streamChildren(
  from: HTMLElement,
  to: HTMLElement,
  inserts: Map<string, StreamInsert>,
  morphChild: (from: Element, to: Element) => void,
  added?: (el: Element) => void,
): void {
  for (const child of Array.from(to.children)) {
    const insert = inserts.get(child.id);
    if (!insert) continue;
    const existing = Array.from(from.children).find((c) => c.id === child.id);
    if (existing) {
      existing.setAttribute(STREAM_REF, insert.ref);
      child.setAttribute(STREAM_REF, insert.ref);
      morphChild(existing, child);
      continue;
    }
    if (insert.updateOnly) continue;
    child.setAttribute(STREAM_REF, insert.ref);
    from.insertBefore(child, insert.at < 0 ? null : (from.children[insert.at] ?? null));
    added?.(child);
    if (insert.limit !== null) {
      // Positive limits keep the first N children, negative ones the last N.
      while (from.children.length > Math.abs(insert.limit)) {
        (insert.limit >= 0 ? from.lastElementChild! : from.firstElementChild!).remove();
      }
    }
  }
}

/**
 * Replaces the children of `root` with `html`, touching only what changed. Returns false when
 * the HTML had a stub for an element the page does not have: patch again with the whole HTML.
 */
export function patch(
  root: Element,
  html: string,
  callbacks: PatchCallbacks = {},
  force: Element | null = null,
  streams: readonly StreamOp[] = [],
  join = false,
): boolean {
  const inserts = new Map<string, StreamInsert>();
  for (const [ref, added] of streams) {
    for (const [domId, at, limit, updateOnly] of added) {
      inserts.set(domId, { ref, at, limit, updateOnly });
      // An element already there (from the HTTP render, say) joins the stream now, so that a
      // later reset finds it even if this patch leaves it untouched.
      const existing = document.getElementById(domId);
      if (existing && root.contains(existing)) existing.setAttribute(STREAM_REF, ref);
    }
  }
  if (join) {
    // The HTTP render's stream items go unless the join inserts them again.
    for (const container of Array.from(root.querySelectorAll('[phx-update="stream"]'))) {
      for (const child of Array.from(container.children)) {
        if (!inserts.has(child.id)) {
          callbacks.removed?.(child);
          child.remove();
        }
      }
    }
  }
  for (const [ref, , deleted, reset] of streams) {
    const gone = reset ? Array.from(root.querySelectorAll(`[${STREAM_REF}="${ref}"]`)) : [];
    for (const id of deleted) {
      const el = document.getElementById(id);
      if (el && root.contains(el)) gone.push(el);
    }
    for (const el of gone) {
      // A deleted item with phx-remove (not one the patch inserts again) leaves as morphdom's do.
      if (!reset && !inserts.has(el.id) && el.hasAttribute("phx-remove") && callbacks.removing) {
        if (!leaving.has(el)) leaveWith(el, callbacks);
        continue;
      }
      callbacks.removed?.(el);
      el.remove();
    }
  }
  const target = root.cloneNode(false) as Element;
  target.innerHTML = html;
  const missing = { stub: false };
  const options = morphOptions(callbacks, force, inserts, missing, join);
  const spine = streams.length === 0 ? spineOf(target) : null;
  if (spine) morphSpine(root, target, spine, options, true);
  else morphdom(root, target, { ...options, childrenOnly: true });
  return !missing.stub;
}

/** `Node.ELEMENT_NODE`, without needing a DOM global where the module loads. */
const ELEMENT = 1;

/** Elements whose own state morphdom keeps apart from their attributes and children. */
const FORM_TAGS = new Set(["INPUT", "OPTION", "OPTGROUP", "SELECT", "TEXTAREA"]);

/**
 * The elements of a whole-view patch's new HTML that hold stubs (the stubs' ancestors below
 * `target`), when the patch can go down to the stubs itself instead of leaving it all to
 * morphdom, which would first index every element of the page (10,000 rows behind a stub body
 * are 30,000 elements): null when there is no stub, or when the new HTML has an element with an
 * `id` (morphdom finds it anywhere in the view and moves it, which a walk level by level would
 * not), or when a stub's ancestor is a form control (morphdom keeps their state apart).
 */
function spineOf(target: Element): Set<Element> | null {
  const stubs = target.querySelectorAll(`[${SKIP}]`);
  if (stubs.length === 0 || target.querySelector("[id]")) return null;
  const spine = new Set<Element>();
  for (const stub of Array.from(stubs)) {
    for (let el = stub.parentElement; el && el !== target && !spine.has(el); el = el.parentElement) {
      if (FORM_TAGS.has(el.nodeName)) return null;
      spine.add(el);
    }
  }
  return spine;
}

/**
 * A whole-view patch down to its stubs: `from`'s attributes (unless it is the view's root) and
 * children brought to `to`'s, with the rules of morphdom's pass ({@link morphOptions}) for each
 * element. Where the children line up one to one (same kinds, tags and keys, so a stub meets the
 * element it stands for), a stub is left as it is, an element that holds stubs is patched the
 * same way, and any other element is morphed alone; where they do not, morphdom takes the
 * children of `from` (and reports a stub it had to add as missing). An unchanged body behind a
 * stub is then never walked.
 */
function morphSpine(from: Element, to: Element, spine: Set<Element>, options: MorphOptions, isRoot: boolean): void {
  if (!isRoot) {
    if (!options.onBeforeElUpdated!(from as HTMLElement, to as HTMLElement)) return;
    morphAttributes(from, to);
    options.onElUpdated!(from as HTMLElement);
    if (!options.onBeforeElChildrenUpdated!(from as HTMLElement, to as HTMLElement)) return;
  }
  if (!childrenLineUp(from, to, options.getNodeKey!)) {
    morphdom(from, to, { ...options, childrenOnly: true });
    return;
  }
  let next = to.firstChild;
  for (let node = from.firstChild; node; node = node.nextSibling, next = next!.nextSibling) {
    if (node.nodeType !== ELEMENT) {
      if (node.nodeValue !== next!.nodeValue) node.nodeValue = next!.nodeValue;
    } else if ((next as Element).hasAttribute(SKIP)) {
      // The element the stub stands for, as the page shows it.
    } else if (spine.has(next as Element)) {
      morphSpine(node as Element, next as Element, spine, options, false);
    } else {
      morphdom(node, next!, options);
    }
  }
}

/** Whether each child of `from` has its counterpart at the same place among `to`'s. */
function childrenLineUp(from: Element, to: Element, key: (node: Node) => unknown): boolean {
  if (from.childNodes.length !== to.childNodes.length) return false;
  let next = to.firstChild;
  for (let node = from.firstChild; node; node = node.nextSibling, next = next!.nextSibling) {
    if (node.nodeType !== next!.nodeType) return false;
    if (node.nodeType === ELEMENT && (node.nodeName !== next!.nodeName || key(node) !== key(next!))) return false;
  }
  return true;
}

/** Sets `to`'s attributes on `from` and removes those `to` does not have. */
function morphAttributes(from: Element, to: Element): void {
  // By namespace and local name, so a namespaced attribute (`xlink:href`) is matched as one.
  for (const attr of Array.from(to.attributes)) if (from.getAttributeNS(attr.namespaceURI, attr.localName) !== attr.value) from.setAttributeNode(attr.cloneNode() as Attr);
  for (const attr of Array.from(from.attributes)) if (!to.hasAttributeNS(attr.namespaceURI, attr.localName)) from.removeAttributeNode(attr);
}

/**
 * Patches one element (a live component's root) to `html` wherever it is, inside a stream
 * container too, whose children the view's patch leaves alone.
 */
export function patchElement(el: Element, html: string, callbacks: PatchCallbacks = {}, force: Element | null = null): void {
  const next = parseElement(html);
  if (next) morphdom(el, next, morphOptions(callbacks, force, new Map()));
}

/** The one element `html` is (whitespace around it aside), or null if it is not one element. */
function parseElement(html: string): Element | null {
  const holder = document.createElement("template");
  holder.innerHTML = html;
  return holder.content.childElementCount === 1 ? holder.content.firstElementChild : null;
}

/**
 * Brings a view's DOM up to date with its rendered tree after a merge: only the elements the
 * diff changed when it can, the whole view otherwise (a join, stream operations, or a change
 * outside every marked element). Returns the elements patched.
 */
export function patchView(root: Element, rendered: Rendered, callbacks: PatchCallbacks = {}, force: Element | null = null, join = false): Element[] {
  // Stream operations (of components too) are applied by the view's patch.
  const streams = rendered.takeStreams();
  const units = rendered.takeUnits();
  // Stubs need the page's DOM to be ours (not the HTTP render's) and stream operations applied once.
  const whole = join || streams.length > 0;
  const patched = whole || !units ? null : patchUnits(root, units, callbacks, force);
  if (patched) {
    rendered.shown();
    return patched;
  }
  if (!patch(root, rendered.domHTML(whole), callbacks, force, streams, join)) patch(root, rendered.domHTML(true), callbacks, force);
  return [root];
}

/**
 * Patches each unit's element alone: the one marked with its id under `root`, morphed to its new
 * HTML. Returns the patched elements, or null, having changed nothing, when some unit cannot be
 * patched alone (not on the page, inside a container whose children the view's patch leaves to
 * others, or not exactly one element); the caller then patches the whole view.
 */
export function patchUnits(root: Element, units: readonly Unit[], callbacks: PatchCallbacks = {}, force: Element | null = null): Element[] | null {
  const pairs: [Element, Element][] = [];
  for (const unit of units) {
    const el = root.querySelector(`[${MAGIC_ID}="${unit.id}"]`);
    const next = el && ownedBy(root, el) ? parseElement(unit.html) : null;
    if (!next) return null;
    pairs.push([el!, next]);
  }
  const options = morphOptions(callbacks, force, new Map());
  return pairs.map(([el, next]) => morphdom(el, next, options) as Element);
}

/** Whether the view's patch owns `el`: no `phx-update` container or nested view in between. */
function ownedBy(root: Element, el: Element): boolean {
  for (let node = el.parentElement; node && node !== root; node = node.parentElement) {
    if (node.hasAttribute("phx-update") || node.hasAttribute("data-phx-session")) return false;
  }
  return true;
}
