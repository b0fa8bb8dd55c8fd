/**
 * Stream refs are unique on the page, as Phoenix makes them: the client's reset of a stream
 * removes every element carrying its ref, so a live component's streams are numbered under its
 * cid, apart from the view's and from each other's.
 */
import { describe, expect, test } from "vitest";
import { STREAM } from "@livetsx/client/wire";
import { viewInstance } from "./support.js";
import ComponentStreams from "./views/component-streams.tsx";

/** The refs of the stream annotations in a diff, wherever they are. */
function refs(diff: unknown, out: string[] = []): string[] {
  if (typeof diff !== "object" || diff === null) return out;
  for (const [key, value] of Object.entries(diff)) {
    if (key === STREAM) out.push((value as [string])[0]);
    else refs(value, out);
  }
  return out;
}

describe("stream refs", () => {
  test("a view's stream is numbered alone, each component's under its cid", async () => {
    const view = viewInstance("s", ComponentStreams);
    const joined = (await view.join({}, {})) as { rendered: unknown };
    expect(refs(joined.rendered).sort()).toEqual(["0", "1-0", "2-0"]);
  });

  test("a component's reset names its own stream only", async () => {
    const view = viewInstance("s", ComponentStreams);
    await view.join({}, {});
    const response = await view.event("reset", {}, 2);
    expect(refs(response.diff)).toEqual(["2-0"]);
  });
});
