/**
 * One node of the fan-out benchmark, run by run.js in a child process of its own: FANOUT_VIEWS
 * joined view instances (the server's own ViewInstance, as a WebSocket join makes them, without
 * the socket) subscribed to "fanout" on FANOUT_PUBSUB (`local`: a LocalPubSub; `redis`: a
 * RedisPubSub on REDIS_URL). Each delivery is timed from the message's send time to the moment
 * its diff frame is encoded for the client. Controlled over IPC by run.js.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ViewInstance } from "../../runtime-server/dist/instance.js";
import { LocalPubSub } from "@livetsx/server";
import { createRedisPubSub } from "@livetsx/redis";

const MODE = process.env.FANOUT_PUBSUB;
const VIEWS = Number(process.env.FANOUT_VIEWS);
const NODE = process.env.FANOUT_NODE ?? "node";
const TOPIC = "fanout";
const view = (await import(pathToFileURL(join(process.env.FANOUT_VIEWS_DIR, "listener.js")).href)).default;

/** Milliseconds since the epoch, sub-millisecond, comparable between processes of one machine. */
const now = () => performance.timeOrigin + performance.now();

const pubsub = MODE === "redis" ? await createRedisPubSub({ url: process.env.REDIS_URL, nodeId: NODE }) : new LocalPubSub({ nodeId: NODE });

let latencies = [];
let bytes = 0;
const delivered = new Map();
/** The last message each view delivered. */
const last = new Map();
/** The message each view is handling: its push is that message's delivery. */
const handling = new Map();
const listener = {
  ...view,
  handleInfo(message, socket) {
    handling.set(socket.id, message);
    return view.handleInfo(message, socket);
  },
};

function pushed(id, event, payload) {
  if (event !== "diff") return;
  // What the channel would send: the frame, encoded.
  bytes += JSON.stringify([null, null, `lv:${id}`, "diff", payload]).length;
  const message = handling.get(id);
  latencies.push(now() - message.sent);
  // Every message once, in order: a lost or repeated delivery ends the run.
  const previous = last.get(id) ?? 0;
  if (message.n !== previous + 1) fail(`view ${id} got message ${message.n} after ${previous}`)(null);
  last.set(id, message.n);
  const count = (delivered.get(message.n) ?? 0) + 1;
  if (count < VIEWS) return void delivered.set(message.n, count);
  delivered.delete(message.n);
  process.send({ done: message.n });
}

const fail = (what) => (error) => {
  console.error(`fanout node ${NODE}: ${what}`, error);
  process.exit(1);
};

for (let i = 0; i < VIEWS; i++) {
  const id = `${NODE}-${i}`;
  const host = {
    pubsub,
    dev: false,
    verify: false,
    push: (event, payload) => pushed(id, event, payload),
    crashed: fail(`view ${id} crashed`),
    failed: (what, error) => fail(`view ${id}: ${what}`)(error),
    paramsFor: () => null,
  };
  const instance = new ViewInstance(id, listener, new URL("http://127.0.0.1/fanout"), {}, host);
  await instance.join({}, {}, {}, "csrf");
}

process.on("message", (command) => {
  if (command.publish) {
    const { from, to, text } = command.publish;
    for (let n = from; n <= to; n++) Promise.resolve(pubsub.broadcast(TOPIC, { n, sent: now(), text })).catch(fail("broadcast"));
  } else if (command.collect) {
    process.send({ latencies, bytes, rss: process.memoryUsage().rss });
    latencies = [];
    bytes = 0;
  } else if (command.close) {
    void Promise.resolve(pubsub.close()).then(() => process.exit(0));
  }
});
process.send({ ready: VIEWS });
