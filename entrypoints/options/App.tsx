import { AccountTable } from '../../components/AccountTable';
import { AddServerForm } from '../../components/AddServerForm';
import { ApiKeyList } from '../../components/ApiKeyList';
import { Feedback } from '../../components/ErrorAlert';
import { ImportExport } from '../../components/ImportExport';
import { ServerSettings } from '../../components/ServerSettings';
import { TerminalCopy } from '../../components/TerminalCopy';
import { useTransfer } from '../../hooks/use-transfer';
import { useT } from '../../hooks/use-t';
import { useExtension, type Platform } from '../../hooks/use-extension';
import { useNow } from '../../hooks/use-now';

/** The full-size page: every server with its sites and accounts, and a form to add one. */
export function OptionsApp({ platform }: { platform: Platform }) {
  const t = useT();
  const { snapshot, error, notice, busy, actions } = useExtension(platform, t);
  const now = useNow();
  const servers = snapshot?.servers ?? [];
  const transfer = useTransfer(platform, servers, t);
  return (
    <main class="options" aria-busy={snapshot === null}>
      <header>
        <h1>{t('optionsTitle')}</h1>
      </header>
      <Feedback error={error ?? transfer.error} notice={notice ?? transfer.notice} onDismiss={error ? actions.dismissError : transfer.dismissError} />
      {snapshot && snapshot.quarantined > 0 && <p class="note warn">{t('quarantined', { count: snapshot.quarantined })}</p>}
      {snapshot === null && (
        <p class="note" role="status">
          {t('loading')}
        </p>
      )}
      <section class="stack" aria-labelledby="servers-title">
        <h2 id="servers-title">{t('servers')}</h2>
        {servers.map((server) => (
          <ServerSettings
            key={server.id}
            server={server}
            busy={busy}
            onUpdate={(changes) => void actions.updateServer(server.id, changes)}
            onRemove={() => void actions.removeServer(server.id)}
            onBind={(origin) => void actions.bindOrigin(server.id, origin)}
            onUnbind={(origin) => void actions.unbindOrigin(server.id, origin)}
          >
            <h4>{t('accounts')}</h4>
            <AccountTable
              server={server}
              now={now}
              busy={busy}
              onSwitch={(id) => void actions.switchAccount(id)}
              onLogout={(id) => void actions.logout(id)}
              onForget={(id) => void actions.forget(id)}
              onRemove={(id) => void actions.removeAccount(id)}
            />
            {server.accounts
              .filter((account) => account.staySignedIn || account.session?.state === 'active')
              .map((account) => (
                <ApiKeyList key={account.id} account={account} busy={busy} onLoad={() => actions.listApiKeys(account.id)} onRevoke={(keyId) => actions.revokeApiKey(account.id, keyId)} />
              ))}
            <TerminalCopy server={server} now={now} busy={busy || transfer.busy} onCopy={(id) => void transfer.copyForTerminal(id)} />
          </ServerSettings>
        ))}
      </section>
      <section class="stack" aria-labelledby="add-server-title">
        <h2 id="add-server-title">{snapshot && servers.length === 0 ? t('firstRunTitle') : t('addAnotherServer')}</h2>
        <AddServerForm busy={busy} idPrefix="options-add" onAdd={(input) => actions.addServer(input).then((outcome) => outcome.ok)} />
      </section>
      <ImportExport
        busy={busy || transfer.busy}
        hasServers={servers.length > 0}
        preview={transfer.preview}
        outcome={transfer.outcome}
        fileError={transfer.fileError}
        onChooseFile={(file) => void transfer.chooseFile(file)}
        onConfirm={() => void transfer.confirmImport()}
        onCancel={transfer.cancel}
        onExport={transfer.exportAll}
        onExportForConsole={transfer.exportForConsole}
        onAllowSite={transfer.allowSite}
      />
    </main>
  );
}
