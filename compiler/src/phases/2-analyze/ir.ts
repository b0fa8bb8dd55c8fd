/**
 * The intermediate representation analysis writes and the transform reads: one `TemplateIR`
 * per JSX tree, with every slot's deps decided.
 */
import type { types as t } from "@babel/core";
import type { Deps } from "./deps.js";

export type SlotKind = "text" | "attr" | "attrs" | "component" | "list" | "entry";

export interface SlotIR {
  kind: SlotKind;
  deps: Deps;
  /** The source of the slot's expression, shortened, for the metadata. */
  code: string;
  /** Where the slot's expression starts (1-based line and column). */
  line: number;
  column: number;
  /** For a component slot: the deps of each prop. */
  props?: Record<string, Deps>;
  /** Builds the slot's value expression; called by the transform, after nested replacements. */
  value: () => t.Expression;
  /** The value is wrapped in a closure and evaluated only when the deps changed. */
  lazy: boolean;
}

export interface TemplateIR {
  /** `_tmpl$0`, … in source order. */
  id: string;
  statics: string[];
  slots: SlotIR[];
  /** A single element at the root (Phoenix's `r: 1`). */
  root: boolean;
  /** A list entry template: its callback's bindings as paths into the callback's arguments. */
  bindings?: Record<string, (string | number)[]>;
  /**
   * For a list entry template: outer deps read only in `item.path === dep` comparisons, each
   * with its loop path (see phases/2-analyze/selectors.ts).
   */
  selects?: Record<string, string>;
  fingerprint: string;
  line: number;
  column: number;
  /** The name of the scope variable rendered() receives, or null when untracked. */
  scope: string | null;
  /** The region that declares `_scope$`; the transform marks it used. */
  region: { usesScope: boolean } | null;
}
