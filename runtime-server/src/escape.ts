/** The characters HTML text and attribute values must not contain unescaped. */
const UNSAFE = /[&<>"']/;
const UNSAFE_ALL = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes a string for HTML text and for double-quoted attribute values alike.
 * Most values need no escaping, so a cheap test comes before the replace.
 */
export function escapeHTML(value: string): string {
  return UNSAFE.test(value) ? value.replace(UNSAFE_ALL, (ch) => ENTITIES[ch]!) : value;
}

/** HTML that is inserted as it is: made by `raw()` and by the attribute helpers. */
export class Safe {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

// Same brand as template.ts's value classes (kept here so escape.ts has no imports).
const KIND = Symbol.for("livetsx.kind");
Object.defineProperty(Safe.prototype, KIND, { value: "safe" });
Object.defineProperty(Safe, Symbol.hasInstance, {
  value: (value: unknown) => typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[KIND] === "safe",
});

/**
 * Marks a string as trusted HTML, inserted without escaping.
 * Never pass user input to it: that is how script injection happens.
 */
export function raw(html: string | number | null | undefined): Safe {
  return new Safe(html == null ? "" : String(html));
}
