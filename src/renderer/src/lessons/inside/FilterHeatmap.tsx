/** One conv filter as an image: input channel 0 of filter k, W[:, :, 0, k], of weights laid out (f, f, n_C_prev, n_C). */
import { Heatmap } from './Heatmap';

export function FilterHeatmap(props: {
  values: ArrayLike<number>;
  f: number;
  channelsIn: number;
  count: number;
  k: number;
  limit: number;
  cell: number;
  label: string;
}) {
  const { values, f, channelsIn, count, k, limit, cell, label } = props;
  return (
    <Heatmap
      values={values}
      rows={f}
      cols={f}
      offset={k}
      rowStride={f * channelsIn * count}
      colStride={channelsIn * count}
      scale="diverging"
      limit={limit}
      cell={cell}
      label={label}
    />
  );
}
