/**
 * A client that stops reading while the server pushes: what the server cannot send waits in the
 * connection's buffer, up to `maxBufferedBytes`; past it the connection is dropped.
 */
import { afterAll, beforeAll, expect, onTestFinished, test, vi } from "vitest";
import { LocalPubSub } from "../src/pubsub.js";
import Feed from "./views/feed.tsx";
import { RawClient } from "./raw-client.js";
import { getPage, startServer, type TestServer } from "./support.js";

const CAP = 256 * 1024;
const pubsub = new LocalPubSub();
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ routes: { "/": Feed }, pubsub, maxBufferedBytes: CAP, dev: false, verify: false });
});
afterAll(() => server.close());

/** Lets the views handle what was broadcast and the connection write their diffs. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

test("a connection whose client stops reading is closed once its buffer passes maxBufferedBytes", async () => {
  const page = await getPage(server, "/");
  const client = await RawClient.connect(server, page);
  onTestFinished(() => client.destroy());
  const join = {
    url: `${server.url}/`,
    params: { _csrf_token: page.csrfToken, _mounts: 0 },
    session: page.session,
    static: page.static,
  };
  client.send(JSON.stringify(["1", "1", `lv:${page.id}`, "phx_join", join]));
  await client.until(() => client.saw('"phx_reply"'));
  expect(client.saw('"status":"ok"')).toBe(true);
  expect(server.live.stats()).toEqual({ connections: 1, views: 1 });

  client.stopReading();
  // Every broadcast changes the page by 16 KiB. The kernel's socket buffers on loopback take a
  // few MiB before anything waits in the server; 2,000 broadcasts (32 MiB) are far more.
  const body = "x".repeat(16 * 1024);
  const closing = () => server.log.lines.some((l) => l.includes("maxBufferedBytes"));
  for (let n = 1; n <= 2000 && !closing(); n++) {
    pubsub.broadcast("feed", { n, body: `${n}${body}` });
    if (n % 10 === 0) await settle();
  }
  const line = server.log.lines.find((l) => l.includes("maxBufferedBytes"));
  expect(line).toMatch(new RegExp(`^warn closing a connection whose client is not reading: \\d+ bytes wait to be sent, over maxBufferedBytes \\(${CAP}\\)$`));
  // The view is gone and so is what waited to be sent.
  await vi.waitFor(() => expect(server.live.stats()).toEqual({ connections: 0, views: 0 }));
  expect(pubsub.listenerCount("feed")).toBe(0);
});
