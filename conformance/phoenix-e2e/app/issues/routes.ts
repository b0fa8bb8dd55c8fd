/**
 * The regression pages' routes (test_helper.exs), grouped as its live sessions are: `default`
 * (the `/issues` scope of `live_session :default`), `other` (`live_session :other`) and
 * `outside` (the scope outside any live session, whose pages mostly have live layouts of their
 * own). `issueLayouts` gives the pages with a layout other than the standard live layout theirs.
 *
 * What Phoenix routes declare and LiveTSX's routes cannot (3199's `container:` attributes,
 * 3200's live actions) is in MISSING.md.
 */
import type { ViewDefinition } from "@livetsx/server";
import type { LiveLayout } from "../layouts.js";
import Issue2787Live from "./issue_2787.tsx";
import Issue2835Live from "./issue_2835.tsx";
import Issue2965Live, { layout as layout2965 } from "./issue_2965.tsx";
import Issue3026Live from "./issue_3026.tsx";
import Issue3040Live from "./issue_3040.tsx";
import { Issue3047ALive, Issue3047BLive } from "./issue_3047.tsx";
import Issue3083Live from "./issue_3083.tsx";
import Issue3107Live from "./issue_3107.tsx";
import Issue3117Live from "./issue_3117.tsx";
import Issue3169Live, { layout as layout3169 } from "./issue_3169.tsx";
import Issue3194Live, { OtherLive as Issue3194OtherLive } from "./issue_3194.tsx";
import Issue3199Live, { Away as Issue3199Away, layout as layout3199 } from "./issue_3199.tsx";
import { PanelLive as Issue3200PanelLive } from "./issue_3200.tsx";
import Issue3319Live from "./issue_3319.tsx";
import Issue3368Live from "./issue_3368.tsx";
import { HomeLive as Issue3378HomeLive } from "./issue_3378.tsx";
import Issue3391Live from "./issue_3391.tsx";
import Issue3448Live from "./issue_3448.tsx";
import { ALive as Issue3496ALive, BLive as Issue3496BLive, layout as layout3496 } from "./issue_3496.tsx";
import Issue3529Live from "./issue_3529.tsx";
import Issue3530Live, { layout as layout3530 } from "./issue_3530.tsx";
import { ALive as Issue3612ALive, BLive as Issue3612BLive } from "./issue_3612.tsx";
import Issue3636Live from "./issue_3636.tsx";
import Issue3647Live, { layout as layout3647 } from "./issue_3647.tsx";
import Issue3651Live, { layout as layout3651 } from "./issue_3651.tsx";
import Issue3656Live from "./issue_3656.tsx";
import Issue3658Live from "./issue_3658.tsx";
import { Issue3681Live, AwayLive as Issue3681AwayLive } from "./issue_3681.tsx";
import Issue3684Live from "./issue_3684.tsx";
import { ALive as Issue3686ALive, BLive as Issue3686BLive, CLive as Issue3686CLive } from "./issue_3686.tsx";
import Issue3709Live from "./issue_3709.tsx";
import Issue3719Live from "./issue_3719.tsx";
import Issue3814Live from "./issue_3814.tsx";
import Issue3819Live from "./issue_3819.tsx";
import Issue3919Live from "./issue_3919.tsx";
import Issue3931Live from "./issue_3931.tsx";
import Issue3941Live, { layout as layout3941 } from "./issue_3941.tsx";
import Issue3953Live from "./issue_3953.tsx";
import Issue3979Live from "./issue_3979.tsx";
import Issue4027Live from "./issue_4027.tsx";
import Issue4066Live, { layout as layout4066 } from "./issue_4066.tsx";
import Issue4078Live, { layout as layout4078 } from "./issue_4078.tsx";
import Issue4088Live, { layout as layout4088 } from "./issue_4088.tsx";
import Issue4094Live from "./issue_4094.tsx";
import Issue4095Live from "./issue_4095.tsx";
import Issue4102Live from "./issue_4102.tsx";
import Issue4107Live from "./issue_4107.tsx";
import Issue4121Live from "./issue_4121.tsx";
import Issue4147Live, { layout as layout4147 } from "./issue_4147.tsx";
import Issue4209Live, { layout as layout4209 } from "./issue_4209.tsx";
import Issue4212Live, { layout as layout4212 } from "./issue_4212.tsx";
import { ALive as Issue4290ALive, BLive as Issue4290BLive } from "./issue_4290.tsx";
import Issue4323Live, { layout as layout4323 } from "./issue_4323.tsx";
import Issue4325Live, { layout as layout4325 } from "./issue_4325.tsx";
import Issue4334Live, { layout as layout4334 } from "./issue_4334.tsx";
import Issue4350Live from "./issue_4350.tsx";
import Issue4359Live from "./issue_4359.tsx";
import Issue4368Live from "./issue_4368.tsx";

type Routes = Record<string, ViewDefinition<any>>;

export const issueRoutes: { default: Routes; other: Routes; outside: Routes } = {
  default: {
    "/issues/2787": Issue2787Live,
    "/issues/2835": Issue2835Live,
    "/issues/3026": Issue3026Live,
    "/issues/3040": Issue3040Live,
    "/issues/3083": Issue3083Live,
    "/issues/3107": Issue3107Live,
    "/issues/3117": Issue3117Live,
    "/issues/3199": Issue3199Live,
    "/issues/3199/away": Issue3199Away,
    "/issues/3200/messages": Issue3200PanelLive,
    "/issues/3200/settings": Issue3200PanelLive,
    "/issues/3194": Issue3194Live,
    "/issues/3194/other": Issue3194OtherLive,
    "/issues/3319": Issue3319Live,
    "/issues/3368": Issue3368Live,
    "/issues/3378": Issue3378HomeLive,
    "/issues/3391": Issue3391Live,
    "/issues/3448": Issue3448Live,
    "/issues/3496/a": Issue3496ALive,
    "/issues/3496/b": Issue3496BLive,
    "/issues/3529": Issue3529Live,
    "/issues/3612/a": Issue3612ALive,
    "/issues/3612/b": Issue3612BLive,
    "/issues/3636": Issue3636Live,
    "/issues/3651": Issue3651Live,
    "/issues/3656": Issue3656Live,
    "/issues/3658": Issue3658Live,
    "/issues/3684": Issue3684Live,
    "/issues/3686/a": Issue3686ALive,
    "/issues/3686/b": Issue3686BLive,
    "/issues/3709": Issue3709Live,
    "/issues/3709/:id": Issue3709Live,
    "/issues/3719": Issue3719Live,
    "/issues/3814": Issue3814Live,
    "/issues/3819": Issue3819Live,
    "/issues/3919": Issue3919Live,
    "/issues/3931": Issue3931Live,
    "/issues/3953": Issue3953Live,
    "/issues/3979": Issue3979Live,
    "/issues/4027": Issue4027Live,
    "/issues/4066": Issue4066Live,
    "/issues/4088": Issue4088Live,
    "/issues/4094": Issue4094Live,
    "/issues/4095": Issue4095Live,
    "/issues/4102": Issue4102Live,
    "/issues/4107": Issue4107Live,
    "/issues/4121": Issue4121Live,
    "/issues/4147": Issue4147Live,
    "/issues/4209": Issue4209Live,
    "/issues/4212": Issue4212Live,
    "/issues/4290/a": Issue4290ALive,
    "/issues/4290/b": Issue4290BLive,
    "/issues/4323": Issue4323Live,
    "/issues/4325": Issue4325Live,
    "/issues/4334": Issue4334Live,
    "/issues/4350": Issue4350Live,
    "/issues/4359": Issue4359Live,
    "/issues/4368": Issue4368Live,
  },
  other: {
    "/issues/3686/c": Issue3686CLive,
  },
  outside: {
    "/issues/2965": Issue2965Live,
    "/issues/3047/a": Issue3047ALive,
    "/issues/3047/b": Issue3047BLive,
    "/issues/3169": Issue3169Live,
    "/issues/3530": Issue3530Live,
    "/issues/3647": Issue3647Live,
    "/issues/3681": Issue3681Live,
    "/issues/3681/away": Issue3681AwayLive,
    "/issues/3941": Issue3941Live,
    "/issues/4078": Issue4078Live,
  },
};

/** Live layouts of the pages that have their own (pattern → layout). */
export const issueLayouts: Record<string, LiveLayout> = {
  "/issues/2965": layout2965,
  "/issues/3169": layout3169,
  "/issues/3199": layout3199,
  "/issues/3496/a": layout3496,
  "/issues/3496/b": layout3496,
  "/issues/3530": layout3530,
  "/issues/3647": layout3647,
  "/issues/3651": layout3651,
  "/issues/3941": layout3941,
  "/issues/4066": layout4066,
  "/issues/4078": layout4078,
  "/issues/4088": layout4088,
  "/issues/4147": layout4147,
  "/issues/4209": layout4209,
  "/issues/4212": layout4212,
  "/issues/4323": layout4323,
  "/issues/4325": layout4325,
  "/issues/4334": layout4334,
};
