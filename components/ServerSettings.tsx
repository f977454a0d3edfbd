import { useState } from 'preact/hooks';
import type { ComponentChildren, JSX } from 'preact';
import type { ServerColor, ServerView } from '../lib/model';
import type { ServerUrlRefusal } from '../lib/server-url';
import { ColorSelect } from './ColorSelect';
import { useT } from '../hooks/use-t';
import { urlProblemText } from '../utils/parse-problem-text';
import { siteOrigin } from '../utils/sites';

interface Props {
  server: ServerView;
  busy: boolean;
  onUpdate: (changes: { name: string; color: ServerColor }) => void;
  onRemove: () => void;
  /** Called synchronously from the click, so that the handler may still ask for the site's permission. */
  onBind: (origin: string) => void;
  onUnbind: (origin: string) => void;
  /** The server's accounts, shown inside its card. */
  children?: ComponentChildren;
}

/** One server on the options page: its name and colour, the sites bound to it, and its removal. */
export function ServerSettings({ server, busy, onUpdate, onRemove, onBind, onUnbind, children }: Props) {
  const t = useT();
  const [name, setName] = useState(server.name);
  const [color, setColor] = useState<ServerColor>(server.color);
  const [site, setSite] = useState('');
  // The refusal rather than its text, so that the note is written in the page's language when shown.
  const [siteProblem, setSiteProblem] = useState<ServerUrlRefusal | null>(null);
  const [confirming, setConfirming] = useState(false);
  const prefix = `server-${server.id}`;

  const save = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    onUpdate({ name: name.trim() || server.name, color });
  };
  const bind = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = siteOrigin(site);
    setSiteProblem(checked.ok ? null : checked);
    if (!checked.ok) return;
    onBind(checked.origin);
    setSite('');
  };

  return (
    <section class={`card card--${server.color} stack`} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`} class="card__title">
        {server.name} <span class="muted">{server.url}</span>
      </h3>
      <form class="row" onSubmit={save}>
        <div class="field grow">
          <label for={`${prefix}-name`}>{t('serverName')}</label>
          <input id={`${prefix}-name`} value={name} maxLength={80} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <ColorSelect id={`${prefix}-color`} value={color} onChange={setColor} />
        <button type="submit" disabled={busy}>
          {t('save')}
        </button>
      </form>
      {children}
      <div class="stack">
        <h4>{t('boundSites')}</h4>
        {server.boundOrigins.length === 0 ? (
          <p class="note">{t('noBoundSites')}</p>
        ) : (
          <ul class="origins">
            {server.boundOrigins.map((origin) => (
              <li key={origin}>
                <code>{origin}</code>
                <button type="button" disabled={busy} onClick={() => onUnbind(origin)}>
                  {t('unbindOrigin', { origin })}
                </button>
              </li>
            ))}
          </ul>
        )}
        {server.boundOrigins.length > 0 && <p class="note">{t('uninstallCaveat')}</p>}
        <form class="row" onSubmit={bind} noValidate>
          <div class="field grow">
            <label for={`${prefix}-site`}>{t('siteUrl')}</label>
            <input
              id={`${prefix}-site`}
              type="url"
              placeholder="https://console.example.com"
              value={site}
              aria-invalid={siteProblem ? 'true' : undefined}
              aria-describedby={`${prefix}-site-note`}
              onInput={(e) => setSite(e.currentTarget.value)}
            />
            <p id={`${prefix}-site-note`} class={siteProblem ? 'note note--error' : 'note'}>
              {siteProblem ? urlProblemText(t, siteProblem) : t('siteUrlHelp')}
            </p>
          </div>
          <button type="submit" disabled={busy}>
            {t('bindSite')}
          </button>
        </form>
      </div>
      {confirming ? (
        <div class="row confirm" role="group" aria-label={t('removeServer')}>
          <p>{t('removeServerConfirm', { server: server.name, count: server.accounts.length })}</p>
          <button type="button" class="danger" disabled={busy} onClick={onRemove}>
            {t('confirmRemove')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('keep')}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" disabled={busy} onClick={() => setConfirming(true)}>
          {t('removeServer')}
        </button>
      )}
    </section>
  );
}
