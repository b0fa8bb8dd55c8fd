/**
 * The runtime helpers compiled code imports from `@livetsx/server/template`, each under a
 * `_$` name that cannot collide with user code.
 */
import * as gen from "./build.js";
import { types as t } from "@babel/core";

export const RUNTIME_MODULE = "@livetsx/server/template";

export type HelperName =
  | "template"
  | "rendered"
  | "comprehension"
  | "component"
  | "track"
  | "attr"
  | "attrs"
  | "attrHTML"
  | "html"
  | "trustedURL"
  | "pure"
  | "pureDeps"
  | "hot";

let used = new Set<HelperName>();

/** A reference to a helper; the transform imports the ones referenced. */
export function helper(name: HelperName): t.Identifier {
  used.add(name);
  return gen.identifier(`_$${name}`);
}

/** Starts a file: forgets the helpers of the previous one and returns the set for this one. */
export function resetHelpers(): Set<HelperName> {
  used = new Set();
  return used;
}
