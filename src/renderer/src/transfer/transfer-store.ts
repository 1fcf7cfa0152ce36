/**
 * Transfer learning on the canvas: the exported model whose weights the next runs start from,
 * and which of its layers goes into which layer of the network (target id → source id; a layer
 * left out starts fresh). A project saves it with the model, so the choice survives reopening.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ModelFile } from '../../../../engine/export';
import type { TransferRequest } from '../../../../engine/train';
import type { ModelSpec } from '../../../../engine/spec';

export interface TransferState {
  source: { model: ModelFile; name: string } | null;
  /** Target layer id → source layer id. */
  layers: Record<string, string>;
  dialogOpen: boolean;
}

export const transferStore = createStore<TransferState>()(() => ({ source: null, layers: {}, dialogOpen: false }));

export const useTransfer = <T>(selector: (s: TransferState) => T): T => useStore(transferStore, selector);

export const openTransferDialog = () => transferStore.setState({ dialogOpen: true });

export function setTransfer(source: { model: ModelFile; name: string } | null, layers: Record<string, string> = {}): void {
  transferStore.setState({ source, layers: source ? layers : {} });
}

/** What the next run request carries for `spec`: the pairs whose target is still in the network, or nothing. */
export function chosenTransfer(spec: ModelSpec): TransferRequest | undefined {
  const { source, layers } = transferStore.getState();
  if (!source) return undefined;
  const ids = new Set(spec.layers.map((l) => l.id));
  const kept = Object.fromEntries(Object.entries(layers).filter(([target]) => ids.has(target)));
  return Object.keys(kept).length > 0 ? { model: source.model, layers: kept, name: source.name } : undefined;
}
