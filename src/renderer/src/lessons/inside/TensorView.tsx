/**
 * One tensor of a step-through in the course's layout: small ones as a table of numbers (each cell
 * tinted by its value), larger matrices as a heatmap, image-shaped ones (1, n_H, n_W, n_C) as one
 * map per channel, conv filters (f, f, n_C_prev, n_C) as one f × f image per filter.
 */
import { formatShape } from '../../../../../engine/spec';
import type { TraceTensor } from '../../../../../engine/train';
import { Notation } from '../Notation';
import { colourOf, extent } from './colour';
import { FilterHeatmap } from './FilterHeatmap';
import { Heatmap } from './Heatmap';

/** Up to this many values are shown as numbers. */
const TABLE_MAX = 48;
/** Channels (or filters) drawn at most. */
const MAPS_MAX = 16;

const show = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(+v.toFixed(4)));

function Table({ values, rows, cols, limit, testId }: { values: Float32Array; rows: number; cols: number; limit: number; testId: string }) {
  return (
    <table className="tensor-table" data-testid={testId}>
      <tbody>
        {Array.from({ length: rows }, (_, r) => (
          <tr key={r}>
            {Array.from({ length: cols }, (_, c) => {
              const v = values[r * cols + c];
              const [red, green, blue] = colourOf(v, 'diverging', limit);
              return (
                <td key={c} style={{ background: `rgb(${red} ${green} ${blue} / 0.55)` }}>
                  {show(v)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TensorView({ tensor }: { tensor: TraceTensor }) {
  const { shape, values, name } = tensor;
  const testId = `tensor-${name.split(' = ')[0].replace(/\s+/g, '-')}`;
  const header = (
    <div className="tensor-name">
      <Notation text={name} /> <span className="muted">{formatShape(shape)}</span>
    </div>
  );
  if (!values) {
    return (
      <div className="tensor" data-testid={testId}>
        {header}
        <p className="muted small">Too many values to show.</p>
      </div>
    );
  }
  const limit = extent(values);
  let body;
  if ((tensor.symbol === 'b' || tensor.symbol === 'db') && shape.length === 4) {
    // A conv bias (1, 1, 1, n_C): one number per filter.
    body = <Table values={values} rows={1} cols={values.length} limit={limit} testId={`${testId}-table`} />;
  } else if (shape.length === 2 && values.length <= TABLE_MAX) {
    body = <Table values={values} rows={shape[0]} cols={shape[1]} limit={limit} testId={`${testId}-table`} />;
  } else if (shape.length === 2) {
    const [rows, cols] = shape;
    const cell = Math.max(1, Math.min(10, Math.floor(300 / Math.max(cols, 1)), Math.floor(240 / Math.max(rows, 1))));
    body = <Heatmap values={values} rows={rows} cols={cols} scale="diverging" limit={limit} cell={cell} label={`${name} heatmap`} />;
  } else if (shape.length === 4 && shape[0] === 1) {
    // An activation (1, n_H, n_W, n_C): one map per channel.
    const [, h, w, c] = shape;
    const cell = Math.max(1, Math.floor(72 / Math.max(h, w)));
    body = (
      <div className="tensor-maps">
        {Array.from({ length: Math.min(c, MAPS_MAX) }, (_, k) => (
          <Heatmap
            key={k}
            values={values}
            rows={h}
            cols={w}
            offset={k}
            rowStride={w * c}
            colStride={c}
            scale="diverging"
            limit={limit}
            cell={cell}
            label={`${name} channel ${k + 1}`}
          />
        ))}
        {c > MAPS_MAX && <span className="muted small">+{c - MAPS_MAX} more channels</span>}
      </div>
    );
  } else if (shape.length === 4) {
    // Conv filters (f, f, n_C_prev, n_C): filter k, input channel 0.
    const [f, , cIn, cOut] = shape;
    const cell = Math.max(2, Math.floor(48 / f));
    body = (
      <div className="tensor-maps">
        {Array.from({ length: Math.min(cOut, MAPS_MAX) }, (_, k) => (
          <FilterHeatmap key={k} values={values} f={f} channelsIn={cIn} count={cOut} k={k} limit={limit} cell={cell} label={`${name} filter ${k + 1}`} />
        ))}
      </div>
    );
  } else {
    body = <Table values={values} rows={1} cols={Math.min(values.length, TABLE_MAX)} limit={limit} testId={`${testId}-table`} />;
  }
  return (
    <div className="tensor" data-testid={testId}>
      {header}
      {body}
    </div>
  );
}
