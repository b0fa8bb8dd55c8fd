/**
 * Event payloads built from the page's elements as the official client builds them: an
 * element's `phx-value-*` attributes and value, a key event's key, and a form as the URL-encoded
 * string of its fields with an `_unused_` marker for each field the user has not touched.
 */
import type { PageElement } from "./page.js";

/** Field values a test fills in: `{ user: { email: "a@b.c" } }` or `{ "user[email]": "a@b.c" }`. */
export type FormValues = Record<string, unknown>;

const CHECKABLE = new Set(["checkbox", "radio"]);
/** Inputs that never carry a value in a form's data. */
const NOT_DATA = new Set(["submit", "button", "reset", "image", "file"]);

/** `phx-value-*` attributes as an object: `phx-value-id="3"` → `{ id: "3" }`. */
export function valuesOf(el: PageElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attr of Array.from(el.attributes)) {
    if (attr.name.startsWith("phx-value-")) out[attr.name.slice("phx-value-".length)] = attr.value;
  }
  return out;
}

/** What an element's `value` property would be, or undefined for elements without one. */
export function valueProperty(el: PageElement): string | undefined {
  switch (el.tagName) {
    case "INPUT":
      return el.getAttribute("value") ?? (CHECKABLE.has(type(el)) ? "on" : "");
    case "BUTTON":
    case "OPTION":
      return el.getAttribute("value") ?? (el.tagName === "OPTION" ? (el.textContent ?? "") : "");
    case "TEXTAREA":
      return el.textContent ?? "";
    case "SELECT":
      return selectValues(el)[0] ?? "";
    default:
      return undefined;
  }
}

/**
 * A click's value: the `phx-value-*` attributes and the element's value (a button's is `""`),
 * except an unchecked checkbox's or radio's.
 */
export function clickValue(el: PageElement): Record<string, unknown> {
  const value: Record<string, unknown> = { ...valuesOf(el) };
  const own = valueProperty(el);
  if (own !== undefined && !(el.tagName === "INPUT" && CHECKABLE.has(type(el)) && !el.hasAttribute("checked"))) value.value = own;
  return value;
}

function type(el: PageElement): string {
  return (el.getAttribute("type") ?? "text").toLowerCase();
}

function selectValues(select: PageElement): string[] {
  const options = Array.from(select.querySelectorAll("option")).filter((o) => !o.hasAttribute("disabled") || o.hasAttribute("selected"));
  const selected = options.filter((o) => o.hasAttribute("selected"));
  const value = (o: PageElement) => o.getAttribute("value") ?? (o.textContent ?? "").trim();
  if (select.hasAttribute("multiple")) return selected.map(value);
  const chosen = selected.at(-1) ?? options[0];
  return chosen ? [value(chosen)] : [];
}

/** A form's fields: the named inputs, selects and textareas inside it that are not disabled. */
export function formFields(form: PageElement): PageElement[] {
  return Array.from(form.querySelectorAll("input[name], select[name], textarea[name], button[name]")).filter(
    (el) => !el.hasAttribute("disabled") && el.closest("fieldset[disabled]") === null,
  );
}

/** `{ user: { email: "x" } }` → `[["user[email]", "x"]]`; arrays give `name[]` entries, as a form does. */
export function flattenValues(values: FormValues, prefix = ""): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(values)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) out.push(...flattenValues(value as FormValues, name));
    else out.push([name, value]);
  }
  return out;
}

/** `user[email]` → `user[_unused_email]`, `email` → `_unused_email`: Phoenix's marker names. */
function unusedName(name: string): string {
  const open = name.lastIndexOf("[");
  if (open < 0 || !name.endsWith("]")) return `_unused_${name}`;
  return `${name.slice(0, open + 1)}_unused_${name.slice(open + 1)}`;
}

/** What {@link serializeForm} needs besides the form. */
export interface SerializeOptions {
  /** Values the user typed, by field name; they replace what the page shows. */
  values: Map<string, unknown>;
  /** The field names the user has touched; every other field gets an `_unused_` marker. */
  used: ReadonlySet<string>;
  /** The submit button pressed, whose name and value go with the form. */
  submitter?: PageElement | null;
}

/**
 * The form as the official client sends it: each field's name and value in document order (a
 * checkbox or radio only when checked, a multiple select once per selected option), the
 * submitter's pair, and `_unused_` markers.
 */
export function serializeForm(form: PageElement, options: SerializeOptions): string {
  const params = new URLSearchParams();
  const entries: [string, string][] = [];
  const unused = new Map<string, boolean>();
  const onlyHidden = new Map<string, boolean>();
  const seen = new Map<string, number>();
  for (const el of formFields(form)) {
    const name = el.getAttribute("name")!;
    const kind = el.tagName === "INPUT" ? type(el) : el.tagName.toLowerCase();
    if (el.tagName === "BUTTON") {
      if (el === options.submitter) entries.push([name, valueProperty(el) ?? ""]);
      continue;
    }
    if (el.tagName === "INPUT" && NOT_DATA.has(kind)) {
      if (el === options.submitter) entries.push([name, valueProperty(el) ?? ""]);
      continue;
    }
    unused.set(name, (unused.get(name) ?? true) && !options.used.has(name) && !el.hasAttribute("phx-no-unused-field"));
    onlyHidden.set(name, (onlyHidden.get(name) ?? true) && kind === "hidden");
    for (const value of fieldValues(el, kind, name, options.values, seen)) entries.push([name, value]);
  }
  const skipUnused = form.hasAttribute("phx-no-unused-field");
  for (const [name, value] of entries) {
    params.append(name, value);
    if (unused.get(name) && !onlyHidden.get(name) && !skipUnused) {
      params.append(unusedName(name), "");
      unused.set(name, false);
    }
  }
  return params.toString();
}

/**
 * The values one field contributes: the typed value where the test gave one (for a checkbox or
 * radio, checked when the given value is its own, `true`, or in a given array), else the page's.
 */
function fieldValues(el: PageElement, kind: string, name: string, values: Map<string, unknown>, seen: Map<string, number>): string[] {
  const own = valueProperty(el) ?? "";
  const key = values.has(name) ? name : values.has(`${name.replace(/\[\]$/, "")}`) ? name.replace(/\[\]$/, "") : null;
  if (CHECKABLE.has(kind)) {
    if (key === null) return el.hasAttribute("checked") ? [own] : [];
    const wanted = values.get(key);
    const list = Array.isArray(wanted) ? wanted.map(String) : [wanted === true ? own : String(wanted)];
    return wanted !== false && wanted !== null && list.includes(own) ? [own] : [];
  }
  if (key === null) return kind === "select" ? selectValues(el) : [own];
  const wanted = values.get(key);
  const index = seen.get(name) ?? 0;
  seen.set(name, index + 1);
  if (Array.isArray(wanted)) {
    // `tags[]` fields, one per input in order, or a multiple select's options.
    if (kind === "select") return wanted.map(String);
    return index < wanted.length ? [String(wanted[index])] : [];
  }
  // A second field of the same name keeps what the page shows.
  if (index > 0) return [own];
  return [wanted === null || wanted === undefined ? "" : String(wanted)];
}
