/**
 * Several nodes of the demo: production servers in processes of their own (`node
 * dist/server/index.js` with `REDIS_URL`) sharing a real redis-server, and Chromium pages on
 * them. The chat crosses nodes both ways; who is online too; a node killed with SIGKILL behind a
 * TCP proxy has its pages rejoin on the other node with what they typed, and its presences
 * vanish from the other node within the bound; a Redis restart is survived without a server
 * restart.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_NODE_TIMEOUT } from "@livetsx/server";
import { startRedisServer, type TestRedis } from "@livetsx/redis/testing";
import { freePort, launchBrowser, openPage, type Frame, type OpenedPage } from "./browser.js";
import { startProductionDemo, type ProductionDemo } from "./production.js";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.js";

/** A node's presences are gone from the others within its record's TTL and one heartbeat. */
const PRESENCE_BOUND = DEFAULT_NODE_TIMEOUT + DEFAULT_HEARTBEAT_INTERVAL;

interface DemoNode {
  readonly port: number;
  readonly server: ProductionDemo;
  url(path: string): string;
}

let redis: TestRedis | null = null;
let chrome: Awaited<ReturnType<typeof launchBrowser>> | null = null;
const nodes: DemoNode[] = [];
const proxies: TcpProxy[] = [];
let nodeA: DemoNode;
let nodeB: DemoNode;

async function startNode(): Promise<DemoNode> {
  const port = await freePort();
  const server = await startProductionDemo(port, { REDIS_URL: redis!.url });
  const node = { port, server, url: (path: string) => `http://127.0.0.1:${port}${path}` };
  nodes.push(node);
  return node;
}

beforeAll(async () => {
  redis = await startRedisServer();
  [nodeA, nodeB] = await Promise.all([startNode(), startNode()]);
  chrome = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await chrome?.close();
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all(nodes.map((n) => n.server.close()));
  await redis?.close();
});

const open = (url: string) => openPage(chrome!.browser, url);

/** Who the page lists as online among `names`, as `name:tabs`, sorted. */
function onlineAmong(page: Page, names: string[]): Promise<string> {
  return page.evaluate(
    (wanted) =>
      [...document.querySelectorAll<HTMLElement>("#online li")]
        .filter((li) => wanted.includes(li.dataset.name ?? ""))
        .map((li) => `${li.dataset.name}:${li.dataset.tabs}`)
        .join(","),
    names,
  );
}

/** Waits until the page lists exactly `expected` (`name:tabs`, sorted by name) among `names`. */
async function waitOnline(page: Page, names: string[], expected: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    ({ wanted, want }) =>
      [...document.querySelectorAll<HTMLElement>("#online li")]
        .filter((li) => wanted.includes(li.dataset.name ?? ""))
        .map((li) => `${li.dataset.name}:${li.dataset.tabs}`)
        .join(",") === want,
    { wanted: names, want: expected },
    { timeout },
  );
}

async function send(page: Page, text: string): Promise<void> {
  await page.locator("input[name=text]").fill(text);
  await page.locator("input[name=text]").press("Enter");
}

function waitMessage(page: Page, text: string, timeout = 10_000): Promise<unknown> {
  return page.waitForFunction((t) => [...document.querySelectorAll("#messages .text")].some((e) => e.textContent === t), text, { timeout });
}

/** The reply to `request` among the frames the page received, if it came. */
function replyTo(opened: OpenedPage, request: Frame): Frame | undefined {
  return opened.received.find((f) => f[3] === "phx_reply" && f[1] === request[1] && f[2] === request[2]);
}

describe("two nodes on one Redis", () => {
  test("a chat message posted on node A reaches a page on node B, and the reverse", async () => {
    const alice = await open(nodeA.url("/chat?name=alice"));
    const bob = await open(nodeB.url("/chat?name=bob"));
    await send(alice.page, "hello from A");
    await waitMessage(bob.page, "hello from A");
    await send(bob.page, "hello from B");
    await waitMessage(alice.page, "hello from B");
    // Each page got each message once.
    for (const { page } of [alice, bob]) {
      expect(await page.locator("#messages .text").allTextContents()).toEqual(["hello from A", "hello from B"]);
    }
    expect([...alice.errors, ...bob.errors]).toEqual([]);
    await alice.page.close();
    await bob.page.close();
  });

  test("presence: pages on both nodes see each other online; a closed page leaves the other's list", async () => {
    const names = ["ann", "ben"];
    const ann = await open(nodeA.url("/chat?name=ann"));
    const ben = await open(nodeB.url("/chat?name=ben"));
    await waitOnline(ann.page, names, "ann:1,ben:1");
    await waitOnline(ben.page, names, "ann:1,ben:1");
    // A second tab of ann, on the other node: one key, two metas.
    const annAgain = await open(nodeB.url("/chat?name=ann"));
    await waitOnline(ann.page, names, "ann:2,ben:1");
    await annAgain.page.close();
    await waitOnline(ann.page, names, "ann:1,ben:1");
    await ben.page.close();
    await waitOnline(ann.page, names, "ann:1");
    await ann.page.close();
  });

  test("failover: node A killed behind a proxy, its pages rejoin on B with what they typed; A's presences vanish from B within the bound", async () => {
    const nodeC = await startNode();
    const proxy = await startTcpProxy([nodeC.port, nodeB.port]);
    proxies.push(proxy);
    const names = ["carol", "dave", "eve"];
    const carol = await open(`http://127.0.0.1:${proxy.port}/chat?name=carol`);
    // eve reaches node C directly: when it dies she has nowhere to go, and her presence must go.
    const eve = await open(nodeC.url("/chat?name=eve"));
    const dave = await open(nodeB.url("/chat?name=dave"));
    await waitOnline(dave.page, names, "carol:1,dave:1,eve:1");
    expect(proxy.routed).toEqual(expect.arrayContaining([nodeC.port]));
    expect(proxy.routed).not.toContain(nodeB.port);

    // Typed, not sent: the server holds it as the draft once its phx-change is answered.
    const typed = "typed before the crash";
    await carol.page.locator("input[name=text]").fill(typed);
    await expect.poll(() => {
      const typing = carol.sent.filter((f) => f[3] === "event" && f[4].event === "typing").at(-1);
      return typing && replyTo(carol, typing)?.[4].status;
    }).toBe("ok");

    const sentBefore = carol.sent.length;
    const killedAt = performance.now();
    await nodeC.server.kill();
    let rejoinedAfter = 0;
    await expect
      .poll(
        () => {
          const joins = carol.sent.slice(sentBefore).filter((f) => f[3] === "phx_join");
          const ok = joins.some((join) => replyTo(carol, join)?.[4].status === "ok");
          if (ok && rejoinedAfter === 0) rejoinedAfter = performance.now() - killedAt;
          return ok;
        },
        { timeout: 20_000, interval: 10 },
      )
      .toBe(true);
    console.info(`[failover] SIGKILL of node A → page rejoined on node B: ${rejoinedAfter.toFixed(0)} ms`);
    expect(proxy.routed.at(-1)).toBe(nodeB.port);
    await carol.page.waitForSelector("[data-phx-main].phx-connected", { timeout: 10_000 });
    // The rejoin recovered the form: the client sent what was typed, node B accepted it.
    const recovery = carol.sent.slice(sentBefore).find((f) => f[3] === "event" && f[4].event === "typing");
    expect(recovery?.[4].value).toBe(`text=${encodeURIComponent(typed).replace(/%20/g, "+")}`);
    await expect.poll(() => replyTo(carol, recovery!)?.[4].status).toBe("ok");
    expect(await carol.page.inputValue("input[name=text]")).toBe(typed);

    // Node A's presences (eve, and carol's old tab there) vanish from B; carol's new one stays.
    await waitOnline(dave.page, names, "carol:1,dave:1", PRESENCE_BOUND + 10_000);
    const vanishedAfter = performance.now() - killedAt;
    console.info(`[failover] SIGKILL of node A → its presences gone from node B: ${vanishedAfter.toFixed(0)} ms (bound ${PRESENCE_BOUND} ms)`);
    // The bound, and a second for the last heartbeat's round trip and the page's render.
    expect(vanishedAfter).toBeLessThan(PRESENCE_BOUND + 1000);

    // Carol lives on node B now: what she sends reaches dave.
    await carol.page.locator("input[name=text]").press("Enter");
    await waitMessage(dave.page, typed);
    expect(await onlineAmong(carol.page, names)).toBe("carol:1,dave:1");
    await Promise.all([carol.page.close(), eve.page.close(), dave.page.close()]);
  }, 60_000);

  test("a Redis restart: broadcasts resume once it is back, without a server restart", async () => {
    const fay = await open(nodeA.url("/chat?name=fay"));
    const gus = await open(nodeB.url("/chat?name=gus"));
    await send(fay.page, "before the restart");
    await waitMessage(gus.page, "before the restart");
    await redis!.stop();
    for (const node of [nodeA, nodeB]) {
      await expect.poll(() => node.server.output(), { timeout: 15_000 }).toContain("lost the connection to Redis");
    }
    await redis!.start();
    for (const node of [nodeA, nodeB]) {
      await expect.poll(() => node.server.output(), { timeout: 15_000 }).toContain("reconnected to Redis");
    }
    await send(fay.page, "after the restart");
    await waitMessage(gus.page, "after the restart");
    await send(gus.page, "and back");
    await waitMessage(fay.page, "and back");
    await fay.page.close();
    await gus.page.close();
  }, 60_000);
});
