import { defaultServerConditions, type Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { compile } from "@livetsx/compiler";

/**
 * Test views (`*.tsx` under a package's `test/`) are compiled by the LiveTSX compiler, so the
 * runtimes are always tested against real compiler output. The compiler is the built one
 * (`npm test` builds first).
 */
function livetsxTestViews(): Plugin {
  return {
    name: "livetsx-test-views",
    enforce: "pre",
    transform(code, id) {
      if (!/\/test\/.*\.tsx$/.test(id) || id.includes("/node_modules/")) return null;
      const result = compile(code, { filename: id });
      return { code: result.code, map: result.map as never };
    },
  };
}

// Workspace packages resolve to their TypeScript sources ("source" export condition), so tests
// never run against a stale build.
export default defineConfig({
  plugins: [livetsxTestViews()],
  resolve: { conditions: ["source", ...defaultServerConditions] },
  ssr: { resolve: { conditions: ["source", ...defaultServerConditions], externalConditions: ["source"] } },
  test: {
    include: ["{compiler,runtime-server,runtime-client,vite-plugin,fixtures,examples,bench}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
  },
});
