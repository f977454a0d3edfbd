import { STAY_SIGNED_IN_LIFETIMES, type StaySignedInLifetime } from '../lib/model';
import { useT } from '../hooks/use-t';

interface Props {
  id: string;
  /** null: the checkbox is off. */
  value: StaySignedInLifetime | null;
  onChange: (value: StaySignedInLifetime | null) => void;
}

const DEFAULT_LIFETIME: StaySignedInLifetime = '7d';

/** "Stay signed in", with how long beside it: the worker keeps an API key, never the password. */
export function StaySignedInField({ id, value, onChange }: Props) {
  const t = useT();
  const on = value !== null;
  return (
    <div class="field">
      <div class="row">
        <label for={`${id}-check`}>
          <input id={`${id}-check`} type="checkbox" checked={on} onChange={(e) => onChange(e.currentTarget.checked ? DEFAULT_LIFETIME : null)} />{' '}
          {t('staySignedIn')}
        </label>
        <select id={`${id}-lifetime`} aria-label={t('staySignedInFor')} disabled={!on} value={value ?? DEFAULT_LIFETIME} onChange={(e) => onChange(e.currentTarget.value as StaySignedInLifetime)}>
          {STAY_SIGNED_IN_LIFETIMES.map((lifetime) => (
            <option key={lifetime} value={lifetime}>
              {t(`staySignedInLifetime_${lifetime}`)}
            </option>
          ))}
        </select>
      </div>
      {on && <p class="note">{t('staySignedInHelp')}</p>}
    </div>
  );
}
