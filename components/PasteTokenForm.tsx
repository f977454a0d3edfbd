import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { parsePastedToken } from '../utils/login-input';
import { useT } from '../hooks/use-t';

interface Props {
  id: string;
  busy: boolean;
  onSubmit: (token: string | Record<string, unknown>) => void;
}

export function PasteTokenForm({ id, busy, onSubmit }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [problemKey, setProblemKey] = useState<string | null>(null);
  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parsePastedToken(text);
    if (!parsed.ok) {
      setProblemKey(parsed.messageKey);
      return;
    }
    setProblemKey(null);
    onSubmit(parsed.value);
  };
  return (
    <form class="stack" onSubmit={submit} noValidate>
      <div class="field">
        <label for={id}>{t('tokenOrResponse')}</label>
        <textarea
          id={id}
          rows={3}
          spellcheck={false}
          value={text}
          aria-invalid={problemKey ? 'true' : undefined}
          aria-describedby={`${id}-note`}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <p id={`${id}-note`} class={problemKey ? 'note note--error' : 'note'}>
          {t(problemKey ?? 'tokenHelp')}
        </p>
      </div>
      <button type="submit" disabled={busy}>
        {t('useToken')}
      </button>
    </form>
  );
}
