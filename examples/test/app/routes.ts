/** The client test app: one view exercising every binding. */
import Bindings from "./views/bindings.tsx";

export const routes = { "/": Bindings };
