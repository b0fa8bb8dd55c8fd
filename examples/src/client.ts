/// <reference types="@livetsx/vite/client" />
/**
 * The demo's browser entry: LiveTSX's client, with the hooks of the view modules, and the
 * progress bar of page loads.
 */
import { LiveSocket } from "@livetsx/client";
import { hooks } from "virtual:livetsx/hooks";
import "./progress.ts";

const liveSocket = new LiveSocket("/live", { hooks });
liveSocket.connect();
(window as unknown as { liveSocket: LiveSocket }).liveSocket = liveSocket;
