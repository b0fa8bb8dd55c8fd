/**
 * Spread keys that try to break out of an attribute name, and names that must survive one. Each
 * says whether the HTML tokenizer reads it back as one attribute of that name (ASCII case
 * folded): `valid` names are rendered, the others dropped. The list is the specification the
 * XSS tests check the renders against, written independently of the runtime's check.
 */
export interface NameVector {
  name: string;
  valid: boolean;
  /** The attribute the tokenizer makes of a valid name, when not the name in lower case. */
  as?: string;
}

const invalid = (...names: string[]): NameVector[] => names.map((name) => ({ name, valid: false }));
const valid = (...names: string[]): NameVector[] => names.map((name) => ({ name, valid: true }));

export const NAME_VECTORS: readonly NameVector[] = [
  // Markup injection: quotes and angle brackets end the name, the tag or the element.
  ...invalid(
    'data-"><script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</div><script>alert(1)</script>",
    "<script>",
    "<!--",
    "--><script>alert(1)</script>",
    "a>b",
    ">",
    ">a",
    "a>",
    "/>",
    "a<b",
    "<",
    'a"b',
    '"',
    '"a"',
    "a'b",
    "'",
    'a"onmouseover="alert(1)',
    "a'onmouseover='alert(1)",
  ),
  // `=` and `/` end the name: the rest becomes a value or another attribute.
  ...invalid(
    "a=b",
    "=",
    "=a",
    "style=color:red",
    "src=x onerror=alert(1)",
    "a/b",
    "/",
    "/onload",
    "x/onclick=alert(1)",
  ),
  // Every kind of ASCII whitespace separates attributes.
  ...invalid(
    "a b",
    " leading",
    "trailing ",
    "x onclick=alert(1)",
    "a\tb",
    "\t",
    "a\nb",
    "\n",
    "a\rb",
    "a\r\nb",
    "a\fb",
    "data-x=1 data-y",
  ),
  // Controls: C0 (NUL becomes U+FFFD), DEL, C1.
  ...invalid("a\0b", "\0", "a\x01b", "a\x08b", "a\x0bb", "a\x1bb", "a\x1fb", "a\x7fb", "a\x80b", "a\x85b", "a\x9bb", "a\x9fb"),
  // Noncharacters, and lone surrogates (no UTF-8 encoding).
  ...invalid("a\ufdd0b", "a\ufdefb", "a\ufffeb", "a\uffffb", "a\u{1fffe}b", "a\u{10ffff}b", "a\ud800b", "a\udc00b", "\ud83d"),
  // Nothing at all.
  ...invalid(""),
  // Event handler names are grammatical and kept: their values are escaped like any other.
  ...valid("onclick", "onmouseover", "onerror", "onload", "ONCLICK", "onClick", "OnFocus"),
  // Names of other frameworks and of data: everything but the refused characters is a name.
  ...valid(
    "data-x",
    "data-",
    "aria-label",
    "phx-click",
    "x-on:click",
    "@click",
    ":class",
    "#ref",
    "[prop]",
    "(event)",
    "*ngIf",
    "v-bind:title.prop",
    "data-{x}",
    "a`b",
    "a\\b",
    "a&b",
    "a&amp;b",
    "a;b",
    "a!b",
    "?",
    "a%22b",
    "-",
    "_",
    "1",
    "0abc",
    "DATA-UPPER",
    "xlink:href",
  ),
  // Beyond ASCII: letters, symbols, non-ASCII spaces and format characters are name characters.
  ...valid("data-é", "日本語", "data-😀", "a\u00a0b", "a\u2028b", "a\u3000b", "data-\u200b", "data-\ufeff", "a\ufffdb", "a\u{1fffd}b"),
  // Names an object inherits: a spread key, never a lookup.
  ...valid("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"),
  // React spellings the spread renames.
  { name: "className", valid: true, as: "class" },
  { name: "htmlFor", valid: true, as: "for" },
];

/** The attribute a valid vector becomes in the DOM. */
export function attributeOf(vector: NameVector): string {
  return vector.as ?? vector.name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
