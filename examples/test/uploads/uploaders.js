/**
 * The external uploader both clients register (`uploaders` option): PUTs each entry's file to
 * the URL the server's `external` callback gave, reporting progress as it goes; aborted when
 * the view goes away or the entry is cancelled.
 */
export const uploaders = {
  Storage(entries, onViewError) {
    for (const entry of entries) {
      const xhr = new XMLHttpRequest();
      onViewError(() => xhr.abort());
      entry.onCancel(() => xhr.abort());
      xhr.upload.addEventListener("progress", (e) => {
        if (!e.lengthComputable) return;
        const percent = Math.round((e.loaded / e.total) * 100);
        if (percent < 100) entry.progress(percent);
      });
      xhr.onload = () => (xhr.status === 200 ? entry.progress(100) : entry.error(`status ${xhr.status}`));
      xhr.onerror = () => entry.error("network");
      xhr.open("PUT", entry.meta.url, true);
      xhr.setRequestHeader("content-type", entry.meta.type || "application/octet-stream");
      xhr.send(entry.file);
    }
  },
};
