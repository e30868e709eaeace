// The options for what pages may make Undercurrent do: the topic limits that keep a page
// from spending the user's budget, and whether private-network pages are read at all.
import type { Settings } from '../utils/schema';

export interface LimitsFieldsetProps {
  settings: Settings;
  set: (patch: (s: Settings) => Settings) => void;
}

type LimitKey = keyof Settings['limits'];

const LIMITS: { key: LimitKey; label: string; min: number; max: number }[] = [
  { key: 'topicsPerTabPerMinute', label: 'New topics per tab per minute', min: 1, max: 60 },
  { key: 'topicsPerSitePerMinute', label: 'New topics per site per minute', min: 1, max: 120 },
  { key: 'topicsPerTabPerHour', label: 'New topics per tab per hour (hard cap)', min: 1, max: 500 },
  { key: 'dwellSeconds', label: 'Seconds on a page before its narrative is written', min: 1, max: 300 },
];

export function LimitsFieldset({ settings, set }: LimitsFieldsetProps) {
  const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Math.floor(v) || min));
  return (
    <fieldset class="uc-fieldset" data-testid="limits">
      <legend>Limits and privacy</legend>
      <p class="uc-muted">
        Undercurrent looks up only the tab in front, a few new topics a minute, and writes a narrative only when you open the popup or the sidebar or stay on a page. Page
        text never leaves your machine: only names Undercurrent already knows are searched.
      </p>
      {LIMITS.map(({ key, label, min, max }) => (
        <div class="uc-field" key={key}>
          <label for={`limit-${key}`}>{label}</label>
          <input
            id={`limit-${key}`}
            type="number"
            min={min}
            max={max}
            value={settings.limits[key]}
            onInput={(e) => set((s) => ({ ...s, limits: { ...s.limits, [key]: clamp(Number((e.currentTarget as HTMLInputElement).value), min, max) } }))}
          />
        </div>
      ))}
      <label class="uc-check">
        <input
          type="checkbox"
          checked={settings.privacy.allowPrivateHosts}
          data-testid="allow-private-hosts"
          onChange={(e) => set((s) => ({ ...s, privacy: { ...s.privacy, allowPrivateHosts: (e.currentTarget as HTMLInputElement).checked } }))}
        />
        Also read intranet and private-network pages (.corp, .local, .internal, 10.x, 192.168.x, single-word hosts)
      </label>
      <label class="uc-check">
        <input
          type="checkbox"
          checked={settings.privacy.allowLoopback}
          onChange={(e) => set((s) => ({ ...s, privacy: { ...s.privacy, allowLoopback: (e.currentTarget as HTMLInputElement).checked } }))}
        />
        Read pages served from this computer (localhost, 127.0.0.1)
      </label>
    </fieldset>
  );
}
