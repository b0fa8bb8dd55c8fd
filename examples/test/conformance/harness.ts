/**
 * The conformance harness: the same app served twice, once to LiveTSX's own client and once to
 * the official Phoenix LiveView client, the same interactions scripted on both, and the DOM of
 * each view container compared after every step.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { livetsx } from "@livetsx/vite";
import { launchBrowser, pauseClock } from "../browser.js";

/** Which browser entry a server hands out. */
export type Kind = "livetsx" | "official";
export const KINDS: readonly Kind[] = ["livetsx", "official"];

export const EXAMPLES = fileURLToPath(new URL("../..", import.meta.url));
export const CONFORMANCE_APP = fileURLToPath(new URL("./app", import.meta.url));
/** The official client's entry, relative to each Vite root (the plugin resolves it from there). */
export const OFFICIAL_CLIENT = {
  demo: "test/demo-official-client.js",
  app: "../official-client.js",
} as const;
/** The version the official client reports, and the one the server must announce. */
export const OFFICIAL_VERSION = "1.2.12";

export interface AppOptions {
  root: string;
  routes: string;
  layout: string;
  /** The `client` option; absent = LiveTSX's built-in entry. */
  client?: string;
}

/**
 * A Vite dev server with the LiveTSX plugin on loopback, as the brief prescribes, plus three
 * settings that keep concurrent test runs apart: no file watcher (another engineer's edit would
 * reload every open page), no dependency discovery (the dev servers would otherwise race on
 * `node_modules/.vite`; `phoenix` and `phoenix_live_view` ship ESM and need no pre-bundling), and
 * a fresh signing secret (nothing is written under the app's root).
 */
export async function startApp(options: AppOptions): Promise<{ server: ViteDevServer; base: string }> {
  // The demo's progress bar (topbar) is CommonJS, which the dev server serves once pre-bundled:
  // in a cache of this server's own, removed when it closes.
  const demo = options.root === EXAMPLES;
  const cacheDir = demo ? join(EXAMPLES, "node_modules", ".livetsx", `vite-${randomBytes(6).toString("hex")}`) : undefined;
  const server = await createServer({
    root: options.root,
    configFile: false,
    logLevel: "silent",
    plugins: [
      livetsx({
        routes: options.routes,
        layout: options.layout,
        secret: randomBytes(48).toString("base64url"),
        ...(options.client ? { client: options.client } : {}),
      }),
    ],
    optimizeDeps: { noDiscovery: true, include: demo ? ["topbar"] : [] },
    ...(cacheDir ? { cacheDir } : {}),
    server: { port: 0, host: "127.0.0.1", watch: null },
  });
  if (cacheDir) {
    const close = server.close.bind(server);
    server.close = async () => {
      await close();
      rmSync(cacheDir, { recursive: true, force: true });
    };
  }
  await server.listen();
  const base = server.resolvedUrls?.local[0];
  if (!base) throw new Error("the dev server has no local URL");
  return { server, base: base.replace(/\/$/, "") };
}

/** One client's side of a comparison: its own browser context (cookies) and servers. */
export class Side {
  /** Console errors and warnings, uncaught exceptions, failed requests, error replies. */
  readonly problems: string[] = [];
  private readonly pages: Page[] = [];

  constructor(
    readonly kind: Kind,
    readonly context: BrowserContext,
    /** The base URL of each app this side's servers run. */
    readonly bases: Record<"demo" | "app", string>,
  ) {}

  /** The context has Playwright's fake clock, which follows real time until a step stops it. */
  static async create(browser: Browser, kind: Kind, bases: Record<"demo" | "app", string>): Promise<Side> {
    const context = await browser.newContext();
    await context.clock.install();
    return new Side(kind, context, bases);
  }

  /** Opens `path` and waits until the view has joined; checks which client is running. */
  async open(app: "demo" | "app", path: string, before?: (page: Page) => void): Promise<Page> {
    const page = await this.context.newPage();
    before?.(page);
    this.pages.push(page);
    const where = () => `${this.kind} ${path}`;
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") this.problems.push(`${where()}: console.${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => this.problems.push(`${where()}: uncaught ${e.name}: ${e.message}`));
    page.on("requestfailed", (r) => this.problems.push(`${where()}: request failed: ${r.url()} (${r.failure()?.errorText})`));
    // The protocol level: the server must answer every message of either client with "ok".
    page.on("websocket", (ws) => {
      if (!new URL(ws.url()).pathname.endsWith("/live/websocket")) return;
      ws.on("framereceived", (f) => {
        if (typeof f.payload !== "string") return;
        const [, , topic, event, payload] = JSON.parse(f.payload) as [unknown, unknown, string, string, { status?: string }];
        if (event === "phx_error" || (event === "phx_reply" && payload.status !== "ok")) {
          this.problems.push(`${where()}: the server answered ${event} on ${topic}: ${f.payload.slice(0, 300)}`);
        }
      });
    });
    await page.goto(this.bases[app] + path);
    await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 10_000 });
    const version = await page.evaluate(() => {
      const ls = (window as unknown as { liveSocket?: { version?: () => string } }).liveSocket;
      return ls === undefined ? "none" : typeof ls.version === "function" ? ls.version() : "livetsx";
    });
    // The official LiveSocket has version(); LiveTSX's has none: proof the plugin's `client` took.
    expect(version, `the client running on the ${this.kind} side`).toBe(this.kind === "official" ? OFFICIAL_VERSION : "livetsx");
    return page;
  }

  /** Closes this side's pages, then fails if the client complained or the server refused anything. */
  async closeAndCheck(): Promise<void> {
    await Promise.all(this.pages.splice(0).map((p) => p.close()));
    const problems = this.problems.splice(0);
    expect(problems, `errors and warnings on the ${this.kind} client's pages`).toEqual([]);
  }

  /** After a failed test: closes what it left open and forgets its problems (already reported). */
  async reset(): Promise<void> {
    await Promise.all(this.pages.splice(0).map((p) => p.close()));
    this.problems.length = 0;
  }

  async dispose(): Promise<void> {
    await this.context.close();
  }
}

/** What a page shows: the page title, the container's state, and its normalised inner DOM. */
export interface Snapshot {
  title: string;
  /** The container's client state classes (`phx-connected`, …): both must be connected. */
  state: string;
  html: string;
}

/**
 * Serialises the view container's children in the page. Drops what only a client adds: every
 * `data-phx-*` attribute (magic ids, refs, session tokens of nested views), and the classes
 * `phx-connected`, `phx-loading` and `phx-<event>-loading`; an emptied `class` goes too.
 * Attributes are sorted (morphdom may add them in another order). Form fields also show their
 * live `value` (and `checked`) properties, as `:value=` (and `:checked`), since that is what the
 * user sees.
 */
export function serializeView(): { title: string; state: string; html: string } {
  const container = document.querySelector("[data-phx-main]");
  if (!container) return { title: document.title, state: "no container", html: "" };
  const clientClass = /^phx-(connected|loading|[a-z-]+-loading)$/;
  const voids = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
  const text = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\u00a0/g, "&nbsp;");
  const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  const out: string[] = [];
  const walk = (parent: Node) => {
    for (const node of Array.from(parent.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE) out.push(text((node as Text).data));
      else if (node.nodeType === Node.COMMENT_NODE) out.push(`<!--${(node as Comment).data}-->`);
      else if (node.nodeType === Node.ELEMENT_NODE) {
        const el = node as Element;
        const attrs: [string, string][] = [];
        for (const a of Array.from(el.attributes)) {
          if (a.name.startsWith("data-phx-")) continue;
          if (a.name === "class") {
            const classes = a.value.split(/\s+/).filter((c) => c !== "" && !clientClass.test(c));
            if (classes.length > 0) attrs.push(["class", classes.join(" ")]);
            continue;
          }
          attrs.push([a.name, a.value]);
        }
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
          attrs.push([":value", el.value]);
          if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) attrs.push([":checked", String(el.checked)]);
        }
        attrs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        const tag = el.tagName.toLowerCase();
        out.push(`<${tag}${attrs.map(([k, v]) => ` ${k}="${attr(v)}"`).join("")}>`);
        walk(el);
        if (!voids.has(tag)) out.push(`</${tag}>`);
      }
    }
  };
  walk(container);
  const state = Array.from(container.classList)
    .filter((c) => c.startsWith("phx-"))
    .sort()
    .join(" ");
  return { title: document.title, state, html: out.join("") };
}

/** Waits until no event of the page awaits its reply (no loading class, no pending ref). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const pending = document.querySelectorAll("[data-phx-ref-src], [data-phx-ref-lock], [data-phx-ref-loading]");
      const loading = Array.from(document.querySelectorAll("[class*='-loading']")).filter((el) =>
        Array.from(el.classList).some((c) => /^phx-[a-z-]+-loading$/.test(c)),
      );
      const main = document.querySelector("[data-phx-main]");
      return pending.length === 0 && loading.length === 0 && main !== null && !main.classList.contains("phx-loading");
    },
    null,
    { timeout: 5000 },
  );
}

export async function snapshot(page: Page, scrub: (html: string) => string = (h) => h): Promise<Snapshot> {
  const s = await page.evaluate(serializeView);
  return { ...s, html: scrub(s.html) };
}

/** One scripted interaction, done on every page set (one per client), then awaited. */
export interface Step {
  name: string;
  /** Does the interaction on one client's pages. */
  act(pages: Page[]): Promise<void>;
  /** Resolves once that client shows the step's outcome (throws on timeout). */
  ready(pages: Page[]): Promise<void>;
}

/**
 * Runs the steps on both clients, one after the other, and after each step (and before the
 * first) compares every page's snapshot between the clients. Returns the official client's
 * snapshots, for scenario-specific assertions.
 */
export async function compareSteps(
  pages: Record<Kind, Page[]>,
  steps: readonly Step[],
  options: { scrub?: (html: string) => string; extra?: (page: Page) => Promise<unknown> } = {},
): Promise<Snapshot[][]> {
  const history: Snapshot[][] = [];
  const capture = async (label: string) => {
    const shots = {} as Record<Kind, (Snapshot & { extra?: unknown })[]>;
    for (const kind of KINDS) {
      shots[kind] = [];
      for (const page of pages[kind]) {
        await settled(page);
        const shot: Snapshot & { extra?: unknown } = await snapshot(page, options.scrub);
        if (options.extra) shot.extra = await options.extra(page);
        shots[kind].push(shot);
      }
    }
    for (const [i, shot] of shots.official.entries()) {
      expect(shot.state, `${label}: page ${i} is connected (official)`).toBe("phx-connected");
      expect(shots.livetsx[i]!.state, `${label}: page ${i} is connected (livetsx)`).toBe("phx-connected");
    }
    expect(shots.official, `${label}: the official client shows what LiveTSX's shows`).toEqual(shots.livetsx);
    history.push(shots.official);
  };
  await capture("after the join");
  for (const step of steps) {
    // Both clients do the step even when the first one fails, so a failure names every client
    // that missed the step's outcome and shows what each showed instead.
    const failures: string[] = [];
    for (const kind of KINDS) {
      try {
        await step.act(pages[kind]);
        await step.ready(pages[kind]);
      } catch (error) {
        const shown = await Promise.all(pages[kind].map((page) => snapshot(page, options.scrub).catch(() => null)));
        failures.push(`on the ${kind} client: ${(error as Error).message.split("\n")[0]}\n  it shows: ${JSON.stringify(shown)}`);
      }
    }
    if (failures.length > 0) throw new Error(`step "${step.name}" never completed\n${failures.join("\n")}`);
    await capture(`after "${step.name}"`);
  }
  return history;
}

/** Closes every page of both sides; fails on anything either client logged as an error or warning. */
export async function closeAll(sides: Record<Kind, Side>): Promise<void> {
  const results = await Promise.allSettled(KINDS.map((kind) => sides[kind].closeAndCheck()));
  for (const r of results) if (r.status === "rejected") throw r.reason;
}

/** A step on the first page: `act`, then wait for `ready(arg)` to hold there. */
export function on<A>(name: string, act: (page: Page) => Promise<void>, ready: (arg: A) => boolean, arg: A): Step {
  return {
    name,
    act: (pages) => act(pages[0]!),
    ready: async (pages) => {
      await pages[0]!.waitForFunction(ready as (arg: unknown) => boolean, arg as unknown, { timeout: 5000 });
    },
  };
}

/**
 * Does `input` (typing into a debounced field) while the page's time stands still, then moves
 * that time past the 300 ms debounce and lets it run again: exactly one event goes out, however
 * slow the machine is, so both clients see the same sequence.
 */
export async function withinDebounce(page: Page, input: () => Promise<void>): Promise<void> {
  await pauseClock(page);
  await input();
  await page.clock.runFor(300);
  await page.clock.resume();
}

type Hook = (fn: () => Promise<void>, timeout?: number) => void;

/**
 * Both sides for a test file: before its tests, the demo (and with `app`, the conformance app)
 * once per client and one Chromium; after each test the sides' pages are reset; after all,
 * everything stops. The returned record is filled in by the time the tests run.
 */
export function useSides(hooks: { beforeAll: Hook; afterEach: Hook; afterAll: Hook }, { app = false } = {}): Record<Kind, Side> {
  const sides = {} as Record<Kind, Side>;
  const servers: ViteDevServer[] = [];
  let chrome: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  hooks.beforeAll(async () => {
    const started = await Promise.all(
      KINDS.map((kind) => {
        const official = kind === "official";
        // The demo's own entry (src/client.ts, as its vite.config.ts has it), or the official client's.
        const demo = startApp({ root: EXAMPLES, routes: "src/routes.ts", layout: "src/layout.ts", client: official ? OFFICIAL_CLIENT.demo : "src/client.ts" });
        const conformance = app
          ? startApp({ root: CONFORMANCE_APP, routes: "routes.ts", layout: "layout.ts", ...(official ? { client: OFFICIAL_CLIENT.app } : {}) })
          : demo;
        return Promise.all([demo, conformance]);
      }),
    );
    for (const pair of started) servers.push(...new Set(pair.map((s) => s.server)));
    chrome = await launchBrowser();
    for (const [i, kind] of KINDS.entries()) {
      // Without `app`, "app" points at the demo too and is never opened.
      sides[kind] = await Side.create(chrome.browser, kind, { demo: started[i]![0].base, app: started[i]![1].base });
    }
  }, 60_000);
  hooks.afterEach(async () => {
    for (const kind of KINDS) await sides[kind]?.reset();
  });
  hooks.afterAll(async () => {
    for (const kind of KINDS) await sides[kind]?.dispose();
    await chrome?.close();
    await Promise.all(servers.map((s) => s.close()));
  });
  return sides;
}
