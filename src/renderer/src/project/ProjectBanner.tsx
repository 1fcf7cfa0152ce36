/** File messages and the crash-recovery offer, above the canvas. */
import { useProject } from './use-project';
import { useServices } from '../stores';

export function ProjectBanner() {
  const { project: store } = useServices();
  const project = useProject();
  if (project.recovered) {
    return (
      <div className="banner info" role="alert" data-testid="recovery-banner">
        Dendrite found unsaved work from a previous session.
        <button type="button" onClick={project.restoreRecovered}>
          Restore it
        </button>
        <button type="button" onClick={project.discardRecovered}>
          Discard
        </button>
      </div>
    );
  }
  if (project.message) {
    return (
      <div className={`banner ${project.message.kind}`} role="alert" data-testid="project-message">
        {project.message.text}
        <button type="button" onClick={() => store.setState({ message: null })}>
          Dismiss
        </button>
      </div>
    );
  }
  return null;
}
