/**
 * How a stream step is compared: both clients render the entries a diff carries, and only the
 * steps whose diff carries stream operations say anything about a stream container's children.
 */
import type { Diff } from "../../src/rendered.js";
import { STREAM } from "../../src/wire.js";
import { emptyStreamContainers } from "./html.js";

/** Whether the diff carries a `stream` annotation anywhere (components included). */
export function hasStreamOps(diff: unknown): boolean {
  if (typeof diff !== "object" || diff === null) return false;
  if (!Array.isArray(diff) && STREAM in diff) return true;
  return Object.values(diff).some(hasStreamOps);
}

/**
 * The normaliser for views with one stream: a step with stream operations is compared whole;
 * a step without has its stream containers emptied on both sides (see `emptyStreamContainers`).
 */
export function streamEntriesOfStep(html: string, diff: Diff): string {
  return hasStreamOps(diff) ? html : emptyStreamContainers(html);
}
