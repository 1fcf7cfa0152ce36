/**
 * Connects the desktop menu to the editor: reports what is enabled, and carries
 * out menu clicks with the same actions as the toolbar and shortcuts.
 */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { MenuCommand } from '../../shared/menu-commands';
import { useCompile } from './canvas/compile-context';
import { useAutoLayout } from './canvas/use-auto-layout';
import { FIT_VIEW } from './graph/arrange';
import { useProject } from './project/use-project';
import { useTrainingActions } from './run/use-training';
import { findDataset } from './run/datasets';
import { useGraph, useRun, useServices, useSettings } from './stores';
import { setTheme } from './theme';
import { copySelection, duplicateSelection, pasteClipboard } from './canvas/clipboard';
import { useModelFiles } from './project/use-model-files';
import { usePanelPrefs } from './panels/panel-prefs';
import { requestGradCheck } from './project/gradcheck-request';
import { useShortcutsDialog } from './ShortcutsDialog';
import { openSearch } from './search/search-store';
import { openTransferDialog } from './transfer/transfer-store';
import { useCurve } from './run/learning-curve-store';
import { openPicker, toggleQuiz } from './lessons/lesson-store';
import { useSaveAsLesson } from './lessons/use-save-as-lesson';

export function MenuBridge() {
  const { host, graph, run } = useServices();
  const canUndo = useGraph((s) => s.past.length > 0);
  const canRedo = useGraph((s) => s.future.length > 0);
  const hasSelection = useGraph((s) => s.doc.nodes.some((n) => n.selected));
  const status = useRun((s) => s.status);
  const datasetId = useSettings((s) => s.datasetId);
  const { result } = useCompile();
  const project = useProject();
  const training = useTrainingActions();
  const models = useModelFiles();
  const flow = useReactFlow();
  const autoLayout = useAutoLayout();
  const saveAsLesson = useSaveAsLesson();

  const running = status === 'starting' || status === 'running' || status === 'paused' || status === 'stopping';
  const curveRunning = useCurve((s) => s.status === 'running');
  const canTrain = result.spec !== null && findDataset(datasetId) !== null && !curveRunning;

  useEffect(() => {
    host.reportMenuState({
      canUndo,
      canRedo,
      hasSelection,
      canTrain,
      running,
      paused: status === 'paused',
      dirty: project.dirty,
      canExport: models.canExport,
    });
  }, [host, canUndo, canRedo, hasSelection, canTrain, running, status, project.dirty, models.canExport]);

  useEffect(() => {
    const handlers: Record<MenuCommand, () => void> = {
      'file.new': () => void project.newProject(),
      'file.open': () => void project.open(),
      'file.save': () => void project.save(false),
      'file.saveAs': () => void project.save(true),
      'file.exportModel': () => void models.exportTrained(),
      'file.importModel': () => void models.importTrained(),
      'file.saveAsLesson': saveAsLesson,
      'model.exportOnnx': () => void models.exportTrainedAs('onnx'),
      'model.exportPytorch': () => void models.exportTrainedAs('pytorch'),
      'model.exportNumpy': () => void models.exportTrainedAs('numpy'),
      'model.transfer': openTransferDialog,
      'edit.undo': () => graph.getState().undo(),
      'edit.redo': () => graph.getState().redo(),
      'edit.copy': () => copySelection(graph),
      'edit.paste': () => pasteClipboard(graph),
      'edit.duplicate': () => duplicateSelection(graph),
      'edit.selectAll': () => graph.getState().selectAll(),
      'edit.delete': () => {
        const selected = graph
          .getState()
          .doc.nodes.filter((n) => n.selected)
          .map((n) => n.id);
        graph.getState().removeElements(selected, []);
      },
      'view.zoomIn': () => void flow.zoomIn(),
      'view.zoomOut': () => void flow.zoomOut(),
      'view.fitView': () => void flow.fitView(FIT_VIEW),
      'view.autoLayout': () => void autoLayout(),
      'view.themeSystem': () => setTheme('system'),
      'view.themeLight': () => setTheme('light'),
      'view.themeDark': () => setTheme('dark'),
      'view.panelBuild': () => usePanelPrefs.getState().set({ tab: 'build' }),
      'view.panelRun': () => usePanelPrefs.getState().set({ tab: 'run' }),
      'view.panelEvaluate': () => usePanelPrefs.getState().set({ tab: 'evaluate' }),
      'view.panelHealth': () => usePanelPrefs.getState().set({ tab: 'health' }),
      'view.panelRuns': () => usePanelPrefs.getState().set({ tab: 'runs' }),
      'view.quizMode': toggleQuiz,
      'run.train': () => {
        if (result.spec && canTrain) void training.train(result.spec);
      },
      'run.pause': () => void training.pause(),
      'run.resume': () => void training.resume(),
      'run.stop': () => void training.stop(),
      'run.gradcheck': () => {
        usePanelPrefs.getState().set({ tab: 'runs' });
        requestGradCheck();
      },
      'run.search': openSearch,
      'help.shortcuts': () => useShortcutsDialog.getState().show(),
      'help.lessons': openPicker,
    };
    return host.onMenuCommand((command) => handlers[command]?.());
  }, [host, graph, run, project, training, models, flow, autoLayout, result.spec, canTrain, saveAsLesson]);

  return null;
}
