// `npm run kuzzle -- [--port 7512] [--host 127.0.0.1] [--expires-in 1h] [--max-ttl -1] [--api-key-max-ttl -1]
//                    [--grace-period 1000] [--users users.json] [--fault <mode>] [--fault-delay <ms>]`
import { parseArgs } from 'node:util';
import { FAULT_MODES, type FaultMode } from './faults';
import { ROLES_MODES, type RolesMode } from './rights';
import { startDevServer } from './server';
import { DEMO_USERS, loadUsersFile } from './users';

function fail(message: string): never {
  console.error(`kuzzle-dev-server: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '7512' },
      host: { type: 'string', default: '127.0.0.1' },
      'expires-in': { type: 'string', default: '1h' },
      'max-ttl': { type: 'string', default: '-1' },
      'api-key-max-ttl': { type: 'string', default: '-1' },
      'grace-period': { type: 'string', default: '1000' },
      users: { type: 'string' },
      fault: { type: 'string' },
      'allow-origin': { type: 'string', default: '*' },
      roles: { type: 'string', default: 'open' },
      'fault-delay': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}. Run with --help for the flags.`);
}

if (values.help) {
  console.log(`Kuzzle-compatible development server (see kuzzle-dev-server/README.md)
  --port <n>            port for HTTP and WebSocket (default 7512; 0 = any free port)
  --host <addr>         address to listen on (default 127.0.0.1)
  --expires-in <t>      default token lifetime, ms or "1h"/"40s" (default 1h; -1 = never)
  --max-ttl <t>         longest lifetime a client may ask for (default -1 = no maximum)
  --api-key-max-ttl <t> longest lifetime of an API key (security.apiKey.maxTTL; default -1 = no maximum)
  --grace-period <ms>   how long a refreshed token keeps working (default 1000)
  --users <file>        JSON users file instead of the demo users
  --allow-origin <list> comma-separated origins allowed to call (default *)
  --roles open|standard the role set (default open; standard = Kuzzle's restricted roles)
  --fault <mode>        start with a fault: ${FAULT_MODES.join(', ')}
  --fault-delay <ms>    delay for the "slow" fault (default 2000)`);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, got "${values.port}".`);
if (!(ROLES_MODES as readonly string[]).includes(values.roles)) fail(`--roles must be one of ${ROLES_MODES.join(', ')}, got "${values.roles}".`);
const fault = values.fault;
if (fault !== undefined && !(FAULT_MODES as readonly string[]).includes(fault)) fail(`--fault must be one of ${FAULT_MODES.join(', ')}, got "${fault}".`);
const faultDelay = values['fault-delay'] === undefined ? undefined : Number(values['fault-delay']);
if (faultDelay !== undefined && !(Number.isFinite(faultDelay) && faultDelay >= 0)) fail(`--fault-delay must be milliseconds, 0 or more.`);

try {
  const users = values.users ? loadUsersFile(values.users) : DEMO_USERS;
  const server = await startDevServer({
    port,
    host: values.host,
    expiresIn: /^-?\d+$/.test(values['expires-in']) ? Number(values['expires-in']) : values['expires-in'],
    maxTTL: values['max-ttl'],
    apiKeyMaxTTL: values['api-key-max-ttl'],
    gracePeriod: values['grace-period'],
    users,
    fault: fault as FaultMode | undefined,
    roles: values.roles as RolesMode,
    allowedOrigins: values['allow-origin'].split(',').map((origin) => origin.trim()).filter(Boolean),
    faultDelayMs: faultDelay,
  });
  console.log(`Kuzzle dev server listening on ${server.url}`);
  for (const user of users) {
    const password = user.password ? ` / ${user.password}` : '';
    console.log(`  user ${user.username ?? user._id}${password} (profile ${(user.profileIds ?? ['default']).join(', ')})`);
  }
  if (fault) console.log(`  fault mode: ${fault}`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') fail(`port ${port} is already in use; stop the other server or pass --port <another>.`);
  fail((error as Error).message);
}
