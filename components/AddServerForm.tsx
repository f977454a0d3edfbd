import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { SERVER_COLORS, type ServerColor } from '../lib/model';
import type { NewServer } from '../lib/intents';
import { parseServerUrl } from '../lib/server-url';
import { useT } from '../hooks/use-t';
import { ColorSelect } from './ColorSelect';
import { useAutoFocus } from '../hooks/use-auto-focus';
import { urlProblemText } from '../utils/parse-problem-text';

interface Props {
  busy: boolean;
  /**
   * Called synchronously from the submit event, so that the handler may still ask for a permission.
   * It may answer whether the server was added: the form then clears, and keeps what was typed otherwise.
   */
  onAdd: (server: NewServer) => void | Promise<boolean>;
  idPrefix?: string;
  /** Focus the address field when the form appears (the popup's first run). */
  autoFocus?: boolean;
}

export function AddServerForm({ busy, onAdd, idPrefix = 'add-server', autoFocus = false }: Props) {
  const t = useT();
  const urlRef = useAutoFocus<HTMLInputElement>(autoFocus);
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [color, setColor] = useState<ServerColor>(SERVER_COLORS[0]);
  // A half-typed address is not an error yet: complain once the person leaves the field or submits.
  const [showProblem, setShowProblem] = useState(false);
  const parsed = parseServerUrl(url);
  const problem = !parsed.ok && showProblem ? urlProblemText(t, parsed) : null;
  const urlId = `${idPrefix}-url`;

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!parsed.ok) {
      setShowProblem(true);
      (event.currentTarget.elements.namedItem('url') as HTMLInputElement | null)?.focus();
      return;
    }
    void onAdd({ parsed, name: name.trim() || undefined, color })?.then((added) => {
      if (!added) return;
      setUrl('');
      setName('');
      setShowProblem(false);
    });
  };

  return (
    <form class="stack" onSubmit={submit} noValidate aria-busy={busy}>
      <div class="field">
        <label for={urlId}>{t('serverUrl')}</label>
        <input
          id={urlId}
          ref={urlRef}
          name="url"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellcheck={false}
          placeholder="https://kuzzle.example.com"
          value={url}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={`${urlId}-note`}
          onInput={(e) => setUrl(e.currentTarget.value)}
          onBlur={() => setShowProblem(url.trim() !== '')}
        />
        <p id={`${urlId}-note`} class={problem ? 'note note--error' : 'note'}>
          {problem ??
            (parsed.ok && parsed.insecure
              ? t('insecureServerWarning', { host: parsed.host })
              : parsed.ok
                ? t('serverUrlReading', { url: parsed.url })
                : t('serverUrlHelp'))}
        </p>
      </div>
      <div class="row">
        <div class="field grow">
          <label for={`${idPrefix}-name`}>{t('serverNameOptional')}</label>
          <input id={`${idPrefix}-name`} value={name} maxLength={80} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <ColorSelect id={`${idPrefix}-color`} value={color} onChange={setColor} />
      </div>
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('addingServer') : t('addServer')}
      </button>
    </form>
  );
}
