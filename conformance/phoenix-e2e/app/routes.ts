/**
 * The router of upstream's test_helper.exs: every route, in the same live sessions. `default`
 * (whose on_mount attaches the `sandbox:eval` hook: here `sandboxed()`), `other`, `navigation`,
 * and the routes outside any live session (`outside`: each has a layout of its own). The server
 * (../server.mjs) reads `liveSessions`, `layoutOf`, `deadRoutes`, `evalInView` and `evalPlug`.
 */
import type { LayoutPage, PlainPage, ViewDefinition } from "@livetsx/server";
import { issueLayouts, issueRoutes } from "./issues/routes.js";
import { liveLayout, root, type LayoutContext, type LiveLayout } from "./layouts.js";
import { sandboxed } from "./sandbox.js";
import JsLive from "./views/js_live.tsx";
import KeyedComprehensionLive from "./views/keyed_comprehension_live.tsx";
import SelectLive from "./views/select_live.tsx";
import * as Streams from "./views/streams.tsx";
import ComponentsLive from "./views/components_live.tsx";
import * as Navigation from "./views/navigation.tsx";
import ErrorLive, { errorLayout } from "./views/error_live.tsx";
import FormDynamicInputsLive from "./views/form_dynamic_inputs_live.tsx";
import FormFeedbackLive, { feedbackLayout } from "./views/form_feedback.tsx";
import UploadLive from "./views/upload_live.tsx";
import ColocatedLive, { colocatedLayout } from "./views/colocated_live.tsx";
import PortalLive, { portalLayout } from "./views/portal_live.tsx";
import * as Forms from "./views/form_live.tsx";
import FormUnsavedLive, { PRE_SCRIPT as UNSAVED_PRE_SCRIPT, Target as FormUnsavedTarget } from "./views/form_unsaved_live.tsx";

export { evalInView, evalPlug } from "./sandbox.js";

type Views = Record<string, ViewDefinition<any, any>>;

/** The `default` session's own routes (issue routes come from ./issues/routes.ts). */
const defaultRoutes: Views = {
  "/stream": Streams.StreamLive,
  "/stream/reset": Streams.StreamResetLive,
  "/stream/reset-lc": Streams.StreamResetLCLive,
  "/stream/limit": Streams.StreamLimitLive,
  "/stream/nested-component-reset": Streams.StreamNestedComponentResetLive,
  "/stream/inside-for": Streams.StreamInsideForLive,
  "/healthy/:category": Streams.HealthyLive,
  "/upload": UploadLive,
  "/form": Forms.FormLive,
  "/form-unsaved": FormUnsavedLive,
  "/form-unsaved/target": FormUnsavedTarget,
  "/form/dynamic-inputs": FormDynamicInputsLive,
  "/form/nested": Forms.NestedFormLive,
  "/form/stream": Forms.FormStreamLive,
  "/js": JsLive,
  "/components": ComponentsLive,
  "/select": SelectLive,
  "/keyed-comprehension": KeyedComprehensionLive,
  "/portal": PortalLive,
};

const otherRoutes: Views = {};
const navigationRoutes: Views = {
  "/navigation/a": Navigation.ALive,
  "/navigation/b": Navigation.BLive,
  "/navigation/b/:id": Navigation.BLive,
  "/navigation/redirectloop": Navigation.RedirectLoopLive,
};
const outsideRoutes: Views = {
  "/form/feedback": FormFeedbackLive,
  "/errors": ErrorLive,
  "/colocated": ColocatedLive,
};

function sandboxAll(views: Views): Views {
  return Object.fromEntries(Object.entries(views).map(([path, view]) => [path, sandboxed(view)]));
}

export const liveSessions: Record<string, Views> = {
  default: sandboxAll({ ...defaultRoutes, ...issueRoutes.default }),
  other: { ...otherRoutes, ...issueRoutes.other },
  navigation: navigationRoutes,
  // Phoenix routes outside any live session navigate to each other with a page load.
  ...Object.fromEntries(Object.entries({ ...outsideRoutes, ...issueRoutes.outside }).map(([path, view]) => [`outside ${path}`, { [path]: view }])),
};

/** Live layouts other than the live session's (pattern → layout). */
const layouts: Record<string, LiveLayout> = {
  "/form-unsaved": liveLayout({ preScript: UNSAVED_PRE_SCRIPT }),
  "/navigation/a": Navigation.navigationLayout,
  "/navigation/b": Navigation.navigationLayout,
  "/navigation/b/:id": Navigation.navigationLayout,
  "/navigation/redirectloop": Navigation.navigationLayout,
  "/navigation/dead": Navigation.navigationLayout,
  "/form/feedback": feedbackLayout,
  "/errors": errorLayout,
  "/colocated": colocatedLayout,
  "/portal": portalLayout,
  ...issueLayouts,
};

/** Pages that are no live view (Phoenix controllers), by path. */
export const deadRoutes: Record<string, (url: URL) => PlainPage> = {
  "/navigation/dead": Navigation.deadPage,
};

const live = liveLayout();

/** The page for a route pattern (or a dead route's path). */
export function layoutOf(pattern: string, page: LayoutPage, ctx: LayoutContext): string {
  const layout = layouts[pattern] ?? live;
  return root(layout(page, ctx));
}
