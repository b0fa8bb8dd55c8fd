import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources ("source" export condition), so tests
// never run against a stale build.
export default defineConfig({
  resolve: { conditions: ["source", ...defaultServerConditions] },
  ssr: { resolve: { conditions: ["source", ...defaultServerConditions], externalConditions: ["source"] } },
  test: {
    include: ["{compiler,runtime-server,runtime-client,vite-plugin,fixtures,examples,bench}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
  },
});
