// The signed-in user: the bearer token (kept for the browser tab only) and the claims read from it.
// The server verifies the token on every call; the console only reads roles to choose what it shows.
export type Role = 'mou-clerk' | 'finance-officer' | 'auditor' | 'contributor-representative' | 'admin';
export const ROLES: readonly Role[] = [
  'mou-clerk',
  'finance-officer',
  'auditor',
  'contributor-representative',
  'admin',
];

export type Session = { token: string; sub: string; roles: Role[]; contributor?: string; exp?: number };

const KEY = 'coe.session';

const decodeClaims = (token: string): Omit<Session, 'token'> | undefined => {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { sub?: string; roles?: unknown; contributor?: string; exp?: number };
    const roles = Array.isArray(claims.roles)
      ? (claims.roles.filter((r) => (ROLES as readonly unknown[]).includes(r)) as Role[])
      : [];
    return { sub: claims.sub ?? '?', roles, contributor: claims.contributor, exp: claims.exp };
  } catch {
    return undefined;
  }
};

export const sessionFromToken = (token: string): Session | undefined => {
  const claims = decodeClaims(token);
  return claims === undefined ? undefined : { token, ...claims };
};

export const loadSession = (): Session | undefined => {
  const token = sessionStorage.getItem(KEY);
  if (token === null) return undefined;
  const session = sessionFromToken(token);
  if (session?.exp !== undefined && session.exp * 1000 < Date.now()) {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
  return session;
};

export const saveSession = (token: string): Session | undefined => {
  const session = sessionFromToken(token);
  if (session !== undefined) sessionStorage.setItem(KEY, token);
  return session;
};

export const clearSession = (): void => sessionStorage.removeItem(KEY);

export const hasRole = (session: Session, ...roles: Role[]): boolean =>
  session.roles.includes('admin') || roles.some((role) => session.roles.includes(role));
