/**
 * The chat demo without a browser: messages reach every view in the room, and the online list
 * follows the room's Presence (one entry per guest, the number of tabs when more than one).
 */
import { describe, expect, test } from "vitest";
import { LocalPubSub } from "@livetsx/server";
import { mount, type TestView } from "@livetsx/server/testing";
import Chat from "../../src/views/chat.tsx";

function online(view: TestView): string {
  const found = view.find("#online li");
  const tabs = found.attrs("data-tabs");
  return found.attrs("data-name").map((name, i) => `${name}:${tabs[i]}`).join(",");
}

describe("chat", () => {
  test("who is online: guests join, a second tab counts, a closed view leaves", async () => {
    const pubsub = new LocalPubSub();
    const ada = await mount(Chat, { url: "/chat", params: { name: "ada" }, pubsub });
    expect(online(ada)).toBe("ada:1");
    const bob = await mount(Chat, { url: "/chat", params: { name: "bob" }, pubsub });
    await ada.settled();
    expect(online(ada)).toBe("ada:1,bob:1");
    expect(online(bob)).toBe("ada:1,bob:1");
    const adaAgain = await mount(Chat, { url: "/chat", params: { name: "ada" }, pubsub });
    await bob.settled();
    expect(online(bob)).toBe("ada:2,bob:1");
    expect(bob.find("[data-name=ada] small").text).toBe("(2 tabs)");
    await adaAgain.close();
    await bob.settled();
    expect(online(bob)).toBe("ada:1,bob:1");
    await bob.close();
    await ada.settled();
    expect(online(ada)).toBe("ada:1");
  });

  test("a message sent by one view reaches the others", async () => {
    const pubsub = new LocalPubSub();
    const cy = await mount(Chat, { url: "/chat", params: { name: "cy" }, pubsub });
    const di = await mount(Chat, { url: "/chat", params: { name: "di" }, pubsub });
    await cy.submit("#composer", { text: "hi di" });
    await di.settled();
    expect(di.find("#messages .text").text).toBe("hi di");
    expect(di.find("#messages .from").text).toBe("cy");
  });
});
