/** Event of a client's request to join a topic. */
export const PHX_JOIN = "phx_join";
/** Event of a client's request to leave a topic. */
export const PHX_LEAVE = "phx_leave";
/** Event of every server reply to a client message; the payload is `{status, response}`. */
export const PHX_REPLY = "phx_reply";
/** Event the server pushes when a joined view crashed; the client rejoins. */
export const PHX_ERROR = "phx_error";
/** Event the server pushes when it closed a topic. */
export const PHX_CLOSE = "phx_close";
/** Event of the client's keep-alive, sent on {@link PHOENIX_TOPIC} every 30 s. */
export const HEARTBEAT = "heartbeat";
/** The socket-level topic, which carries heartbeats and belongs to no view. */
export const PHOENIX_TOPIC = "phoenix";

/**
 * One Phoenix Channels message. On the wire (serializer "2.0.0") it is the JSON array
 * `[join_ref, ref, topic, event, payload]`.
 */
export interface Message {
  /** The `ref` of the join that opened this channel; null on the `phoenix` topic. */
  joinRef: string | null;
  /** The client's id for a request, echoed in its reply; null for server pushes. */
  ref: string | null;
  /** The channel, e.g. `"lv:phx-F0a1"` or `"phoenix"`. */
  topic: string;
  /** What happened, e.g. `"phx_join"`, `"event"`, `"diff"`. */
  event: string;
  /** The event's data; always a JSON object in frames from the official client. */
  payload: unknown;
}

/** Outcome of {@link decodeFrame}: the message, or why the frame was rejected. */
export type DecodeResult = { ok: true; message: Message } | { ok: false; error: string };

/** The `status` of a `phx_reply`. */
export type ReplyStatus = "ok" | "error";

/** The number of elements of a V2 frame: join_ref, ref, topic, event, payload. */
const FRAME_LENGTH = 5;

/** Names a JSON value's kind for error messages; `typeof` alone calls arrays and null objects. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Keys dropped from every frame, at any depth, as form params drop them (`params.ts`): JSON.parse
 * makes `"__proto__"` an own key, which replaces the prototype of the object a handler copies it
 * into with `Object.assign` or `obj[key] = …`, and `constructor.prototype` reaches
 * `Object.prototype` through a deep merge. No event value, join param or connect param has them.
 */
const FORBIDDEN_KEYS = ["__proto__", "constructor", "prototype"] as const;
const MAY_HOLD_FORBIDDEN = /__proto__|constructor|prototype|\\u/;

/**
 * Deletes the forbidden keys of every object in a parsed frame. A loop over a stack, not a
 * JSON.parse reviver, whose recursion overflows on deeply nested input that JSON.parse itself
 * reads: the frame would be refused as no JSON.
 */
function dropForbiddenKeys(root: unknown): void {
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== "object" || value === null) continue;
    if (!Array.isArray(value)) {
      for (const key of FORBIDDEN_KEYS) if (Object.hasOwn(value, key)) delete (value as Record<string, unknown>)[key];
    }
    for (const child of Object.values(value)) if (typeof child === "object" && child !== null) stack.push(child);
  }
}

/**
 * Parses a text frame into a {@link Message}. Frames come from the network, so this never
 * throws: a malformed frame yields `{ok: false, error}` with a one-line reason for the log.
 * The reason names the faulty field but never echoes the frame, which can be large and can
 * carry user data.
 */
export function decodeFrame(data: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { ok: false, error: "frame is not valid JSON" };
  }
  // Most frames cannot spell a forbidden key, escaped (`\u005f`) or not: no walk for them.
  if (MAY_HOLD_FORBIDDEN.test(data)) dropForbiddenKeys(parsed);
  if (!Array.isArray(parsed)) {
    return { ok: false, error: `frame must be an array of ${FRAME_LENGTH} elements, got ${kindOf(parsed)}` };
  }
  if (parsed.length !== FRAME_LENGTH) {
    return { ok: false, error: `frame must be an array of ${FRAME_LENGTH} elements, got ${parsed.length}` };
  }
  const [joinRef, ref, topic, event, payload] = parsed as unknown[];
  if (joinRef !== null && typeof joinRef !== "string") {
    return { ok: false, error: `join_ref must be a string or null, got ${kindOf(joinRef)}` };
  }
  if (ref !== null && typeof ref !== "string") {
    return { ok: false, error: `ref must be a string or null, got ${kindOf(ref)}` };
  }
  if (!isNonEmptyString(topic)) {
    return { ok: false, error: `topic must be a non-empty string, got ${describeString(topic)}` };
  }
  if (!isNonEmptyString(event)) {
    return { ok: false, error: `event must be a non-empty string, got ${describeString(event)}` };
  }
  if (!isPlainObject(payload)) {
    return { ok: false, error: `payload must be a JSON object, got ${kindOf(payload)}` };
  }
  return { ok: true, message: { joinRef, ref, topic, event, payload } };
}

/** Like {@link kindOf}, but tells an empty string apart from a wrong type. */
function describeString(value: unknown): string {
  return value === "" ? "an empty string" : kindOf(value);
}

/**
 * Serialises a message as a V2 text frame, `[join_ref, ref, topic, event, payload]`.
 * Throws like `JSON.stringify` when the payload cannot be serialised (a cycle, a BigInt):
 * that is a bug in the server, not bad input.
 */
export function encodeFrame(message: Message): string {
  return JSON.stringify([message.joinRef, message.ref, message.topic, message.event, message.payload]);
}

/**
 * The reply to a client request: event `phx_reply` on the request's topic, echoing its
 * `join_ref` and `ref` (the client matches replies to requests by them), with payload
 * `{status, response}`.
 */
export function reply(request: Message, status: ReplyStatus, response: object): Message {
  return {
    joinRef: request.joinRef,
    ref: request.ref,
    topic: request.topic,
    event: PHX_REPLY,
    payload: { status, response },
  };
}

/**
 * A message the server sends on its own (a diff after a PubSub message, a redirect): `ref`
 * is null because no request is being answered. `joinRef` is the channel's join ref, so the
 * client can drop pushes meant for an earlier join of the same topic.
 */
export function push(joinRef: string | null, topic: string, event: string, payload: object): Message {
  return { joinRef, ref: null, topic, event, payload };
}
