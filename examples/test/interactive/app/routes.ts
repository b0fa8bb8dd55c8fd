/** Pages for the hook, reply and async tests, served to both clients. */
import Hooks from "./views/hooks.tsx";
import Panels from "./views/panels.tsx";

export const routes = { "/hooks": Hooks, "/panels": Panels };
