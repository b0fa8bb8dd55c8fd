/**
 * Script URLs in attributes. A dynamic `href`, `src`, `action`… whose value is a `javascript:`
 * URL runs script when followed, so such a value is rendered as {@link BLOCKED_URL} unless the
 * view marks it with {@link trustedURL}. Static values, written in the template, are trusted.
 */

/** What a blocked URL is rendered as: a page that does nothing (React does the same). */
export const BLOCKED_URL = "about:blank#blocked";

/**
 * Attributes whose value a browser follows as a navigation (`<a href>`, SVG's `xlink:href`, a
 * form's `action`, a button's `formaction`) or where a URL is only ever a reference (`cite`).
 * `javascript:`, `vbscript:` and `data:` URLs are blocked there: a `data:` page opened from a
 * link is a classic phishing vector and has no use a `trustedURL` cannot serve.
 */
const NAVIGATION = new Set(["href", "xlink:href", "action", "formaction", "cite"]);

/**
 * Attributes whose URL the page loads as a resource (`<iframe src>`, `<embed src>`, `<object
 * data>`, `<video poster>`). `javascript:` and `vbscript:` are blocked there; `data:` is kept:
 * `<img src="data:…">` is common, and a `data:` document loaded in a frame gets an opaque origin,
 * so it cannot reach the page.
 */
const RESOURCE = new Set(["src", "data", "poster"]);

const URL_ATTRIBUTES: ReadonlySet<string> = new Set([...NAVIGATION, ...RESOURCE]);

/** A URL the view vouches for: rendered as it is, whatever its scheme. */
export class TrustedURL {
  constructor(readonly url: string) {}
  toString(): string {
    return this.url;
  }
}

// A brand rather than the class itself, as for Safe: two copies of the package agree.
const KIND = Symbol.for("livetsx.kind");
Object.defineProperty(TrustedURL.prototype, KIND, { value: "trusted-url" });
Object.defineProperty(TrustedURL, Symbol.hasInstance, {
  value: (value: unknown) => typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[KIND] === "trusted-url",
});

/**
 * Marks a URL as one the view trusts, so that a `javascript:` (or `data:`) URL in a dynamic
 * `href`, `src`, `action`… is rendered rather than blocked: `href={trustedURL(bookmarklet)}`.
 * Never pass user input to it.
 */
export function trustedURL(url: string): TrustedURL {
  return new TrustedURL(String(url));
}

/**
 * The value to render for attribute `name` (ASCII case folded, as HTML does): a string value of
 * a URL attribute whose scheme is blocked there becomes {@link BLOCKED_URL}, with a development
 * warning; a {@link TrustedURL} becomes its URL; anything else stays as it is.
 */
export function checkedURL(name: string, value: unknown): unknown {
  if (typeof value === "object" && value instanceof TrustedURL) return value.url;
  if (typeof value !== "string") return value;
  // Names are mostly lowercase already: the exact lookup first, the folded one only for a name
  // of a URL attribute's length (3, 4, 6 or 10) with capitals.
  let attribute = name;
  if (!URL_ATTRIBUTES.has(name)) {
    const length = name.length;
    if (!(length === 3 || length === 4 || length === 6 || length === 10) || !hasASCIICapital(name)) return value;
    attribute = name.toLowerCase();
    if (!URL_ATTRIBUTES.has(attribute)) return value;
  }
  const scheme = blockedScheme(value);
  if (scheme === null || (scheme === "data" && !NAVIGATION.has(attribute))) return value;
  warnBlocked(attribute, scheme);
  return BLOCKED_URL;
}

/** @internal Whether a name (any case) is one whose dynamic values are checked; for the compiler. */
export function isURLAttribute(name: string): boolean {
  return URL_ATTRIBUTES.has(name.toLowerCase());
}

/**
 * The blocked scheme `url` has, lowercased, as the URL parser reads it from the attribute's
 * value: leading C0 controls and spaces skipped, ASCII tabs and newlines ignored anywhere (the
 * parser removes them), any case, then a `:`. NUL is ignored too, which errs towards blocking
 * (the HTML tokenizer turns it into U+FFFD, which ends a scheme). Character references need no
 * decoding: the value is escaped, so `&#106;` reaches the URL parser as those five characters.
 * Null for any other URL: a relative one, or another scheme. The first letter picks the one
 * candidate, so most URLs are answered at their first character.
 */
export function blockedScheme(url: string): "javascript" | "vbscript" | "data" | null {
  let i = 0;
  while (i < url.length && url.charCodeAt(i) <= 0x20) i++;
  // `| 0x20` lowercases a letter; no other character becomes a lowercase letter by it.
  const first = url.charCodeAt(i) | 0x20;
  const scheme = first === 0x6a ? "javascript" : first === 0x76 ? "vbscript" : first === 0x64 ? "data" : null;
  if (scheme === null) return null;
  for (let k = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x00) continue;
    if (k === scheme.length) return c === 0x3a ? scheme : null;
    if ((c | 0x20) !== scheme.charCodeAt(k)) return null;
    k++;
  }
  return null;
}

/** Whether `text` has an ASCII capital, the letters the HTML tokenizer folds. */
function hasASCIICapital(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return true;
  }
  return false;
}

/** Attribute and scheme pairs warned about (a fixed, small set: the attributes are listed). */
const warned = new Set<string>();

/** Development (`NODE_ENV` not `production`): one warning per attribute and scheme. */
function warnBlocked(attribute: string, scheme: string): void {
  const key = `${attribute} ${scheme}`;
  if (process.env.NODE_ENV === "production" || warned.has(key)) return;
  warned.add(key);
  console.warn(
    `[livetsx] blocked a ${scheme}: URL in a dynamic ${attribute} attribute; it is rendered as ${BLOCKED_URL}. ` +
      `If the URL is yours and meant to run, wrap it: ${attribute}={trustedURL(url)} (import trustedURL from "@livetsx/server").`,
  );
}
