/**
 * The page side of a DOM replay (bundled by `dom.ts`): one view root, patched as a view patches
 * it after each diff, then compared with the merged tree's HTML.
 */
import { Rendered } from "../../src/rendered.js";
import { patchElement, patchView } from "../../src/dom-patch.js";

export interface Outcome {
  /** The DOM equals the merged tree's HTML (marks aside, attributes in any order). */
  same: boolean;
  /** The patch touched marked elements only, not the whole view. */
  alone: boolean;
  /** The merged tree's HTML. */
  html: string;
  /** What the DOM and that HTML serialise to, to show a difference. */
  dom: string;
  expected: string;
}

let rendered = new Rendered();

function unmarked(root: Element): Element {
  const copy = root.cloneNode(true) as Element;
  for (const el of Array.from(copy.querySelectorAll("[data-phx-id]"))) el.removeAttribute("data-phx-id");
  return copy;
}

function step(diff: Record<string, unknown>, join: boolean): Outcome {
  const root = document.getElementById("root")!;
  if (join) rendered = new Rendered();
  const merged = rendered.merge(diff);
  const patched = patchView(root, rendered, {}, null, join);
  for (const cid of merged.components) {
    const el = root.querySelector(`[data-phx-component="${cid}"]`);
    if (el) patchElement(el, rendered.componentHTML(cid));
  }
  const html = rendered.toString();
  const want = root.cloneNode(false) as Element;
  want.innerHTML = html;
  const got = unmarked(root);
  return { same: got.isEqualNode(want), alone: !patched.includes(root), html, dom: got.innerHTML, expected: want.innerHTML };
}

(window as unknown as { patching: unknown }).patching = { step };
