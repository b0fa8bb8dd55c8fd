/** https://github.com/phoenixframework/phoenix_live_view/issues/3040: phx-click-away does not fire when a form is submitted in a modal. */
import { defineView, JS, Link, type JSCommands } from "@livetsx/server";
import { FocusWrap, InlineStyle } from "./shared.tsx";

function showModal(id: string) {
  return JS.show({ to: `#${id}` })
    .show({ to: `#${id}-bg`, transition: ["transition-all transform ease-out duration-300", "opacity-0", "opacity-100"] })
    .show({
      to: `#${id}-container`,
      transition: [
        "transition-all transform ease-out duration-300",
        "opacity-0 translate-y-4 sm:translate-y-0 sm:scale-95",
        "opacity-100 translate-y-0 sm:scale-100",
      ],
    })
    .addClass("overflow-hidden", { to: "body" })
    .focusFirst({ to: `#${id}-content` });
}

function hideModal(id: string) {
  return JS.hide({ to: `#${id}-bg`, transition: ["transition-all transform ease-in duration-200", "opacity-100", "opacity-0"] })
    .hide({
      to: `#${id}-container`,
      time: 200,
      transition: [
        "transition-all transform ease-in duration-200",
        "opacity-100 translate-y-0 sm:scale-100",
        "opacity-0 translate-y-4 sm:translate-y-0 sm:scale-95",
      ],
    })
    .hide({ to: `#${id}`, transition: ["block", "block", "hidden"] })
    .removeClass("overflow-hidden", { to: "body" })
    .popFocus();
}

function Modal({ id, show = false, onCancel, children }: { id: string; show?: boolean; onCancel: JSCommands<any>; children?: unknown }) {
  const cancel = JS.exec("data-cancel", { to: `#${id}` });
  return (
    <div id={id} phx-mounted={show ? showModal(id) : undefined} phx-remove={hideModal(id)} data-cancel={onCancel.exec("phx-remove")} class="relative z-50 hidden">
      <div id={`${id}-bg`} class="bg-zinc-50/90 fixed inset-0 transition-opacity" aria-hidden="true" />
      <div class="fixed inset-0 overflow-y-auto" aria-labelledby={`${id}-title`} aria-describedby={`${id}-description`} role="dialog" aria-modal="true" tabindex="0">
        <div class="flex min-h-full items-center justify-center">
          <div class="w-full max-w-3xl p-4 sm:p-6 lg:py-8">
            <FocusWrap
              id={`${id}-container`}
              phx-window-keydown={cancel}
              phx-key="escape"
              phx-click-away={cancel}
              class="bg-gray-200 relative hidden rounded-2xl bg-white p-14 ring-1 transition"
            >
              <div class="absolute top-6 right-5">
                <button phx-click={cancel} type="button" class="-m-3 flex-none p-3 opacity-20 hover:opacity-40" aria-label="close">
                  x
                </button>
              </div>
              <div id={`${id}-content`}>{children}</div>
            </FocusWrap>
          </div>
        </div>
      </div>
    </div>
  );
}

const STYLE = `
.fixed{ position: fixed }
.absolute{ position: absolute }
.relative{ position: relative }
.inset-0{ inset: 0px }
.right-5{ right: 1.25rem }
.top-6{ top: 1.5rem }
.z-50{ z-index: 50 }
.-m-3{ margin: -0.75rem }
.flex{ display: flex }
.hidden{ display: none }
.min-h-full{ min-height: 100% }
.w-full{ width: 100% }
.max-w-3xl{ max-width: 48rem }
.flex-none{ flex: none }
.items-center{ align-items: center }
.justify-center{ justify-content: center }
.overflow-y-auto{ overflow-y: auto }
.rounded-2xl{ border-radius: 1rem }
.bg-white{ background-color: rgb(255 255 255 / 1) }
.bg-gray-200{ background-color: rgb(229 231 235 / 1) }
.bg-zinc-50\\/90{ background-color: rgb(250 250 250 / 0.9) }
.p-14{ padding: 3.5rem }
.p-3{ padding: 0.75rem }
.p-4{ padding: 1rem }
.opacity-20{ opacity: 0.2 }
.transition{
  transition-property: color, background-color, border-color, text-decoration-color, fill, stroke, opacity, box-shadow, transform, filter, backdrop-filter;
  transition-timing-function: cubic-bezier(0.4, 0, 0.2, 1);
  transition-duration: 150ms
}
.transition-opacity{
  transition-property: opacity;
  transition-timing-function: cubic-bezier(0.4, 0, 0.2, 1);
  transition-duration: 150ms
}
.hover\\:opacity-40:hover{ opacity: 0.4 }
@media (min-width: 640px){ .sm\\:p-6{ padding: 1.5rem } }
@media (min-width: 1024px){ .lg\\:py-8{ padding-top: 2rem; padding-bottom: 2rem } }
`;

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ modalOpen: false, submitted: false });
  },
  handleParams: (params, _url, socket) => {
    socket.assign({ modalOpen: params["modal"] !== undefined });
  },
  events: {
    submit: (_payload, socket) => socket.assign({ submitted: true }),
  },
  render: ({ modalOpen, submitted }: { modalOpen: boolean; submitted: boolean }) => (
    <>
      <InlineStyle css={STYLE} />
      <Link patch="/issues/3040?modal=true">Add new</Link>
      {modalOpen ? (
        <Modal id="my-modal" show onCancel={JS.patch("/issues/3040")}>
          <form phx-submit="submit">
            <input type="text" name="name" />
            {submitted ? <p>Form was submitted!</p> : null}
          </form>
        </Modal>
      ) : null}
    </>
  ),
});
