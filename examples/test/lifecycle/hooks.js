/** The `Probe` hook, the same for both clients: `window.ping()` pushes `ping` and resolves with the reply. */
export const hooks = {
  Probe: {
    mounted() {
      window.ping = () => this.pushEvent("ping", {});
    },
  },
};
