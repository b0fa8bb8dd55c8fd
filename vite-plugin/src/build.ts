/**
 * The production build: one `vite build` builds the client (hashed, minified, with a manifest,
 * with brotli and gzip copies of its text files) into `<outDir>/client` and then a server bundle into `<outDir>/server`, whose `index.js` starts
 * the production server of `@livetsx/vite/server` with the app's routes and layout.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { constants, brotliCompress, gzip } from "node:zlib";
import { promisify } from "node:util";
import type { UserConfig } from "vite";
import type { LiveTSXOptions } from "./index.js";
import { CLIENT_ENTRY_ID } from "./server/manifest.js";

export const SERVER_ENTRY_ID = "virtual:livetsx/server-entry";

/** The environments of the build, each in a folder of `build.outDir`. */
export function buildConfig(user: UserConfig): UserConfig {
  const outDir = user.build?.outDir ?? "dist";
  const clientDir = `${outDir}/client`;
  const serverDir = `${outDir}/server`;
  return {
    // Builds both environments (client first, see the plugin's buildApp) in one `vite build`.
    builder: {},
    environments: {
      client: {
        build: {
          outDir: clientDir,
          manifest: true,
          emptyOutDir: true,
          rolldownOptions: { input: { client: CLIENT_ENTRY_ID } },
        },
      },
      ssr: {
        build: {
          outDir: serverDir,
          ssr: true,
          emptyOutDir: true,
          copyPublicDir: false,
          rolldownOptions: { input: { index: SERVER_ENTRY_ID }, output: { entryFileNames: "[name].js" } },
        },
      },
    },
  };
}

/**
 * The server bundle's entry. Options of `server` that are data (numbers, strings, booleans,
 * lists of them) are written into it; functions and objects (a `session` reader, a PubSub
 * adapter) cannot be, and are reported through `warn`: they come from `serverOptions`. The secret never is: the server reads it
 * from `LIVETSX_SECRET` when it starts.
 */
export function serverEntry(
  root: string,
  options: LiveTSXOptions,
  dirs: { outDir: string; assetsDir: string; base: string },
  warn: (message: string) => void,
): string {
  const routes = resolve(root, options.routes ?? "src/routes.ts");
  const serverDir = resolve(root, dirs.outDir, "server");
  const clientDir = resolve(root, dirs.outDir, "client");
  const lines = [
    `import * as routes$ from ${JSON.stringify(routes)};`,
    options.layout ? `import * as layout$ from ${JSON.stringify(resolve(root, options.layout))};` : "",
    options.serverOptions ? `import serverOptions$ from ${JSON.stringify(resolve(root, options.serverOptions))};` : "",
    `import { runServer } from "@livetsx/vite/server";`,
    // Read by name at run time: either export may be missing.
    `const pick = (module, name) => module[name] ?? module.default;`,
    `const routes = pick(routes$, "routes");`,
    `if (!routes || typeof routes !== "object") throw new Error(${JSON.stringify(`${options.routes ?? "src/routes.ts"} must export \`routes\``)});`,
    // Only by name (a default export is the routes), read at run time as the others.
    `const liveSessions = ((module, name) => module[name])(routes$, "liveSessions");`,
    options.layout ? `const layout = pick(layout$, "layout");` : `const layout = undefined;`,
    `await runServer({`,
    `  routes,`,
    `  ...(liveSessions ? { liveSessions } : {}),`,
    `  layout,`,
    `  clientDir: new URL(${JSON.stringify(`${relative(serverDir, clientDir).split("\\").join("/")}/`)}, import.meta.url),`,
    `  assetsDir: ${JSON.stringify(dirs.assetsDir)},`,
    `  base: ${JSON.stringify(dirs.base)},`,
    `  server: { ${[`path: ${JSON.stringify(options.path ?? "/live")}`, serverOptions(options.server ?? {}, warn), options.serverOptions ? "...serverOptions$" : ""].filter(Boolean).join(", ")} },`,
    `});`,
  ];
  return lines.filter(Boolean).join("\n") + "\n";
}

function serverOptions(server: Record<string, unknown>, warn: (message: string) => void): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(server)) {
    const code = literal(value);
    if (code === null) {
      warn(`server.${key} is not data (a number, string, boolean or a list of them), so the production server cannot take it from vite.config.ts: export it from the module named by the serverOptions option.`);
    } else parts.push(`${JSON.stringify(key)}: ${code}`);
  }
  return parts.join(", ");
}

function literal(value: unknown): string | null {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? String(value) : value > 0 ? "Infinity" : "-Infinity";
  if (typeof value === "string" || typeof value === "boolean" || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map(literal);
    return items.every((item) => item !== null) ? `[${items.join(", ")}]` : null;
  }
  return null;
}

/** Files worth compressing: text. Images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:m?js|css|html|svg|json|txt|xml|wasm|map)$/;
/** Below this a compressed copy saves less than its headers cost (compression's threshold too). */
const MIN_BYTES = 1024;

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside each text file the
 * client build emitted, which the production server sends to the browsers that accept them:
 * the best compression, paid once at build time instead of at every request.
 */
export async function precompress(dir: string, files: readonly string[]): Promise<void> {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  await Promise.all(
    files
      .filter((file) => COMPRESSIBLE.test(file) && !file.startsWith("."))
      .map(async (file) => {
        const data = await readFile(join(dir, file));
        if (data.length < MIN_BYTES) return;
        const brotli = br(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
        await Promise.all([writeFile(join(dir, `${file}.br`), await brotli), writeFile(join(dir, `${file}.gz`), await gz(data, { level: 9 }))]);
      }),
  );
}
