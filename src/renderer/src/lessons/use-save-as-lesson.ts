/** File ▸ Save as Lesson…: the current project as a one-step lesson file (see save-as-lesson.ts). */
import { useCallback } from 'react';
import { datasetStore } from '../data/dataset-store';
import { useServices } from '../stores';
import { downloadFile } from '../host/browser-files';
import { lessonStore } from './lesson-store';
import { lessonFromProject, serialiseLesson } from './save-as-lesson';

export function useSaveAsLesson(): () => void {
  const { graph, settings, run, project } = useServices();
  return useCallback(() => {
    const current = settings.getState();
    const { prep, generators } = datasetStore.getState();
    const finished = run.getState();
    const built = lessonFromProject({
      name: project.getState().name || 'untitled',
      doc: graph.getState().doc,
      settings: current,
      prep,
      generator: generators[current.datasetId],
      final: finished.status === 'finished' ? finished.final : null,
    });
    if (!built.ok) {
      lessonStore.setState({ message: { kind: 'error', text: built.error } });
      project.setState({ message: { kind: 'error', text: `Save as lesson: ${built.error}` } });
      return;
    }
    downloadFile(serialiseLesson(built.lesson), `${built.lesson.id}.lesson.json`);
  }, [graph, settings, run, project]);
}
