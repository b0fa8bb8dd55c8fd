/**
 * The colocated module the layouts import (`/assets/colocated/index.js`). Phoenix builds it from
 * the `<script :type={ColocatedHook}>` and `<script :type={ColocatedJS}>` tags of the app's views;
 * here it holds, by hand, the two of colocated_live.ex (see app/views/colocated_live.tsx) and
 * the two hooks of portal.ex (app/views/portal_live.tsx).
 */
const PhoneNumber = {
  mounted() {
    this.el.addEventListener("input", () => {
      let match = this.el.value.replace(/\D/g, "").match(/^(\d{3})(\d{3})(\d{4})$/);
      if (match) {
        this.el.value = `${match[1]}-${match[2]}-${match[3]}`;
      }
    });
  },
};

const InsidePortal = {
  mounted() {
    this.js().setAttribute(this.el, "data-portalhook-mounted", "true");
  },
};

const TeleportedLCButton = {
  mounted() {
    this.el.addEventListener("click", () => {
      this.pushEventTo(this.el, "prepend");
    });
  },
};

function js_exec(liveSocket) {
  window.addEventListener("phx:js:exec", (e) => liveSocket.execJS(liveSocket.main.el, e.detail.cmd));
}

export const hooks = {
  "Phoenix.LiveViewTest.E2E.ColocatedLive.PhoneNumber": PhoneNumber,
  "Phoenix.LiveViewTest.E2E.PortalLive.InsidePortal": InsidePortal,
  "Phoenix.LiveViewTest.E2E.PortalLive.LC.TeleportedLCButton": TeleportedLCButton,
};
export default { js_exec };
