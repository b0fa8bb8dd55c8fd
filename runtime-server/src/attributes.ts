import { escapeHTML, Safe } from "./escape.js";

/** CSS properties whose numeric values carry no unit (no `px` is appended). */
const UNITLESS = new Set([
  "opacity", "zIndex", "fontWeight", "lineHeight", "flex", "flexGrow", "flexShrink", "order",
  "zoom", "columnCount", "orphans", "widows", "tabSize", "gridRow", "gridColumn", "scale",
]);

const RENAMED: Readonly<Record<string, string>> = { className: "class", htmlFor: "for" };

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

/** A dynamic attribute slot: `class={cls}` compiles to `attr("class", cls)`. */
export function attr(name: string, value: unknown): Safe {
  return new Safe(attributeHTML(name, value));
}

/**
 * An element's attributes when it has a spread (`<div {...rest} id="x">`): the compiler merges
 * every attribute into one object in source order, so later ones win as in JSX.
 */
export function attrs(attributes: Readonly<Record<string, unknown>> | null | undefined): Safe {
  let html = "";
  if (attributes) {
    for (const [key, value] of Object.entries(attributes)) {
      if (key === "key" || key === "children") continue;
      html += attributeHTML(RENAMED[key] ?? key, value);
    }
  }
  return new Safe(html);
}
