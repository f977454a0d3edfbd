import { useEffect, useState } from 'preact/hooks';
import type { ServerView } from '../../lib/model';
import { AccountList } from '../../components/AccountList';
import { AddServerForm } from '../../components/AddServerForm';
import { Feedback } from '../../components/ErrorAlert';
import { LoginForm } from '../../components/LoginForm';
import { PendingPanel } from '../../components/PendingPanel';
import { SessionCard } from '../../components/SessionCard';
import { sessionStatus } from '../../utils/session-status';
import { SiteBinding } from '../../components/SiteBinding';
import { ConsoleOffer } from '../../components/ConsoleOffer';
import { useConsoleOffer } from '../../hooks/use-console-offer';
import { useT } from '../../hooks/use-t';
import { useExtension, type Extension } from '../../hooks/use-extension';
import type { BrowserPlatform } from '../../utils/browser-platform';
import { useNow } from '../../hooks/use-now';
import { chooseServer } from './choose-server';

/** Accounts listed before "Show all": with hundreds, the filter box is the way in. */
const POPUP_ACCOUNT_LIMIT = 50;

/** The popup also reads the active tab's origin and opens the options page. */
export type PopupPlatform = BrowserPlatform;

export function PopupApp({ platform }: { platform: PopupPlatform }) {
  const t = useT();
  const extension = useExtension(platform, t);
  const { snapshot, error, notice, busy, actions } = extension;
  const now = useNow();
  const [pickedServerId, setPickedServerId] = useState<string | null>(null);
  const [tabOrigin, setTabOrigin] = useState<string | null>(null);

  useEffect(() => {
    platform.currentTabOrigin().then(setTabOrigin, () => setTabOrigin(null));
  }, [platform]);

  const servers = snapshot?.servers ?? [];
  const server = chooseServer(servers, pickedServerId, tabOrigin);
  const offer = useConsoleOffer(platform, tabOrigin, snapshot?.servers ?? null);

  return (
    <main class="popup" aria-busy={snapshot === null}>
      <header>
        <h1>{t('appTitle')}</h1>
        <button type="button" class="link" onClick={platform.openOptions}>
          {t('openOptions')}
        </button>
      </header>
      <Feedback error={error ?? offer.error} notice={notice} onDismiss={error ? actions.dismissError : offer.dismissError} />
      {snapshot === null ? (
        <p class="note" role="status">
          {t('loading')}
        </p>
      ) : servers.length === 0 || !server ? (
        <section class="stack" aria-labelledby="first-run-title">
          <h2 id="first-run-title">{t('firstRunTitle')}</h2>
          <p class="note">{t('firstRunIntro')}</p>
          <AddServerForm
            autoFocus
            busy={busy}
            onAdd={(input) =>
              actions.addServer(input).then((outcome) => {
                if (outcome.ok) setPickedServerId(outcome.value.id);
                return outcome.ok;
              })
            }
          />
        </section>
      ) : (
        <>
          {servers.length > 1 && (
            <div class="field">
              <label for="popup-server">{t('server')}</label>
              <select id="popup-server" value={server.id} onChange={(e) => setPickedServerId(e.currentTarget.value)}>
                {servers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <ServerPanel key={server.id} server={server} extension={extension} now={now} />
          <AccountList
            servers={servers}
            now={now}
            busy={busy}
            limit={POPUP_ACCOUNT_LIMIT}
            onSwitch={(accountId) => {
              const owner = servers.find((s) => s.accounts.some((a) => a.id === accountId));
              if (owner) setPickedServerId(owner.id);
              void actions.switchAccount(accountId);
            }}
          />
          <SiteBinding
            origin={tabOrigin}
            servers={servers}
            preferredServerId={server.id}
            busy={busy}
            onBind={(serverId, origin) => void actions.bindOrigin(serverId, origin)}
            onUnbind={(serverId, origin) => void actions.unbindOrigin(serverId, origin)}
          />
          <ConsoleOffer candidates={offer.candidates} outcome={offer.outcome} busy={busy || offer.busy} onImport={() => void offer.importAll()} />
          <details>
            <summary>{t('addAnotherServer')}</summary>
            <AddServerForm busy={busy} onAdd={(input) => void actions.addServer(input).then((r) => r.ok && setPickedServerId(r.value.id))} />
          </details>
        </>
      )}
    </main>
  );
}

/** One server: its active session, or the way to sign in to it. */
function ServerPanel({ server, extension, now }: { server: ServerView; extension: Extension; now: number }) {
  const t = useT();
  const { busy, strategies, actions } = extension;
  const active = server.accounts.find((account) => account.id === server.activeAccountId);
  const list = strategies[server.id];
  // A new key after each sign-in gives an empty, closed form: the last username does not linger.
  const [formKey, setFormKey] = useState(0);
  const signedIn = (outcome: { ok: boolean; value?: unknown }) => {
    if (outcome.ok && (outcome.value as { outcome?: string }).outcome !== 'pending') setFormKey((key) => key + 1);
  };

  useEffect(() => {
    if (!list) void actions.loadStrategies(server.id);
  }, [server.id]);

  const mainForm = !(active && sessionStatus(active, now).usable);
  const loginForm = (
    <LoginForm
      key={formKey}
      autoFocus={mainForm}
      strategies={list?.strategies ?? null}
      strategiesHidden={list?.hidden ?? false}
      busy={busy}
      onLogin={(intent) => void actions.login(server.id, intent).then(signedIn)}
      onContinueInTab={({ strategy, expiresIn }) => void actions.startTwoStepInTab(server.id, strategy, expiresIn)}
      onPasteToken={(token) => void actions.setJwtToken(server.id, token).then(signedIn)}
    />
  );

  return (
    <div class="stack">
      {active && (
        <SessionCard
          account={active}
          server={server}
          now={now}
          busy={busy}
          onRefresh={() => void actions.refreshNow(active.id)}
          onLogout={() => void actions.logout(active.id)}
          onForget={() => void actions.forget(active.id)}
        />
      )}
      {server.pending ? (
        <PendingPanel
          pending={server.pending}
          busy={busy}
          onContinueInTab={() => void actions.startTwoStepInTab(server.id, server.pending!.strategy)}
          onPasteToken={(token) => void actions.setJwtToken(server.id, token)}
          onCancel={() => void actions.cancelPending(server.id)}
        />
      ) : !mainForm ? (
        <details key={formKey}>
          <summary>{t('addAccount')}</summary>
          {loginForm}
        </details>
      ) : (
        <section class="stack" aria-labelledby="sign-in-title">
          <h2 id="sign-in-title">{t('signInTitle', { server: server.name })}</h2>
          {loginForm}
        </section>
      )}
    </div>
  );
}
