/**
 * The Inside tab: step through one training example, and look inside conv layers (filters,
 * feature maps, saliency). Everything is computed by a trainer worker on request, at the seed's
 * initial weights or the last run's trained weights.
 */
import { useState, type ReactNode } from 'react';
import type { Inspection, InspectView } from '../../../../../engine/protocol';
import type { ExampleSet } from '../../../../../engine/train';
import { useCompile } from '../../canvas/compile-context';
import { NumberInput } from '../../controls/NumberInput';
import { useRun, useServices } from '../../stores';
import { FeatureMapsView, FiltersView, SaliencyView } from './ConvViews';
import { inspect } from './inspect-client';
import { inspectRequest, type WeightsChoice } from './inspect-request';
import { StepThroughView } from './StepThroughView';
import './inside.css';

type Slot = 'step' | 'filters' | 'maps' | 'saliency';
type SlotState = { status: 'idle' } | { status: 'busy' } | { status: 'done'; inspection: Inspection } | { status: 'failed'; message: string };

const EXAMPLE = { min: 0, max: 100_000_000, integer: true };

export function InsidePanel() {
  const { settings } = useServices();
  const { result } = useCompile();
  const trained = useRun((s) => (s.status === 'finished' ? s.model : null));
  const [weights, setWeights] = useState<WeightsChoice>('trained');
  const [example, setExample] = useState(0);
  const [set, setSet] = useState<ExampleSet>('train');
  const [mapsLayer, setMapsLayer] = useState<string>('');
  const [slots, setSlots] = useState<Record<Slot, SlotState>>({
    step: { status: 'idle' },
    filters: { status: 'idle' },
    maps: { status: 'idle' },
    saliency: { status: 'idle' },
  });
  const useWeights: WeightsChoice = weights === 'trained' && trained ? 'trained' : 'initial';

  const spec = result.spec;
  const images = result.layers.filter((l) => l.kind !== 'input' && l.outShape.length === 3);
  const hasConv = result.layers.some((l) => l.kind === 'conv2d');
  const chosenLayer = images.find((l) => l.id === mapsLayer)?.id ?? images[0]?.id ?? '';

  const ask = (slot: Slot, view: InspectView) => {
    if (!spec) return;
    setSlots((s) => ({ ...s, [slot]: { status: 'busy' } }));
    let request;
    try {
      request = inspectRequest(spec, settings.getState(), useWeights, trained);
    } catch (error) {
      setSlots((s) => ({ ...s, [slot]: { status: 'failed', message: error instanceof Error ? error.message : String(error) } }));
      return;
    }
    inspect(request, view).then(
      (inspection) => setSlots((s) => ({ ...s, [slot]: { status: 'done', inspection } })),
      (error: Error) => setSlots((s) => ({ ...s, [slot]: { status: 'failed', message: error.message } })),
    );
  };

  const outcome = (slot: Slot, render: (inspection: Inspection) => ReactNode) => {
    const state = slots[slot];
    if (state.status === 'busy') return <p className="muted small">Computing…</p>;
    if (state.status === 'failed')
      return (
        <p className="diagnostic error" role="alert">
          {state.message}
        </p>
      );
    if (state.status === 'done') return render(state.inspection);
    return null;
  };

  if (!spec) {
    return (
      <section className="panel inside" data-testid="inside">
        <h2>Inside the network</h2>
        <p className="empty">The network must compile first.</p>
      </section>
    );
  }

  return (
    <section className="panel inside" data-testid="inside">
      <h2>Inside the network</h2>
      <div className="inside__controls">
        <label>
          Weights{' '}
          <select value={useWeights} onChange={(e) => setWeights(e.target.value as WeightsChoice)} aria-label="Weights">
            <option value="initial">initial (seed {settings.getState().seed})</option>
            <option value="trained" disabled={!trained}>
              trained (last run)
            </option>
          </select>
        </label>
        <label>
          Example <NumberInput aria-label="Example" value={example} rule={EXAMPLE} size={5} onCommit={setExample} />
        </label>
        {hasConv && (
          <label>
            of{' '}
            <select value={set} onChange={(e) => setSet(e.target.value as ExampleSet)} aria-label="Example set">
              <option value="train">train</option>
              <option value="dev">dev</option>
            </select>
          </label>
        )}
      </div>

      <h3>Step through one example</h3>
      <p className="muted small">Forward, layer by layer; the cost; backward; then the update — one training step on training example {example}.</p>
      <button type="button" onClick={() => ask('step', { kind: 'step-through', example })} disabled={slots.step.status === 'busy'}>
        Step through example {example}
      </button>
      {outcome('step', (inspection) => inspection.kind === 'step-through' && <StepThroughView trace={inspection.result} />)}

      {hasConv && (
        <>
          <h3>Inside conv layers</h3>
          <div className="inside__row">
            <button type="button" onClick={() => ask('filters', { kind: 'conv-filters' })} disabled={slots.filters.status === 'busy'}>
              Filters of the first conv layer
            </button>
          </div>
          {outcome('filters', (inspection) => inspection.kind === 'conv-filters' && <FiltersView filters={inspection.result} />)}
          <div className="inside__row">
            <select value={chosenLayer} onChange={(e) => setMapsLayer(e.target.value)} aria-label="Feature maps of">
              {images.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.id} ({l.outShape.join('×')})
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => ask('maps', { kind: 'feature-maps', layerId: chosenLayer, set, example })}
              disabled={!chosenLayer || slots.maps.status === 'busy'}
            >
              Feature maps
            </button>
          </div>
          {outcome('maps', (inspection) => inspection.kind === 'feature-maps' && <FeatureMapsView maps={inspection.result} />)}
          <div className="inside__row">
            <button type="button" onClick={() => ask('saliency', { kind: 'saliency', set, example })} disabled={slots.saliency.status === 'busy'}>
              Saliency map
            </button>
          </div>
          {outcome('saliency', (inspection) => inspection.kind === 'saliency' && <SaliencyView saliency={inspection.result} />)}
        </>
      )}
    </section>
  );
}
