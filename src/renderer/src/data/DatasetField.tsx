/** The toolbar's dataset choice: built-in generators, bundled MNIST, and imported datasets. */
import { useServices, useSettings } from '../stores';
import { BUILTIN_DATASETS, NO_DATASET, findDataset, importedDatasets } from '../run/datasets';
import { useDatasetStore } from './dataset-store';

export function DatasetField({ busy }: { busy: boolean }) {
  const { settings } = useServices();
  const datasetId = useSettings((s) => s.datasetId);
  useDatasetStore((s) => s.datasets); // re-render when an import arrives
  const imported = importedDatasets();
  return (
    <label className="toolbar__field">
      {/* The list names the dataset itself; the word is for screen readers and getByLabel. */}
      <span className="visually-hidden">Dataset</span>
      <select
        value={datasetId}
        onChange={(event) => settings.setState({ datasetId: event.target.value })}
        disabled={busy}
        title={findDataset(datasetId)?.description ?? 'Plan a network without data; choose a dataset to train.'}
      >
        {BUILTIN_DATASETS.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
        {imported.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
        <option value={NO_DATASET}>No dataset (plan only)</option>
      </select>
    </label>
  );
}
