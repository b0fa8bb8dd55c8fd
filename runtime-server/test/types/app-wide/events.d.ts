import type { ViewEventNames } from "@livetsx/server";
import type counter from "./counter.tsx";
import type todos from "./todos.tsx";

declare module "@livetsx/server" {
  interface EventNames extends Record<ViewEventNames<typeof counter> | ViewEventNames<typeof todos>, true> {}
}
