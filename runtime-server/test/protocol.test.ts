import { describe, expect, test } from "vitest";
import {
  HEARTBEAT,
  PHOENIX_TOPIC,
  PHX_CLOSE,
  PHX_ERROR,
  PHX_JOIN,
  PHX_LEAVE,
  PHX_REPLY,
  decodeFrame,
  encodeFrame,
  push,
  reply,
  type Message,
} from "../src/protocol.js";

/** Decodes a frame that must be valid and returns its message. */
function decodeOk(data: string): Message {
  const result = decodeFrame(data);
  if (!result.ok) throw new Error(`expected a valid frame, got: ${result.error}`);
  return result.message;
}

/** Decodes a frame that must be rejected and returns the reason. */
function decodeError(data: string): string {
  const result = decodeFrame(data);
  if (result.ok) throw new Error(`expected a rejected frame, got: ${JSON.stringify(result.message)}`);
  return result.error;
}

describe("system event names", () => {
  test("match the Phoenix client's", () => {
    expect([PHX_JOIN, PHX_LEAVE, PHX_REPLY, PHX_ERROR, PHX_CLOSE, HEARTBEAT, PHOENIX_TOPIC]).toEqual([
      "phx_join",
      "phx_leave",
      "phx_reply",
      "phx_error",
      "phx_close",
      "heartbeat",
      "phoenix",
    ]);
  });
});

describe("decodeFrame", () => {
  test("decodes the join frame of the protocol reference", () => {
    const frame =
      '["4","4","lv:phx-F0a1","phx_join",{"url":"http://localhost:5173/sunglasses",' +
      '"params":{"_csrf_token":"abc","_mounts":0,"_mount_attempts":0,"_track_static":[]},' +
      '"session":"s","static":"t","sticky":false}]';
    expect(decodeOk(frame)).toEqual({
      joinRef: "4",
      ref: "4",
      topic: "lv:phx-F0a1",
      event: PHX_JOIN,
      payload: {
        url: "http://localhost:5173/sunglasses",
        params: { _csrf_token: "abc", _mounts: 0, _mount_attempts: 0, _track_static: [] },
        session: "s",
        static: "t",
        sticky: false,
      },
    });
  });

  test("decodes a heartbeat, whose join_ref is null", () => {
    expect(decodeOk('[null,"5","phoenix","heartbeat",{}]')).toEqual({
      joinRef: null,
      ref: "5",
      topic: PHOENIX_TOPIC,
      event: HEARTBEAT,
      payload: {},
    });
  });

  test("accepts a null ref", () => {
    expect(decodeOk('["1",null,"lv:x","event",{}]').ref).toBeNull();
  });

  test("round-trips through encodeFrame", () => {
    const message: Message = {
      joinRef: "7",
      ref: "12",
      topic: "lv:phx-abc",
      event: "event",
      payload: { type: "click", event: "inc", value: { value: "" }, nested: { a: [1, "ü", null] } },
    };
    expect(decodeOk(encodeFrame(message))).toEqual(message);
    const frame = '[null,null,"phoenix","heartbeat",{"a":{"b":[1,2]}}]';
    expect(encodeFrame(decodeOk(frame))).toBe(frame);
  });

  test("rejects text that is not JSON", () => {
    expect(decodeError("")).toBe("frame is not valid JSON");
    expect(decodeError("[null,")).toBe("frame is not valid JSON");
    expect(decodeError("hello")).toBe("frame is not valid JSON");
  });

  test("rejects JSON that is not an array", () => {
    expect(decodeError('{"topic":"phoenix"}')).toBe("frame must be an array of 5 elements, got object");
    expect(decodeError('"x"')).toBe("frame must be an array of 5 elements, got string");
    expect(decodeError("null")).toBe("frame must be an array of 5 elements, got null");
    expect(decodeError("42")).toBe("frame must be an array of 5 elements, got number");
  });

  test("rejects arrays of the wrong length", () => {
    expect(decodeError('[null,"1","phoenix"]')).toBe("frame must be an array of 5 elements, got 3");
    expect(decodeError("[]")).toBe("frame must be an array of 5 elements, got 0");
    expect(decodeError('[null,"1","phoenix","heartbeat",{},1]')).toBe("frame must be an array of 5 elements, got 6");
  });

  test("rejects a join_ref that is neither a string nor null", () => {
    expect(decodeError('[4,"1","phoenix","heartbeat",{}]')).toBe("join_ref must be a string or null, got number");
    expect(decodeError('[{},"1","phoenix","heartbeat",{}]')).toBe("join_ref must be a string or null, got object");
    expect(decodeError('[[],"1","phoenix","heartbeat",{}]')).toBe("join_ref must be a string or null, got array");
  });

  test("rejects a ref that is neither a string nor null", () => {
    expect(decodeError('[null,5,"phoenix","heartbeat",{}]')).toBe("ref must be a string or null, got number");
    expect(decodeError('[null,true,"phoenix","heartbeat",{}]')).toBe("ref must be a string or null, got boolean");
  });

  test("rejects an empty or non-string topic", () => {
    expect(decodeError('[null,"1","","heartbeat",{}]')).toBe("topic must be a non-empty string, got an empty string");
    expect(decodeError('[null,"1",null,"heartbeat",{}]')).toBe("topic must be a non-empty string, got null");
    expect(decodeError('[null,"1",3,"heartbeat",{}]')).toBe("topic must be a non-empty string, got number");
  });

  test("rejects an empty or non-string event", () => {
    expect(decodeError('[null,"1","phoenix","",{}]')).toBe("event must be a non-empty string, got an empty string");
    expect(decodeError('[null,"1","phoenix",null,{}]')).toBe("event must be a non-empty string, got null");
    expect(decodeError('[null,"1","phoenix",["x"],{}]')).toBe("event must be a non-empty string, got array");
  });

  test("rejects a payload that is not a JSON object", () => {
    expect(decodeError('[null,"1","phoenix","heartbeat",[]]')).toBe("payload must be a JSON object, got array");
    expect(decodeError('[null,"1","phoenix","heartbeat",null]')).toBe("payload must be a JSON object, got null");
    expect(decodeError('[null,"1","phoenix","heartbeat","{}"]')).toBe("payload must be a JSON object, got string");
    expect(decodeError('[null,"1","phoenix","heartbeat",1]')).toBe("payload must be a JSON object, got number");
  });

  test("never throws, whatever the input", () => {
    const inputs = ["\u0000", "[", "[[[[", "1e999999", '"\\ud800"', "{".repeat(10_000)];
    for (const input of inputs) expect(() => decodeFrame(input)).not.toThrow();
  });
});

describe("encodeFrame", () => {
  test("writes the five fields in wire order", () => {
    expect(encodeFrame({ joinRef: "1", ref: "2", topic: "lv:a", event: "event", payload: { x: 1 } })).toBe(
      '["1","2","lv:a","event",{"x":1}]',
    );
  });
});

describe("reply", () => {
  test("answers a heartbeat exactly as the protocol reference shows", () => {
    const heartbeat = decodeOk('[null,"5","phoenix","heartbeat",{}]');
    expect(encodeFrame(reply(heartbeat, "ok", {}))).toBe('[null,"5","phoenix","phx_reply",{"status":"ok","response":{}}]');
  });

  test("echoes join_ref, ref and topic of the request", () => {
    const join = decodeOk('["4","4","lv:phx-F0a1","phx_join",{}]');
    expect(reply(join, "ok", { rendered: { "0": "1" } })).toEqual({
      joinRef: "4",
      ref: "4",
      topic: "lv:phx-F0a1",
      event: PHX_REPLY,
      payload: { status: "ok", response: { rendered: { "0": "1" } } },
    });
    const event = decodeOk('["4","9","lv:phx-F0a1","event",{}]');
    expect(encodeFrame(reply(event, "error", { reason: "stale" }))).toBe(
      '["4","9","lv:phx-F0a1","phx_reply",{"status":"error","response":{"reason":"stale"}}]',
    );
  });
});

describe("push", () => {
  test("is a server message with a null ref", () => {
    expect(encodeFrame(push("4", "lv:phx-F0a1", "diff", { "0": "73" }))).toBe('["4",null,"lv:phx-F0a1","diff",{"0":"73"}]');
    expect(push(null, "lv:x", PHX_ERROR, {})).toEqual({ joinRef: null, ref: null, topic: "lv:x", event: PHX_ERROR, payload: {} });
  });
});
