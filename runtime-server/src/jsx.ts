/**
 * Types for JSX in `.tsx` views (with `"jsx": "preserve"` in tsconfig): the compiler turns JSX
 * into templates, and a JSX expression's value is a `Rendered`.
 */
import type { Rendered } from "./template.js";

declare global {
  namespace JSX {
    type Element = Rendered;
    interface ElementChildrenAttribute {
      children: {};
    }
    interface IntrinsicAttributes {
      /** Keys a list entry. */
      key?: string | number | bigint | null;
    }
    /** Any tag, any attribute: attribute names follow HTML (`class`, `phx-click`, `aria-*`). */
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>;
    }
  }
}

export {};
