/**
 * A TCP proxy standing in for a load balancer in front of several nodes: each connection goes to
 * the first backend, in order, that accepts it, so when a node dies its clients' reconnections
 * land on the next one.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  readonly port: number;
  /** The backend port each accepted connection went to, in order. */
  readonly routed: number[];
  close(): Promise<void>;
}

/** Listens on a free loopback port and forwards to `backends` (loopback ports), the first that accepts. */
export async function startTcpProxy(backends: number[]): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const routed: number[] = [];
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };
  const server: Server = createServer((client) => {
    track(client);
    client.pause();
    client.on("error", () => client.destroy());
    const tryBackend = (index: number) => {
      if (index >= backends.length || client.destroyed) return void client.destroy();
      const upstream = createConnection({ port: backends[index]!, host: "127.0.0.1" });
      let connected = false;
      upstream.once("error", () => {
        upstream.destroy();
        // Refused (the node is down): the next one.
        if (!connected) tryBackend(index + 1);
        else client.destroy();
      });
      upstream.once("connect", () => {
        connected = true;
        track(upstream);
        routed.push(backends[index]!);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    routed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
