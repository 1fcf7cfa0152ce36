/** A few examples of each class of an image dataset, one row per class (the import preview). */
import { useMemo } from 'react';
import type { Dataset } from '../../../../engine/data';
import { ImageThumb } from './ImageThumb';

export function ClassGrid({ dataset, perClass = 8, maxClasses = 10, size = 40 }: { dataset: Dataset; perClass?: number; maxClasses?: number; size?: number }) {
  const n = dataset.exampleShape.reduce((a, b) => a * b, 1);
  const rows = useMemo(() => {
    const byClass: number[][] = Array.from({ length: Math.min(dataset.numClasses, maxClasses) }, () => []);
    for (let i = 0; i < dataset.m; i++) {
      const list = byClass[dataset.y[i]];
      if (list && list.length < perClass) list.push(i);
    }
    return byClass;
  }, [dataset, perClass, maxClasses]);
  if (dataset.exampleShape.length !== 3 || dataset.numClasses < 2) return null;
  return (
    <div className="class-grid" data-testid="class-grid">
      {rows.map((indices, k) => (
        <div key={k} style={{ display: 'flex', gap: 4, alignItems: 'center', marginBottom: 4 }}>
          <span style={{ minWidth: 72, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{dataset.classNames?.[k] ?? k}</span>
          {indices.map((i) => (
            <ImageThumb key={i} pixels={dataset.x.subarray(i * n, i * n + n)} shape={dataset.exampleShape} size={size} />
          ))}
        </div>
      ))}
    </div>
  );
}
