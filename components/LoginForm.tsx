import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { parseExpiresIn } from '../lib/expires-in';
import type { LoginIntent } from '../lib/intents';
import type { ExpiresIn } from '../lib/kuzzle/types';
import type { StaySignedInLifetime } from '../lib/model';
import { orderStrategies, parseCredentialsJson } from '../utils/login-input';
import { ExpiresInField } from './ExpiresInField';
import { PasteTokenForm } from './PasteTokenForm';
import { StaySignedInField } from './StaySignedInField';
import { useT } from '../hooks/use-t';
import { useAutoFocus } from '../hooks/use-auto-focus';

interface Props {
  /** null while the server's list is on its way. */
  strategies: string[] | null;
  /** The server hides its list (restricted roles): `local` is offered, with a note. */
  strategiesHidden: boolean;
  busy: boolean;
  idPrefix?: string;
  /** Focus the first credential field when the form appears. */
  autoFocus?: boolean;
  onLogin: (intent: LoginIntent) => void;
  onContinueInTab: (intent: { strategy: string; expiresIn?: ExpiresIn }) => void;
  onPasteToken: (token: string | Record<string, unknown>) => void;
}

export function LoginForm({ strategies, strategiesHidden, busy, idPrefix = 'login', autoFocus = false, onLogin, onContinueInTab, onPasteToken }: Props) {
  const t = useT();
  const usernameRef = useAutoFocus<HTMLInputElement>(autoFocus);
  const options = strategiesHidden || !strategies || strategies.length === 0 ? ['local'] : orderStrategies(strategies);
  const [strategy, setStrategy] = useState(options[0]!);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [credentialsText, setCredentialsText] = useState('');
  const [expiresIn, setExpiresIn] = useState('');
  const [staySignedIn, setStaySignedIn] = useState<StaySignedInLifetime | null>(null);
  const stay = staySignedIn ? { staySignedIn } : {};
  const [problemKey, setProblemKey] = useState<string | null>(null);

  // The list arrives after the first paint; keep the choice if it is still offered.
  useEffect(() => {
    if (!options.includes(strategy)) setStrategy(options[0]!);
  }, [options.join('\n')]);

  const isLocal = strategy === 'local';
  const expiry = parseExpiresIn(expiresIn);

  const checkedExpiresIn = (form: HTMLFormElement): { ok: true; value?: ExpiresIn } | { ok: false } => {
    if (expiry.ok) return { ok: true, value: expiry.value };
    (form.elements.namedItem('expiresIn') as HTMLInputElement | null)?.focus();
    return { ok: false };
  };

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const lifetime = checkedExpiresIn(form);
    if (!lifetime.ok) return;
    if (isLocal) {
      if (username.trim() === '' || password === '') {
        setProblemKey('credentialsMissing');
        (form.elements.namedItem(username.trim() === '' ? 'username' : 'password') as HTMLInputElement | null)?.focus();
        return;
      }
      setProblemKey(null);
      onLogin({ strategy, credentials: { username: username.trim(), password }, expiresIn: lifetime.value, displayName: username.trim(), ...stay });
      // A password is never kept longer than the request that uses it.
      setPassword('');
      return;
    }
    const credentials = parseCredentialsJson(credentialsText);
    if (!credentials.ok) {
      setProblemKey(credentials.messageKey);
      return;
    }
    setProblemKey(null);
    onLogin({ strategy, credentials: credentials.value, expiresIn: lifetime.value, ...stay });
  };

  const continueInTab = (event: JSX.TargetedMouseEvent<HTMLButtonElement>) => {
    const form = event.currentTarget.form;
    const lifetime = form ? checkedExpiresIn(form) : { ok: true as const, value: undefined };
    if (lifetime.ok) onContinueInTab({ strategy, expiresIn: lifetime.value });
  };

  return (
    <div class="stack">
      <form class="stack" onSubmit={submit} noValidate aria-busy={busy}>
        <div class="field">
          <label for={`${idPrefix}-strategy`}>{t('strategy')}</label>
          <select id={`${idPrefix}-strategy`} value={strategy} disabled={strategies === null && !strategiesHidden} onChange={(e) => setStrategy(e.currentTarget.value)}>
            {options.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          {strategiesHidden && <p class="note">{t('strategiesHidden')}</p>}
        </div>
        {isLocal ? (
          <div class="row">
            <div class="field grow">
              <label for={`${idPrefix}-username`}>{t('username')}</label>
              <input id={`${idPrefix}-username`} ref={usernameRef} name="username" autoComplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
            </div>
            <div class="field grow">
              <label for={`${idPrefix}-password`}>{t('password')}</label>
              <input id={`${idPrefix}-password`} name="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
            </div>
          </div>
        ) : (
          <div class="field">
            <label for={`${idPrefix}-credentials`}>{t('credentialsJson')}</label>
            <textarea
              id={`${idPrefix}-credentials`}
              rows={2}
              spellcheck={false}
              placeholder='{"code": "…"}'
              value={credentialsText}
              onInput={(e) => setCredentialsText(e.currentTarget.value)}
            />
            <p class="note">{t('credentialsJsonHelp')}</p>
          </div>
        )}
        <ExpiresInField id={`${idPrefix}-expires`} value={expiresIn} onInput={setExpiresIn} />
        <StaySignedInField id={`${idPrefix}-stay`} value={staySignedIn} onChange={setStaySignedIn} />
        {problemKey && <p class="note note--error">{t(problemKey)}</p>}
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {t('logIn')}
          </button>
          {!isLocal && (
            <button type="button" disabled={busy} onClick={continueInTab}>
              {t('continueInTab')}
            </button>
          )}
          {busy && (
            <span class="progress" role="status">
              <span class="spinner" aria-hidden="true" /> {t('loggingIn')}
            </span>
          )}
        </div>
      </form>
      {!isLocal && (
        <details>
          <summary>{t('pasteToken')}</summary>
          <PasteTokenForm id={`${idPrefix}-token`} busy={busy} onSubmit={onPasteToken} />
        </details>
      )}
    </div>
  );
}
