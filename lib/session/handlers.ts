/** Each request of the message protocol, answered by the session manager. */
import type { Handlers } from '../dispatcher';
import type { SessionManager } from './manager';

export function createHandlers(manager: SessionManager): Handlers {
  return {
    getState: () => manager.getState(),
    probeServer: ({ url }) => manager.probeServer(url),
    addServer: (request) => manager.addServer(request),
    updateServer: (request) => manager.updateServer(request),
    removeServer: ({ serverId }) => manager.removeServer(serverId),
    getStrategies: ({ serverId }) => manager.getStrategies(serverId),
    login: (request) => manager.login(request),
    startTwoStepInTab: (request) => manager.startTwoStepInTab(request),
    setJwtToken: ({ serverId, token }) => manager.setJwtToken(serverId, token),
    cancelPending: ({ serverId }) => manager.cancelPending(serverId),
    refreshNow: ({ accountId }) => manager.refreshNow(accountId),
    logout: ({ accountId, global }) => manager.logout(accountId, global ?? false),
    forget: ({ accountId }) => manager.forget(accountId),
    removeAccount: ({ accountId }) => manager.removeAccount(accountId),
    switchAccount: ({ accountId }) => manager.switchAccount(accountId),
    bindOrigin: ({ serverId, origin }) => manager.bindOrigin(serverId, origin),
    unbindOrigin: ({ serverId, origin }) => manager.unbindOrigin(serverId, origin),
    listApiKeys: ({ accountId }) => manager.listApiKeys(accountId),
    revokeApiKey: ({ accountId, keyId }) => manager.revokeApiKey(accountId, keyId),
    importFile: ({ text }) => manager.importFile(text),
    consoleOffer: ({ origin }) => manager.consoleOffer(origin),
    importFromConsole: ({ origin }) => manager.importFromConsole(origin),
    terminalEnv: ({ accountId }) => manager.terminalEnv(accountId),
    // The origin is the sender's, checked by the dispatcher; an extension page has none.
    getPageSession: (_request, sender) => (sender.kind === 'bound-page' ? manager.getPageSession(sender.origin) : Promise.resolve(null)),
    reportPlantedToken: ({ jwt }, sender) =>
      sender.kind === 'extension-page' ? Promise.resolve(null) : manager.reportPlantedToken(sender.origin, jwt ?? null),
  };
}
