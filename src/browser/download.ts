/** Saves text as a file through a temporary object URL: nothing leaves the browser. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  // Revoked a moment later: the click starts the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
