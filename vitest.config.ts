import { defaultServerConditions, type Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { compile } from "@livetsx/compiler";

/**
 * Test views (`*.tsx` under a package's `test/`) and the demo's views (`examples/src/views/`, for
 * its view tests) are compiled by the LiveTSX compiler, so the runtimes are always tested against
 * real compiler output. The compiler is the built one (`npm test` builds first).
 */
function livetsxTestViews(): Plugin {
  return {
    name: "livetsx-test-views",
    enforce: "pre",
    transform(code, id) {
      if (!/\/(test|examples\/src\/views)\/.*\.tsx$/.test(id) || id.includes("/node_modules/")) return null;
      const result = compile(code, { filename: id, sourceInfo: true });
      return { code: result.code, map: result.map as never };
    },
  };
}

const exclude = ["**/node_modules/**", "**/dist/**", "**/.tmp/**"];

export default defineConfig({
  test: {
    projects: [
      {
        // Unit and integration tests run against the packages' TypeScript sources (the "source"
        // export condition), so they never see a stale build.
        plugins: [livetsxTestViews()],
        resolve: { conditions: ["source", ...defaultServerConditions] },
        ssr: { resolve: { conditions: ["source", ...defaultServerConditions] } },
        test: {
          name: "unit",
          // A bound for tests that will fail, not a time any test needs: under CI's load (every
          // project at once on two cores) a socket round trip can take seconds.
          testTimeout: 20_000,
          // The demo's view tests need no browser (`@livetsx/server/testing`).
          include: ["{compiler,runtime-server,runtime-client,redis,fixtures,bench}/**/*.test.ts", "fuzz/*.test.ts", "examples/test/views/*.test.ts"],
          exclude,
          // The differential test loads the official LiveView client from its TypeScript
          // sources in node_modules, which only Vite can transform.
          server: { deps: { inline: [/phoenix_live_view/] } },
        },
      },
      {
        // End-to-end tests run Vite with the built packages, as a user would.
        test: {
          name: "e2e",
          include: ["{examples,vite-plugin,packaging}/**/*.test.ts", "conformance/phoenix-e2e/test/*.test.ts"],
          // The several-node tests run production servers only (in the e2e-production project).
          exclude: [...exclude, "examples/test/views/**", "examples/test/nodes.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The demo's end-to-end tests again, against its production build (`vite build`, then
        // `node dist/server/index.js` per file): the files whose server comes from `useDemo`,
        // the client tests on their app's build, and several nodes of the demo on one Redis.
        test: {
          name: "e2e-production",
          include: ["examples/test/{e2e,forms,navigation,todos,not-found,client,nodes}.test.ts"],
          exclude,
          env: { LIVETSX_DEMO_SERVER: "production" },
          globalSetup: ["examples/test/production.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
