/**
 * The packages as a user gets them: `npm pack` of the four packages and of create-livetsx, the
 * starter scaffolded by the packed create-livetsx in a temporary folder outside the repository,
 * the tarballs installed there from npm's cache alone (no workspace links, no network), the app
 * type-checked with skipLibCheck off, its own test run, and its pages driven in Chromium on the
 * Vite dev server and again after `npm run build`, on the production server of `npm start`.
 *
 * Offline: every package the app needs must be in npm's cache, which `npm ci` of this repository
 * fills. The app's lockfile is made from the repository's (the same versions, found in the cache
 * by their integrity), so npm never asks the registry which version a range means.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort, launchBrowser } from "../examples/test/browser.js";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("..", import.meta.url));
/** Folder of each package this test packs. */
const PACKAGES = {
  "@livetsx/compiler": "compiler",
  "@livetsx/client": "runtime-client",
  "@livetsx/server": "runtime-server",
  "@livetsx/vite": "vite-plugin",
  "create-livetsx": "create-livetsx",
} as const;
type Name = keyof typeof PACKAGES;
/** Besides the starter's own: the frameworks the adapters' types mention, so those types are checked too. */
const TYPE_CHECK_EXTRAS = ["fastify", "hono", "@hono/node-server"];

interface Packed {
  file: string;
  size: number;
  unpackedSize: number;
  files: string[];
  manifest: Record<string, any>;
}

const work = mkdtempSync(join(tmpdir(), "livetsx-packaging-"));
const tarballs = join(work, "tarballs");
const app = join(work, "my-app");
const packed = {} as Record<Name, Packed>;
const timings: Record<string, number> = {};
let dev: ChildProcess | null = null;
let production: ChildProcess | null = null;
let chrome: Awaited<ReturnType<typeof launchBrowser>> | null = null;

/** The environment of the tools run here: npm's settings from an `npm test` around us left out. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|NODE_OPTIONS$|NODE_ENV$|TEST$)/i.test(key) && !/^npm_config_(cache|registry)$/i.test(key)) continue;
    env[key] = value;
  }
  // Plain output, for the assertions on it.
  return { ...env, NO_COLOR: "1", FORCE_COLOR: "0", ...extra };
}

async function sh(cmd: string, args: string[], cwd: string, timeout = 400_000): Promise<string> {
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd, env: cleanEnv(), timeout, maxBuffer: 64 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

async function pack(name: Name): Promise<Packed> {
  const out = await sh("npm", ["pack", "--json", "--pack-destination", tarballs], join(REPO, PACKAGES[name]));
  // The prepack build prints before npm's JSON.
  const [info] = JSON.parse(out.slice(out.indexOf("[\n"), out.lastIndexOf("]") + 1)) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  return {
    file: join(tarballs, info!.filename),
    size: info!.size,
    unpackedSize: info!.unpackedSize,
    files: info!.files.map((f) => f.path),
    manifest: JSON.parse(readFileSync(join(REPO, PACKAGES[name], "package.json"), "utf8")),
  };
}

/**
 * The app's lockfile: the tarballs, and every other package at the version the repository's
 * lockfile has (npm prunes what the app does not need), each with its registry URL (the
 * repository's lockfile leaves them out), so an offline install needs no registry metadata,
 * only the cached tarballs.
 */
async function writeLockfile(pkg: Record<string, any>): Promise<void> {
  const registry = (await sh("npm", ["config", "get", "registry"], app)).trim().replace(/\/?$/, "/");
  const repoLock = JSON.parse(readFileSync(join(REPO, "package-lock.json"), "utf8"));
  const packages: Record<string, unknown> = {
    "": { name: pkg.name, version: pkg.version, dependencies: pkg.dependencies, devDependencies: pkg.devDependencies },
  };
  for (const [path, entry] of Object.entries<Record<string, unknown>>(repoLock.packages)) {
    if (!path.startsWith("node_modules/") || entry.link || path.startsWith("node_modules/@livetsx/") || path === "node_modules/create-livetsx") continue;
    const name = (entry.name as string | undefined) ?? path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    const resolved = entry.resolved ?? `${registry}${name}/-/${name.split("/").pop()}-${entry.version}.tgz`;
    packages[path] = { ...entry, resolved };
  }
  for (const name of Object.keys(PACKAGES) as Name[]) {
    if (name === "create-livetsx") continue;
    const { file, manifest } = packed[name];
    const integrity = `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
    const { version, dependencies, peerDependencies, peerDependenciesMeta, engines, license } = manifest;
    packages[`node_modules/${name}`] = { version, resolved: `file:${file}`, integrity, license, dependencies, peerDependencies, peerDependenciesMeta, engines };
  }
  writeFileSync(join(app, "package-lock.json"), JSON.stringify({ name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages }, null, 2));
}

/** `npm install --offline`; what npm's cache lacks is named, with what fills it. */
async function installOffline(): Promise<void> {
  try {
    await sh("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts=false"], app);
  } catch (error) {
    const message = String((error as Error).message);
    if (message.includes("ENOTCACHED")) {
      const missing = [...new Set([...message.matchAll(/request to (\S+) failed/g)].map((m) => decodeURIComponent(m[1]!)))];
      throw new Error(
        `The packed app cannot be installed offline: npm's cache has no ${missing.join(", ") || "copy of a package the app needs"}. ` +
          `This test installs from the cache alone (no network while testing); \`npm ci\` in the repository, online, fills it.\n\n${message}`,
      );
    }
    throw error;
  }
}

async function startDev(port: number): Promise<string> {
  const url = `http://127.0.0.1:${port}`;
  dev = spawn(process.execPath, [join(app, "node_modules/vite/bin/vite.js"), "--host", "127.0.0.1", "--port", String(port), "--strictPort"], {
    cwd: app,
    env: cleanEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  dev.stdout!.on("data", (d) => (output += d));
  dev.stderr!.on("data", (d) => (output += d));
  // Vite prints its URL once it listens; the first page load then compiles the views.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vite did not start within 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes(`${url}/`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    dev!.stdout!.on("data", check);
    dev!.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`vite exited with ${code}:\n${output}`));
    });
  });
  return url;
}

/**
 * What `npm start` runs (node dist/server/index.js) on `port`, resolved once it listens; `stop`
 * is its SIGTERM. The command is run without npm in between, so the signal reaches the server.
 */
async function startProduction(port: number): Promise<{ url: string; stop(): Promise<number | null> }> {
  const start = JSON.parse(readFileSync(join(app, "package.json"), "utf8")).scripts.start as string;
  expect(start).toBe("node dist/server/index.js");
  const child = spawn(process.execPath, start.split(" ").slice(1), {
    cwd: app,
    env: cleanEnv({ PORT: String(port), HOST: "127.0.0.1", LIVETSX_SECRET: "packaging-test-secret-0123456789-0123456789" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the production server did not listen within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes(`listening on http://127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the production server exited (${code}) before listening:\n${output}`));
    });
  });
  production = child;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Clicks the counter up twice and down once. */
async function driveCounter(page: Page): Promise<void> {
  await page.click("button[phx-click=inc]");
  await page.click("button[phx-click=inc]");
  await page.waitForFunction(() => document.querySelector("#count")?.textContent === "2");
  await page.click("button[phx-click=dec]");
  await page.waitForFunction(() => document.querySelector("#count")?.textContent === "1");
}

async function openConnected(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("[data-phx-main].phx-connected", { timeout: 20_000 });
  return { page, errors };
}

beforeAll(async () => {
  mkdirSync(tarballs);
  for (const name of Object.keys(PACKAGES) as Name[]) packed[name] = await pack(name);
}, 600_000);

afterAll(async () => {
  await chrome?.close();
  for (const child of [dev, production]) {
    if (!child || child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
  console.log(
    `packaging: tarballs ${Object.entries(packed)
      .map(([name, p]) => `${name} ${(p.size / 1024).toFixed(1)} kB (${(p.unpackedSize / 1024).toFixed(1)} kB unpacked)`)
      .join(", ")}; ` + `scaffold to running page: ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(", ")}`,
  );
});

describe("the tarballs", () => {
  test.each(Object.keys(PACKAGES).filter((n) => n !== "create-livetsx"))("%s holds its build: .js, .d.ts and source maps for every module", (name) => {
    const { files } = packed[name as Name];
    const modules = files.filter((f) => /^dist\/.*\.js$/.test(f) && !f.startsWith("dist/browser/"));
    expect(modules.length).toBeGreaterThan(0);
    for (const js of modules) {
      const stem = js.slice("dist/".length, -".js".length);
      expect(files, `${name}: ${js} without its declarations or maps`).toEqual(expect.arrayContaining([`dist/${stem}.d.ts`, `dist/${stem}.js.map`, `dist/${stem}.d.ts.map`]));
      // A module whose source is gone is a stale build, not part of the package.
      expect(files.some((f) => f === `src/${stem}.ts` || f === `src/${stem}.tsx`), `${name}: ${js} has no source`).toBe(true);
    }
  });

  test.each(Object.keys(PACKAGES).filter((n) => n !== "create-livetsx"))("%s: every export points into the tarball", (name) => {
    const { files, manifest } = packed[name as Name];
    const targets = Object.values<Record<string, string>>(manifest.exports).flatMap((conditions) => Object.values(conditions));
    for (const target of targets) expect(files, `${name} exports ${target}`).toContain(target.replace(/^\.\//, ""));
  });

  test.each(Object.keys(PACKAGES).filter((n) => n !== "create-livetsx"))("%s builds before it is packed (prepack), so a fresh clone packs its build too", (name) => {
    const { prepack } = packed[name as Name].manifest.scripts ?? {};
    expect(prepack, `${name} has no prepack script`).toMatch(/^(tsc -b|npm run build)$/);
    if (prepack === "npm run build") expect(packed[name as Name].manifest.scripts.build).toMatch(/^tsc -b( && .*)?$/);
  });

  test("the client ships its browser bundle with a source map", () => {
    expect(packed["@livetsx/client"].files).toEqual(expect.arrayContaining(["dist/browser/client.js", "dist/browser/client.js.map"]));
  });

  test("create-livetsx ships its bin and the whole template, .gitignore under another name", () => {
    const { files, manifest } = packed["create-livetsx"];
    expect(manifest.bin).toEqual({ "create-livetsx": "./index.js" });
    expect(files).toEqual(
      expect.arrayContaining(["index.js", "template/_gitignore", "template/package.json", "template/tsconfig.json", "template/vite.config.ts", "template/src/layout.ts", "template/src/routes.ts", "template/src/views/counter.tsx", "template/src/views/list.tsx", "template/test/views.test.ts"]),
    );
  });

  test("packages not meant for publishing are private", () => {
    for (const folder of [".", "examples", "bench", "fixtures"]) {
      expect(JSON.parse(readFileSync(join(REPO, folder, "package.json"), "utf8")).private, folder).toBe(true);
    }
  });
});

describe("an app from the starter, with the packed packages", () => {
  let url = "";

  beforeAll(async () => {
    const started = performance.now();
    // As `npm create livetsx my-app` runs it: the bin of the packed package, through npm exec.
    await sh("npm", ["exec", "--offline", "--yes", `--package=${packed["create-livetsx"].file}`, "--", "create-livetsx", "my-app"], work);
    timings.scaffold = performance.now() - started;
    const pkg = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
    expect(pkg.dependencies).toMatchObject({ "@livetsx/server": "^0.1.0", "@livetsx/vite": "^0.1.0", "@livetsx/client": "^0.1.0" });
    // Published, the packages would come from the registry; here from the tarballs, the compiler
    // (a dependency of the Vite plugin) included.
    for (const name of ["@livetsx/compiler", "@livetsx/client", "@livetsx/server", "@livetsx/vite"] as const) {
      pkg.dependencies[name] = `file:${packed[name].file}`;
    }
    const repoLock = JSON.parse(readFileSync(join(REPO, "package-lock.json"), "utf8")).packages;
    for (const extra of TYPE_CHECK_EXTRAS) pkg.devDependencies[extra] = repoLock[`node_modules/${extra}`].version;
    writeFileSync(join(app, "package.json"), JSON.stringify(pkg, null, 2));
    writeFileSync(
      join(app, "test/public-types.ts"),
      "// Every public entry of the packages, type-checked with skipLibCheck off.\n" +
        // The browser's virtual modules are declared by a script of types, referenced rather than imported.
        `/// <reference types="@livetsx/vite/client" />\nimport { hooks as viewHooks } from "virtual:livetsx/hooks";\nexport { viewHooks };\n` +
        Object.entries(packed)
          .filter(([name]) => name !== "create-livetsx")
          .flatMap(([name, p]) => Object.keys(p.manifest.exports).map((sub) => (sub === "." ? name : `${name}${sub.slice(1)}`)))
          .filter((entry) => entry !== "@livetsx/client/browser" && entry !== "@livetsx/vite/client")
          .map((entry, i) => `import * as entry${i} from "${entry}";\nexport { entry${i} };\n`)
          .join(""),
    );
    await writeLockfile(pkg);
    const t = performance.now();
    await installOffline();
    timings.install = performance.now() - t;
  }, 600_000);

  test("is scaffolded with a .gitignore and the tsconfig a view needs", () => {
    expect(readFileSync(join(app, ".gitignore"), "utf8")).toContain("node_modules/");
    const tsconfig = readFileSync(join(app, "tsconfig.json"), "utf8");
    expect(tsconfig).toMatch(/"jsx": "preserve"/);
    expect(tsconfig).toMatch(/"skipLibCheck": false/);
  });

  test("installed from the tarballs, not linked", async () => {
    const out = await sh("npm", ["ls", "--all", "--parseable", "--long", "@livetsx/server", "@livetsx/client", "@livetsx/compiler", "@livetsx/vite"], app);
    expect(out).not.toContain(REPO);
    for (const name of ["server", "client", "compiler", "vite"]) expect(out).toContain(`node_modules/@livetsx/${name}:@livetsx/${name}@0.1.0`);
  });

  test("type-checks with skipLibCheck off, every public entry included", async () => {
    await sh(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", app], app);
  }, 420_000);

  test("its own test passes (npm test: tsc and vitest)", async () => {
    const out = await sh("npm", ["test"], app);
    expect(out).toMatch(/Tests\s+2 passed/);
  }, 420_000);

  test("on the Vite dev server, the counter and the list work in Chromium", async () => {
    const t = performance.now();
    url = await startDev(await freePort());
    chrome = await launchBrowser();
    const { page, errors } = await openConnected(chrome.browser, `${url}/`);
    timings["dev server to connected page"] = performance.now() - t;
    // The steps a user takes, without the checks this test makes in between.
    timings["scaffold to running page"] = timings.scaffold! + timings.install! + timings["dev server to connected page"];
    await driveCounter(page);

    await page.click("a[href='/list']");
    await page.waitForSelector("[data-phx-main].phx-connected");
    await page.fill("input[name=text]", "Milk");
    await page.click("button[type=submit]");
    await page.waitForFunction(() => document.querySelectorAll("#items li").length === 2);
    expect(await page.locator("#items li").last().innerText()).toContain("Milk");
    await page.click("#items li:first-child button[phx-click=remove]");
    await page.waitForFunction(() => document.querySelectorAll("#items li").length === 1);
    expect(await page.locator("#items li").innerText()).toContain("Milk");
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  test("built with npm run build, npm start serves it: the counter works in Chromium", async () => {
    await sh("npm", ["run", "build"], app);
    const server = await startProduction(await freePort());
    chrome ??= await launchBrowser();
    const { page, errors } = await openConnected(chrome.browser, `${server.url}/`);
    // The built client, not the dev server's.
    const scripts = await page.locator("script[type=module]").evaluateAll((els) => els.map((el) => el.getAttribute("src")));
    expect(scripts.some((src) => src?.startsWith("/assets/"))).toBe(true);
    expect(scripts).not.toContain("/@vite/client");
    await driveCounter(page);
    expect(errors).toEqual([]);
    await page.close();
    expect(await server.stop()).toBe(0);
  }, 180_000);
});
