/**
 * The search's settings in the course's terms: which hyperparameters to vary, each range and
 * scale (β and β₂ on a log scale of 1 − β), how many trials, each trial's budget, the seed.
 * Every number is typed through NumberInput.
 */
import { useMemo } from 'react';
import { defaultDimension, type Dimension, SEARCH_SETTINGS, type SearchConfig, type SearchScale, type SearchSetting, SETTINGS } from '../../../../engine/train';
import { type LayerSpec, MAX_SEARCH_TRIALS } from '../../../../engine/spec';
import { NumberInput } from '../controls/NumberInput';
import type { NumberRule } from '../controls/number-rule';

const TRIALS: NumberRule = { min: 1, max: MAX_SEARCH_TRIALS, integer: true };
const BUDGET: NumberRule = { min: 1, max: 10_000_000, integer: true };
const SEED: NumberRule = { min: 0, max: 2 ** 31, integer: true };

/** The layers a units or keep_prob dimension can aim at. */
const targetKind = (setting: SearchSetting) => (setting === 'units' ? 'dense' : setting === 'keepProb' ? 'dropout' : null);

export function SearchSettings({
  config,
  layers,
  disabled,
  onChange,
}: {
  config: SearchConfig;
  layers: readonly LayerSpec[];
  disabled: boolean;
  onChange(config: SearchConfig): void;
}) {
  const bySetting = useMemo(() => new Map(config.dimensions.map((d) => [d.setting, d])), [config.dimensions]);
  const setDimension = (setting: SearchSetting, next: Dimension | null) => {
    // Kept in the table's order, one per setting.
    const dimensions = SEARCH_SETTINGS.flatMap((s) => (s === setting ? (next ? [next] : []) : bySetting.has(s) ? [bySetting.get(s)!] : []));
    onChange({ ...config, dimensions });
  };
  const unit = 'iterations' in config.budget ? 'iterations' : 'epochs';
  const budget = 'iterations' in config.budget ? config.budget.iterations : config.budget.epochs;

  return (
    <fieldset className="search-settings" disabled={disabled}>
      <table className="compact">
        <thead>
          <tr>
            <th>vary</th>
            <th>setting</th>
            <th>from</th>
            <th>to</th>
            <th>scale</th>
            <th>layer</th>
          </tr>
        </thead>
        <tbody>
          {SEARCH_SETTINGS.map((setting) => {
            const info = SETTINGS[setting];
            const d = bySetting.get(setting);
            const rule: NumberRule = { min: info.min, max: info.max, integer: info.integer };
            const kind = targetKind(setting);
            const choices = kind ? layers.filter((l) => l.kind === kind) : [];
            return (
              <tr key={setting} data-testid={`search-setting-${setting}`}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Vary ${info.symbol}`}
                    checked={d !== undefined}
                    onChange={(e) => setDimension(setting, e.target.checked ? defaultDimension(setting) : null)}
                  />
                </td>
                <td title={info.help}>{info.label}</td>
                <td>
                  <NumberInput
                    aria-label={`${info.symbol} from`}
                    size={8}
                    rule={rule}
                    value={d?.min ?? info.range[0]}
                    disabled={!d}
                    onCommit={(v) => d && setDimension(setting, { ...d, min: v })}
                  />
                </td>
                <td>
                  <NumberInput
                    aria-label={`${info.symbol} to`}
                    size={8}
                    rule={rule}
                    value={d?.max ?? info.range[1]}
                    disabled={!d}
                    onCommit={(v) => d && setDimension(setting, { ...d, max: v })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`${info.symbol} scale`}
                    value={d?.scale ?? info.scale}
                    disabled={!d}
                    onChange={(e) => d && setDimension(setting, { ...d, scale: e.target.value as SearchScale })}
                  >
                    <option value="linear">linear</option>
                    <option value="log">{info.oneMinus ? `log (1 − ${info.symbol})` : 'log'}</option>
                  </select>
                </td>
                <td>
                  {kind && (
                    <select
                      aria-label={`${info.symbol} layer`}
                      value={d?.layer ?? ''}
                      disabled={!d}
                      onChange={(e) => d && setDimension(setting, { ...d, layer: e.target.value || undefined })}
                    >
                      <option value="">every {kind} layer</option>
                      {choices.map((l) => (
                        <option key={l.id} value={l.id}>
                          {l.id}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="search-settings__run">
        <label>
          Trials <NumberInput aria-label="Trials" size={4} rule={TRIALS} value={config.trials} onCommit={(trials) => onChange({ ...config, trials })} />
        </label>
        <label>
          each for{' '}
          <NumberInput
            aria-label="Budget per trial"
            size={7}
            rule={BUDGET}
            value={budget}
            onCommit={(v) => onChange({ ...config, budget: unit === 'iterations' ? { iterations: v } : { epochs: v } })}
          />
        </label>
        <select
          aria-label="Budget unit"
          value={unit}
          onChange={(e) => onChange({ ...config, budget: e.target.value === 'iterations' ? { iterations: budget } : { epochs: budget } })}
        >
          <option value="iterations">iterations</option>
          <option value="epochs">epochs</option>
        </select>
        <label>
          seed <NumberInput aria-label="Search seed" size={6} rule={SEED} value={config.seed} onCommit={(seed) => onChange({ ...config, seed })} />
        </label>
      </p>
    </fieldset>
  );
}
