/**
 * The admin live session's `onMount` functions: a guard that needs a signed-in user (the `user`
 * cookie, read into the session) and shares it with every view, and a nav bar's state: the
 * current path, kept by a `handleParams` hook across live patches, and a `ping` event the hook
 * answers itself.
 */
import type { IncomingMessage } from "node:http";
import { reply, type OnMount } from "@livetsx/server";

/** The live session's session values: the signed-in user, from a cookie (a demo, not real auth). */
export function userSession(req: IncomingMessage): Record<string, unknown> {
  const user = /(?:^|;\s*)user=([a-z]+)/.exec(req.headers.cookie ?? "")?.[1];
  return user ? { user } : {};
}

export const requireUser: OnMount = (_params, session, socket) => {
  if (typeof session.user !== "string") {
    socket.redirect("/login");
    return "halt";
  }
  socket.assign({ user: session.user });
  return "cont";
};

export const navBar: OnMount = (_params, _session, socket) => {
  socket.assign({ current: "", pings: 0 });
  socket.attachHook("current", "handleParams", (_p, url, s) => {
    s.assign({ current: url.pathname + url.search });
    return "cont";
  });
  socket.attachHook("ping", "handleEvent", (event, _payload, s) => {
    if (event === "secret") return "halt";
    if (event !== "ping") return "cont";
    s.update("pings", (n: number) => n + 1);
    return reply({ pong: s.assigns.pings });
  });
  return "cont";
};

/** The vault's own guard, after the session's: only root. */
export const rootOnly: OnMount = (_params, session, socket) => {
  if (session.user === "root") return "cont";
  socket.redirect("/login?denied=vault");
  return "halt";
};
