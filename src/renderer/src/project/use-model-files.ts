/**
 * Export Model (the trained weights of the last run, as documented model JSON), Export ONNX /
 * PyTorch / NumPy (the same model in another format, engine/export/formats.ts) and
 * Import Model (back onto the canvas, or refused with the path of the problem).
 */
import { useCallback } from 'react';
import { useStore } from 'zustand';
import { useReactFlow } from '@xyflow/react';
import { specToGraph } from '../../../../engine/compile';
import { type ExportFormat, FORMAT_INFO, importModel, type ModelFile } from '../../../../engine/export';
import type { GraphDoc } from '../graph/document';
import { edgeId } from '../graph/graph-store';
import { arrange, FIT_VIEW, withPositions } from '../graph/arrange';
import { canvasView } from '../canvas/canvas-view';
import { useServices } from '../stores';
import type { OpenedFile } from '../host/host';
import { startWeights } from './start-weights';
import { usePanelPrefs } from '../panels/panel-prefs';

/** A model's spec as a canvas document, laid out for the canvas's size. */
export async function modelToDoc(model: ModelFile): Promise<GraphDoc> {
  const graph = specToGraph(model.spec);
  const doc: GraphDoc = {
    nodes: graph.nodes.map((node) => ({ id: node.id, type: node.kind, position: { x: 0, y: 0 }, data: node.params })),
    edges: graph.edges.map((edge) => {
      const handle = edge.targetHandle ?? 'in';
      return { id: edgeId(edge.source, edge.target, handle), source: edge.source, target: edge.target, targetHandle: handle };
    }),
  };
  return withPositions(doc, arrange(doc, canvasView()));
}

export function useModelFiles() {
  const { host, run, graph, project } = useServices();
  const model = useStore(run, (s) => s.model);
  const { fitView } = useReactFlow();

  const say = useCallback((kind: 'error' | 'info', text: string) => project.setState({ message: { kind, text } }), [project]);

  const exportTrained = useCallback(async () => {
    const current = run.getState().model;
    if (!current) return;
    try {
      const saved = await host.exportModel(`${JSON.stringify(current)}\n`, project.getState().name || 'model');
      if (saved) say('info', `Exported the trained model as ${saved.name}.`);
    } catch (error) {
      say('error', error instanceof Error ? error.message : String(error));
    }
  }, [host, run, project, say]);

  const exportTrainedAs = useCallback(
    async (format: ExportFormat) => {
      const current = run.getState().model;
      if (!current) return;
      try {
        const saved = await host.exportModelAs(JSON.stringify(current), format, project.getState().name || 'model');
        if (saved) say('info', `Exported the trained model as ${FORMAT_INFO[format].label}: ${saved.name}.`);
      } catch (error) {
        say('error', error instanceof Error ? error.message : String(error));
      }
    },
    [host, run, project, say],
  );

  /** Puts a model file's network on the canvas and its weights in reach of Export and Continue. */
  const applyModelFile = useCallback(
    async (file: OpenedFile) => {
      try {
        const result = importModel(file.text);
        if (!result.ok) {
          say('error', `${file.name} was not imported: ${result.error}`);
          return;
        }
        const modelFile = JSON.parse(file.text) as ModelFile;
        graph.getState().replaceDoc(`Import ${file.name}`, await modelToDoc(modelFile));
        run.setState({ ...run.getState(), model: modelFile });
        startWeights.getState().offer(modelFile, file.name, true);
        const accuracy = modelFile.metrics?.trainAccuracy;
        say(
          'info',
          `Imported ${file.name}: ${modelFile.parameters.length} weight tensors` +
            (typeof accuracy === 'number' ? `, training accuracy ${(accuracy * 100).toFixed(1)} %` : '') +
            '. Train continues from these weights while “Continue from” is ticked (Training tab); Export Model saves them again.' +
            result.warnings.map((warning) => ` Warning: ${warning}.`).join(''),
        );
        // Where "Continue from" and Evaluate are.
        usePanelPrefs.getState().set({ tab: 'training' });
        setTimeout(() => void fitView(FIT_VIEW), 50);
      } catch (error) {
        say('error', error instanceof Error ? error.message : String(error));
      }
    },
    [graph, run, say, fitView],
  );

  const importTrained = useCallback(async () => {
    try {
      const file = await host.importModel();
      if (file) await applyModelFile(file);
    } catch (error) {
      say('error', error instanceof Error ? error.message : String(error));
    }
  }, [host, applyModelFile, say]);

  return { canExport: model !== null, exportTrained, exportTrainedAs, importTrained, applyModelFile };
}
