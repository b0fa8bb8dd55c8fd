/**
 * Tests of upstream's suite that fail for a feature LiveTSX does not have (yet), each with the
 * reason the report shows. `file` is the spec's path under the spec folder (or a RegExp); `test`
 * its title (describe titles joined by " › ") or a RegExp, or left out for the whole file;
 * `clients` limits an entry to one client. A listed test that passes is reported so that its
 * entry can go; a failing test not listed fails the run. `flaky` marks a race in the spec's own timing
 * (a fixed wait, an action that does not wait for the reply before it): such a test passes in most
 * runs, and its failure is reported as flaky with the reason, not as a missing feature.
 *
 * @type {{ file: string | RegExp; test?: string | RegExp; reason: string; flaky?: boolean; clients?: ("official" | "livetsx")[] }[]}
 */
const PORTALS_CLIENT = "our client does not teleport portals (the server's <Portal> renders Phoenix's <template data-phx-portal>, which the official client shows in its target): the content stays in the inert template. Teleporting costs about 500 B min+gzip, which the client's 20 KB budget does not hold now";
const COLOCATED = "colocated features Phoenix builds from the view (runtime hooks, macro components, colocated CSS) have no LiveTSX equivalent";

export const EXPECTED_FAILURES = [
  // Errors.
  {
    file: "errors.spec.js",
    test: /child LV|linked child|main LV crashes/,
    clients: ["livetsx"],
    reason: "our client writes none of the official client's debug log lines the spec reads (`<view id> mount:`, `error: unable to join`, `error: view crashed`, `destroyed`, which the official client logs by default on localhost), and it has no maxChildJoinTries: a nested view whose join fails rejoins without giving up",
  },
  {
    file: "errors.spec.js",
    test: "exception handling › after connected mount › parent crashes and reconnects when linked child LV crashes",
    clients: ["official"],
    flaky: true,
    reason: "flaky under load with the official client: the spec reads the console once the first view is connected (syncLV); after the parent's remount, the child's own join can log its `child mount` later, and then the list lacks it (seen once in three full runs: the five messages before it were there)",
  },
  {
    file: "errors.spec.js",
    test: "exception handling › during connected mount › reloads the page when connected mount fails",
    clients: ["official"],
    flaky: true,
    reason: "flaky under load with the official client: the spec reads the console a fixed 2,000 ms after the first load, and the failsafe line comes only after six page loads (five reloads 50 ms apart) plus the 1,000 ms failsafe delay; each reload cycle (HTML, both scripts revalidated, join, reply) takes ~140 ms on an idle machine here, so the line comes 1.79–1.90 s after the first load (5 of 5 runs), and with two CPU burners a cycle takes ~200 ms and the line came at 1.94–2.02 s or after the spec's read (3 of 5 runs late)",
  },
  {
    file: "errors.spec.js",
    test: /reloads the page when connected mount fails/,
    clients: ["livetsx"],
    reason: "our client rejoins a main view whose join failed (\"join crashed\") instead of reloading the page, and has no maxReloads or failsafe mode, whose log line the spec waits for",
  },

  // Forms.
  {
    file: "forms.spec.js",
    test: /^\/form\/nested( live-component)? - form recovery › respects disabled state of a fieldset$/,
    clients: ["official"],
    flaky: true,
    reason: "flaky with the official client: the spec reads the frames once the root view is connected (syncLV), and the official client sends the nested view's recovery event only after that child's own join, which can come later (then no validate frame is found)",
  },
  {
    file: "forms.spec.js",
    test: "can dynamically add/remove inputs using checkboxes",
    clients: ["official"],
    flaky: true,
    reason: "flaky under load with the official client: the spec clicks \"add more\" twice without waiting for the first change's reply; when that reply is late, the official client loses the second added input and the spec waits for #my-form_users_2_name until its timeout (a validate answered 400 ms late fails it so; our client passes it then)",
  },
  {
    file: "forms.spec.js",
    test: /loading and locked states with (latency|latent clone)/,
    clients: ["livetsx"],
    reason: "our client does not mark elements with data-phx-ref-loading / data-phx-ref-lock / data-phx-ref-src while their event is in flight, and does not lock a form during its phx-change: patches to a locked element are applied at once instead of to a clone applied at the reply (runtime-client/src/bindings.ts, dom-patch.ts)",
  },
  {
    file: "forms.spec.js",
    test: "phx-no-feedback is applied correctly for backwards-compatible-shims",
    clients: ["livetsx"],
    reason: "upstream's phx-feedback-for shim (FormFeedbackLive's layout) builds on the official client's `dom` patch callbacks (onPatchStart, onNodeAdded, onBeforeElUpdated, onPatchEnd) and its `isUsedInput` export; our LiveSocket (runtime-client/src/live-socket.ts) has neither",
  },

  // Navigation.
  {
    file: "navigation.spec.js",
    test: "back and forward navigation types are tracked",
    flaky: true,
    reason:
      "flaky under load with both clients: the spec goes back and forward without waiting for the view (no `syncLV`) and then counts frames. When its last `goForward()` (into the patch entry of /navigation/a) comes while the view the previous `goForward()` mounted is still joining, that view cannot be patched: both clients leave it and mount the page's view anew (Phoenix's `replaceMain`), which makes 4 `phx_leave` frames, not 3 (seen with the official client in a full run). The spec also reads the console as soon as the URL changed, before the `phx:navigate` listener's line may have arrived",
  },

  // Uploads.
  {
    file: "uploads.spec.js",
    test: /^(issue 3115 - cancelled upload is not re-added|auto upload - can submit files after fixing too many files error)$/,
    flaky: true,
    reason:
      "flaky under load with both clients: the spec clicks an entry's cancel button and takes its next action without waiting for the cancel's reply; while it is on its way the page still holds the cancelled entry, so 3115's next change announces it again (2 entries, not 1) and the other spec's submit is refused for the error refs still on the input (0 entries, not 2). Phoenix's client and ours do the same there (a cancel answered 400 ms late fails both specs with both clients every time)",
  },

  // Portals.
  {
    file: /^(portal\.spec\.js|issues\/(4095|4107)\.spec\.js)$/,
    clients: ["livetsx"],
    reason: PORTALS_CLIENT,
  },
  {
    file: "forms.spec.js",
    test: /^\/form portal - /,
    clients: ["livetsx"],
    reason: PORTALS_CLIENT,
  },

  // Colocated hooks, JS and CSS.
  { file: "colocated.spec.js", test: "colocated hooks works", reason: `${COLOCATED}: the .Runtime hook` },
  { file: "colocated.spec.js", test: "custom macro component works (syntax highlighting)", reason: `${COLOCATED}: the SyntaxHighlight macro component` },
  { file: "colocated.spec.js", test: /colocated css/, reason: `${COLOCATED}: ColocatedGlobalCSS / ColocatedScopedCSS` },

  {
    file: /issues\/(3448|4209)\.spec\.js$/,
    clients: ["livetsx"],
    reason: "our client has no locked trees: Phoenix keeps an element whose event is in flight (data-phx-ref-lock) as it is and applies the patches meant for it, a nested component's among them, to a clone, put in place at the reply; ours patches it at once (runtime-client/src/dom-patch.ts, bindings.ts), so the focused input of a locked form is replaced (3448) and a locked panel shows a nested component's patch before its unlock (4209)",
  },
  {
    file: "issues/3819.spec.js",
    clients: ["livetsx"],
    reason: "the spec pushes its event with liveSocket.js().push(...): our LiveSocket (runtime-client/src/live-socket.ts) has no js() command API (the recovery itself, of a form without inputs, sends nothing, as the spec wants)",
  },

  // Streams.
  {
    file: "streams.spec.js",
    test: "stream nested in a LiveComponent is properly restored on reset",
    clients: ["livetsx"],
    reason: "our client: a live component's reset of its own stream (phx-target={@myself}, re-inserting an item already shown among new ones) leaves the component's phx-update=stream container empty",
  },
  {
    file: "streams.spec.js",
    test: "issue #3260 - supports non-stream items with id in stream container",
    clients: ["livetsx"],
    reason: "our client (runtime-client/src/dom-patch.ts): the children of a phx-update=stream container are only its stream's items; a child rendered outside the stream (users-empty) is removed at the join, which drops every child it does not insert, and streamChildren never patches or keeps one in the template's order",
  },

  // Navigation.

  // Streams: how an insert reaches its index.
  {
    file: "issues/4212.spec.js",
    clients: ["livetsx"],
    reason: "our client (runtime-client/src/dom-patch.ts streamChildren) inserts a new stream item straight at its :at index, so its custom element is connected once and never moved; the spec expects the official client's append-then-reorder, whose reorder it checks was a moveBefore (connectedMoveCallback)",
  },
];
