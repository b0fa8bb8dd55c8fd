/** Two live sessions: the public pages, and the admin pages behind a guard. */
import type { LiveSessions } from "@livetsx/server";
import { adminLayout } from "./admin-layout.ts";
import { navBar, requireUser, userSession } from "./auth.ts";
import Admin from "./views/admin.tsx";
import Vault from "./views/vault.tsx";
import { Home, Login } from "./views/pages.tsx";

export const routes = { "/": Home, "/login": Login };

export const liveSessions: LiveSessions = {
  admin: {
    session: userSession,
    onMount: [requireUser, navBar],
    layout: adminLayout,
    routes: { "/admin": Admin, "/admin/vault": Vault, "/admin/:section": Admin },
  },
};
