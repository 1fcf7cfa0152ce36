/** The live compile result (spec, shapes, diagnostics), recomputed on every edit. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { compileGraph, type CompileResult, type Diagnostic, type LayerShapeInfo } from '../../../../engine/compile';
import { toGraphInput } from '../graph/document';
import { findDataset } from '../run/datasets';
import { useGraph, useSettings } from '../stores';

interface CompileView {
  result: CompileResult;
  layerById: Map<string, LayerShapeInfo>;
  diagnosticsByNode: Map<string, Diagnostic[]>;
  /** Errors not attached to any node (e.g. "no output layer"). */
  graphErrors: Diagnostic[];
}

const CompileContext = createContext<CompileView | null>(null);

export function CompileProvider({ children }: { children: ReactNode }) {
  const doc = useGraph((s) => s.doc);
  const datasetId = useSettings((s) => s.datasetId);
  const view = useMemo<CompileView>(() => {
    const result = compileGraph(toGraphInput(doc, findDataset(datasetId)?.shape));
    const layerById = new Map(result.layers.map((layer) => [layer.id, layer]));
    const diagnosticsByNode = new Map<string, Diagnostic[]>();
    const graphErrors: Diagnostic[] = [];
    for (const d of result.diagnostics) {
      if (d.nodeId) diagnosticsByNode.set(d.nodeId, [...(diagnosticsByNode.get(d.nodeId) ?? []), d]);
      else graphErrors.push(d);
    }
    return { result, layerById, diagnosticsByNode, graphErrors };
  }, [doc, datasetId]);
  return <CompileContext.Provider value={view}>{children}</CompileContext.Provider>;
}

export function useCompile(): CompileView {
  const view = useContext(CompileContext);
  if (!view) throw new Error('useCompile outside CompileProvider');
  return view;
}
