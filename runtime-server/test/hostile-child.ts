/**
 * The hostile cases, run by hostile-process.test.ts in a child process of their own, bundled
 * from the sources: a real server on 127.0.0.1, real sockets, and no unhandledRejection or
 * uncaughtException handler, so one unhandled failure ends this process as it would a server.
 * It prints one JSON line: what each case observed. Nothing here may catch what the server
 * leaves unhandled.
 */
import { connect } from "node:net";
import Counter from "./views/counter.tsx";
import Failing from "./views/failing.tsx";
import { getPage, joinedView, startServer, TestClient, type TestServer } from "./support.js";
import { rawRequest as sendRaw, UPGRADE } from "./raw-client.js";

type Observed = Record<string, unknown>;


/** Sends a frame on a joined /failing view; resolves to its phx_error push, or the reply when there is none. */
async function crash(server: TestServer, event: string, payload: Record<string, unknown>, path = "/failing"): Promise<string> {
  const { client, topic } = await joinedView(server, path);
  const error = client.nextPush(topic, "phx_error").then(() => "phx_error");
  client.sendRaw(JSON.stringify(["1", "90", topic, event, payload]));
  const outcome = await error;
  client.close();
  return outcome;
}

async function leave(server: TestServer, mode: string): Promise<unknown> {
  const { client, topic } = await joinedView(server, `/failing?mode=${mode}`);
  const reply = await client.request(topic, "phx_leave", {}, "1");
  client.close();
  return reply;
}

async function stillWorks(server: TestServer): Promise<unknown> {
  const { client, page } = await joinedView(server, "/");
  const reply = await client.click(page, "inc");
  client.close();
  return reply.response;
}

/** Lets every settled promise's handlers run, so an unhandled rejection would have ended the process. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

const cases: Record<string, (server: TestServer) => Promise<unknown>> = {
  "live_patch url object": async (server) => {
    const { client, topic } = await joinedView(server, "/");
    return (await client.request(topic, "live_patch", { url: { toString: 0 } }, "1")).status;
  },
  "live_patch url array": async (server) => {
    const { client, topic } = await joinedView(server, "/");
    return (await client.request(topic, "live_patch", { url: [{ toString: 0 }] }, "1")).status;
  },
  "form event with meta null": async (server) => {
    const { client, topic } = await joinedView(server, "/");
    return (await client.request(topic, "event", { type: "form", event: "inc", value: "a=1", meta: null }, "1")).status;
  },
  "upgrade target http://[": (server) => sendRaw(server.url, `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n${UPGRADE}\r\n`),
  "refused upgrade, reset by the client": async (server) => {
    const page = await getPage(server, "/");
    const { port } = new URL(server.url);
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(`GET /live/websocket?_csrf_token=forged HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${page.cookie}\r\n${UPGRADE}\r\n`);
      socket.resetAndDestroy();
    });
    await new Promise((resolve) => socket.on("close", resolve));
    return "reset";
  },
  "Host: [": (server) => sendRaw(server.url, "GET / HTTP/1.1\r\nHost: [\r\n\r\n"),
  "absolute-form target http://[": (server) => sendRaw(server.url, "GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
  "terminate rejects": (server) => leave(server, "terminate-rejects"),
  "terminate throws": (server) => leave(server, "terminate-throws"),
  "mount rejects": async (server) => {
    const page = await getPage(server, "/failing");
    const client = await TestClient.connect(server, page);
    const reply = await client.join(page, server, "/failing?mode=mount-rejects");
    client.close();
    return reply;
  },
  "handler rejects": (server) => crash(server, "event", { type: "click", event: "reject", value: {} }),
  "handleParams rejects": (server) => crash(server, "live_patch", { url: `${server.url}/failing?fail=params` }),
  "handleInfo rejects (sendInfo)": (server) => crash(server, "event", { type: "click", event: "info", value: {} }),
  "handleInfo rejects (sendAfter)": (server) => crash(server, "event", { type: "click", event: "later", value: {} }),
  "handleInfo rejects (PubSub)": (server) => crash(server, "event", { type: "click", event: "broadcast", value: {} }),
  "component update async": (server) => crash(server, "event", { type: "click", event: "show", value: { which: "async-update" } }),
  "component mount async": (server) => crash(server, "event", { type: "click", event: "show", value: { which: "async-mount" } }),
  "component update in the HTTP render async": async (server) => (await fetch(`${server.url}/failing?show=async-update`)).status,
};

const server = await startServer({ routes: { "/": Counter, "/failing": Failing } });
const observed: Observed = {};
for (const [name, run] of Object.entries(cases)) {
  observed[name] = await run(server);
  await turn();
}
observed["a bystander after all of them"] = await stillWorks(server);
await turn();
observed.log = server.log.lines.filter((line) => line.startsWith("error "));
await server.close();
process.stdout.write(`${JSON.stringify(observed)}\n`);
