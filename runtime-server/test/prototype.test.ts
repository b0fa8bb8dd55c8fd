/**
 * Prototype keys from the network or from a handler never reach a prototype: frames drop
 * `__proto__`, `constructor` and `prototype` keys at any depth (as form params do), and
 * `socket.assign` keeps any key as an ordinary own assign.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeFrame } from "../src/protocol.js";
import { ViewSocket } from "../src/socket.js";
import { getPage, startServer, TestClient, type TestServer } from "./support.js";
import PayloadEcho from "./views/payload-echo.tsx";

/** The payload of a frame that must decode. */
function payloadOf(frame: string): Record<string, unknown> {
  const decoded = decodeFrame(frame);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.message.payload as Record<string, unknown>;
}

const frame = (payload: string) => `["1","2","lv:x","event",${payload}]`;

describe("frames", () => {
  test("an own __proto__ key, spelled out or escaped, is dropped at any depth", () => {
    for (const key of ["__proto__", "\\u005f\\u005fproto\\u005f\\u005f", "__pro\\u0074o__"]) {
      const payload = payloadOf(frame(`{"value":{"${key}":{"isAdmin":true},"a":[{"${key}":1,"b":2}],"c":"__proto__"}}`));
      expect(Object.getOwnPropertyNames(payload.value)).toEqual(["a", "c"]);
      const value = payload.value as { a: Record<string, unknown>[]; c: string };
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.getOwnPropertyNames(value.a[0])).toEqual(["b"]);
      // A value is no key: strings that spell the names stay.
      expect(value.c).toBe("__proto__");
    }
  });

  test("constructor and prototype keys are dropped, so no deep merge reaches Object.prototype", () => {
    const payload = payloadOf(frame('{"value":{"constructor":{"prototype":{"polluted":1}},"x":{"prototype":1,"y":2}}}'));
    expect(payload.value).toEqual({ x: { y: 2 } });
    expect(Object.hasOwn(payload.value as object, "constructor")).toBe(false);
  });

  test("a deeply nested frame with such a key decodes, as JSON.parse reads it", () => {
    const depth = 100_000;
    const payload = payloadOf(frame(`{"__proto__":1,"value":${"[".repeat(depth)}{"__proto__":{"isAdmin":true},"a":1}${"]".repeat(depth)}}`));
    expect(Object.keys(payload)).toEqual(["value"]);
    let value = payload.value;
    for (let i = 0; i < depth; i++) value = (value as unknown[])[0];
    expect(value).toEqual({ a: 1 });
    expect(Object.hasOwn(value as object, "__proto__")).toBe(false);
  });

  test("frames without those keys decode as JSON.parse decodes them", () => {
    const text = frame('{"type":"click","event":"inc","value":{"id":"7","nested":{"list":[1,"two",null]}}}');
    expect(payloadOf(text)).toEqual((JSON.parse(text) as unknown[])[4]);
  });
});

describe("socket.assign", () => {
  const socket = () => new ViewSocket<Record<string, unknown>>("s", false, {}, null, true);

  test("an own __proto__ key is an ordinary assign, not the prototype", () => {
    const s = socket();
    s.assign(JSON.parse('{"__proto__":{"isAdmin":true},"name":"a"}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(s.assigns)).toBe(Object.prototype);
    expect(s.assigns.isAdmin).toBeUndefined();
    expect(Object.hasOwn(s.assigns, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(s.assigns, "__proto__")!.value).toEqual({ isAdmin: true });
    expect([...s.changed]).toEqual(["__proto__", "name"]);
    // Copied after a render, it stays an own key.
    s.rendered();
    s.assign("name", "b");
    expect(Object.getPrototypeOf(s.assigns)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(s.assigns, "__proto__")!.value).toEqual({ isAdmin: true });
  });

  test('assign("__proto__", x), update and assignNew of it keep it an own key', () => {
    const s = socket();
    s.update("__proto__", (value) => {
      expect(value).toBeUndefined();
      return { isAdmin: true };
    });
    expect(Object.getPrototypeOf(s.assigns)).toBe(Object.prototype);
    expect(s.assigns.isAdmin).toBeUndefined();
    s.assign("__proto__", null);
    expect(Object.getPrototypeOf(s.assigns)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(s.assigns, "__proto__")!.value).toBeNull();
    s.assignNew("__proto__", () => ({ isAdmin: true }));
    expect(Object.getOwnPropertyDescriptor(s.assigns, "__proto__")!.value).toBeNull();
  });

  test("constructor and prototype assigns are own values; Object.prototype stays clean", () => {
    const s = socket();
    s.assign({ constructor: { prototype: { polluted: 1 } }, prototype: { polluted: 2 } });
    expect(s.assigns.constructor).toEqual({ prototype: { polluted: 1 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.constructor).toBe(Object);
  });

  test("names inherited from a polluted Object.prototype are no assigns", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.pollutedName = "inherited";
    try {
      const s = socket();
      s.assignNew("pollutedName", () => "mine");
      expect(Object.hasOwn(s.assigns, "pollutedName")).toBe(true);
      expect(s.assigns.pollutedName).toBe("mine");

      const t = socket();
      t.assign("pollutedName", "inherited");
      expect([...t.changed]).toEqual(["pollutedName"]);
      expect(Object.hasOwn(t.assigns, "pollutedName")).toBe(true);

      const u = socket();
      u.update("pollutedName", (value) => {
        expect(value).toBeUndefined();
        return "fresh";
      });
      expect(u.assigns.pollutedName).toBe("fresh");
    } finally {
      delete proto.pollutedName;
    }
  });
});

describe("a view copying its input into the assigns", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ routes: { "/": PayloadEcho } });
  });
  afterAll(() => server.close());

  /** The report a slot holds, as JSON again (the slot sends it escaped as HTML text). */
  const reportIn = (slot: unknown) => JSON.parse(String(slot).replaceAll("&quot;", '"').replaceAll("&amp;", "&")) as unknown;
  const clean = (keys: string[], name: string | null = null) => ({ keys, name, inputPrototype: true, assignsPrototype: true, isAdmin: null, polluted: null });

  test("event values and connect params arrive without prototype keys", async () => {
    const page = await getPage(server, "/");
    const client = await TestClient.connect(server, page);
    const params = JSON.parse(
      `{"_csrf_token":${JSON.stringify(page.csrfToken)},"_mounts":0,"__proto__":{"isAdmin":true},"theme":"dark"}`,
    ) as Record<string, unknown>;
    const reply = await client.join(page, server, "/", { params });
    expect(reply.status).toBe("ok");
    const rendered = (reply.response as { rendered: Record<string, unknown> }).rendered;
    expect(reportIn(rendered[0])).toEqual(clean(["theme"]));

    const send = async (value: string) => {
      const ref = String(100 + client.frames.length);
      const answer = client.next((f) => f[1] === ref && f[3] === "phx_reply");
      client.sendRaw(`["1","${ref}","lv:${page.id}","event",{"type":"click","event":"save","value":${value}}]`);
      const diff = ((await answer)[4].response as { diff: Record<string, string> }).diff;
      return reportIn(diff[0]);
    };
    expect(await send('{"__proto__":{"isAdmin":true},"name":"x"}')).toEqual(clean(["name"], "x"));
    expect(await send('{"\\u005f_proto__":{"isAdmin":true},"name":"y"}')).toEqual(clean(["name"], "y"));
    expect(await send('{"constructor":{"prototype":{"polluted":1}},"name":"z"}')).toEqual(clean(["name"], "z"));
    client.close();
  });

  test("a form event's prototype keys are dropped as well", async () => {
    const page = await getPage(server, "/");
    const client = await TestClient.connect(server, page);
    expect((await client.join(page, server, "/")).status).toBe("ok");
    const reply = await client.request(
      `lv:${page.id}`,
      "event",
      { type: "form", event: "save", value: "__proto__[isAdmin]=true&constructor[prototype][polluted]=1&name=f" },
      "1",
    );
    const diff = (reply.response as { diff: Record<string, string> }).diff;
    expect(reportIn(diff[0])).toEqual(clean(["name"], "f"));
    client.close();
  });
});
