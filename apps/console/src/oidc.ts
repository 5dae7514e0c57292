// Sign-in through an OpenID Connect provider: authorization code with PKCE (RFC 7636), a public client.
// The console discovers the provider, sends the browser there with a S256 challenge, and on the way back
// exchanges the code for tokens itself; the access token is then the API's bearer token, its claims
// (roles, contributor) read as for any other token. Only the verifier and state wait in sessionStorage.
export type OidcProvider = { issuer: string; clientId: string; scope: string; resource?: string };

type Discovery = { issuer: string; authorization_endpoint: string; token_endpoint: string };
type Pending = { state: string; verifier: string; tokenEndpoint: string; provider: OidcProvider };

const PENDING = 'coe.oidc.pending';
export const CALLBACK_PATH = '/sign-in/callback';

export class OidcError extends Error {
  constructor(
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${title}: ${detail}`);
    this.name = 'OidcError';
  }
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomText = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

const challengeOf = async (verifier: string): Promise<string> =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

const redirectUri = (): string => `${location.origin}${CALLBACK_PATH}`;

const discover = async (issuer: string): Promise<Discovery> => {
  const address = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(address, { headers: { Accept: 'application/json' } });
  } catch {
    throw new OidcError('Provider unreachable', `${address} could not be fetched.`);
  }
  if (!response.ok)
    throw new OidcError('Provider discovery failed', `${address} answered ${response.status}.`);
  const discovery = (await response.json()) as Discovery;
  // OpenID Connect Discovery 1.0, section 4.3: the issuer named must be the one configured.
  if (discovery.issuer !== issuer) {
    throw new OidcError('Wrong provider', `${address} names issuer ${discovery.issuer}, not ${issuer}.`);
  }
  return discovery;
};

/** Sends the browser to the provider's authorization endpoint; resolves only if that fails. */
export const beginOidcSignIn = async (provider: OidcProvider): Promise<void> => {
  const discovery = await discover(provider.issuer);
  const pending: Pending = {
    state: randomText(),
    verifier: randomText(),
    tokenEndpoint: discovery.token_endpoint,
    provider,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', provider.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', provider.scope);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('code_challenge', await challengeOf(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (provider.resource !== undefined) url.searchParams.set('resource', provider.resource);
  location.assign(url.toString());
};

/** On the callback address: checks the state, exchanges the code, and gives the access token. */
export const completeOidcSignIn = async (search: URLSearchParams): Promise<string> => {
  const stored = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const error = search.get('error');
  if (error !== null) throw new OidcError(error, search.get('error_description') ?? '');
  if (stored === null) throw new OidcError('No sign-in under way', 'Start the sign-in again.');
  const pending = JSON.parse(stored) as Pending;
  if (search.get('state') !== pending.state) {
    throw new OidcError('State mismatch', 'The answer is not for the sign-in this tab started.');
  }
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: search.get('code') ?? '',
    redirect_uri: redirectUri(),
    client_id: pending.provider.clientId,
    code_verifier: pending.verifier,
  });
  if (pending.provider.resource !== undefined) body.set('resource', pending.provider.resource);
  let response: Response;
  try {
    response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
    });
  } catch {
    throw new OidcError('Provider unreachable', `${pending.tokenEndpoint} could not be reached.`);
  }
  const answer = (await response.json()) as {
    access_token?: string;
    error?: string;
    error_description?: string;
  };
  if (!response.ok || answer.access_token === undefined) {
    throw new OidcError(answer.error ?? `HTTP ${response.status}`, answer.error_description ?? '');
  }
  return answer.access_token;
};
