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
};
