/**
 * Applies a view's new HTML to its root element with morphdom: only what differs is touched,
 * the focused input keeps what the user is typing, `phx-update="ignore"` is left alone.
 */
import morphdomModule from "morphdom";

interface MorphOptions {
  childrenOnly?: boolean;
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
  /** An element was updated in place. */
  updated?: (el: Element) => void;
  /** An element is about to leave the DOM. */
  removed?: (el: Element) => void;
}

function isFormControl(el: Element): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

/** Replaces the children of `root` with `html`, touching only what changed. */
/**
 * `force`: a form whose submit this patch answers; its inputs take the server's values even when
 * focused (so a chat input clears after sending).
 */
export function patch(root: Element, html: string, callbacks: PatchCallbacks = {}, force: Element | null = null): void {
  const target = root.cloneNode(false) as Element;
  target.innerHTML = html;
  const focused = document.activeElement;
  morphdom(root, target, {
    childrenOnly: true,
    onBeforeElUpdated(from, to) {
      if (from.getAttribute("phx-update") === "ignore") return false;
      // Loading classes belong to the client until the reply arrives; keep them through patches.
      for (const name of Array.from(from.classList)) {
        if (name.startsWith("phx-") && name.endsWith("-loading")) to.classList.add(name);
      }
      // Equal subtrees are skipped without walking them.
      if (from.isEqualNode(to)) return false;
      if (from === focused && isFormControl(from) && isFormControl(to) && !force?.contains(from)) {
        // What the user is typing wins over what the server last saw.
        if (from instanceof HTMLInputElement && (from.type === "checkbox" || from.type === "radio")) {
          (to as HTMLInputElement).checked = from.checked;
        } else {
          to.value = from.value;
        }
      }
      return true;
    },
    onElUpdated(el) {
      callbacks.updated?.(el);
    },
    onNodeAdded(node) {
      if (node instanceof Element) callbacks.added?.(node);
      return node;
    },
    onBeforeNodeDiscarded(node) {
      if (node instanceof Element) callbacks.removed?.(node);
      return true;
    },
  });
}
