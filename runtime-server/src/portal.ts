/**
 * `<Portal id="modal" target="#portal-root">…</Portal>`: content rendered in place inside a
 * `<template data-phx-portal>`, which the client moves into the element `target` selects and
 * keeps patched there, as Phoenix's `<.portal>`. Events in the moved content still go to the
 * view or component that rendered it; removing the portal removes the moved copy.
 *
 * The markup is Phoenix's: `<template id data-phx-portal=target>` around one wrapper element
 * `_lv_portal_wrap_<id>` (the element the client moves), which holds the children.
 */
import { attrs } from "./attributes.js";
import { rendered, template, type Rendered, type Template } from "./template.js";

export interface PortalProps {
  /** The template's DOM id, unique on the page; the wrapper's is `_lv_portal_wrap_<id>`. */
  id: string;
  /** A CSS selector for the one element the content moves into. */
  target: string;
  /** The wrapper's tag. @default "div" */
  container?: string;
  /** The wrapper's class. */
  class?: unknown;
  children?: unknown;
}

/** A tag name the wrapper may have: letters, digits and dashes, starting with a letter. */
const TAG = /^[a-z][a-z0-9-]*$/;

/** One template per wrapper tag; the tags are written in views, so there are few. */
const templates = new Map<string, Template>();

function portalTemplate(tag: string): Template {
  let t = templates.get(tag);
  if (!t) {
    // Slots: the template's attributes, the wrapper's attributes, the children.
    t = template(["<template", `><${tag}`, ">", `</${tag}></template>`], `livetsx-portal-${tag}`, [null, null, null], { root: true });
    if (templates.size < 64) templates.set(tag, t);
  }
  return t;
}

export function Portal({ id, target, container = "div", class: className, children }: PortalProps): Rendered {
  if (typeof id !== "string" || id === "") throw new TypeError('<Portal> needs an id: <Portal id="modal" target="#portal-root">');
  if (typeof target !== "string" || target === "") throw new TypeError(`<Portal id="${id}"> needs a target, a CSS selector.`);
  if (!TAG.test(container)) throw new TypeError(`<Portal id="${id}">: container must be a tag name, got ${JSON.stringify(container)}.`);
  const outer = attrs({ id, "data-phx-portal": target });
  const inner = attrs({ id: `_lv_portal_wrap_${id}`, class: className });
  return rendered(portalTemplate(container), [outer, inner, children], undefined);
}
