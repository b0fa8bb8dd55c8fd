/**
 * Uploads over the raw socket, as the official client sends them, and every hostile variant: each
 * answered with its error, temporary files removed, other views untouched.
 */
import { existsSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import Counter from "./views/counter.tsx";
import Uploader, { consumed, memory } from "./views/uploader.tsx";
import ComponentUploader, { boxConsumed } from "./views/component-uploader.tsx";
import { joinedView, startServer, type TestServer } from "./support.js";
import { binaryPush, configOf, entryPayload, joinUpload, png, preflight, sendChunk, tempPathOf, upload, viewOn } from "./upload-support.js";
import { existingUploads, type EntryChannel, type UploadConfig } from "../src/upload.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ routes: { "/": Uploader, "/counter": Counter, "/component": ComponentUploader } });
});
afterAll(() => server.close());
afterEach(() => {
  vi.useRealTimers();
  consumed.length = 0;
  boxConsumed.length = 0;
});

const bytes = (n: number, seed = 1) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + seed) % 256));

/** Waits for `condition`, checking after every frame the server sends; `ms` only bounds a failing wait. */
async function until(condition: () => boolean, client: { roundTrip?: () => Promise<void>; request: (...a: any[]) => Promise<unknown> }, ms = 15_000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`the condition did not hold in time: ${condition.toString()}`);
    await client.request("phoenix", "heartbeat", {}, null);
  }
}

describe("an upload as the official client sends it", () => {
  test("announce, preflight, join, chunks, progress: the entry is done, consumed from its file, and the file removed", async () => {
    const { client, topic } = await joinedView(server, "/");
    const config = configOf(server, topic);
    expect(config).toMatchObject({ name: "avatar", maxEntries: 2, maxFileSize: 1000, chunkSize: 100, entries: [], errors: [] });
    const pre = await preflight(client, server, topic, [png("0", 250)]);
    expect(pre.status).toBe("ok");
    expect(pre.response).toMatchObject({ ref: config.ref, config: { chunk_size: 100, max_entries: 2, max_file_size: 1000, chunk_timeout: 2000 }, errors: {} });
    // The input's refs are in the reply's diff: the entry is active and preflighted.
    expect(JSON.stringify(pre.response.diff)).toContain('data-phx-preflighted-refs=\\"0\\"');
    const { reply, joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    expect(reply).toEqual({ status: "ok", response: {} });
    const path = tempPathOf(server, topic, "0");
    const file = bytes(250);
    expect(await upload(client, server, topic, "0", joinRef, file)).toEqual({ status: "ok", response: {} });
    expect(configOf(server, topic).entries[0]).toMatchObject({ ref: "0", progress: 100, done: true, valid: true, clientName: "f0.png", clientSize: 250 });
    expect(existsSync(path)).toBe(true);
    const close = client.next((f) => f[2] === "lvu:0" && f[3] === "phx_close");
    const saved = await client.request(topic, "event", { type: "form", event: "save", value: "" }, "1");
    expect(saved.status).toBe("ok");
    expect(consumed).toEqual([{ name: "f0.png", bytes: file, path }]);
    expect(existsSync(path)).toBe(false);
    expect((await close)[4]).toEqual({});
    expect(configOf(server, topic).entries).toEqual([]);
    expect(JSON.stringify((saved.response as any).diff)).toContain("f0.png");
    client.close();
  });

  test("progress runs the config's progress callback; a done entry counts once", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 120)]);
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    await upload(client, server, topic, "0", joinRef, bytes(120));
    expect(viewOn(server, topic).socket.assigns.progressed).toBe(1);
    client.close();
  });

  test("two entries sent at once, their chunks interleaved, arrive whole", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 300), png("1", 230)]);
    const a = await joinUpload(client, "0", pre.response.entries["0"]);
    const b = await joinUpload(client, "1", pre.response.entries["1"]);
    const [fa, fb] = [bytes(300, 3), bytes(230, 5)];
    await Promise.all([upload(client, server, topic, "0", a.joinRef, fa), upload(client, server, topic, "1", b.joinRef, fb)]);
    expect(configOf(server, topic).entries.map((e) => e.done)).toEqual([true, true]);
    await client.request(topic, "event", { type: "form", event: "save", value: "" }, "1");
    expect(consumed.map((c) => [c.name, c.bytes])).toEqual([
      ["f0.png", fa],
      ["f1.png", fb],
    ]);
    client.close();
  });

  test("a postponed entry stays, with its file", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 50)]);
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    const path = tempPathOf(server, topic, "0");
    await upload(client, server, topic, "0", joinRef, bytes(50));
    await client.request(topic, "event", { type: "click", event: "keep", value: {} }, "1");
    expect(viewOn(server, topic).socket.assigns.saved).toEqual(["kept f0.png"]);
    expect(configOf(server, topic).entries).toHaveLength(1);
    expect(existsSync(path)).toBe(true);
    client.close();
    await until(() => !existsSync(path), await joinedView(server, "/counter").then((v) => v.client));
  });

  test("a custom writer receives the bytes; consume gets its meta", async () => {
    const { client, topic } = await joinedView(server, "/?writer=memory");
    const pre = await preflight(client, server, topic, [png("7", 150)]);
    const { joinRef } = await joinUpload(client, "7", pre.response.entries["7"]);
    const file = bytes(150);
    await upload(client, server, topic, "7", joinRef, file);
    expect(Buffer.concat(memory.get("7")!)).toEqual(file);
    client.close();
  });
});

describe("validation", () => {
  test("a file over maxFileSize is too_large: no token, the error rendered", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 1001)]);
    expect(pre.response).toEqual(expect.objectContaining({ error: [["0", "too_large"]] }));
    expect(configOf(server, topic).entries[0]).toMatchObject({ valid: false, uuid: null });
    expect(JSON.stringify(pre.response.diff ?? "")).not.toContain("token");
    expect(viewOn(server, topic).socket.assigns.uploads).toBeDefined();
    client.close();
  });

  test("more files than maxEntries is too_many_files, the config's error", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 10), png("1", 10), png("2", 10)]);
    const ref = configOf(server, topic).ref;
    expect(pre.response.error).toEqual([[ref, "too_many_files"]]);
    expect(configOf(server, topic).errors).toEqual([[ref, "too_many_files"]]);
    // Cancelling one lifts it.
    await client.request(topic, "event", { type: "click", event: "cancel", value: { ref: "2" } }, "1");
    expect(configOf(server, topic).errors).toEqual([]);
    client.close();
  });

  test("a type and extension not in accept is not_accepted; a JPEG by type is accepted", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [{ ref: "0", name: "notes.txt", size: 10, type: "text/plain" }]);
    expect(pre.response.error).toEqual([["0", "not_accepted"]]);
    client.close();
    const other = await joinedView(server, "/");
    const ok = await preflight(other.client, server, other.topic, [{ ref: "0", name: "photo", size: 10, type: "image/jpeg" }]);
    expect(Object.keys(ok.response.entries)).toEqual(["0"]);
    other.client.close();
  });

  test("malformed entries are refused without crashing the view", async () => {
    const { client, page, topic } = await joinedView(server, "/");
    const ref = configOf(server, topic).ref;
    for (const entries of [[{ ref: "0", size: -1, name: "a.png", type: "image/png" }], [{ size: 1 }], "nope", [{ ref: "x".repeat(2000), size: 1 }]]) {
      const reply = await client.request(topic, "allow_upload", { ref, entries }, "1");
      expect(reply.status).toBe("error");
    }
    expect((await client.request(topic, "allow_upload", { ref: "phx-unknown", entries: [] }, "1")).status).toBe("error");
    expect((await client.request(topic, "progress", { ref, entry_ref: "0", progress: "lots" }, "1")).status).toBe("ok");
    expect(viewOn(server, topic).isAlive).toBe(true);
    expect((await client.request(topic, "event", { type: "form", event: "validate", value: "", uploads: { [ref]: [{ ref: "1", size: 5, name: "a.png", type: "image/png" }] } }, "1")).status).toBe("ok");
    expect((await client.request(topic, "progress", { ref, entry_ref: "1", progress: "lots" }, "1")).status).toBe("error");
    expect(viewOn(server, topic).isAlive).toBe(true);
    void page;
    client.close();
  });
});

describe("hostile upload channels", () => {
  test("a chunk past the announced size is file_size_limit_exceeded; the entry is too_large and its file removed", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 150)]);
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    const path = tempPathOf(server, topic, "0");
    expect((await sendChunk(client, "lvu:0", joinRef, bytes(100))).status).toBe("ok");
    expect(existsSync(path)).toBe(true);
    const close = client.next((f) => f[2] === "lvu:0" && f[3] === "phx_close");
    expect(await sendChunk(client, "lvu:0", joinRef, bytes(100))).toEqual({ status: "error", response: { reason: "file_size_limit_exceeded", limit: 150 } });
    await close;
    await until(() => configOf(server, topic).errors.length > 0, client);
    expect(configOf(server, topic).errors).toEqual([["0", "too_large"]]);
    expect(existsSync(path)).toBe(false);
    client.close();
  });

  test("a progress of 100 before the last byte does not make the entry done", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 200)]);
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    await sendChunk(client, "lvu:0", joinRef, bytes(100));
    await client.request(topic, "progress", { ref: configOf(server, topic).ref, entry_ref: "0", progress: 100 }, "1");
    expect(configOf(server, topic).entries[0]).toMatchObject({ progress: 50, done: false });
    // Consuming an entry that is not done crashes the view.
    expect(await client.crashing(topic, "event", { type: "form", event: "save", value: "" }, "1")).toEqual([]);
    client.close();
  });

  test("tokens: forged is invalid_token, another entry's is invalid_token, twice is already_registered, an invalid entry's is disallowed", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 10)]);
    expect((await joinUpload(client, "0", "forged.token")).reply).toEqual({ status: "error", response: { reason: "invalid_token" } });
    expect((await joinUpload(client, "9", pre.response.entries["0"])).reply).toEqual({ status: "error", response: { reason: "invalid_token" } });
    expect((await joinUpload(client, "0", pre.response.entries["0"])).reply.status).toBe("ok");
    expect((await joinUpload(client, "0", pre.response.entries["0"])).reply).toEqual({ status: "error", response: { reason: "already_registered" } });
    client.close();
  });

  test("chunks for an unknown topic or a cancelled entry are answered unmatched topic; the cancelled file is removed", async () => {
    const { client, topic } = await joinedView(server, "/");
    expect(await sendChunk(client, "lvu:nothing", "1", bytes(10))).toEqual({ status: "error", response: { reason: "unmatched topic" } });
    const pre = await preflight(client, server, topic, [png("0", 300)]);
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    const path = tempPathOf(server, topic, "0");
    await sendChunk(client, "lvu:0", joinRef, bytes(100));
    const close = client.next((f) => f[2] === "lvu:0" && f[3] === "phx_close");
    expect((await client.request(topic, "event", { type: "click", event: "cancel", value: { ref: "0" } }, "1")).status).toBe("ok");
    await close;
    expect(await sendChunk(client, "lvu:0", joinRef, bytes(100))).toEqual({ status: "error", response: { reason: "unmatched topic" } });
    expect(existsSync(path)).toBe(false);
    expect(configOf(server, topic).entries).toEqual([]);
    // The cancelled entry's token cannot open it again.
    expect((await joinUpload(client, "0", pre.response.entries["0"])).reply).toEqual({ status: "error", response: { reason: "disallowed" } });
    client.close();
  });

  test.each([
    ["empty", Buffer.from([])],
    ["a reply's kind", Buffer.from([1, 0, 0, 0, 0])],
    ["lengths past its end", Buffer.from([0, 200, 1, 1, 1, 65])],
    ["no event", binaryPush("1", "2", "lv:x", "", Buffer.from("x"))],
  ])("a binary frame that is no push (%s) closes its connection (1003) only", async (_name, frame) => {
    const other = await joinedView(server, "/counter");
    const { client } = await joinedView(server, "/counter");
    client.ws.send(frame);
    expect(await client.waitClosed()).toEqual({ code: 1003, reason: "binary frame is no Phoenix push" });
    expect((await other.client.click(other.page, "inc")).response).toEqual({ diff: { 0: "1" } });
    other.client.close();
  });

  test("a client that disappears mid-upload: its files are removed, other views untouched", async () => {
    const other = await joinedView(server, "/counter");
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 300), png("1", 300)]);
    const a = await joinUpload(client, "0", pre.response.entries["0"]);
    const b = await joinUpload(client, "1", pre.response.entries["1"]);
    await sendChunk(client, "lvu:0", a.joinRef, bytes(100));
    await upload(client, server, topic, "1", b.joinRef, bytes(300));
    const paths = [tempPathOf(server, topic, "0"), tempPathOf(server, topic, "1")];
    expect(paths.map(existsSync)).toEqual([true, true]);
    client.ws.terminate();
    await until(() => paths.every((p) => !existsSync(p)), other.client);
    expect((await other.client.click(other.page, "inc")).response).toEqual({ diff: { 0: "1" } });
    other.client.close();
  });

  test("a writer that fails: writer_error, the entry kept with writer_failure", async () => {
    const { client, topic } = await joinedView(server, "/?writer=failing");
    const pre = await preflight(client, server, topic, [png("0", 100)]);
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    expect(await sendChunk(client, "lvu:0", joinRef, bytes(100))).toEqual({ status: "error", response: { reason: "writer_error" } });
    await until(() => configOf(server, topic).errors.length > 0, client);
    expect(configOf(server, topic).errors).toEqual([["0", "writer_failure"]]);
    expect(viewOn(server, topic).isAlive).toBe(true);
    client.close();
  });

  test("no chunk within chunkTimeout: the channel closes, the entry goes, its file removed", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 300)]);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    await sendChunk(client, "lvu:0", joinRef, bytes(100));
    const path = tempPathOf(server, topic, "0");
    // The waiter's own bound is a fake timer too: past what the test advances.
    const close = client.next((f) => f[2] === "lvu:0" && f[3] === "phx_close", 60_000);
    vi.advanceTimersByTime(1999);
    expect(configOf(server, topic).entries).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await close;
    vi.useRealTimers();
    await until(() => configOf(server, topic).entries.length === 0 && !existsSync(path), client);
    client.close();
  });

  test("a flood of chunks without waiting for replies ends the upload rather than buffer them", async () => {
    const { client, topic } = await joinedView(server, "/?max=100000");
    const pre = await preflight(client, server, topic, [png("0", 100_000)]);
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    const path = tempPathOf(server, topic, "0");
    const refused = client.next((f) => f[3] === "phx_reply" && (f[4] as any).response?.reason === "too many chunks in flight");
    for (let i = 0; i < 200; i++) client.ws.send(binaryPush(joinRef, `f${i}`, "lvu:0", "chunk", bytes(100)));
    await refused;
    await until(() => configOf(server, topic).entries.length === 0 && !existsSync(path), client);
    client.close();
  });
});

describe("the view going away", () => {
  test("a leave removes the files of its uploads", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 100)]);
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    await upload(client, server, topic, "0", joinRef, bytes(100));
    const path = tempPathOf(server, topic, "0");
    expect(existsSync(path)).toBe(true);
    await client.request(topic, "phx_leave", {}, "1");
    await until(() => !existsSync(path), client);
    client.close();
  });
});

describe("an upload of a live component", () => {
  /** The component's config, from its own socket. */
  const boxConfig = (topic: string, cid: number) => (viewOn(server, topic).engine.components.socketOf(cid)!.assigns.uploads as Record<string, UploadConfig>).doc!;

  test("announced with the form's cid, preflighted, sent, consumed in the component's handler; its diff carries the entry", async () => {
    const { client, topic, reply } = await joinedView(server, "/component");
    const cid = Number(Object.keys((reply.response as any).rendered.c)[0]);
    const config = boxConfig(topic, cid);
    // The view itself allowed no upload: the component's ref without its cid is refused.
    expect((await client.request(topic, "allow_upload", { ref: config.ref, entries: [] }, "1")).status).toBe("error");
    const entries = [entryPayload({ ref: "0", name: "notes.txt", size: 250, type: "text/plain" })];
    const change = await client.request(topic, "event", { type: "form", event: "validate", value: "", uploads: { [config.ref]: entries }, cid }, "1");
    expect(change.status).toBe("ok");
    expect(JSON.stringify((change.response as any).diff.c[cid])).toContain("notes.txt");
    const pre = (await client.request(topic, "allow_upload", { ref: config.ref, entries, cid }, "1")) as { status: string; response: any };
    expect(pre.response).toMatchObject({ ref: config.ref, config: { chunk_size: 100 }, errors: {} });
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    const file = bytes(250, 9);
    const state = existingUploads(viewOn(server, topic).engine.components.socketOf(cid)!)!.configs.get("doc")!;
    const path = String((state.status.get("0") as EntryChannel).writer.meta().path);
    for (let offset = 0; offset < file.length; offset += 100) {
      expect((await sendChunk(client, "lvu:0", joinRef, file.subarray(offset, offset + 100))).status).toBe("ok");
    }
    const progress = await client.request(topic, "progress", { event: null, ref: config.ref, entry_ref: "0", progress: 100, cid }, "1");
    const componentDiff = JSON.stringify((progress.response as any).diff.c[cid]);
    expect(componentDiff).toContain('data-phx-done-refs=\\"0\\"');
    expect(componentDiff).toContain('{"1":"100"}');
    expect(boxConfig(topic, cid).entries[0]).toMatchObject({ done: true, progress: 100 });
    const saved = await client.request(topic, "event", { type: "form", event: "save", value: "", cid }, "1");
    expect(saved.status).toBe("ok");
    expect(boxConsumed).toEqual([{ name: "notes.txt", bytes: file }]);
    expect(existsSync(path)).toBe(false);
    expect(boxConfig(topic, cid).entries).toEqual([]);
    client.close();
  });

  test("the component removed mid-upload: its upload channel closes, its file is removed, the view lives on", async () => {
    const { client, topic, reply, page } = await joinedView(server, "/component");
    const cid = Number(Object.keys((reply.response as any).rendered.c)[0]);
    const ref = boxConfig(topic, cid).ref;
    const entries = [entryPayload({ ref: "0", name: "notes.txt", size: 300, type: "text/plain" })];
    await client.request(topic, "event", { type: "form", event: "validate", value: "", uploads: { [ref]: entries }, cid }, "1");
    const pre = (await client.request(topic, "allow_upload", { ref, entries, cid }, "1")) as { response: any };
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    const state = existingUploads(viewOn(server, topic).engine.components.socketOf(cid)!)!.configs.get("doc")!;
    const path = String((state.status.get("0") as EntryChannel).writer.meta().path);
    expect((await sendChunk(client, "lvu:0", joinRef, bytes(100))).status).toBe("ok");
    expect(existsSync(path)).toBe(true);
    await client.click(page, "hide");
    await client.request(topic, "cids_will_destroy", { cids: [cid] }, "1");
    const close = client.next((f) => f[2] === "lvu:0" && f[3] === "phx_close");
    expect(await client.request(topic, "cids_destroyed", { cids: [cid] }, "1")).toEqual({ status: "ok", response: { cids: [cid] } });
    await close;
    await until(() => !existsSync(path), client);
    expect(await sendChunk(client, "lvu:0", joinRef, bytes(100))).toEqual({ status: "error", response: { reason: "unmatched topic" } });
    expect(viewOn(server, topic).isAlive).toBe(true);
    client.close();
  });

  test("a cid that is no number, or no component of the view, is refused; the view lives on", async () => {
    const { client, topic, reply } = await joinedView(server, "/component");
    const cid = Number(Object.keys((reply.response as any).rendered.c)[0]);
    const ref = boxConfig(topic, cid).ref;
    expect((await client.request(topic, "allow_upload", { ref, entries: [], cid: "1" }, "1")).status).toBe("error");
    expect((await client.request(topic, "allow_upload", { ref, entries: [], cid: 99 }, "1")).status).toBe("error");
    expect((await client.request(topic, "progress", { ref, entry_ref: "0", progress: 5, cid: 99 }, "1")).status).toBe("error");
    expect(viewOn(server, topic).isAlive).toBe(true);
    client.close();
  });
});

describe("more hostile input", () => {
  test("a chunk larger than the preflight's chunk_size is chunk_size_exceeded; the entry is too_large, its file removed", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 500)]);
    const { joinRef } = await joinUpload(client, "0", pre.response.entries["0"]);
    const path = tempPathOf(server, topic, "0");
    const close = client.next((f) => f[2] === "lvu:0" && f[3] === "phx_close");
    expect(await sendChunk(client, "lvu:0", joinRef, bytes(101))).toEqual({ status: "error", response: { reason: "chunk_size_exceeded", limit: 100 } });
    await close;
    await until(() => configOf(server, topic).errors.length > 0, client);
    expect(configOf(server, topic).errors).toEqual([["0", "too_large"]]);
    expect(existsSync(path)).toBe(false);
    client.close();
  });

  test("two uploads at once on one view (two configs), their chunks interleaved: both whole, another view untouched", async () => {
    const other = await joinedView(server, "/counter");
    const { client, topic } = await joinedView(server, "/?two=1");
    const [avatar, docs] = [configOf(server, topic), configOf(server, topic, "docs")];
    const a = [entryPayload(png("a", 300))];
    const d = [entryPayload({ ref: "d", name: "d.txt", size: 240, type: "text/plain" })];
    await client.request(topic, "event", { type: "form", event: "validate", value: "", uploads: { [avatar.ref]: a, [docs.ref]: d } }, "1");
    const [preA, preD] = (await Promise.all([
      client.request(topic, "allow_upload", { ref: avatar.ref, entries: a }, "1"),
      client.request(topic, "allow_upload", { ref: docs.ref, entries: d }, "1"),
    ])) as { response: any }[];
    const ja = await joinUpload(client, "a", preA!.response.entries.a);
    const jd = await joinUpload(client, "d", preD!.response.entries.d);
    const [fa, fd] = [bytes(300, 1), bytes(240, 2)];
    await Promise.all([upload(client, server, topic, "a", ja.joinRef, fa), upload(client, server, topic, "d", jd.joinRef, fd, 100)]);
    expect(configOf(server, topic).entries[0]!.done).toBe(true);
    const docsState = existingUploads(viewOn(server, topic).socket)!.configs.get("docs")!;
    expect(docsState.config.entries.map((e) => e.clientSize)).toEqual([240]);
    expect((await other.client.click(other.page, "inc")).response).toEqual({ diff: { 0: "1" } });
    await client.request(topic, "event", { type: "form", event: "save", value: "" }, "1");
    expect(consumed.map((c) => [c.name, c.bytes])).toEqual([["fa.png", fa]]);
    other.client.close();
    client.close();
  });

  test("progress for an entry the view does not have is ignored; its config's other entries unchanged", async () => {
    const { client, topic } = await joinedView(server, "/");
    const pre = await preflight(client, server, topic, [png("0", 200)]);
    expect(pre.status).toBe("ok");
    const ref = configOf(server, topic).ref;
    expect((await client.request(topic, "progress", { ref, entry_ref: "nope", progress: 50 }, "1")).status).toBe("ok");
    expect(configOf(server, topic).entries.map((e) => [e.ref, e.progress])).toEqual([["0", 0]]);
    client.close();
  });
});

describe("external uploads over the raw socket", () => {
  test("the preflight hands each entry the callback's metadata, no token: its upload channel cannot be joined", async () => {
    const { client, topic } = await joinedView(server, "/?external=1");
    const pre = await preflight(client, server, topic, [png("0", 300)]);
    expect(pre.response.entries["0"]).toEqual({ uploader: "S3", url: expect.stringMatching(/^https:\/\/bucket\.example\/[0-9a-f-]{36}$/) });
    expect((await joinUpload(client, "0", pre.response.entries["0"])).reply).toEqual({ status: "error", response: { reason: "invalid_token" } });
    const ref = configOf(server, topic).ref;
    await client.request(topic, "progress", { event: null, ref, entry_ref: "0", progress: 100 }, "1");
    expect(configOf(server, topic).entries[0]).toMatchObject({ done: true, progress: 100 });
    client.close();
  });

  test("the uploader's error is external_client_failure: the entry kept with it, the view alive", async () => {
    const { client, topic } = await joinedView(server, "/?external=1");
    await preflight(client, server, topic, [png("0", 300)]);
    const ref = configOf(server, topic).ref;
    await client.request(topic, "progress", { event: null, ref, entry_ref: "0", progress: 40 }, "1");
    const failed = await client.request(topic, "progress", { event: null, ref, entry_ref: "0", progress: { error: "status 403" } }, "1");
    expect(failed.status).toBe("ok");
    expect(configOf(server, topic).errors).toEqual([["0", "external_client_failure"]]);
    expect(JSON.stringify((failed.response as any).diff)).toContain("external_client_failure");
    expect(viewOn(server, topic).isAlive).toBe(true);
    client.close();
  });

  test("the callback's { error } refuses the entry: external_metadata_failure, the error in the preflight's reply", async () => {
    const { client, topic } = await joinedView(server, "/?external=deny");
    const pre = await preflight(client, server, topic, [png("0", 300)]);
    expect(pre.response.error).toEqual([["0", { reason: "denied" }]]);
    expect(configOf(server, topic).errors).toEqual([["0", "external_metadata_failure"]]);
    expect(viewOn(server, topic).isAlive).toBe(true);
    client.close();
  });
});
