export { LiveSocket, type LiveSocketOptions } from "./live-socket.js";
export type { Hook, HookContext } from "./hooks.js";
export { Rendered, type Diff, type MergeResult } from "./rendered.js";
export * from "./wire.js";
