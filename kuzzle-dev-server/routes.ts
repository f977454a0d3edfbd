// The HTTP routes this server serves: the subset of kuzzle:lib/api/httpRoutes.js for the actions
// implemented here, with Kuzzle's verbs and paths, and the `server:publicApi` view of them.

export interface HttpRoute {
  verb: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  controller: string;
  action: string;
}

export const HTTP_ROUTES: readonly HttpRoute[] = [
  { verb: 'POST', path: '/_login/:strategy', controller: 'auth', action: 'login' },
  { verb: 'GET', path: '/_login/:strategy', controller: 'auth', action: 'login' },
  { verb: 'POST', path: '/_logout', controller: 'auth', action: 'logout' },
  { verb: 'POST', path: '/_checkToken', controller: 'auth', action: 'checkToken' },
  { verb: 'POST', path: '/_refreshToken', controller: 'auth', action: 'refreshToken' },
  { verb: 'POST', path: '/_createToken', controller: 'auth', action: 'createToken' },
  { verb: 'GET', path: '/_me', controller: 'auth', action: 'getCurrentUser' },
  { verb: 'GET', path: '/users/_me', controller: 'auth', action: 'getCurrentUser' },
  { verb: 'GET', path: '/_me/_rights', controller: 'auth', action: 'getMyRights' },
  { verb: 'GET', path: '/users/_me/_rights', controller: 'auth', action: 'getMyRights' },
  { verb: 'GET', path: '/strategies', controller: 'auth', action: 'getStrategies' },
  { verb: 'POST', path: '/_checkRights', controller: 'auth', action: 'checkRights' },
  { verb: 'POST', path: '/api-keys/_create', controller: 'auth', action: 'createApiKey' },
  { verb: 'POST', path: '/api-keys/_search', controller: 'auth', action: 'searchApiKeys' },
  { verb: 'DELETE', path: '/api-keys/:_id', controller: 'auth', action: 'deleteApiKey' },
  { verb: 'GET', path: '/_adminExists', controller: 'server', action: 'adminExists' },
  { verb: 'GET', path: '/_healthCheck', controller: 'server', action: 'healthCheck' },
  { verb: 'GET', path: '/_serverInfo', controller: 'server', action: 'info' },
  { verb: 'GET', path: '/', controller: 'server', action: 'info' },
  { verb: 'GET', path: '/_now', controller: 'server', action: 'now' },
  { verb: 'GET', path: '/_publicApi', controller: 'server', action: 'publicApi' },
  { verb: 'GET', path: '/_list', controller: 'index', action: 'list' },
  { verb: 'GET', path: '/:index/_exists', controller: 'index', action: 'exists' },
  { verb: 'GET', path: '/:index/_list', controller: 'collection', action: 'list' },
  { verb: 'GET', path: '/:index/:collection/_exists', controller: 'collection', action: 'exists' },
  { verb: 'POST', path: '/:index/:collection/_search', controller: 'document', action: 'search' },
  { verb: 'GET', path: '/:index/:collection/_search', controller: 'document', action: 'search' },
  { verb: 'POST', path: '/:index/:collection/_count', controller: 'document', action: 'count' },
  { verb: 'GET', path: '/:index/:collection/_count', controller: 'document', action: 'count' },
  { verb: 'POST', path: '/users/_search', controller: 'security', action: 'searchUsers' },
  { verb: 'POST', path: '/profiles/_search', controller: 'security', action: 'searchProfiles' },
  { verb: 'POST', path: '/roles/_search', controller: 'security', action: 'searchRoles' },
  { verb: 'GET', path: '/users/_mapping', controller: 'security', action: 'getUserMapping' },
  { verb: 'GET', path: '/profiles/_mapping', controller: 'security', action: 'getProfileMapping' },
  { verb: 'GET', path: '/roles/_mapping', controller: 'security', action: 'getRoleMapping' },
];

export interface RouteMatch {
  route: HttpRoute;
  params: Record<string, string>;
}

/**
 * Kuzzle's router walks a tree where a static path part wins over a placeholder, so
 * `/users/_me` is getCurrentUser, not a document route; matching is case-sensitive.
 */
export function matchRoute(verb: string, pathname: string, routes: readonly HttpRoute[] = HTTP_ROUTES): RouteMatch | null {
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const parts = splitPath(trimmed);
  let best: { match: RouteMatch; staticScore: number[] } | null = null;
  for (const route of routes) {
    if (route.verb !== verb) continue;
    const routeParts = splitPath(route.path);
    if (routeParts.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const staticScore: number[] = [];
    let matches = true;
    for (let i = 0; i < parts.length; i++) {
      const routePart = routeParts[i] as string;
      const part = parts[i] as string;
      if (routePart.startsWith(':')) {
        params[routePart.slice(1)] = safeDecode(part);
        staticScore.push(0);
      } else if (routePart === part) staticScore.push(1);
      else {
        matches = false;
        break;
      }
    }
    if (matches && (!best || compareScores(staticScore, best.staticScore) > 0)) best = { match: { route, params }, staticScore };
  }
  return best?.match ?? null;
}

function splitPath(path: string): string[] {
  return path === '/' ? [] : path.replace(/^\//, '').split('/');
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}

export type PublicApi = Record<string, Record<string, { action: string; controller: string; http?: Array<{ path: string; url: string; verb: string }> }>>;

/** `server:publicApi` as `serverController._buildApiDefinition` builds it: every action, plus its HTTP routes. */
export function buildPublicApi(actions: Record<string, readonly string[]>, routes: readonly HttpRoute[] = HTTP_ROUTES): PublicApi {
  const api: PublicApi = {};
  for (const [controller, names] of Object.entries(actions)) {
    api[controller] = {};
    for (const action of names) api[controller][action] = { action, controller };
  }
  for (const route of routes) {
    const definition = api[route.controller]?.[route.action];
    if (!definition) continue;
    (definition.http ??= []).push({ path: route.path, url: route.path, verb: route.verb });
  }
  return api;
}
