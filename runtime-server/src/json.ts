/**
 * The messages that may cross nodes: JSON values, checked before they leave so that a message
 * that would not survive the trip fails where it is sent, naming what is wrong with it.
 */

/** How deep a message may nest; deeper is refused (and a cycle is caught by it too). */
export const MAX_JSON_DEPTH = 64;

/**
 * Encodes `value` as JSON text, or throws a `TypeError` naming the first part of it that is no
 * JSON value (a function, `undefined`, a non-finite number, a bigint, a symbol, a class instance
 * such as a Date or a Map, an object nested past {@link MAX_JSON_DEPTH}) and where it is.
 * `what` says what is being sent (`broadcast to "chat"`), for the message.
 */
export function encodeJSON(value: unknown, what: string): string {
  const problem = jsonProblem(value, "message", 0);
  if (problem !== null) throw new TypeError(`${what}: only JSON can cross nodes, but ${problem}.`);
  return JSON.stringify(value);
}

function jsonProblem(value: unknown, path: string, depth: number): string | null {
  if (value === null || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") return Number.isFinite(value) ? null : `${path} is ${String(value)}`;
  if (typeof value !== "object") return `${path} is ${typeof value === "function" ? "a function" : typeof value}`;
  if (depth >= MAX_JSON_DEPTH) return `${path} nests deeper than ${MAX_JSON_DEPTH} levels (or is circular)`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = jsonProblem(value[i], `${path}[${i}]`, depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) {
    return `${path} is ${describeInstance(value)}, not a plain object (send its data: a string, a number or a plain object)`;
  }
  for (const key of Object.keys(value)) {
    const problem = jsonProblem((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (problem !== null) return problem;
  }
  return null;
}

function describeInstance(value: object): string {
  const name = (value.constructor as { name?: unknown } | undefined)?.name;
  return typeof name === "string" && name !== "" ? `a ${name}` : "an object with a prototype";
}
