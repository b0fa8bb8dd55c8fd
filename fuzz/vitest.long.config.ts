/** The long fuzz run's config (fuzz/run.mjs): the packages' sources, as the unit project. */
import { fileURLToPath } from "node:url";
import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  resolve: { conditions: ["source", ...defaultServerConditions] },
  ssr: { resolve: { conditions: ["source", ...defaultServerConditions] } },
  test: {
    name: "fuzz",
    include: ["fuzz/long/*.test.ts"],
    testTimeout: 0,
  },
});
