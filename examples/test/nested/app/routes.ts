/** Pages for the nested views' tests, served to both clients. */
import First from "./views/first.tsx";
import Second from "./views/second.tsx";

export const routes = { "/first": First, "/second": Second };
