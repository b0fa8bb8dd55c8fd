/**
 * A seeded protocol fuzz against a server in a child process of its own (child/server.ts, with
 * Node's defaults: an unhandled rejection ends it). Eight fuzzers, each on one connection after
 * another, send 20,000 hostile frames between them: malformed JSON, frames of the wrong arity or with wrong types, every
 * payload field of phx_join, event, live_patch, heartbeat, phx_leave and cids_* given values of
 * the wrong type, huge strings, deep nesting and prototype keys, unknown topics and events, joins
 * and leaves interleaved, and connections dropped with work in flight. Meanwhile a bystander view
 * on a connection of its own must count every one of its clicks, exactly.
 *
 * What must hold: every decodable frame with a ref is answered (`phx_reply`, same ref, topic and
 * join ref, status ok or error) within REPLY_BOUND_MS; a heartbeat is answered ok; a frame that
 * cannot be decoded closes its connection with the code for it (one nested past DEEP levels may
 * be refused too, with a reason that says so); no view crashes and nothing is
 * logged as an error; the server process is still running at the end. The seed is printed with
 * any failure: FUZZ_SEED=<seed> runs that sequence again (FUZZ_FRAMES=<n> for a longer run).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { bundleServer, spawnServer, type ChildServer } from "./child/spawn.js";
import { getPage, TestClient, type Page, type TestServer } from "./support.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 20_000);
const WORKERS = 8;
/** How long a reply or a close may take. */
const REPLY_BOUND_MS = 5000;
/** The server's frame limit (maxPayload) in the child; larger frames close with 1009. */
const MAX_PAYLOAD = 64 * 1024;

let bundle: Awaited<ReturnType<typeof bundleServer>>;
let server: ChildServer;

beforeAll(async () => {
  bundle = await bundleServer();
  // The fuzz is about what frames say, not how many: no event rate limit.
  // Development checks on, as a server has them by default outside production.
  server = await spawnServer(bundle.file, { eventRate: null, eventBurst: null, maxPayload: MAX_PAYLOAD, dev: true });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  bundle?.remove();
});

/** Frames sent by the fuzzers so far; `onProgress` is called after each send. */
interface Progress {
  frames: number;
  onProgress?: () => void;
}

/** The bystander clicks once per this many fuzzed frames. */
const BYSTANDER_EVERY = 200;

/** mulberry32: a small seeded PRNG, so a seed names one sequence of frames. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)]!, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

/** Nested `depth` levels deep, as arrays or objects. */
function nest(depth: number, object: boolean): string {
  return object ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : `${"[".repeat(depth)}1${"]".repeat(depth)}`;
}

const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "toJSON", "then"];
const STRINGS = ["", " ", "x", "0", "-1", "NaN", "null", "undefined", "\u0000", "\ud800", "\udfff", "𝕏👽", "<script>alert(1)</script>", "%", "%zz", "a[b]=1", "http://[", "javascript:alert(1)", "lv:", "phx-"];

/**
 * A JSON value of the wrong kind for wherever it goes: as JSON text, so that deep nesting costs
 * nothing to build, and `__proto__` keys survive as own keys.
 */
function hostile(rng: Rng, room = 1000): string {
  switch (rng.int(12)) {
    case 0:
      return rng.pick(["null", "true", "false", "0", "-0", "1e308", "-1e308", "9007199254740993", "1.5", "-1", "4294967296"]);
    case 1:
      return JSON.stringify(rng.pick(STRINGS));
    case 2:
      // Now and then a string as long as the frame limit allows.
      return JSON.stringify((rng.chance(0.1) ? "é" : "x").repeat(1 + rng.int(rng.chance(0.05) ? MAX_PAYLOAD - 1000 : room)));
    case 3:
      // Now and then 9,000 levels deep.
      return nest(1 + rng.int(rng.chance(0.05) ? 9000 : room / 6), rng.chance(0.5));
    case 4:
      return `{${rng.pick(PROTO_KEYS).replace(/.*/, (k) => JSON.stringify(k))}:${rng.chance(0.5) ? '{"polluted":true}' : hostile(rng, room / 4)}}`;
    case 5:
      return `{"__proto__":{"toString":0,"valueOf":0},"constructor":{"prototype":{"polluted":true}}}`;
    case 6:
      return `[${Array.from({ length: rng.int(5) }, () => hostile(rng, room / 8)).join(",")}]`;
    case 7:
      return `{${Array.from({ length: rng.int(5) }, () => `${JSON.stringify(rng.pick([...PROTO_KEYS, ...STRINGS]))}:${hostile(rng, room / 8)}`).join(",")}}`;
    case 8:
      return JSON.stringify({ toString: 0, valueOf: 0, length: -1 });
    case 9:
      return "[]";
    case 10:
      return "{}";
    default:
      return JSON.stringify(rng.int(2 ** 31));
  }
}

/** What a fuzzing connection knows: its pages (valid tokens) and the topics it joined. */
interface Context {
  url: string;
  pages: Page[];
  joined: Set<string>;
}

/** A frame to send and what must come back. */
interface Planned {
  text: string;
  /** The ref a reply must carry; null when none is owed (no ref). */
  ref: string | null;
  topic: string;
  event: string;
  joinRef: string | null;
  /** A heartbeat: answered ok with an empty response. */
  heartbeat?: boolean;
}

/** A field: usually valid, often of the wrong kind. */
const field = (rng: Rng, valid: unknown): string => (rng.chance(0.5) ? JSON.stringify(valid) : hostile(rng));

/** A payload object for `event`, every field valid or not, some left out, extra keys added. */
function payload(rng: Rng, fields: Record<string, () => string>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) if (rng.chance(0.85)) parts.push(`${JSON.stringify(key)}:${value()}`);
  if (rng.chance(0.2)) parts.push(`${JSON.stringify(rng.pick(PROTO_KEYS))}:${hostile(rng, 2000)}`);
  return `{${parts.join(",")}}`;
}

function topicFor(rng: Rng, ctx: Context): string {
  const r = rng.next();
  if (r < 0.65) return `lv:${rng.pick(ctx.pages).id}`;
  if (r < 0.75) return rng.pick(["lv:phx-unknown", "lv:", "lv:lv:x", "phx-x", "lv:__proto__", "lv:constructor", "room:lobby"]);
  if (r < 0.85) return "phoenix";
  return `lv:${rng.pick(STRINGS) || "x"}${"y".repeat(rng.int(200))}`;
}

function joinPayload(rng: Rng, ctx: Context, topic: string): string {
  const page = ctx.pages.find((p) => `lv:${p.id}` === topic) ?? rng.pick(ctx.pages);
  const valid = rng.chance(0.35);
  const params = () =>
    valid || rng.chance(0.5)
      ? JSON.stringify({ _csrf_token: page.csrfToken, _mounts: 0, _mount_attempts: 0, _track_static: [] })
      : payload(rng, { _csrf_token: () => field(rng, page.csrfToken), _mounts: () => hostile(rng), _track_static: () => hostile(rng), extra: () => hostile(rng) });
  if (valid) return JSON.stringify({ url: `${ctx.url}/`, params: JSON.parse(params()), session: page.session, static: page.static, sticky: false });
  return payload(rng, {
    url: () => field(rng, rng.chance(0.5) ? `${ctx.url}/` : `${ctx.url}/nowhere`),
    redirect: () => field(rng, `${ctx.url}/`),
    params,
    session: () => field(rng, rng.chance(0.7) ? page.session : page.static),
    static: () => field(rng, page.static),
    sticky: () => hostile(rng),
    flash: () => hostile(rng),
  });
}

function eventPayload(rng: Rng): string {
  const type = rng.pick(["click", "form", "keydown", "keyup", "focus", "blur", "hook"]);
  const name = rng.pick(["inc", "inc", "dec", "same", "titled", "lv:clear-flash", "nope", ...PROTO_KEYS, ...STRINGS]);
  const formValue = () =>
    JSON.stringify(
      rng.pick([
        "a=1",
        "user[name]=x&user[email]=y",
        "__proto__[polluted]=1",
        "constructor[prototype][polluted]=1",
        "a[]=1&a[][]=2",
        `a${"[b]".repeat(40)}=1`,
        "a[99999999999]=1",
        "%E0%A4%A=1",
        "&&&=&=",
        `${"k=v&".repeat(1200)}`,
        "x".repeat(20_000),
      ]),
    );
  return payload(rng, {
    type: () => field(rng, type),
    event: () => field(rng, name),
    value: () => (type === "form" && rng.chance(0.7) ? formValue() : field(rng, { value: "", id: "7" })),
    cid: () => field(rng, rng.pick([1, 0, -1, 2 ** 31, 1.5])),
    meta: () => field(rng, { _target: rng.pick(["user[name]", "a", "__proto__"]) }),
    uploads: () => hostile(rng),
  });
}

/** One frame that decodes, with a fresh ref, for `ctx`. */
function decodable(rng: Rng, ctx: Context, ref: string): Planned {
  const topic = topicFor(rng, ctx);
  const joinRef = rng.chance(0.85) ? "1" : rng.chance(0.5) ? null : rng.pick(STRINGS);
  const r = rng.next();
  let event: string;
  let body: string;
  if (topic === "phoenix" && r < 0.7) {
    event = "heartbeat";
    body = rng.chance(0.5) ? "{}" : payload(rng, { a: () => hostile(rng) });
  } else if (r < 0.2) {
    event = "phx_join";
    body = joinPayload(rng, ctx, topic);
  } else if (r < 0.55) {
    event = "event";
    body = eventPayload(rng);
  } else if (r < 0.65) {
    event = "live_patch";
    body = payload(rng, { url: () => field(rng, rng.pick([`${ctx.url}/?a=1`, `${ctx.url}/ticker`, "http://[", "/relative", "javascript:x"])) });
  } else if (r < 0.75) {
    event = rng.pick(["cids_will_destroy", "cids_destroyed"]);
    body = payload(rng, { cids: () => field(rng, rng.pick([[1, 2], [], [-1], [1.5], [2 ** 53], ["1"]])) });
  } else if (r < 0.85) {
    event = "phx_leave";
    body = rng.chance(0.7) ? "{}" : payload(rng, { a: () => hostile(rng) });
  } else {
    event = rng.pick(["heartbeat", "phx_reply", "phx_error", "phx_close", "diff", "allow_upload", "progress", "__proto__", "constructor", "toString", ...STRINGS.filter(Boolean)]);
    body = payload(rng, { ref: () => hostile(rng), event: () => hostile(rng) });
  }
  const withRef = rng.chance(0.9);
  const text = `[${JSON.stringify(joinRef)},${withRef ? JSON.stringify(ref) : "null"},${JSON.stringify(topic)},${JSON.stringify(event)},${body}]`;
  return { text, ref: withRef ? ref : null, topic, event, joinRef, heartbeat: topic === "phoenix" && event === "heartbeat" };
}

/** A frame that must close the connection, and the close code it must get. */
function malformed(rng: Rng): { data: string | Buffer; code: number } {
  const ok = JSON.stringify;
  const cases: [() => string | Buffer, number][] = [
    [() => rng.pick(["{oops", "[", "", "[1,2", "\u0000", "[null,null,\"phoenix\",\"heartbeat\",{}", "NaN", "[undefined]", "{'a':1}"]), 1007],
    [() => rng.pick(["{}", "1", "null", '"x"', "true", ok({ topic: "phoenix" })]), 1007],
    [() => ok(Array.from({ length: rng.pick([0, 1, 3, 4, 6, 50]) }, () => "x")), 1007],
    [() => `[${hostile(rng)},"1","phoenix","heartbeat",{}]`, 0],
    [() => `["1",${hostile(rng)},"phoenix","heartbeat",{}]`, 0],
    [() => `["1","1",${rng.pick(['""', "null", "1", "[]", "{}", "true"])},"event",{}]`, 1007],
    [() => `["1","1","phoenix",${rng.pick(['""', "null", "1", "[]", "{}", "false"])},{}]`, 1007],
    [() => `["1","1","phoenix","heartbeat",${rng.pick(["[]", "null", '"x"', "1", "true"])}]`, 1007],
    [() => nest(10_000 + rng.int(20_000), rng.chance(0.5)), 1007],
    [() => ok(["1", "1", "phoenix", "heartbeat", { big: "x".repeat(MAX_PAYLOAD) }]), 1009],
    [() => Buffer.from([1, 2, 3, 0, 255]), 1003],
  ];
  const [make, code] = rng.pick(cases);
  const data = make();
  // Past maxPayload a frame is refused by its size (1009) before it is read as JSON at all.
  if (code !== 0) return { data, code: Buffer.byteLength(data) > MAX_PAYLOAD ? 1009 : code };
  // A join_ref or ref of the wrong kind: what it parses to decides whether the frame decodes.
  const parsed = JSON.parse(data as string) as unknown[];
  const fine = (v: unknown) => v === null || typeof v === "string";
  return fine(parsed[0]) && fine(parsed[1]) ? { data: `[null,null,"phoenix","heartbeat",[]]`, code: 1007 } : { data, code: 1007 };
}

/**
 * Past this depth a server may refuse a frame, closing its connection with a reason that names
 * the depth (/deep|depth|nest/); below it, or for another reason, a refusal is a failure.
 */
const DEEP = 1000;
const DEPTH_REASON = /deep|depth|nest/i;

/** How deeply the arrays and objects of a JSON text nest. */
function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/** A frame that `make` makes again until it fits under the server's frame limit. */
function fitting(make: () => Planned): Planned {
  for (;;) {
    const planned = make();
    if (Buffer.byteLength(planned.text) < MAX_PAYLOAD - 256) return planned;
  }
}

const short = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);

/** Sends a request on `client` and waits for its reply within the bound. */
async function ask(client: TestClient, frame: [string | null, string, string, string, object]) {
  const reply = client.next((f) => f[1] === frame[1] && f[3] === "phx_reply", REPLY_BOUND_MS);
  client.sendRaw(JSON.stringify(frame));
  return (await reply)[4];
}

/** The topics whose join this connection saw answered ok, and not left since. */
function joinedOn(history: Planned[], client: TestClient): string[] {
  const joined = new Set<string>();
  for (const p of history) {
    const reply = client.frames.find((f) => p.ref !== null && f[1] === p.ref && f[3] === "phx_reply");
    const ok = (reply?.[4] as { status?: string } | undefined)?.status === "ok";
    if (p.event === "phx_join" && ok) joined.add(p.topic);
    if (p.event === "phx_leave" && ok) joined.delete(p.topic);
  }
  return [...joined];
}

/** One fuzzing connection after another until `quota` frames went out; throws on the first broken promise. */
async function fuzzWorker(seed: number, quota: number, target: TestServer, pages: Page[], sent: Progress): Promise<void> {
  const rng = prng(seed);
  let ref = 0;
  let frames = 0;
  while (frames < quota) {
    const client = await TestClient.connect(target, pages[0]!);
    const ctx: Context = { url: target.url, pages, joined: new Set() };
    const batches = 1 + rng.int(30);
    const history: Planned[] = [];
    const closed = new Promise<never>((_resolve, reject) => client.ws.once("close", () => reject(new Error("closed"))));
    closed.catch(() => undefined);
    let ended = false;
    for (let b = 0; b < batches && frames < quota && !ended; b++) {
      const plan = Array.from({ length: 1 + rng.int(25) }, () => fitting(() => decodable(rng, ctx, `f${++ref}`)));
      history.push(...plan);
      const owed = plan.filter((p) => p.ref !== null);
      const replies = owed.map((p) => client.next((f) => f[1] === p.ref && f[3] === "phx_reply", REPLY_BOUND_MS).then((f) => [p, f] as const));
      for (const p of plan) client.sendRaw(p.text);
      frames += plan.length;
      sent.frames += plan.length;
      sent.onProgress?.();
      if (rng.chance(0.02)) {
        // Dropped with work in flight: nothing is owed any more, and the server must cope.
        replies.forEach((r) => r.catch(() => undefined));
        client.ws.terminate();
        ended = true;
        break;
      }
      // A closed connection owes nothing more: the batch is over at once.
      const outcomes = await Promise.allSettled(replies.map((reply) => Promise.race([reply, closed])));
      if (client.closed && plan.some((p) => depthOf(p.text) > DEEP) && DEPTH_REASON.test(client.closed.reason)) {
        // Refused for its depth, and the reason says so: a policy the server may have.
        ended = true;
        break;
      }
      for (const settled of outcomes) {
        if (settled.status === "rejected") {
          const answered = (p: Planned) => client.frames.some((f) => f[1] === p.ref && f[3] === "phx_reply");
          const missing = owed.filter((o) => !answered(o));
          const batch = plan.map((p) => `${p.ref === null ? "  (no ref) " : answered(p) ? "  answered " : "  NO REPLY "}${short(p.text)}`);
          throw new Error(
            `no reply within ${REPLY_BOUND_MS} ms (connection closed: ${JSON.stringify(client.closed)}) to:\n${missing.map((m) => short(m.text)).join("\n")}\n` +
              `the batch, sent at once on a connection that had joined ${JSON.stringify(joinedOn(history, client))}:\n${batch.join("\n")}`,
          );
        }
        const [planned, frame] = settled.value;
        const body = frame[4] as { status?: unknown; response?: unknown };
        const fits =
          frame[2] === planned.topic &&
          frame[0] === planned.joinRef &&
          (body.status === "ok" || body.status === "error") &&
          typeof body.response === "object" &&
          body.response !== null &&
          (!planned.heartbeat || (body.status === "ok" && JSON.stringify(body.response) === "{}"));
        if (!fits) throw new Error(`a wrong reply ${short(JSON.stringify(frame))}\nto ${short(planned.text)}`);
      }
      const crashed = client.frames.find((f) => f[3] === "phx_error");
      if (crashed) throw new Error(`a view crashed (phx_error on ${crashed[2]}) during the batch:\n${plan.map((p) => short(p.text)).join("\n")}`);
    }
    if (!ended && rng.chance(0.5)) {
      const { data, code } = malformed(rng);
      frames++;
      sent.frames++;
      sent.onProgress?.();
      client.ws.send(data, { binary: Buffer.isBuffer(data) });
      const closed = await client.waitClosed(REPLY_BOUND_MS).catch(() => null);
      if (closed?.code !== code) throw new Error(`expected close ${code}, got ${JSON.stringify(closed)} after ${short(String(data))}`);
    } else if (!ended) {
      client.close();
    }
    client.frames.length = 0;
    client.raw.length = 0;
  }
}

test(`${FRAMES} hostile frames leave the server running, every request answered and a bystander counting`, async () => {
  const target = { url: server.url } as TestServer;
  const first = await getPage(target, "/");
  const pages = [first, ...(await Promise.all(Array.from({ length: 5 }, () => getPage(target, "/", first.cookie))))];
  const bystanderPage = await getPage(target, "/");
  const bystander = await TestClient.connect(target, bystanderPage);
  const topic = `lv:${bystanderPage.id}`;
  expect(await bystander.join(bystanderPage, target, "/"), "the bystander's join").toMatchObject({ status: "ok" });
  let count = 0;
  let clickRef = 0;
  /** A click of the bystander: its count goes up by exactly one. */
  const click = async () => {
    const reply = await ask(bystander, ["1", `b${++clickRef}`, topic, "event", { type: "click", event: "inc", value: {} }]);
    expect(reply, "the bystander's click").toEqual({ status: "ok", response: { diff: { 0: String(++count) } } });
  };

  const sent: Progress = { frames: 0 };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = (await server.stats()).cpu;
  let failure: unknown = null;
  const workers = Array.from({ length: WORKERS }, (_, i) =>
    fuzzWorker(SEED * WORKERS + i, FRAMES / WORKERS, target, pages, sent).catch((error: unknown) => {
      failure ??= new Error(`protocol fuzz, worker ${i}: ${(error as Error).message}\nrun it again with FUZZ_SEED=${SEED}`, { cause: error });
    }),
  );
  let done = false;
  const all = Promise.all(workers).then(() => (done = true));
  /** Resolves once the fuzzers have sent `mark` frames in all, or finished. */
  const reached = (mark: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!done && !failure && sent.frames < mark) return;
        sent.onProgress = undefined;
        resolve();
      };
      sent.onProgress = check;
      void all.then(check);
      check();
    });
  // The bystander clicks all along, paced by the fuzzers' progress: once per BYSTANDER_EVERY frames.
  while (!done && !failure) {
    await click();
    await reached(sent.frames + BYSTANDER_EVERY);
  }
  await all;
  const seconds = (performance.now() - started) / 1000;
  if (failure) throw failure;
  await click();
  const stats = await server.stats();
  const cpu = (u: { user: number; system: number }) => ((u.user + u.system) / 1e6).toFixed(1);
  console.log(
    `protocol fuzz (FUZZ_SEED=${SEED}): ${sent.frames} frames in ${seconds.toFixed(1)} s; the bystander counted ${count} clicks; ` +
      `CPU: server ${cpu({ user: stats.cpu.user - serverCpuBefore.user, system: stats.cpu.system - serverCpuBefore.system })} s, fuzzer ${cpu(process.cpuUsage(cpuBefore))} s`,
  );
  expect(sent.frames).toBeGreaterThanOrEqual(FRAMES);
  expect(server.ended, "the server process ended").toBeNull();
  expect(stats.rejectionHandlers, "the child must have no unhandledRejection handler").toBe(0);
  expect(stats.log.first.filter((l) => l.startsWith("error")), `errors logged (FUZZ_SEED=${SEED})`).toEqual([]);
  bystander.close();
}, 120_000);
