// Who may call what. Two role sets, as a Kuzzle can have:
// - "open" (the default): close to a freshly bootstrapped Kuzzle, where every role allows
//   everything, but with an anonymous user limited to signing in and a server that is read-only
//   for `default` users on the security controller;
// - "standard": the restricted roles Kuzzle installs when an admin is created with `reset`
//   (security.standard in kuzzle:lib/config/default.config.ts, docs/kuzzle.md §3, "Rights of a hardened server").

export type RolesMode = 'open' | 'standard';
export const ROLES_MODES: readonly RolesMode[] = ['open', 'standard'];

type ActionList = '*' | readonly string[];

interface Policy {
  allow: Record<string, ActionList>;
  deny?: Record<string, ActionList>;
}

type Profile = 'anonymous' | 'default' | 'admin';

const EVERYTHING: Policy = { allow: { '*': '*' } };

const POLICIES: Record<RolesMode, Record<Profile, Policy>> = {
  open: {
    anonymous: { allow: { auth: '*', server: ['adminExists', 'healthCheck', 'info', 'now', 'publicApi'] } },
    default: { allow: { '*': '*' }, deny: { security: '*' } },
    admin: EVERYTHING,
  },
  standard: {
    anonymous: { allow: { auth: ['checkToken', 'getCurrentUser', 'getMyRights', 'login'], server: ['openapi', 'publicApi'] } },
    default: { allow: { auth: ['checkToken', 'getCurrentUser', 'getMyRights', 'logout', 'updateSelf'], server: ['publicApi'] } },
    admin: EVERYTHING,
  },
};

function lists(actions: ActionList | undefined, action: string): boolean {
  return actions === '*' || (actions !== undefined && actions.includes(action));
}

function policyAllows(policy: Policy, controller: string, action: string): boolean {
  const allowed = lists(policy.allow[controller], action) || lists(policy.allow['*'], action);
  const denied = policy.deny !== undefined && (lists(policy.deny[controller], action) || lists(policy.deny['*'], action));
  return allowed && !denied;
}

/** Profiles combine like Kuzzle's: one profile that allows the action is enough. */
export function isAllowed(mode: RolesMode, profileIds: readonly string[] | null, controller: string, action: string, extraDenials: readonly string[] = []): boolean {
  if (extraDenials.includes(`${controller}:${action}`)) return false;
  const profiles = (profileIds ?? ['anonymous']) as Profile[];
  return profiles.some((profile) => {
    const policy = POLICIES[mode][profile];
    return policy !== undefined && policyAllows(policy, controller, action);
  });
}

export interface Right {
  controller: string;
  action: string;
  index: string;
  collection: string;
  value: 'allowed' | 'denied';
}

/** `auth:getMyRights`: the allowed and denied (controller, action) pairs of the caller's profiles. */
export function rightsOf(mode: RolesMode, profileIds: readonly string[] | null, extraDenials: readonly string[] = []): Right[] {
  const right = (controller: string, action: string, value: Right['value']): Right => ({ controller, action, index: '*', collection: '*', value });
  const rights: Right[] = [];
  for (const profile of (profileIds ?? ['anonymous']) as Profile[]) {
    const policy = POLICIES[mode][profile];
    if (!policy) continue;
    for (const [controller, actions] of Object.entries(policy.allow)) {
      for (const action of actions === '*' ? ['*'] : actions) rights.push(right(controller, action, 'allowed'));
    }
    for (const [controller, actions] of Object.entries(policy.deny ?? {})) {
      for (const action of actions === '*' ? ['*'] : actions) rights.push(right(controller, action, 'denied'));
    }
  }
  for (const denial of extraDenials) {
    const [controller = '', action = ''] = denial.split(':');
    rights.push(right(controller, action, 'denied'));
  }
  return rights;
}
