// The accounts of the dev server: the built-in demo users or a JSON users file (format in README.md).
// Passwords are kept only as scrypt hashes, as the local strategy plugin keeps them hashed too.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type ProfileId = 'admin' | 'default';
const PROFILES: readonly ProfileId[] = ['admin', 'default'];

export interface UserDefinition {
  /** The kuid. */
  _id: string;
  /** The local-strategy username; the kuid when left out. */
  username?: string;
  /** Clear-text password (hashed at start-up) … */
  password?: string;
  /** … or an already hashed one: `scrypt:<salt hex>:<hash hex>` (see `hashPassword`). */
  passwordHash?: string;
  profileIds?: ProfileId[];
  /** Extra fields of the user's `_source` (name, email …). */
  content?: Record<string, unknown>;
}

export interface DevUser {
  kuid: string;
  username: string;
  passwordHash: string;
  profileIds: ProfileId[];
  content: Record<string, unknown>;
  createdAt: number;
}

export const DEMO_USERS: readonly UserDefinition[] = [
  { _id: 'alice', password: 'alice-password', profileIds: ['default'] },
  { _id: 'bob', password: 'bob-password', profileIds: ['default'] },
  { _id: 'admin', password: 'admin-password', profileIds: ['admin'] },
];

// Small scrypt cost: this is a development server that hashes at every start, not a vault.
const SCRYPT_OPTIONS = { N: 1024, r: 8, p: 1 };
const KEY_LENGTH = 32;

export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password, salt, KEY_LENGTH, SCRYPT_OPTIONS);
  return `scrypt:${salt.toString('hex')}:${hash.toString('hex')}`;
}

export function passwordMatches(password: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split(':');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length, SCRYPT_OPTIONS);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export class UserDirectory {
  readonly #byKuid = new Map<string, DevUser>();
  readonly #byUsername = new Map<string, DevUser>();

  constructor(definitions: readonly UserDefinition[], now: number) {
    definitions.forEach((definition, index) => {
      const user = toDevUser(definition, index, now);
      if (this.#byKuid.has(user.kuid)) throw new Error(`users[${index}]: the _id "${user.kuid}" is used twice; give each user its own _id.`);
      if (this.#byUsername.has(user.username)) {
        throw new Error(`users[${index}]: the username "${user.username}" is used twice; give each user its own username.`);
      }
      this.#byKuid.set(user.kuid, user);
      this.#byUsername.set(user.username, user);
    });
  }

  byKuid(kuid: string): DevUser | undefined {
    return this.#byKuid.get(kuid);
  }

  /** The user whose local credentials these are, or undefined (unknown user and wrong password alike). */
  authenticate(username: string, password: string): DevUser | undefined {
    const user = this.#byUsername.get(username);
    return user && passwordMatches(password, user.passwordHash) ? user : undefined;
  }

  all(): DevUser[] {
    return [...this.#byKuid.values()];
  }
}

function toDevUser(definition: UserDefinition, index: number, now: number): DevUser {
  const where = `users[${index}]`;
  if (!definition || typeof definition !== 'object') throw new Error(`${where}: expected an object like {"_id": "carol", "password": "…"}.`);
  const { _id, username = _id, password, passwordHash, profileIds = ['default'], content = {} } = definition;
  if (typeof _id !== 'string' || _id === '' || _id === '-1') throw new Error(`${where}: "_id" must be a non-empty string other than "-1".`);
  if (typeof username !== 'string' || username === '') throw new Error(`${where}: "username" must be a non-empty string.`);
  if (password !== undefined && typeof password !== 'string') throw new Error(`${where}: "password" must be a string.`);
  if (passwordHash !== undefined && !/^scrypt:[0-9a-f]+:[0-9a-f]+$/.test(passwordHash)) {
    throw new Error(`${where}: "passwordHash" must look like "scrypt:<salt hex>:<hash hex>"; or give "password" in clear instead.`);
  }
  if ((password === undefined) === (passwordHash === undefined)) throw new Error(`${where}: give exactly one of "password" or "passwordHash".`);
  if (!Array.isArray(profileIds) || profileIds.length === 0 || profileIds.some((id) => !PROFILES.includes(id))) {
    throw new Error(`${where}: "profileIds" must be a non-empty list of ${PROFILES.map((p) => `"${p}"`).join(' or ')}.`);
  }
  if (typeof content !== 'object' || content === null || Array.isArray(content)) throw new Error(`${where}: "content" must be an object.`);
  return {
    kuid: _id,
    username,
    passwordHash: passwordHash ?? hashPassword(password as string),
    profileIds: [...profileIds],
    content: { ...content },
    createdAt: now,
  };
}

/** Reads a users file: `{"users": [ … ]}` or a bare array of user definitions. */
export function loadUsersFile(file: string): UserDefinition[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the users file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`The users file ${file} is not valid JSON (${(error as Error).message}). See kuzzle-dev-server/README.md for its format.`);
  }
  const users = Array.isArray(parsed) ? parsed : (parsed as { users?: unknown } | null)?.users;
  if (!Array.isArray(users) || users.length === 0) {
    throw new Error(`The users file ${file} must hold {"users": [{"_id": "carol", "password": "…"}, …]} with at least one user.`);
  }
  return users as UserDefinition[];
}
