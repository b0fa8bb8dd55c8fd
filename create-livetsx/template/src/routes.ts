/** The app's live routes: a path (with `:params`) to the view that serves it. */
import Counter from "./views/counter.tsx";
import List from "./views/list.tsx";

export const routes = {
  "/": Counter,
  "/list": List,
};
