/**
 * Types for JSX in `.tsx` views (with `"jsx": "preserve"` in tsconfig): the compiler turns JSX
 * into templates, and a JSX expression's value is a `Rendered`.
 */
import type { Rendered } from "./template.js";
import type { LiveComponentCall } from "./component.js";

declare global {
  namespace JSX {
    /** A template's render, or a live component (`<LiveComponent module={…} id={…} />`). */
    type Element = Rendered | LiveComponentCall;
    /** A function component may return anything that renders: JSX, a string, null. */
    type ElementType = string | ((props: any) => unknown);
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
