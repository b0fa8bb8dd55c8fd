/**
 * `socket.connectInfo`: what the connection says about the client, as Phoenix's
 * `get_connect_info` (`:peer_data`, `:user_agent`, `:x_headers`, `:uri`), each piece only when
 * the server's `connectInfo` option names it. Read from the HTTP request on the HTTP render, and
 * from the WebSocket's upgrade request once connected, so a view sees the same keys in both.
 */
import type { IncomingMessage } from "node:http";

/** A piece of connect info the server can be asked to keep. */
export type ConnectInfoKey = "peerData" | "userAgent" | "xHeaders" | "uri";

export const CONNECT_INFO_KEYS: readonly ConnectInfoKey[] = ["peerData", "userAgent", "xHeaders", "uri"];

/** What `socket.connectInfo` holds: the pieces the server's `connectInfo` option names. */
export interface ConnectInfo {
  /** The TCP peer: behind a proxy, the proxy (its `x-forwarded-for` is in `xHeaders`). */
  readonly peerData?: { readonly address: string; readonly port: number };
  /** The `user-agent` header, when the client sent one. */
  readonly userAgent?: string;
  /** Every `x-*` header, by lower-case name (repeated ones joined with ", "). */
  readonly xHeaders?: Readonly<Record<string, string>>;
  /**
   * The request's URL: the page's on the HTTP render, the socket endpoint's once connected
   * (without its `_csrf_token`).
   */
  readonly uri?: URL;
}

/** The keys of the `connectInfo` option, checked. @throws for an unknown key */
export function connectInfoKeys(keys: unknown): readonly ConnectInfoKey[] {
  if (keys === undefined) return [];
  if (!Array.isArray(keys)) throw new TypeError(`createLiveServer: \`connectInfo\` must be a list of ${CONNECT_INFO_KEYS.map((k) => `"${k}"`).join(", ")}`);
  for (const key of keys) {
    if (!CONNECT_INFO_KEYS.includes(key as ConnectInfoKey)) {
      throw new TypeError(`createLiveServer: unknown connectInfo key ${JSON.stringify(key)}; expected one of ${CONNECT_INFO_KEYS.join(", ")}`);
    }
  }
  return [...new Set(keys as ConnectInfoKey[])];
}

/**
 * The connect info of a request, kept as plain strings (a URL object costs a connection more
 * than its text); {@link connectInfoOf} makes the value a mount sees.
 */
export interface ConnectInfoSource {
  address?: string;
  port?: number;
  userAgent?: string;
  xHeaders?: Record<string, string>;
  uri?: string;
}

/** Reads the pieces `keys` names from a request; null when it names none (a connection then keeps nothing). */
export function readConnectInfo(req: IncomingMessage, keys: readonly ConnectInfoKey[]): ConnectInfoSource | null {
  if (keys.length === 0) return null;
  const source: ConnectInfoSource = {};
  for (const key of keys) {
    if (key === "peerData") {
      source.address = req.socket.remoteAddress ?? "";
      source.port = req.socket.remotePort ?? 0;
    } else if (key === "userAgent") {
      const agent = req.headers["user-agent"];
      if (typeof agent === "string") source.userAgent = agent;
    } else if (key === "xHeaders") {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (!name.startsWith("x-") || value === undefined) continue;
        Object.defineProperty(headers, name, { value: Array.isArray(value) ? value.join(", ") : value, enumerable: true });
      }
      source.xHeaders = headers;
    } else {
      source.uri = requestURI(req);
    }
  }
  return source;
}

function requestURI(req: IncomingMessage): string {
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  try {
    const url = new URL(req.url ?? "/", `${scheme}://${req.headers.host ?? "localhost"}`);
    url.searchParams.delete("_csrf_token");
    return url.href;
  } catch {
    return `${scheme}://localhost/`;
  }
}

/** The value a mount reads: a fresh object each time, so one view's changes reach no other. */
export function connectInfoOf(source: ConnectInfoSource | null): ConnectInfo {
  if (source === null) return Object.freeze({});
  const info: { -readonly [K in keyof ConnectInfo]: ConnectInfo[K] } = {};
  if (source.address !== undefined) info.peerData = Object.freeze({ address: source.address, port: source.port ?? 0 });
  if (source.userAgent !== undefined) info.userAgent = source.userAgent;
  if (source.xHeaders !== undefined) info.xHeaders = Object.freeze({ ...source.xHeaders });
  if (source.uri !== undefined) info.uri = new URL(source.uri);
  return Object.freeze(info);
}
