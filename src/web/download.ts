// Saving bytes as a file from the page: an object URL on a temporary <a download>. Downloads are
// navigations the page's Content-Security-Policy does not govern (and the URL is never fetched as a
// script, style or image), so this works under the strict policy without a violation.

export function downloadBytes(name: string, data: ArrayBuffer | Uint8Array, type = "application/octet-stream"): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the time the click returns; keep the URL a while for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "41.2 MB", "512 KiB"… for status lines. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1 << 20) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1 << 20)).toFixed(1)} MiB`;
}
