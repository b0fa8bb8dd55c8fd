/**
 * Uploads in Chromium with both clients beyond the demo's: an external upload to a small local
 * HTTP endpoint standing in for object storage (the uploader each client registers PUTs the
 * file there), an upload of a live component, and the upload after a dropped connection (the
 * view mounts afresh, the half-sent entry is gone on the server, choosing the file again
 * uploads it), as the official client does it; and an auto upload a hook feeds a file per call.
 */
import { createHash } from "node:crypto";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { shared } from "./app/shared.js";
import { CLIENT_NAMES, useChromium, useDevApp } from "../dev-app.js";

const ROOT = fileURLToPath(new URL(".", import.meta.url));

/** The storage endpoint: PUT /objects/<key> stores the body; CORS lets the pages reach it. */
const stored = new Map<string, Buffer>();
let storage: Server;
const chrome = useChromium();

beforeAll(async () => {
  storage = createHttpServer((req, res) => {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-methods", "PUT");
    res.setHeader("access-control-allow-headers", "content-type");
    if (req.method === "OPTIONS") return void res.writeHead(204).end();
    if (req.method !== "PUT" || !req.url?.startsWith("/objects/")) return void res.writeHead(405).end();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      stored.set(req.url!.slice("/objects/".length), Buffer.concat(chunks));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => storage.listen(0, "127.0.0.1", resolve));
  shared().storage = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => storage?.close(resolve));
});

const bytes = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251));
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe.each(CLIENT_NAMES)("uploads with the %s client", (client) => {
  const app = useDevApp(ROOT, client);
  const problems: string[] = [];

  /** Opens `path`, joined; records page errors, console errors and every refused message. */
  async function open(path: string, before?: (page: Page) => void): Promise<Page> {
    const page = await chrome.browser.newPage();
    before?.(page);
    page.on("pageerror", (e) => problems.push(`${path}: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${path}: console.error: ${m.text()}`);
    });
    page.on("websocket", (ws) =>
      ws.on("framereceived", (f) => {
        if (typeof f.payload !== "string" || !new URL(ws.url()).pathname.endsWith("/live/websocket")) return;
        const [, , topic, event, payload] = JSON.parse(f.payload) as [unknown, unknown, string, string, { status?: string }];
        if (event === "phx_error" || (event === "phx_reply" && payload.status !== "ok")) problems.push(`${path}: ${event} on ${topic}: ${f.payload.slice(0, 300)}`);
      }),
    );
    await page.goto(app.base + path);
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
    const version = await page.evaluate(() => (window as { liveSocket?: { version?: () => string } }).liveSocket?.version?.());
    if (client === "official") expect(version).toMatch(/^1\.2\./);
    else expect(version).toBeUndefined();
    return page;
  }

  async function done(page: Page): Promise<void> {
    await page.close();
    expect(problems.splice(0)).toEqual([]);
  }

  test("external: the registered uploader PUTs the file to the storage endpoint, progress to 100%, the entry consumed", async () => {
    const progress: number[] = [];
    const page = await open("/external", (p) =>
      p.on("websocket", (ws) =>
        ws.on("framesent", (f) => {
          if (typeof f.payload !== "string" || !new URL(ws.url()).pathname.endsWith("/live/websocket")) return;
          const [, , , event, payload] = JSON.parse(f.payload) as [unknown, unknown, string, string, { progress?: unknown }];
          if (event === "progress" && typeof payload.progress === "number") progress.push(payload.progress);
        }),
      ),
    );
    const file = bytes(3_000_000, 7);
    await page.setInputFiles("#external-form input[type=file]", { name: "report.bin", mimeType: "application/octet-stream", buffer: file });
    await page.waitForSelector("p.entry .state:has-text('done')", { timeout: 20_000 });
    expect(await page.textContent("p.entry .percent")).toBe("100%");
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    await page.click("#external-form button[type=submit]");
    await page.waitForSelector("#saved li", { timeout: 10_000 });
    const [name, url] = (await page.textContent("#saved li"))!.split(" ");
    expect(name).toBe("report.bin");
    expect(url!.startsWith(`${shared().storage}/objects/`)).toBe(true);
    const key = url!.slice(`${shared().storage}/objects/`.length);
    expect(stored.get(key)?.equals(file)).toBe(true);
    expect(await page.locator("p.entry").count()).toBe(0);
    await done(page);
  });

  test("a live component's upload: announced, sent and consumed with its cid; a wrong type shows its error there", async () => {
    const page = await open("/component");
    await page.setInputFiles("#box-form input[type=file]", [
      { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("alpha ".repeat(500)) },
      { name: "b.txt", mimeType: "text/plain", buffer: Buffer.from("beta") },
    ]);
    await page.waitForFunction(() => document.querySelectorAll("#box p.entry").length === 2, null, { timeout: 10_000 });
    await page.click("#box-form button[type=submit]");
    await page.waitForFunction(() => document.querySelectorAll("#box #saved li").length === 2, null, { timeout: 10_000 });
    expect(await page.locator("#box #saved li").allTextContents()).toEqual([`a.txt=${"alpha ".repeat(500)}`, "b.txt=beta"]);
    expect(await page.locator("#box p.entry").count()).toBe(0);
    // A dropped file of the wrong type: its error in the component, cancel removes it.
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["x"], "c.png", { type: "image/png" }));
      document.querySelector("#box .drop")!.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: transfer }));
    });
    await page.waitForSelector("#box p.entry .errors:has-text('not_accepted')", { timeout: 10_000 });
    await page.click("#box p.entry button.cancel");
    await page.waitForFunction(() => document.querySelectorAll("#box p.entry").length === 0, null, { timeout: 10_000 });
    await done(page);
  });

  test("a hook's upload and uploadTo hand files to the live file input, as if chosen", async () => {
    const page = await open("/component");
    await page.click("#hooked");
    await page.waitForFunction(() => document.querySelectorAll("#box p.entry").length === 1, null, { timeout: 10_000 });
    await page.click("#hooked-to");
    await page.waitForFunction(() => document.querySelectorAll("#box p.entry").length === 2, null, { timeout: 10_000 });
    await page.click("#box-form button[type=submit]");
    await page.waitForFunction(() => document.querySelectorAll("#box #saved li").length === 2, null, { timeout: 10_000 });
    expect(await page.locator("#box #saved li").allTextContents()).toEqual(["hooked.txt=from hooked", "hooked-to.txt=from hooked-to"]);
    await done(page);
  });

  // Phoenix's issue 2965: a hook calls `upload` again while the files of its earlier calls are
  // still being announced; each file is preflighted and sent, none left at 0%.
  test("a hook's upload calls one after another, with autoUpload: every file is sent, to 100%", async () => {
    const page = await open("/queued");
    await page.click("#each");
    await page.waitForFunction(() => document.querySelectorAll("p.entry").length === 3, null, { timeout: 10_000 });
    await page.waitForFunction(() => [...document.querySelectorAll("p.entry .percent")].every((p) => p.textContent === "100%"), null, { timeout: 10_000 }).catch(() => undefined);
    expect(await page.locator("p.entry").allTextContents()).toEqual(["one.txt 100%", "two.txt 100%", "three.txt 100%"]);
    await page.click("#queued-form button[type=submit]");
    await page.waitForFunction(() => document.querySelectorAll("#saved li").length === 3, null, { timeout: 10_000 });
    expect(await page.locator("#saved li").allTextContents()).toEqual(["one.txt", "two.txt", "three.txt"]);
    await done(page);
  });

  test("a dropped connection mid-upload: the server ends the entry, the view mounts afresh, choosing the file again uploads it", async () => {
    const gate = shared().gate;
    gate.closes.length = 0;
    gate.disposed = 0;
    let release!: () => void;
    gate.held = new Promise<void>((resolve) => (release = resolve));
    const blocked = new Promise<void>((resolve) => (gate.onBlocked = resolve));
    const page = await open("/gated");
    const file = bytes(200_000, 3);
    await page.setInputFiles("#gated-form input[type=file]", { name: "big.bin", mimeType: "application/octet-stream", buffer: file });
    // The first chunk's write waits: the upload is in flight.
    await blocked;
    expect(await page.textContent("p.entry .state")).toBe("sending");
    await page.evaluate(() => (window as unknown as { liveSocket: { disconnect(): void } }).liveSocket.disconnect());
    await page.waitForFunction(() => !document.querySelector("[data-phx-main]")!.classList.contains("phx-connected"), null, { timeout: 10_000 });
    // The server ended the upload with its connection: the writer cancelled and disposed.
    await expect.poll(() => [gate.closes.join(","), gate.disposed], { timeout: 10_000 }).toEqual(["cancel", 1]);
    gate.held = null;
    gate.onBlocked = null;
    release();
    await page.evaluate(() => (window as unknown as { liveSocket: { connect(): void } }).liveSocket.connect());
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
    // A fresh mount: no entry. The user chooses the file again; it uploads whole.
    await page.waitForFunction(() => document.querySelectorAll("p.entry").length === 0, null, { timeout: 10_000 });
    await page.setInputFiles("#gated-form input[type=file]", { name: "big.bin", mimeType: "application/octet-stream", buffer: file });
    await page.waitForSelector("p.entry .state:has-text('done')", { timeout: 20_000 });
    await page.click("#gated-form button[type=submit]");
    await page.waitForSelector("#saved li", { timeout: 10_000 });
    expect(await page.textContent("#saved li")).toBe(`big.bin ${file.length} ${sha(file)}`);
    expect(gate.closes).toEqual(["cancel", "done"]);
    // The official client's entry reports its channel's error while the connection is down, and
    // logs that the report could not go out: its own behaviour, nothing the server refused.
    if (client === "official") {
      const offline = problems.filter((p) => /console\.error: Failed to push file progress \{error: no connection/.test(p));
      expect(offline.length).toBeLessThanOrEqual(1);
      for (const p of offline) problems.splice(problems.indexOf(p), 1);
    }
    await done(page);
  });
});
