/**
 * Inside conv layers: the first conv layer's filters as images, the feature maps of any
 * image-shaped layer for one example, and a saliency map — each computed by the trainer when
 * asked (see inspect-client.ts).
 */
import type { ConvFilters, FeatureMaps, Saliency } from '../../../../../engine/train';
import { extent } from './colour';
import { FilterHeatmap } from './FilterHeatmap';
import { Heatmap } from './Heatmap';

export function FiltersView({ filters }: { filters: ConvFilters }) {
  const { f, channelsIn, filters: count, values } = filters;
  const limit = extent(values);
  const cell = Math.max(3, Math.floor(40 / f));
  return (
    <div className="tensor-maps" data-testid="conv-filters" data-count={count}>
      {Array.from({ length: count }, (_, k) => (
        <figure key={k} className="map">
          <FilterHeatmap values={values} f={f} channelsIn={channelsIn} count={count} k={k} limit={limit} cell={cell} label={`filter ${k + 1}`} />
          <figcaption>{k + 1}</figcaption>
        </figure>
      ))}
    </div>
  );
}

export function FeatureMapsView({ maps }: { maps: FeatureMaps }) {
  const [h, w, c] = maps.shape;
  const limit = extent(maps.values);
  const cell = Math.max(1, Math.floor(64 / Math.max(h, w)));
  return (
    <div className="tensor-maps" data-testid="feature-maps" data-count={c} data-shape={maps.shape.join('x')}>
      {Array.from({ length: Math.min(c, 32) }, (_, k) => (
        <figure key={k} className="map">
          <Heatmap
            values={maps.values}
            rows={h}
            cols={w}
            offset={k}
            rowStride={w * c}
            colStride={c}
            scale="diverging"
            limit={limit}
            cell={cell}
            label={`feature map ${k + 1}`}
          />
          <figcaption>{k + 1}</figcaption>
        </figure>
      ))}
    </div>
  );
}

export function SaliencyView({ saliency }: { saliency: Saliency }) {
  const [h, w] = saliency.shape;
  const [, , c] = saliency.inputShape;
  const cell = Math.max(1, Math.floor(120 / Math.max(h, w)));
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < saliency.input.length; i++) {
    low = Math.min(low, saliency.input[i]);
    high = Math.max(high, saliency.input[i]);
  }
  const predicted = saliency.predictedName ?? String(saliency.predicted);
  const actual = saliency.example.className ?? String(saliency.example.label);
  return (
    <div className="saliency" data-testid="saliency" data-predicted={saliency.predicted}>
      <figure className="map">
        <Heatmap values={saliency.input} rows={h} cols={w} rowStride={w * c} colStride={c} scale="grey" limit={high} low={low} cell={cell} label="the input" />
        <figcaption>input (label {actual})</figcaption>
      </figure>
      <figure className="map">
        <Heatmap values={saliency.values} rows={h} cols={w} scale="grey" limit={extent(saliency.values)} cell={cell} label="saliency map" />
        <figcaption>|∂ score / ∂ x| for “{predicted}”</figcaption>
      </figure>
    </div>
  );
}
