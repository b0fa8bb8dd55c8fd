/**
 * @internal The helpers compiled views import (`@livetsx/server/template`). Not for hand use:
 * the compiler decides their arguments.
 */
export { template, rendered, comprehension, component, track, pure, pureDeps } from "./template.js";
export { attr, attrs, attrHTML } from "./attributes.js";
export { renderToString as html } from "./html.js";
export { raw } from "./escape.js";
export { trustedURL, isURLAttribute } from "./url.js";
export { attributeHTML, classList, styleText } from "./attributes.js";
export { escapeHTML } from "./escape.js";
export { hot } from "./hot.js";
