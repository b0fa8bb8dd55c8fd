/**
 * The keys of the Phoenix LiveView 1.2 rendered format, shared by the server runtime, the client
 * and the tests: nothing spells a wire key as a string literal anywhere else.
 */

/** Statics of a rendered: an array of strings, or an index into the diff's `p` table. */
export const STATIC = "s";
/** 1 when the rendered has a single static root tag. */
export const ROOT = "r";
/** At the top level of an event reply: the hook reply payload. */
export const REPLY = "r";
/** Shared statics for one diff: `{ index: statics }`. */
export const TEMPLATES = "p";
/** A keyed comprehension's entries. */
export const KEYED = "k";
/** A keyed comprehension's new length. */
export const KEYED_COUNT = "kc";
/** Set when any entry of a keyed comprehension moved. */
export const KEYED_MOVED = "km";
/** Stateful components by id. */
export const COMPONENTS = "c";
/** Events pushed to the client: `[[name, payload], …]`. */
export const EVENTS = "e";
/** A new page title. */
export const TITLE = "t";
/** A stream annotation on a comprehension. */
export const STREAM = "stream";
