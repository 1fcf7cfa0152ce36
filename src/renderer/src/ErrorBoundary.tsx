/**
 * Whatever a panel throws while rendering, the rest of the window stays usable: the panel is
 * replaced by one short line saying so and a Try again button (which mounts it afresh). The
 * outermost boundary (main.tsx) catches what escapes every panel, so the window never goes
 * white; the autosave still holds the work.
 */
import { Component, type ReactNode } from 'react';
import { oneLine } from '../../../engine/spec';

interface Props {
  /** What the user calls this part of the window: "Canvas", "Health". */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    console.error(`Dendrite: the ${this.props.name} panel failed`, error);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-failed" role="alert" data-testid="panel-failed">
        <p>
          {this.props.name} failed: {oneLine(error.message, 160)}
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
