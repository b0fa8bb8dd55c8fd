import { escapeHTML, Safe } from "./escape.js";
import { checkedURL } from "./url.js";

/** CSS properties whose numeric values carry no unit (no `px` is appended). */
const UNITLESS = new Set([
  "opacity", "zIndex", "fontWeight", "lineHeight", "flex", "flexGrow", "flexShrink", "order",
  "zoom", "columnCount", "orphans", "widows", "tabSize", "gridRow", "gridColumn", "scale",
]);

/** React's spellings HTML spells otherwise; a function, so no key finds an inherited value. */
function renamed(key: string): string {
  return key === "className" ? "class" : key === "htmlFor" ? "for" : key;
}


/** Turns a `class` value (string, array, object, nested) into a class list. */
export function classList(value: unknown): string {
  if (typeof value === "string") return value;
  if (!value) return "";
  if (Array.isArray(value)) {
    let out = "";
    for (const item of value) {
      const part = classList(item);
      if (part) out = out ? `${out} ${part}` : part;
    }
    return out;
  }
  if (typeof value === "object") {
    let out = "";
    for (const [name, on] of Object.entries(value)) if (on) out = out ? `${out} ${name}` : name;
    return out;
  }
  return String(value);
}

function kebab(property: string): string {
  return property.startsWith("--") ? property : property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Turns a `style` value (string or object of properties) into declarations. */
export function styleText(value: unknown): string {
  if (typeof value === "string") return value;
  if (!value || typeof value !== "object") return value ? String(value) : "";
  const parts: string[] = [];
  for (const [property, v] of Object.entries(value)) {
    if (v == null || v === false) continue;
    const unit = typeof v === "number" && v !== 0 && !UNITLESS.has(property) && !property.startsWith("--") ? "px" : "";
    parts.push(`${kebab(property)}:${String(v)}${unit}`);
  }
  return parts.join(";");
}

/** Renders one attribute as ` name="value"`, ` name` or nothing, by the rules of html-rules.md. */
export function attributeHTML(name: string, value: unknown): string {
  if (typeof value === "function") {
    throw new TypeError(
      `Attribute "${name}" was given a function. Views render on the server, so there is no ` +
        `client-side handler to attach: bind an event instead, e.g. phx-click="save".`,
    );
  }
  if (name === "class") value = classList(value) || null;
  else if (name === "style") value = styleText(value) || null;
  else if (typeof value === "boolean" && name.startsWith("aria-")) value = String(value);
  if (value == null || value === false) return "";
  if (value === true) return ` ${name}`;
  return ` ${name}="${escapeHTML(String(value))}"`;
}

/**
 * A dynamic attribute slot: `class={cls}` compiles to `attr("class", cls)`. A script URL in a URL
 * attribute is blocked (see `url.ts`); static values never come here, they are trusted.
 */
export function attr(name: string, value: unknown): Safe {
  return new Safe(attrHTML(name, value));
}

/** @internal What {@link attr} wraps: the attribute's HTML, which compiled entry HTML functions use as it is. */
export function attrHTML(name: string, value: unknown): string {
  return attributeHTML(name, checkedURL(name, value));
}

/**
 * An element's attributes when it has a spread (`<div {...rest} id="x">`): the compiler merges
 * every attribute into one object in source order, so later ones win as in JSX.
 *
 * A spread's keys are names made at run time, so each must be a valid attribute name (see
 * {@link isAttributeName}); one that is not is dropped, with a development warning. `on*` names
 * (`onclick`) are valid names and are kept, as HEEx keeps them: the check stops markup
 * injection, not a handler the spread object asks for, so never spread an object whose keys
 * come from user input. Values are checked as {@link attr} checks them; the compiler marks the
 * static ones written in the template with `trustedURL`.
 */
export function attrs(attributes: Readonly<Record<string, unknown>> | null | undefined): Safe {
  let html = "";
  if (!attributes) return new Safe(html);
  const entries = Object.entries(attributes);
  for (const [key, value] of entries) {
    if (key === "key" || key === "children") continue;
    const kind = nameKind(key);
    if (kind === INVALID) warnInvalidName(key);
    // Two keys may name one attribute: start again, folding names.
    else if (kind === CAPITALS || renamed(key) !== key) return new Safe(foldedAttrs(entries));
    else html += attributeHTML(key, checkedURL(key, value));
  }
  return new Safe(html);
}

/**
 * Attributes whose keys differ but name one attribute: `class` and `className`, `href` and `HREF`
 * (the HTML tokenizer folds ASCII case). The browser keeps the first of a repeated attribute;
 * JSX means the last, so each name is rendered once, with the value of its last key.
 */
function foldedAttrs(entries: [string, unknown][]): string {
  const byName = new Map<string, string>();
  for (const [key, value] of entries) {
    // ASCII only, as the tokenizer folds: `data-É` and `data-é` are two attributes.
    const name = renamed(key).replace(/[A-Z]/g, (c) => c.toLowerCase());
    byName.delete(name);
    byName.set(name, spreadAttributeHTML(key, value));
  }
  let html = "";
  for (const part of byName.values()) html += part;
  return html;
}

function spreadAttributeHTML(key: string, value: unknown): string {
  if (key === "key" || key === "children") return "";
  if (!isAttributeName(key)) {
    warnInvalidName(key);
    return "";
  }
  return attributeHTML(renamed(key), checkedURL(key, value));
}

/**
 * Whether `name` can be written as an attribute name and read back as the same name by the HTML
 * tokenizer (up to ASCII case, which it lowercases). That is the HTML syntax's attribute-name
 * production, one or more characters other than controls (C0, DEL, C1), space, `"`, `'`, `>`,
 * `/`, `=` and noncharacters, made stricter: `<` (a parse error the tokenizer reports) and lone
 * surrogates (no UTF-8 encoding; they arrive as U+FFFD) are refused as well.
 */
export function isAttributeName(name: string): boolean {
  return nameKind(name) !== INVALID;
}

const INVALID = 0;
const LOWERCASE = 1;
const CAPITALS = 2;

/** {@link isAttributeName}, and whether a valid name has ASCII capitals, in one pass. */
function nameKind(name: string): typeof INVALID | typeof LOWERCASE | typeof CAPITALS {
  if (name.length === 0) return INVALID;
  let kind: typeof LOWERCASE | typeof CAPITALS = LOWERCASE;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x7f) {
      // Controls and space, then " ' / < = >.
      if (c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x2f || c === 0x3c || c === 0x3d || c === 0x3e) return INVALID;
      if (c >= 0x41 && c <= 0x5a) kind = CAPITALS;
    } else if (c <= 0x9f) {
      return INVALID;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const low = c <= 0xdbff ? name.charCodeAt(i + 1) : NaN;
      if (!(low >= 0xdc00 && low <= 0xdfff)) return INVALID;
      // U+1FFFE, U+1FFFF, … U+10FFFF: the last two code points of every plane are noncharacters.
      if (((((c - 0xd800) << 10) + (low - 0xdc00)) & 0xfffe) === 0xfffe) return INVALID;
      i++;
    } else if ((c >= 0xfdd0 && c <= 0xfdef) || c >= 0xfffe) {
      return INVALID;
    }
  }
  return kind;
}

/** Names warned about so far; past the bound, invalid names are dropped without a word. */
const warnedNames = new Set<string>();
/** Distinct invalid names warned about at most, so that hostile keys cannot grow the set. */
const MAX_WARNED_NAMES = 100;

/** Development (`NODE_ENV` not `production`): one warning per invalid name. */
function warnInvalidName(name: string): void {
  if (process.env.NODE_ENV === "production" || warnedNames.has(name) || warnedNames.size > MAX_WARNED_NAMES) return;
  warnedNames.add(name);
  if (warnedNames.size > MAX_WARNED_NAMES) {
    console.warn(`[livetsx] more than ${MAX_WARNED_NAMES} invalid attribute names were dropped; no more are reported`);
    return;
  }
  const shown = name.length > 80 ? `${JSON.stringify(name.slice(0, 80))}…` : JSON.stringify(name);
  console.warn(
    `[livetsx] dropped the spread attribute ${shown}: not a valid HTML attribute name (one that has ` +
      `whitespace, a quote, <, >, /, = or a control character). Rename the key, or leave it out of the spread object.`,
  );
}
