/**
 * Kuzzle 2.56 replies for the client's unit tests, as raw body text. Those marked §12.x are
 * the examples of docs/kuzzle.md §12, verbatim; the others are built from the shapes that
 * docs/kuzzle.md gives (§1, §2.1, §3, §8) and say so. Test data only: nothing in the extension imports it.
 */

/** §12.1: `kauth-` JWT whose payload is {"_id":"alice","iat":1700000000,"exp":1700003600}. */
export const ALICE_JWT =
  'kauth-eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJfaWQiOiJhbGljZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ.B33ATT-55MSnE4z_UijGWC8lw9FFtRBlYYirsB183ZY';

/** §12.3: the token that refreshToken issues. */
export const ALICE_REFRESHED_JWT =
  'kauth-eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJfaWQiOiJhbGljZSIsImlhdCI6MTcwMDAwMDUwMCwiZXhwIjoxNzAwMDA0MTAwfQ.65RN82mXrYQLLx23BPL7h93eTm3o6pXDicjmARL0jAs';

/** §12.1 */
export const LOGIN_OK =
  '{"action":"login","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"0b9f5a4e-2c1d-4e8f-9a7b-6c5d4e3f2a1b","result":{"_id":"alice","expiresAt":1700003600000,"jwt":"kauth-eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJfaWQiOiJhbGljZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ.B33ATT-55MSnE4z_UijGWC8lw9FFtRBlYYirsB183ZY","ttl":3600000},"status":200,"volatile":null}';

/** §12.1: the response headers of a routed reply. */
export const ROUTED_HEADERS: Record<string, string> = {
  Connection: 'close',
  'X-Kuzzle-Request-Id': '0b9f5a4e-2c1d-4e8f-9a7b-6c5d4e3f2a1b',
  'X-Kuzzle-Node': 'knode-nasty-author-4242',
  'Accept-Encoding': 'gzip,deflate,identity',
  'Access-Control-Allow-Headers':
    'Content-Type, Access-Control-Allow-Headers, Authorization, X-Requested-With, Content-Encoding, Content-Length, X-Kuzzle-Volatile',
  'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS,HEAD',
  'content-type': 'application/json',
  'Access-Control-Allow-Credentials': 'true',
  'Access-Control-Allow-Origin': 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
  Vary: 'Origin',
  'Content-Encoding': 'identity',
};

/** §12.2 valid token */
export const CHECK_TOKEN_VALID =
  '{"action":"checkToken","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"5d2c…","result":{"expiresAt":1700003600000,"kuid":"alice","valid":true},"status":200,"volatile":null}';

/** §12.2 expired (≥2.34), revoked or garbage token: still HTTP 200 */
export const CHECK_TOKEN_INVALID =
  '{"action":"checkToken","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"5d2d…","result":{"state":"Invalid token.","valid":false},"status":200,"volatile":null}';

/** §12.3 */
export const REFRESH_OK =
  '{"action":"refreshToken","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"7e11…","result":{"_id":"alice","expiresAt":1700004100000,"jwt":"kauth-eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJfaWQiOiJhbGljZSIsImlhdCI6MTcwMDAwMDUwMCwiZXhwIjoxNzAwMDA0MTAwfQ.65RN82mXrYQLLx23BPL7h93eTm3o6pXDicjmARL0jAs","ttl":3600000},"status":200,"volatile":null}';

/** §12.4 */
export const LOGOUT_OK =
  '{"action":"logout","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"8a01…","result":{"acknowledged":true},"status":200,"volatile":null}';

/** §12.5 */
export const CURRENT_USER =
  '{"action":"getCurrentUser","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"9b02…","result":{"_id":"alice","_source":{"profileIds":["default"],"_kuzzle_info":{"author":"-1","createdAt":1699990000000,"updatedAt":1699990000000,"updater":"-1"}},"strategies":["local"]},"status":200,"volatile":null}';

/** §12.6 */
export const STRATEGIES =
  '{"action":"getStrategies","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"a1c3…","result":["local"],"status":200,"volatile":null}';

/** §12.7 (HTTP 401) */
export const WRONG_CREDENTIALS =
  '{"action":"login","controller":"auth","error":{"code":67305492,"id":"plugin.strategy.missing_user","message":"wrong username or password","props":["wrong username or password"],"status":401},"headers":{},"node":"knode-nasty-author-4242","requestId":"b2d4…","result":null,"status":401,"volatile":null}';

/** §12.8 (HTTP 401) */
export const TOKEN_INVALID =
  '{"action":"getCurrentUser","controller":"auth","error":{"code":117506049,"id":"security.token.invalid","message":"Invalid token.","props":[],"status":401},"headers":{},"node":"knode-nasty-author-4242","requestId":"c3e5…","result":null,"status":401,"volatile":null}';

/** §12.9 (HTTP 403) */
export const FORBIDDEN_REFRESH =
  '{"action":"refreshToken","controller":"auth","error":{"code":117637122,"id":"security.rights.forbidden","message":"Insufficient permissions to execute the action \\"auth:refreshToken\\" (User \\"alice\\").","props":["auth","refreshToken","alice"],"status":403},"headers":{},"node":"knode-nasty-author-4242","requestId":"d4f6…","result":null,"status":403,"volatile":null}';

/** §12.10: a bare error object, no envelope (HTTP 400) */
export const BARE_BODY_PARSE_FAILED =
  '{"code":50397196,"id":"network.http.body_parse_failed","message":"Unable to convert the HTTP body to JSON: {\\"username\\":\\"alice\\",","props":["{\\"username\\":\\"alice\\","],"status":400}';

/** Built from §3 (two-step strategies): the envelope of a 302 whose Location is the provider's page. */
export const LOGIN_TWO_STEP_302 =
  '{"action":"login","controller":"auth","error":null,"headers":{"location":"https://provider.example/authorize?client_id=k","content-length":"0"},"node":"knode-nasty-author-4242","requestId":"e5a7…","result":{"headers":{"Location":"https://provider.example/authorize?client_id=k","Content-Length":"0"},"statusCode":302},"status":302,"volatile":null}';

/** Built from §3: a strategy that answers 200 with no token (a plugin's own two-step protocol). */
export const LOGIN_TWO_STEP_200 =
  '{"action":"login","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"e5a8…","result":{"step":"otp","message":"enter the code sent to you"},"status":200,"volatile":null}';

/** Built from §1 (`auth:getMyRights`: result `{hits, total}`). */
export const MY_RIGHTS =
  '{"action":"getMyRights","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"f6b8…","result":{"hits":[{"action":"*","collection":"*","controller":"auth","index":"*","value":"allowed"},{"action":"refreshToken","collection":"*","controller":"auth","index":"*","value":"denied"}],"total":2},"status":200,"volatile":null}';

/** Built from §1 (`server:info`). */
export const SERVER_INFO =
  '{"action":"info","controller":"server","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"07c9…","result":{"serverInfo":{"kuzzle":{"api":{"routes":{}},"application":{},"memoryUsed":123456,"nodeVersion":"v20.19.0","plugins":{},"system":{},"uptime":"42s","version":"2.56.0"},"services":{}}},"status":200,"volatile":null}';

/** Built from §1 (`server:now`). */
export const NOW = '{"action":"now","controller":"server","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"18da…","result":{"now":1700000123456},"status":200,"volatile":null}';

/** Built from §1 (`auth:createApiKey`). */
export const API_KEY_CREATED =
  '{"action":"createApiKey","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"29eb…","result":{"_id":"key-1","_source":{"userId":"alice","description":"session manager","expiresAt":-1,"ttl":-1,"token":"kapikey-eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJfaWQiOiJhbGljZSIsImlhdCI6MTcwMDAwMDAwMH0.c2ln"}},"status":200,"volatile":null}';

/** Built from §1 (`auth:deleteApiKey`). */
export const API_KEY_DELETED =
  '{"action":"deleteApiKey","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"3afc…","result":{"_id":"key-1"},"status":200,"volatile":null}';

/** Built from authController `createToken`: result `{expiresAt, singleUse, token, ttl}`. */
export const TOKEN_CREATED =
  '{"action":"createToken","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"5c1e…","result":{"expiresAt":1700003600000,"singleUse":false,"token":"kauth-eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJfaWQiOiJhbGljZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ.c2ln","ttl":3600000},"status":200,"volatile":null}';

/** Built from §8: `auth:createToken` with expiresIn -1. */
export const TOKEN_INVALID_EXPIRATION =
  '{"action":"createToken","controller":"auth","error":{"code":117506057,"id":"security.token.invalid_expiration","message":"Token can not be created with this expiration time: expiresIn cannot be infinite","props":["expiresIn","cannot be infinite"],"status":400},"headers":{},"node":"knode-nasty-author-4242","requestId":"6d2f…","result":null,"status":400,"volatile":null}';

/** Built from §8: the funnel refusing the extension's origin (HTTP 401, envelope). */
export const UNAUTHORIZED_ORIGIN =
  '{"action":"login","controller":"auth","error":{"code":33685516,"id":"api.process.unauthorized_origin","message":"The origin \\"chrome-extension://abcdefghijklmnopabcdefghijklmnop\\" is not authorized.","props":["chrome-extension://abcdefghijklmnopabcdefghijklmnop"],"status":401},"headers":{},"node":"knode-nasty-author-4242","requestId":"4b0d…","result":null,"status":401,"volatile":null}';

/** What a reverse proxy sends when Kuzzle behind it is down. */
export const PROXY_502_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
