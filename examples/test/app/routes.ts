/** The client test app: one view exercising every binding. */
import Bindings from "./views/bindings.tsx";
import Loop from "./views/loop.tsx";
import Login from "./views/login.tsx";
import Rows from "./views/rows.tsx";

export const routes = { "/": Bindings, "/loop": Loop, "/login": Login, "/rows": Rows };
