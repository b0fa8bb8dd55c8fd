/**
 * Types for JSX in `.tsx` views (with `"jsx": "preserve"` in tsconfig): the compiler turns JSX
 * into templates, and a JSX expression's value is a `Rendered`.
 *
 * Elements are the HTML and SVG ones (`jsx-types/`), with HTML's attribute names (`class`,
 * `for`) and typed values; custom elements are declared in {@link CustomElements}
 * (`HTMLAttributes` is exported for that).
 *
 * What TypeScript cannot check in JSX:
 * - a misspelled attribute with a dash in its name: TypeScript exempts such names from the
 *   excess-property check, so only the values of the attributes declared here are checked. The
 *   compiler fails the build on a `phx-` name that is no binding (`phx-clik`); `aria-lable` and
 *   `data-*` names go unchecked;
 * - that an event binding (`phx-click="inc"`) names one of the view's own events: an intrinsic
 *   element's attributes have one type for the whole program, so a literal cannot be checked
 *   against the view it is written in. The compiler checks it; `EventNames` narrows the names
 *   app-wide for TypeScript.
 */
import type { Rendered } from "./template.js";
import type { LiveComponentCall } from "./component.js";
import type { HTMLElementTags } from "./jsx-types/html.js";
import type { SVGElementTags } from "./jsx-types/svg.js";

/**
 * The custom elements the app uses (a name with a dash), with their attributes. Undeclared
 * tags are type errors, so a misspelled one is found:
 *
 * ```ts
 * declare module "@livetsx/server" {
 *   interface CustomElements {
 *     "my-widget": HTMLAttributes & { size?: "small" | "large" };
 *   }
 * }
 * ```
 */
export interface CustomElements {}

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
    /** The HTML and SVG elements and the app's {@link CustomElements}. */
    interface IntrinsicElements extends HTMLElementTags, SVGElementTags, CustomElements {}
  }
}

export {};
