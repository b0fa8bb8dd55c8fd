/** Pages for the upload tests beyond the demo's: an external upload, one in a live component, one whose writer the test holds. */
import Component from "./views/component.tsx";
import External from "./views/external.tsx";
import Gated from "./views/gated.tsx";
import Queued from "./views/queued.tsx";

export const routes = { "/external": External, "/component": Component, "/gated": Gated, "/queued": Queued };
