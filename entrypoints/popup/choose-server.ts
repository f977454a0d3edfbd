import type { ServerView } from '../../lib/model';

/**
 * The server the popup opens on: the one the person picked, else the one the current site uses,
 * else one with a usable active account, else the first.
 */
export function chooseServer(servers: readonly ServerView[], pickedId: string | null, tabOrigin: string | null): ServerView | undefined {
  return (
    servers.find((server) => server.id === pickedId) ??
    (tabOrigin === null ? undefined : servers.find((server) => server.boundOrigins.includes(tabOrigin))) ??
    servers.find((server) => server.accounts.some((account) => account.active && account.session?.state === 'active')) ??
    servers[0]
  );
}
