/**
 * Portals: a `<template data-phx-portal="selector">` (the server's `<Portal>`) holds one element
 * that the page shows inside the element the selector finds, as Phoenix's client does. The copy
 * there is morphed like the view's own elements, marked with its template's id, and counts as
 * being where its template is: its events, hooks, JS commands and components belong to the
 * template's view, and a click in it is no click away from the template's ancestors. A copy goes
 * with its template (a view that leaves takes its templates along once the next one renders).
 */

/** On a copy: its template's id. */
const SRC = "data-phx-teleported-src";
const PORTAL = "data-phx-portal";
/** Selects portal templates. */
export const PORTALS = `template[${PORTAL}]`;
/** How many levels of portals inside portals one patch moves. */
const MAX_DEPTH = 5;

/** Whether `el` is a portal's template. */
export const isPortal = (el: Element): el is HTMLTemplateElement => el.localName === "template" && el.hasAttribute(PORTAL);

/** Whether `el` is a portal's copy (which the view's own patches leave where it is). */
export const isCopy = (el: Element): boolean => el.hasAttribute(SRC);

/** The template a copy stands for, or null outside every copy. */
function templateOf(el: Element): Element | null {
  const copy = el.closest(`[${SRC}]`);
  return copy && document.getElementById(copy.getAttribute(SRC)!);
}

/** `el.closest(selector)`, going on from a copy to its template. */
export function closestAcross(el: Element, selector: string): Element | null {
  for (let at: Element | null = el; at; at = templateOf(at)) {
    const found = at.closest(`${selector},[${SRC}]`);
    if (!found || !found.hasAttribute(SRC) || found.matches(selector)) return found;
  }
  return null;
}

/** The container of the view `el` belongs to, across portals. */
export const ownerOf = (el: Element): Element | null => closestAcross(el, "[data-phx-session]");

/** Whether `el` is `ancestor` or inside it, counting copies as where their templates are. */
export function inside(ancestor: Element, el: Element): boolean {
  for (let at: Element | null = el; at; at = templateOf(at)) if (ancestor.contains(at)) return true;
  return false;
}

/**
 * Shows each template's element in its target: the copy is created (and reported `added`) or
 * moved there if needed, then morphed to the template's content by `morph`, which queues the
 * templates it meets (portals inside portals) for the next round. Then copies whose template
 * left the page go, reported `removed` first.
 */
export function teleport(queue: HTMLTemplateElement[], morph: (from: Element, to: Element) => void, added?: (el: Element) => void, removed?: (el: Element) => void): void {
  for (let depth = 0; queue.length > 0 && depth < MAX_DEPTH; depth++) {
    for (const template of queue.splice(0)) {
      const selector = template.getAttribute(PORTAL)!;
      const target = document.querySelector(selector);
      const next = template.content.firstElementChild?.cloneNode(true) as Element | undefined;
      if (!target || !next?.id) {
        console.error(`[livetsx] portal ${template.id} needs target ${selector} and one element with an id`);
        continue;
      }
      next.setAttribute(SRC, template.id);
      let copy: Element | null = document.getElementById(next.id);
      if (!copy) {
        copy = target.appendChild(document.createElementNS(next.namespaceURI, next.localName));
        added?.(copy);
      } else if (!target.contains(copy)) target.append(copy);
      morph(copy, next);
    }
  }
  for (let gone = true; gone; ) {
    gone = false;
    for (const copy of document.querySelectorAll(`[${SRC}]`)) {
      if (document.getElementById(copy.getAttribute(SRC)!)) continue;
      removed?.(copy);
      copy.remove();
      gone = true;
    }
  }
}
