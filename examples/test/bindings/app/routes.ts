/** Pages for the binding tests, served to both clients. */
import Bindings from "./views/bindings.tsx";
import Scroll from "./views/scroll.tsx";
import Focus from "./views/focus.tsx";
import Portal from "./views/portal.tsx";

export const routes = { "/bindings": Bindings, "/scroll": Scroll, "/focus": Focus, "/portal": Portal };
