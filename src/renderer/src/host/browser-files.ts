/**
 * Files through the page itself, in both hosts: a download to save (a browser asks where or uses
 * its downloads folder; Electron shows its Save dialog for downloads and writes to a temporary file
 * it renames when done) and a file input to open. No path ever comes from the renderer.
 */
export function downloadFile(data: string | Uint8Array<ArrayBuffer>, name: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file the user picks; null when they cancel. */
export function pickTextFile(accept: string): Promise<{ name: string; text: string } | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('cancel', () => resolve(null));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      file.text().then((text) => resolve({ name: file.name, text }), reject);
    });
    input.click();
  });
}
