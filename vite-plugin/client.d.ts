/**
 * Types of the modules the LiveTSX Vite plugin provides to the browser; reference them from a
 * client entry written in TypeScript: `/// <reference types="@livetsx/vite/client" />`.
 */
declare module "virtual:livetsx/hooks" {
  /**
   * Every hook that the view modules reachable from the routes export
   * (`export const hooks = { … }`), under its full name (`src/views/chart.tsx#Chart`), for the
   * LiveSocket's `hooks` option.
   */
  export const hooks: Record<string, import("@livetsx/client").Hook>;
  export default hooks;
}
