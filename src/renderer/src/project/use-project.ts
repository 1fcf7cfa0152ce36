/**
 * Project actions (New, Open, Save, Save As, templates, recovery) and the dirty flag,
 * through whichever host we run in.
 */
import { useCallback, useEffect, useMemo } from 'react';
import { useTemplateGuide } from '../transfer/TemplateGuide';
import { transferStore, useTransfer } from '../transfer/transfer-store';
import { useSearch } from '../search/search-store';
import { clearSystems, restoreSystems, toSavedSystems } from './saved-systems';
import { parseProject } from '../../../shared/project';
import { emptyDoc, type GraphDoc } from '../graph/document';
import { arrange, FIT_VIEW, withPositions } from '../graph/arrange';
import { canvasView } from '../canvas/canvas-view';
import { describeRecipe, type Template } from '../graph/templates';
import { BUILTIN_DATASETS } from '../run/datasets';
import { useGraph, useRun, useServices, useSettings } from '../stores';
import { useStore } from 'zustand';
import { useReactFlow } from '@xyflow/react';
import { fromProject, serialiseProject, toProject } from './project-io';
import type { OpenedFile } from '../host/host';
import { startWeights } from './start-weights';
import { applyDatasetSettings, datasetSettingsOf } from '../data/dataset-settings';
import { setPrep, useDatasetStore } from '../data/dataset-store';
import { fromSavedRuns, toSavedRuns } from '../run/run-history';
import { loadErrorAnalysis, savedErrorAnalysis, useErrorAnalysis } from '../panels/error-analysis-store';

const AUTOSAVE_DELAY_MS = 2000;

/** The project's errorAnalysis field, present only when there is something to keep. */
const withErrorAnalysis = (saved: ReturnType<typeof savedErrorAnalysis>) => (saved ? { errorAnalysis: saved } : {});

export function useProjectText(): string {
  const doc = useGraph((s) => s.doc);
  const settings = useSettings((s) => s);
  const prep = useDatasetStore((s) => s.prep);
  const generators = useDatasetStore((s) => s.generators);
  const datasets = useDatasetStore((s) => s.datasets);
  const pendingSource = useDatasetStore((s) => s.pendingSource);
  // The run history is part of the project (the Runs overlay works across sessions).
  const history = useRun((s) => s.history);
  const runs = useMemo(() => toSavedRuns(history), [history]);
  const transferSource = useTransfer((s) => s.source);
  const transferLayers = useTransfer((s) => s.layers);
  const { config: searchConfig, ran, trials } = useSearch();
  const categories = useErrorAnalysis((s) => s.categories);
  const tags = useErrorAnalysis((s) => s.tags);
  const extras = useMemo(
    () => ({
      ...toSavedSystems({ source: transferSource, layers: transferLayers }, { config: searchConfig, ran, trials }),
      ...withErrorAnalysis(savedErrorAnalysis({ categories, tags })),
    }),
    [transferSource, transferLayers, searchConfig, ran, trials, categories, tags],
  );
  return useMemo(
    () =>
      serialiseProject(
        toProject(
          withoutSelection(doc),
          settings,
          undefined,
          datasetSettingsOf(settings.datasetId, { prep, generators, datasets, pendingSource }),
          runs,
          extras,
        ),
      ),
    [doc, settings, prep, generators, datasets, pendingSource, runs, extras],
  );
}

/** Selection is not part of a project, so selecting must not make it dirty. */
function withoutSelection(doc: GraphDoc): GraphDoc {
  return {
    nodes: doc.nodes.map(({ selected: _s, dragging: _d, measured: _m, ...node }) => node),
    edges: doc.edges.map(({ selected: _s, ...edge }) => edge),
  };
}

/** Frames the whole graph after it was replaced (template, open), once React Flow has measured it. */
function useFitAfterLoad() {
  const { fitView } = useReactFlow();
  return useCallback(() => {
    setTimeout(() => void fitView({ ...FIT_VIEW, duration: 0 }), 50);
  }, [fitView]);
}

export function useProject() {
  const { host, graph, settings, project, run } = useServices();
  const fitAfterLoad = useFitAfterLoad();
  const state = useStore(project);
  const text = useProjectText();
  const dirty = text !== state.savedText;

  const confirmDiscard = useCallback(() => !dirty || window.confirm('Discard the unsaved changes to this project?'), [dirty]);

  const fail = useCallback(
    (error: unknown) => project.setState({ message: { kind: 'error', text: error instanceof Error ? error.message : String(error) } }),
    [project],
  );

  /**
   * Records what is now on disk. `written` is the text a save actually wrote: a run that settles
   * while the Save dialog is open changes the stores, and must leave the project dirty.
   */
  const markSaved = useCallback(
    (name: string, written?: string) => {
      const current = settings.getState();
      const runs = toSavedRuns(run.getState().history);
      const savedText =
        written ??
        serialiseProject(
          toProject(withoutSelection(graph.getState().doc), current, undefined, datasetSettingsOf(current.datasetId), runs, {
            ...toSavedSystems(transferStore.getState(), useSearch.getState()),
            ...withErrorAnalysis(savedErrorAnalysis(useErrorAnalysis.getState())),
          }),
        );
      project.setState({ name, savedText, message: null });
      void host.clearAutosave().catch(() => undefined);
    },
    [graph, settings, project, host, run],
  );

  const newProject = useCallback(async () => {
    if (!confirmDiscard()) return;
    graph.getState().resetDoc(emptyDoc());
    startWeights.getState().clear();
    run.setState({ history: [] });
    clearSystems();
    loadErrorAnalysis(undefined);
    await host.forgetProjectFile().catch(() => undefined);
    markSaved('untitled');
  }, [confirmDiscard, graph, host, markSaved, run]);

  const openText = useCallback(
    (name: string, text: string): boolean => {
      const parsed = parseProject(text);
      if (!parsed.ok) {
        project.setState({ message: { kind: 'error', text: `${name}: ${parsed.error}` } });
        return false;
      }
      const { doc, settings: loaded, data, runs, errorAnalysis } = fromProject(parsed.project);
      graph.getState().resetDoc(doc);
      run.setState({ history: fromSavedRuns(runs) });
      loadErrorAnalysis(errorAnalysis);
      settings.setState(loaded);
      applyDatasetSettings(parsed.project.dataset.id, data);
      const dropped = restoreSystems(parsed.project);
      if (dropped) project.setState({ message: { kind: 'error', text: `${name}: ${dropped}` } });
      fitAfterLoad();
      return true;
    },
    [graph, settings, project, fitAfterLoad, run],
  );

  /** A project file already read (Open, a drop, Open Recent): on the canvas, and saved as far as the dirty flag goes. */
  const openFile = useCallback(
    (file: OpenedFile) => {
      if (!openText(file.name, file.text)) return;
      startWeights.getState().clear();
      markSaved(file.name.replace(/\.dendrite\.json$|\.json$/, ''));
    },
    [openText, markSaved],
  );

  const open = useCallback(async () => {
    if (!confirmDiscard()) return;
    try {
      const file = await host.openProject();
      if (file) openFile(file);
    } catch (error) {
      fail(error);
    }
  }, [confirmDiscard, host, openFile, fail]);

  const save = useCallback(
    async (saveAs: boolean) => {
      try {
        const result = await host.saveProject(text, { suggestedName: state.name || 'untitled', saveAs });
        if (result) markSaved(result.name.replace(/\.dendrite\.json$|\.json$/, ''), text);
      } catch (error) {
        fail(error);
      }
    },
    [host, text, state.name, markSaved, fail],
  );

  const loadTemplate = useCallback(
    async (template: Template) => {
      const built = template.build();
      graph.getState().replaceDoc(`Load ${template.title}`, withPositions(built, arrange(built, canvasView())));
      // The data and settings it trains well with, and nothing left over from the last experiment.
      const dataset = BUILTIN_DATASETS.find((d) => d.id === template.datasetId);
      settings.setState({ datasetId: template.datasetId, ...template.recipe.training, l2: 0, decay: { kind: 'none' }, earlyStopping: false });
      setPrep(template.recipe.prep);
      project.setState({ message: { kind: 'info', text: `${template.title}: ${describeRecipe(template.recipe, dataset?.label ?? template.datasetId)}` } });
      useTemplateGuide.setState({ guide: template.guide ?? null });
      fitAfterLoad();
    },
    [graph, settings, project, fitAfterLoad],
  );

  const restoreRecovered = useCallback(() => {
    const recovered = project.getState().recovered;
    if (recovered && openText('The recovered project', recovered)) project.setState({ recovered: null });
  }, [project, openText]);

  const discardRecovered = useCallback(() => {
    project.setState({ recovered: null });
    void host.clearAutosave().catch(() => undefined);
  }, [project, host]);

  return { ...state, dirty, confirmDiscard, newProject, open, openFile, save, loadTemplate, restoreRecovered, discardRecovered };
}

const AUTOSAVE_FAILED = 'Autosave failed:';

/** Autosave while dirty, and offer the last autosave at start-up when it differs from what opened. */
export function useAutosave(): void {
  const { host, project } = useServices();
  const text = useProjectText();
  const savedText = useStore(project, (s) => s.savedText);

  useEffect(() => {
    let cancelled = false;
    host
      .readAutosave()
      .then((recovered) => {
        if (!cancelled && recovered && recovered !== project.getState().savedText && parseProject(recovered).ok) {
          project.setState({ recovered });
        }
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [host, project]);

  useEffect(() => {
    if (text === savedText || project.getState().recovered) return;
    // A failing autosave (a full disk, a full browser storage) is said, not swallowed: the work is unprotected.
    const timer = setTimeout(() => {
      host.writeAutosave(text).then(
        () => {
          if (project.getState().message?.text.startsWith(AUTOSAVE_FAILED)) project.setState({ message: null });
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          project.setState({ message: { kind: 'error', text: `${AUTOSAVE_FAILED} ${reason} Save the project to keep your changes.` } });
        },
      );
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, savedText, host, project]);
}
