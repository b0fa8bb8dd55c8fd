/** A hook that hands a file to a live file input: `upload` to its view's, `uploadTo` a target's. */
export const hooks = {
  UploadFromHook: {
    mounted() {
      this.el.addEventListener("click", () => {
        const file = new File([`from ${this.el.id}`], `${this.el.id}.txt`, { type: "text/plain" });
        if (this.el.dataset.to) this.uploadTo(this.el.dataset.to, "doc", [file]);
        else this.upload("doc", [file]);
      });
    },
  },
  /** Hands each of its `data-names` files to its view's auto upload, each in a call of its own, back to back. */
  UploadEach: {
    mounted() {
      this.el.addEventListener("click", () => {
        for (const name of this.el.dataset.names.split(",")) this.upload("doc", [new File([`${name} `.repeat(200)], name, { type: "text/plain" })]);
      });
    },
  },
};
