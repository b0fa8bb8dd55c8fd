/**
 * What the comparison does to HTML: strip the attributes only the official client adds, and put
 * back the subtrees its PHX_SKIP optimisation leaves out, the way its DOM patch does.
 */

/**
 * Attributes the official client adds to root elements for its change tracking: the magic id
 * (`data-phx-id="m1-…"`, `"c1-…"` for components), the skip marker, and the view a component
 * belongs to. `data-phx-component` is not stripped: our client adds it too, and the DOM patch
 * depends on it, so it is compared like any other attribute.
 */
const OFFICIAL_ONLY = / (?:data-phx-id|data-phx-view)="[^"]*"| data-phx-skip(?=[\s/>])/g;

export function stripOfficialAttributes(html: string): string {
  return html.replace(OFFICIAL_ONLY, "");
}

/**
 * A skipped root as `modifyRoot` writes it: the start tag with the root's `id` if it has one,
 * the magic id, any component attributes, `data-phx-skip`, and no content.
 */
const PLACEHOLDER = /<([^\s/>]+)(?: id="[^"]*")? data-phx-id="([^"]+)"[^>]*? data-phx-skip(?:\/>|><\/\1>)/g;

/**
 * The page after the official DOM patch: each skip placeholder is the element with the same
 * magic id in the page before (morphdom keys elements by magic id, and leaves a `data-phx-skip`
 * target's existing element untouched).
 */
export function resolveSkips(html: string, before: string): string {
  return html.replace(PLACEHOLDER, (placeholder, _tag: string, magicId: string) => {
    const element = elementWithMagicId(before, magicId);
    if (element === null) {
      throw new Error(`The official client skipped ${placeholder}, but the page before has no element with that magic id.`);
    }
    return element;
  });
}

const VOID_TAGS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** The outer HTML of the element carrying `data-phx-id="magicId"`, or null. */
function elementWithMagicId(html: string, magicId: string): string | null {
  const at = html.indexOf(` data-phx-id="${magicId}"`);
  if (at < 0) return null;
  // The official client writes the magic id right after the tag name, so the nearest `<` before
  // it opens the element.
  const start = html.lastIndexOf("<", at);
  return html.slice(start, elementEnd(html, start));
}

/**
 * Where the element starting at `start` ends: start and end tags counted, comments and quoted
 * attribute values skipped. Enough for the well-formed HTML our compiler produces (no raw text
 * elements such as `<script>` in the test views).
 */
function elementEnd(html: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < html.length) {
    if (html.startsWith("<!--", i)) {
      i = html.indexOf("-->", i) + 3;
      continue;
    }
    if (html[i] !== "<") {
      i++;
      continue;
    }
    const end = tagEnd(html, i);
    const closing = html[i + 1] === "/";
    const name = /^<\/?([^\s/>]+)/.exec(html.slice(i, end))![1]!.toLowerCase();
    if (closing) depth--;
    else if (!VOID_TAGS.has(name) && html[end - 2] !== "/") depth++;
    i = end;
    if (depth === 0) return i;
  }
  throw new Error(`Unbalanced HTML after offset ${start}: ${html.slice(start, start + 200)}`);
}

/** The index just after the `>` closing the tag that starts at `start`. */
function tagEnd(html: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < html.length; i++) {
    const char = html[i]!;
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === ">") {
      return i + 1;
    }
  }
  throw new Error(`Unterminated tag at offset ${start}: ${html.slice(start, start + 200)}`);
}

/** The cids of the live components in `html`, in order. */
export function componentIds(html: string): number[] {
  return Array.from(html.matchAll(/ data-phx-component="(\d+)"/g), (m) => Number(m[1]));
}

/**
 * `html` with the children of every `phx-update="stream"` container removed. For a step whose
 * diff carries no stream operations: the official client then renders its stream containers
 * empty (it drops stream entries once rendered), ours renders the entries of the last stream
 * diff again, and both DOM patches leave a stream container's children alone unless a stream
 * operation names them. What such a container renders carries no meaning on either side.
 */
export function emptyStreamContainers(html: string): string {
  let out = "";
  let from = 0;
  for (const match of html.matchAll(/<[^\s/>]+[^>]*? phx-update="stream"[^>]*>/g)) {
    const open = match.index!;
    if (open < from) continue;
    const end = elementEnd(html, open);
    const close = html.lastIndexOf("</", end - 1);
    out += html.slice(from, open + match[0].length);
    from = close;
  }
  return out + html.slice(from);
}
