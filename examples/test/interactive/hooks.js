/**
 * The `Probe` hook, the same object for both clients: it records every callback in
 * `window.hookLog` and exposes each live instance as `window.probes[el.id]`.
 */
window.hookLog = [];
window.probes = {};
const log = (entry) => window.hookLog.push(entry);

export const hooks = {
  Probe: {
    mounted() {
      window.probes[this.el.id] = this;
      log(`mounted ${this.el.id}`);
      this.pingRef = this.handleEvent("ping", (payload) => log(`ping ${this.el.id} ${payload.n}`));
    },
    beforeUpdate() {
      log(`beforeUpdate ${this.el.id} ${this.el.textContent}`);
    },
    updated() {
      log(`updated ${this.el.id} ${this.el.textContent}`);
    },
    destroyed() {
      log(`destroyed ${this.el.id}`);
    },
    disconnected() {
      log(`disconnected ${this.el.id}`);
    },
    reconnected() {
      log(`reconnected ${this.el.id}`);
    },
  },
};
