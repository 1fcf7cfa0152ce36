/** The toolbar's reminder that runs start some layers from another model's weights; click to change, ✕ to stop. */
import { useCompile } from '../canvas/compile-context';
import { chosenTransfer, openTransferDialog, setTransfer, useTransfer } from './transfer-store';

export function TransferFrom({ disabled }: { disabled: boolean }) {
  const source = useTransfer((s) => s.source);
  useTransfer((s) => s.layers);
  const { result } = useCompile();
  if (!source) return null;
  const chosen = result.spec ? chosenTransfer(result.spec) : undefined;
  const count = chosen ? Object.keys(chosen.layers).length : 0;
  return (
    <span className="transfer-from" data-testid="transfer-from" data-layers={count}>
      <button type="button" className="link" onClick={openTransferDialog} disabled={disabled} title="Choose which layers take the model's weights">
        Transfer: {count} layer{count === 1 ? '' : 's'} from {source.name}
      </button>
      <button type="button" className="link" aria-label="Stop transferring weights" onClick={() => setTransfer(null)} disabled={disabled}>
        ✕
      </button>
    </span>
  );
}
