/**
 * A real `redis-server` for tests: on a free loopback port, in a temporary directory, with
 * persistence off, stopped by the test.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where redis-server is looked for. @default process.env.REDIS_SERVER, else /usr/bin/redis-server */
export const REDIS_SERVER = process.env.REDIS_SERVER ?? "/usr/bin/redis-server";

export interface TestRedis {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** The server's output so far. */
  output(): string;
  /** Stops it (SIGTERM) and waits for the exit; it can be started again. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty, and waits until it answers PING. */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  close(): Promise<void>;
}

export interface TestRedisOptions {
  /** @default a free port */
  port?: number;
  /** How long to wait for PONG, in ms. @default 10000 */
  timeout?: number;
}

/**
 * Starts `redis-server --port <free> --bind 127.0.0.1 --save "" --appendonly no` in a new
 * temporary directory and resolves once it answers PING.
 * @throws {Error} when redis-server is not installed, or does not answer in time
 */
export async function startRedisServer(options: TestRedisOptions = {}): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(`redis-server not found at ${REDIS_SERVER}: install it (apt-get install redis-server) or set REDIS_SERVER.`);
  }
  const port = options.port ?? (await freePort());
  const timeout = options.timeout ?? 10_000;
  const dir = mkdtempSync(join(tmpdir(), "livetsx-redis-"));
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let output = "";

  const start = async () => {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no"];
    const started = spawn(REDIS_SERVER, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    started.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => started.once("exit", () => resolve()));
    const gone = exited.then(() => {
      throw new Error(`redis-server exited before answering PING on port ${port}:\n${output}`);
    });
    await Promise.race([waitForPong(port, timeout), gone]);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (running && running.exitCode === null && running.signalCode === null) running.kill("SIGTERM");
    await exited;
  };
  try {
    await start();
  } catch (error) {
    await stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    output: () => output,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port free on loopback now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Sends PING until the answer is +PONG, reconnecting when refused, for at most `timeout` ms. */
async function waitForPong(port: number, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await ping(port)) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within ${timeout} ms`);
    // Refused: the server is not listening yet. The next try waits for the event loop's next
    // turn of I/O, not a fixed delay.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    let answer = "";
    socket.setTimeout(1000, () => socket.destroy());
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      if (answer.includes("\r\n")) socket.end();
    });
    socket.once("error", () => undefined);
    socket.once("close", () => resolve(answer.startsWith("+PONG")));
  });
}
