/**
 * Where a template's elements are in its statics, read once per statics array: its single root
 * tag if it has one, and for each slot the innermost element around it. The client marks those
 * elements so that it can find and patch each of them alone.
 *
 * A dynamic is opaque here: a value inside a tag, or balanced content between tags. The statics
 * come from the compiler, which closes every element it opens.
 */

export const VOID_TAGS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const RAW_TEXT_TAGS = new Set(["script", "style", "textarea", "title"]);
const TAG = /^<(\/?)([a-zA-Z][^\s/>]*)/;

/** An element of the statics: where its tag starts and its name ends, and where it ends. */
export interface Element {
  /** Its number among the template's marked elements; -1 until a slot is found inside it. */
  index: number;
  name: string;
  /** The static where `<` is, the offset of `<`, and the offset just past the tag's name. */
  start: number;
  from: number;
  at: number;
  /** The static and offset just past the `>` of its opening tag. */
  openStatic: number;
  openEnd: number;
  /** The static and offset just past its end (its closing tag, or its only tag if void). */
  end: number;
  to: number;
}

export interface Layout {
  /** The template's single root element, or null if it renders anything but one element. */
  root: Element | null;
  /** The first static up to the end of the root's name, and the rest of it. */
  head: string;
  tail: string;
  /** The whitespace after the root. */
  trail: string;
  /** Per slot: the innermost element around it other than the root, or null. */
  around: (Element | null)[];
  /** Per static: the elements whose name ends in it and that get a mark, by offset. */
  marks: (Element[] | undefined)[];
  /** Whether any element besides the root gets a mark. */
  marked: boolean;
}

const layouts = new WeakMap<string[], Layout>();

export function layoutOf(statics: string[]): Layout {
  let layout = layouts.get(statics);
  if (!layout) layouts.set(statics, (layout = scan(statics)));
  return layout;
}

function scan(statics: string[]): Layout {
  const around: (Element | null)[] = new Array(Math.max(0, statics.length - 1)).fill(null);
  const stack: Element[] = [];
  let tag: { el: Element | null; closing: boolean; name: string } | null = null;
  let quote = "";
  let raw = "";
  let root: Element | null = null;
  // Anything at the top level besides one element (text, a dynamic, a comment, a second
  // element) means there is no single root.
  let single = true;
  for (let s = 0; s < statics.length; s++) {
    const text = statics[s]!;
    let i = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (raw) {
        const end = text.toLowerCase().indexOf(`</${raw}`, i);
        if (end < 0) break;
        raw = "";
        i = end;
        continue;
      }
      if (tag) {
        if (quote) {
          if (c === quote) quote = "";
        } else if (c === '"' || c === "'") {
          quote = c;
        } else if (c === ">") {
          const { el, closing, name } = tag;
          tag = null;
          if (closing) {
            let k = stack.length - 1;
            while (k >= 0 && stack[k]!.name !== name) k--;
            if (k >= 0) {
              for (let j = stack.length - 1; j >= k; j--) {
                stack[j]!.end = s;
                stack[j]!.to = i + 1;
              }
              stack.length = k;
            }
          } else if (el) {
            el.openStatic = s;
            el.openEnd = i + 1;
            if (VOID_TAGS.has(name) || text[i - 1] === "/") {
              el.end = s;
              el.to = i + 1;
            } else {
              stack.push(el);
              if (RAW_TEXT_TAGS.has(name)) raw = name;
            }
          }
        }
        i++;
        continue;
      }
      if (c === "<") {
        if (text.startsWith("<!--", i)) {
          const end = text.indexOf("-->", i + 4);
          if (stack.length === 0) single = false;
          if (end < 0) break;
          i = end + 3;
          continue;
        }
        const match = TAG.exec(text.slice(i, i + 64));
        if (match) {
          const closing = match[1] === "/";
          const name = match[2]!.toLowerCase();
          let el: Element | null = null;
          if (!closing) {
            el = { index: -1, name, start: s, from: i, at: i + match[0].length, openStatic: -1, openEnd: -1, end: -1, to: -1 };
            if (stack.length === 0) {
              if (root === null && s === 0 && text.slice(0, i).trim() === "") root = el;
              else single = false;
            }
          }
          tag = { el, closing, name };
          i += match[0].length;
          continue;
        }
      }
      if (stack.length === 0 && c.trim() !== "") single = false;
      i++;
    }
    if (s < statics.length - 1) {
      // Slot s comes after static s: in the tag being read, or in the innermost open element.
      const el = tag ? tag.el : (stack[stack.length - 1] ?? null);
      if (!el) single = false;
      around[s] = el;
    }
  }
  const last = statics.length - 1;
  if (tag || stack.length > 0 || !root || root.end !== last) single = false;
  const theRoot = single ? root : null;
  const marks: (Element[] | undefined)[] = new Array(statics.length);
  let count = 0;
  for (let s = 0; s < around.length; s++) {
    const el = around[s];
    // The root is marked as the node itself; an element left open cannot be cut out.
    if (!el || el === theRoot || el.end < 0 || el.openStatic < 0) {
      around[s] = null;
      continue;
    }
    if (el.index < 0) {
      el.index = count++;
      (marks[el.start] ??= []).push(el);
    }
  }
  for (const list of marks) list?.sort((a, b) => a.at - b.at);
  return {
    root: theRoot,
    head: theRoot ? statics[0]!.slice(0, theRoot.at) : "",
    tail: theRoot ? statics[0]!.slice(theRoot.at) : "",
    trail: theRoot ? statics[last]!.slice(theRoot.to) : "",
    around,
    marks,
    marked: count > 0,
  };
}
