/**
 * The registration demo in Chromium: validation as you type with errors only for the fields the
 * user used, a submit that locks the form while the server works and then navigates live to
 * another view with a flash message, and a form whose values survive a lost connection and a
 * server restart.
 */
import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { openPage, pauseClock, refused, sentInPage, useDemo, type Frame } from "./browser.js";

const demo = useDemo({ beforeAll, afterAll });
const url = demo.url;

/** Opens `path` (on `base`, a relay in front of the demo, if given) and waits for the join. */
const open = (path: string, options: { base?: string; noViteClient?: boolean; clock?: boolean } = {}) =>
  openPage(demo.browser, (options.base ?? url("")) + path, options);

const errorTexts = (page: Page) => page.locator("#registration p.error").allInnerTexts();
const marker = (page: Page) => page.evaluate(() => (window as unknown as { marker?: number }).marker);

/**
 * A TCP relay to the dev server that can cut every connection and refuse new ones for a while
 * (a network outage, with the server and its state still running), or hold back what the server
 * sends until released (a reply that takes as long as the test wants).
 */
async function relay(
  target: number,
): Promise<{ base: string; down(): void; up(): void; hold(): void; release(): void; close(): Promise<void> }> {
  const open = new Set<Socket>();
  let accepting = true;
  /** While held, what the server sent, per client connection, in order. */
  let held: [Socket, Buffer][] | null = null;
  const server: Server = createServer((client) => {
    if (!accepting) return void client.destroy();
    const upstream = connect(target, "127.0.0.1");
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("error", () => undefined);
      s.on("close", () => {
        open.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.on("data", (chunk: Buffer) => {
      if (held) held.push([client, chunk]);
      else client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: relayPort } = server.address() as { port: number };
  return {
    base: `http://127.0.0.1:${relayPort}`,
    down() {
      accepting = false;
      for (const s of open) s.destroy();
    },
    up() {
      accepting = true;
    },
    hold() {
      held ??= [];
    },
    release() {
      const chunks = held ?? [];
      held = null;
      for (const [client, chunk] of chunks) if (!client.destroyed) client.write(chunk);
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** The index of the last `phx_join` the page sent. */
const lastJoin = (sent: Frame[]) => sent.flatMap((f, i) => (f[3] === "phx_join" ? [i] : [])).at(-1)!;

/**
 * After a rejoin: the typed values are in the inputs and in the HTML the server rendered, the
 * name typed while disconnected has its error (only a server that received it can say so), and
 * the recovery event (the form's phx-change with its values) followed the rejoin.
 */
async function expectRecovered(page: Page, sent: Frame[]): Promise<void> {
  await page.waitForSelector("#user_name-error-0", { timeout: 5000 });
  expect(await page.locator("#user_name-error-0").innerText()).toBe("Name must be at least 2 characters");
  expect(await page.inputValue("#user_name")).toBe("A");
  expect(await page.inputValue("#user_email")).toBe("ada@example.com");
  expect(await page.getAttribute("#user_email", "value")).toBe("ada@example.com");
  expect(await page.getAttribute("#user_name", "value")).toBe("A");
  expect(await errorTexts(page)).toEqual(["Name must be at least 2 characters"]);
  // The same document: recovered, not reloaded.
  expect(await marker(page)).toBe(42);
  const rejoin = lastJoin(sent);
  expect(sent[rejoin]![4].params._mounts).toBe(1);
  const recovery = sent.slice(rejoin).find((f) => f[3] === "event" && f[4].event === "validate");
  expect(recovery).toBeDefined();
  expect(recovery![4].value).toContain("user%5Bname%5D=A&");
  expect(recovery![4].value).toContain("user%5Bemail%5D=ada%40example.com");
  // The server carries on from there.
  await page.click("#user_name");
  await page.keyboard.press("End");
  await page.keyboard.type("da");
  await page.waitForSelector("#user_name-error-0", { state: "detached", timeout: 5000 });
  expect(await page.getAttribute("#user_name", "value")).toBe("Ada");
}

/** Types the email (validated by the server), for a form to recover later. */
async function typeEmail(page: Page): Promise<void> {
  await page.fill("#user_email", "ada@example.com");
  await page.waitForFunction(() => document.querySelector("#user_email")?.getAttribute("value") === "ada@example.com", null, { timeout: 5000 });
}

/** Types a too-short name while the view is disconnected (a page opened with a clock): no server sees it then. */
async function typeNameOffline(page: Page): Promise<void> {
  await page.waitForSelector("[data-phx-main].phx-error", { timeout: 10_000 });
  await page.click("#user_name");
  // The page's time stands still while the name is typed, then moves past its 300 ms debounce:
  // the event is due while the view is down.
  await pauseClock(page);
  await page.keyboard.type("A");
  await page.clock.runFor(300);
  expect(await page.locator("#user_name-error-0").count()).toBe(0);
  await page.clock.resume();
}

/**
 * The submit scenario through `net`: an invalid submit shows every error, a valid one locks the
 * form while its reply is held back, then lands on /welcome with the flash.
 */
async function submitAndLand(net: Awaited<ReturnType<typeof relay>>): Promise<void> {
  const { page, errors, sent, received, sockets, loads } = await open("/register", { base: net.base });
  await page.click("button[type=submit]");
  await page.waitForFunction(() => document.querySelectorAll("#registration p.error").length === 3, null, { timeout: 5000 });
  expect(await errorTexts(page)).toEqual([
    "Name must be at least 2 characters",
    "Enter a valid email address",
    "Password must be at least 8 characters",
  ]);
  // The reply unlocked the form.
  expect(await page.locator("button[type=submit]").innerText()).toBe("Create account");
  expect(await page.locator("button[type=submit]").isDisabled()).toBe(false);

  await page.fill("#user_name", "Ada Lovelace");
  await page.fill("#user_email", "ada@example.com");
  await page.fill("#user_password", "analytical-engine");
  await page.waitForFunction(() => document.querySelectorAll("#registration p.error").length === 0, null, { timeout: 5000 });

  // The server takes ~300 ms, and the relay holds its reply back until released: meanwhile the
  // button says so and is disabled, the inputs read-only (read first in the same task as the
  // click, whose submit is dispatched synchronously).
  net.hold();
  const busy = await page.evaluate(() => {
    const button = document.querySelector<HTMLButtonElement>("#registration button[type=submit]")!;
    const name = document.querySelector<HTMLInputElement>("#user_name")!;
    button.click();
    return { label: button.textContent, disabled: button.disabled, readOnly: name.readOnly };
  });
  expect(busy).toEqual({ label: "Creating account…", disabled: true, readOnly: true });
  // Still in flight (the relay holds the reply back): still locked.
  expect(await page.locator("button[type=submit]").isDisabled()).toBe(true);
  expect(await page.locator("#user_name").getAttribute("readonly")).not.toBeNull();
  expect(page.url()).toBe(`${net.base}/register`);
  net.release();

  await page.waitForURL(`${net.base}/welcome`, { timeout: 5000 });
  await page.waitForSelector("#flash-info", { timeout: 5000 });
  expect(await page.locator("#flash-info p").innerText()).toBe("Welcome, Ada Lovelace!");
  await page.waitForSelector("[data-phx-main].phx-connected");
  // Live navigation: the same document and the same WebSocket, the new view joined on it.
  expect(await marker(page)).toBe(42);
  expect(loads()).toBe(1);
  expect(sockets).toHaveLength(1);
  const joins = sent.filter((f) => f[3] === "phx_join");
  expect(joins).toHaveLength(2);
  expect(joins[1]![4].redirect).toBe(`${net.base}/welcome`);
  expect(typeof joins[1]![4].flash).toBe("string");
  expect(sent.some((f) => f[3] === "phx_leave")).toBe(true);
  expect(await page.title()).toBe("Welcome");

  // Dismissing the flash: lv:clear-flash with the kind as key, and the message goes.
  await page.click("#flash-info .flash-close");
  await page.waitForSelector("#flash-info", { state: "detached", timeout: 5000 });
  const clear = sent.filter((f) => f[3] === "event" && f[4].event === "lv:clear-flash");
  expect(clear).toHaveLength(1);
  expect(clear[0]![4].value.key).toBe("info");
  expect(await page.locator(".flash").count()).toBe(0);
  expect(errors).toEqual([]);
  expect(refused(sent, received), "messages the server refused").toEqual([]);
  await page.close();
}

describe("registration form", () => {
  test("validates as you type: only the used field shows its error, and fixing it clears it", async () => {
    const { page, errors, sent, received } = await open("/register", { clock: true });
    await page.click("#user_email");
    // phx-debounce="300": fifteen keystrokes in the same instant of the page's time (stopped,
    // however long the typing takes), one event once the 300 ms are over.
    await pauseClock(page);
    await page.keyboard.type("ada.example.com", { delay: 15 });
    await page.clock.runFor(299);
    expect(await sentInPage(page, "validate")).toEqual([]);
    await page.clock.runFor(1);
    const typed = await sentInPage(page, "validate");
    expect(typed).toHaveLength(1);
    expect(typed[0]![4].value).toContain("user%5Bemail%5D=ada.example.com");
    expect(typed[0]![4].meta).toEqual({ _target: "user[email]" });
    await page.clock.resume();
    await page.waitForSelector("#user_email-error-0", { timeout: 5000 });
    expect(await page.locator("#user_email-error-0").innerText()).toBe("Enter a valid email address");
    expect(await page.getAttribute("#user_email", "aria-invalid")).toBe("true");
    // The name and password are invalid too (empty), but nobody used them yet.
    expect(await errorTexts(page)).toEqual(["Enter a valid email address"]);
    expect(await page.getAttribute("#user_name", "aria-invalid")).toBeNull();

    await page.fill("#user_email", "ada@example.com");
    await page.waitForSelector("#user_email-error-0", { state: "detached", timeout: 5000 });
    expect(await errorTexts(page)).toEqual([]);
    expect(await page.getAttribute("#user_email", "aria-invalid")).toBeNull();
    expect(await page.inputValue("#user_email")).toBe("ada@example.com");

    // A second field used: its error shows, the fixed email stays clean.
    await page.click("#user_name");
    await page.keyboard.type("A");
    await page.waitForSelector("#user_name-error-0", { timeout: 5000 });
    expect(await errorTexts(page)).toEqual(["Name must be at least 2 characters"]);
    expect(errors).toEqual([]);
    expect(refused(sent, received), "messages the server refused").toEqual([]);
    await page.close();
  });

  test("an invalid submit shows every error; a valid one locks the form, then lands on /welcome with the flash", async () => {
    // Through a relay, so that the reply to the submit arrives only when the test lets it.
    const net = await relay(demo.port);
    try {
      await submitAndLand(net);
    } finally {
      await net.close();
    }
  });

  test("after a lost connection the form is recovered: the rejoined view gets its values and validates them", async () => {
    const net = await relay(demo.port);
    try {
      const { page, sent, received } = await open("/register", { base: net.base, noViteClient: true, clock: true });
      await typeEmail(page);
      net.down();
      await typeNameOffline(page);
      net.up();
      await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
      await expectRecovered(page, sent);
      expect(refused(sent, received), "messages the server refused").toEqual([]);
      await page.close();
    } finally {
      await net.close();
    }
  }, 40_000);

  test("disconnect(done) calls done once the view shows the loss; connect() recovers the form, its first input as the target", async () => {
    const { page, sent, received } = await open("/register");
    await typeEmail(page);
    type Client = { liveSocket: { disconnect(done: () => void): void; connect(): void } };
    await page.evaluate(() => new Promise<void>((resolve) => (window as unknown as Client).liveSocket.disconnect(resolve)));
    expect(await page.locator("[data-phx-main].phx-loading").count()).toBe(1);
    await page.evaluate(() => (window as unknown as Client).liveSocket.connect());
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
    const recovery = sent.slice(lastJoin(sent)).find((f) => f[3] === "event" && f[4].event === "validate");
    expect(recovery?.[4].meta).toEqual({ _target: "user[name]" });
    // Each untouched field's marker comes right before it, as the official client sends them.
    expect(String(recovery![4].value)).toMatch(/user%5B_unused_name%5D=&user%5Bname%5D=&user%5Bemail%5D=ada%40example.com&user%5B_unused_password%5D=&user%5Bpassword%5D=/);
    expect(await page.inputValue("#user_email")).toBe("ada@example.com");
    expect(await errorTexts(page)).toEqual([]);
    expect(refused(sent, received), "messages the server refused").toEqual([]);
    await page.close();
  });

  test("after a server restart the form is recovered: the new server gets its values and validates them", async () => {
    const { page, sent, received } = await open("/register", { noViteClient: true, clock: true });
    await typeEmail(page);
    await demo.stop();
    await typeNameOffline(page);
    await demo.start();
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 15_000 });
    // The first join on the new server must be accepted; refused, the client reloads the page
    // and what was typed is gone.
    const rejoin = sent.find((f) => f[3] === "phx_join" && f[4].params._mounts === 1);
    expect(rejoin, "the view never rejoined").toBeDefined();
    const reply = received.find((f) => f[1] === rejoin![1] && f[3] === "phx_reply");
    expect(reply?.[4].status, `the restarted server answered the rejoin with ${JSON.stringify(reply?.[4])}`).toBe("ok");
    await expectRecovered(page, sent);
    await page.close();
  }, 40_000);
});
