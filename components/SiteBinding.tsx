import { useState } from 'preact/hooks';
import type { ServerView } from '../lib/model';
import { useT } from '../hooks/use-t';
import { boundServer } from '../utils/sites';

interface Props {
  /** The current tab's origin; null when the tab is not an http(s) page (a new tab, a browser page). */
  origin: string | null;
  servers: ServerView[];
  /** The server preselected for "Use on this site". */
  preferredServerId: string | null;
  busy: boolean;
  onBind: (serverId: string, origin: string) => void;
  onUnbind: (serverId: string, origin: string) => void;
}

/** The current tab's binding: which server's active token this site's pages receive. */
export function SiteBinding({ origin, servers, preferredServerId, busy, onBind, onUnbind }: Props) {
  const t = useT();
  const [chosen, setChosen] = useState<string | null>(null);
  // A browser page or a new tab cannot receive a session: nothing to offer, so nothing is shown.
  if (servers.length === 0 || origin === null) return null;
  const bound = boundServer(servers, origin);
  const serverId = chosen ?? preferredServerId ?? servers[0]!.id;
  return (
    <section class="stack" aria-labelledby="site-title">
      <h2 id="site-title">{t('thisSite')}</h2>
      {bound ? (
        <>
          <p>{t('siteUsesServer', { origin, server: bound.name })}</p>
          <button type="button" disabled={busy} onClick={() => onUnbind(bound.id, origin)}>
            {t('stopUsingOnSite')}
          </button>
        </>
      ) : (
        <>
          <p>
            <code>{origin}</code> {t('siteNotBound')}
          </p>
          <div class="row">
            {servers.length > 1 && (
              <div class="field grow">
                <label for="site-server">{t('siteServer')}</label>
                <select id="site-server" value={serverId} onChange={(e) => setChosen(e.currentTarget.value)}>
                  {servers.map((server) => (
                    <option key={server.id} value={server.id}>
                      {server.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <button type="button" disabled={busy} onClick={() => onBind(serverId, origin)}>
              {t('useOnSite')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
