/**
 * Choosing dataset files in either host: on the desktop a button opens main's dialog (main
 * reads the files and hashes them, and the project can keep their paths); on the web a file
 * input, hashed here. Either way the caller gets bytes with a reference (name, size, SHA-256).
 */
import { useServices } from '../stores';
import { refOf } from './dataset-source';
import type { PickedFile } from './import-job';

export type { PickedFile };

export function PickFiles({
  label,
  multiple,
  accept,
  testId,
  onPicked,
  onError,
}: {
  label: string;
  multiple: boolean;
  accept: string;
  testId: string;
  onPicked: (files: PickedFile[]) => void;
  onError: (message: string) => void;
}) {
  const { host } = useServices();
  const fromDialog = async () => {
    try {
      const files = await host.openDatasetFiles!();
      if (files) onPicked(files.map(({ bytes, ...ref }) => ({ name: ref.name, bytes, ref })));
    } catch (e) {
      onError((e as Error).message);
    }
  };
  const fromInput = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    try {
      const files = await Promise.all(
        Array.from(list, async (f) => {
          const bytes = new Uint8Array(await f.arrayBuffer());
          return { name: f.name, bytes, ref: await refOf({ name: f.name, bytes }) };
        }),
      );
      onPicked(files);
    } catch (e) {
      onError((e as Error).message);
    }
  };
  if (host.openDatasetFiles) {
    return (
      <button type="button" data-testid={testId} onClick={() => void fromDialog()}>
        {label}…
      </button>
    );
  }
  return (
    <label>
      {label} <input type="file" multiple={multiple} data-testid={testId} accept={accept} onChange={(e) => void fromInput(e.target.files)} />
    </label>
  );
}
