import { defineConfig } from "vite";
import { livetsx } from "@livetsx/vite";

export default defineConfig({
  plugins: [livetsx({ routes: "src/routes.ts", layout: "src/layout.ts" })],
});
