/**
 * What `view.find(selector)` gives: the matching elements' count, text, attributes and HTML.
 * Reading one value of several elements is an error, so a test never checks the wrong one.
 */
import type { PageElement } from "./page.js";

/** Keeps the elements whose text contains the string, or matches the pattern. */
export type TextFilter = string | RegExp;

/** Text as a reader sees it: runs of whitespace as one space, trimmed. */
export function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function describe(text: TextFilter): string {
  return typeof text === "string" ? JSON.stringify(text) : String(text);
}

export class Found {
  constructor(
    readonly selector: string,
    private readonly elements: readonly PageElement[],
    private readonly filter?: TextFilter,
  ) {}

  /** How many elements match. */
  get count(): number {
    return this.elements.length;
  }

  /** Whether any element matches. */
  get exists(): boolean {
    return this.elements.length > 0;
  }

  /** The text of the one matching element, whitespace collapsed. */
  get text(): string {
    return normalize(this.one("text").textContent ?? "");
  }

  /** The text of each matching element, whitespace collapsed. */
  get texts(): string[] {
    return this.elements.map((el) => normalize(el.textContent ?? ""));
  }

  /** The one matching element's attribute, or null when it has none. */
  attr(name: string): string | null {
    return this.one(`attr(${JSON.stringify(name)})`).getAttribute(name);
  }

  /** Each matching element's attribute. */
  attrs(name: string): (string | null)[] {
    return this.elements.map((el) => el.getAttribute(name));
  }

  /** The one matching element's HTML, itself included. */
  get html(): string {
    return this.one("html").outerHTML;
  }

  private one(what: string): PageElement {
    if (this.elements.length === 1) return this.elements[0]!;
    const filter = this.filter === undefined ? "" : ` with text ${describe(this.filter)}`;
    const count = this.elements.length === 0 ? "no element matches" : `${this.elements.length} elements match`;
    throw new Error(`find(${JSON.stringify(this.selector)}).${what}: ${count}${filter}; it reads one element`);
  }
}
