/**
 * `<Link>`: an anchor the client turns into live navigation. `patch` stays in the view (its
 * `handleParams` runs), `navigate` mounts another view of the same live session over the socket,
 * `href` is a plain link. Without JavaScript every one of them is a normal link. The URL is
 * checked as a dynamic `href` is: a `javascript:`, `vbscript:` or `data:` URL is rendered as
 * `about:blank#blocked` unless it is given as `trustedURL(url)`.
 */
import { attrs } from "./attributes.js";
import { raw, type Safe } from "./escape.js";
import { renderToString } from "./html.js";
import { TrustedURL } from "./url.js";

export interface LinkProps {
  /** Same view, new URL params. */
  patch?: string;
  /** Another live view of the same live session. */
  navigate?: string;
  /** A full page load. */
  href?: string | TrustedURL;
  /** Replace the current history entry instead of pushing one. @default false */
  replace?: boolean;
  children?: unknown;
  [attribute: string]: unknown;
}

export function Link({ patch, navigate, href, replace = false, children, ...rest }: LinkProps): Safe {
  const to = patch ?? navigate ?? href;
  if (typeof to !== "string" && !(to instanceof TrustedURL)) throw new TypeError("<Link> needs patch, navigate or href.");
  const live = patch !== undefined ? "patch" : navigate !== undefined ? "redirect" : null;
  const attributes: Record<string, unknown> = { ...rest, href: to };
  if (live) {
    attributes["data-phx-link"] = live;
    attributes["data-phx-link-state"] = replace ? "replace" : "push";
  }
  return raw(`<a${attrs(attributes).html}>${renderToString(children)}</a>`);
}
