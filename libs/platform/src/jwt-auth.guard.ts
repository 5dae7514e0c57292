import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { type Actor, IS_PUBLIC_ROUTE, setActor } from './actor';
import { AUTH_REALM, JwtVerifier, type VerifiedToken, unauthenticated } from './jwt-verifier';
import { ProblemException } from './problem';
import { ROLES_METADATA, type Role } from './roles';

const BEARER_SCHEME = /^Bearer(\s|$)/i;

/** The roles a route allows, as declared: `undefined` when it has no `@Roles()` (admin only). */
export const declaredRoles = (reflector: Reflector, context: ExecutionContext): readonly Role[] | undefined =>
  reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, [context.getHandler(), context.getClass()]);

/**
 * The request's actor on a route allowing `allowed`: limited to the token's contributor when being a
 * contributor representative is the only reason the route lets this token in.
 */
export const actorForRoute = (token: VerifiedToken, allowed: readonly Role[]): Actor => {
  const { sub, roles, contributor } = token;
  const widerRole = roles.some(
    (role) => role === 'admin' || (role !== 'contributor-representative' && allowed.includes(role)),
  );
  return contributor === undefined || widerRole ? { sub, roles } : { sub, roles, contributor };
};

/**
 * Global guard (installed by PlatformModule): every route needs a valid bearer token unless marked
 * `@Public()`, and one of the roles of its `@Roles()`; `admin` passes everywhere, and a route without
 * `@Roles()` lets only `admin` through (fail closed). Sets the request's actor for `@CurrentActor()`.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<IncomingMessage>();
    const header = request.headers.authorization ?? '';
    if (!BEARER_SCHEME.test(header)) {
      throw unauthenticated(
        'UNAUTHENTICATED',
        'This route needs a bearer token: Authorization: Bearer <JWT>.',
      );
    }
    const jwt = header.slice('Bearer'.length).trim();
    if (jwt === '' || /\s/.test(jwt)) {
      throw unauthenticated('TOKEN_INVALID', 'The Authorization header must be "Bearer <JWT>".');
    }
    const token = await this.verifier.verify(jwt);
    const allowed = declaredRoles(this.reflector, context) ?? [];
    setActor(request, actorForRoute(token, allowed));
    if (token.roles.includes('admin') || token.roles.some((role) => allowed.includes(role))) return true;
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'FORBIDDEN',
      allowed.length === 0
        ? 'Only an admin may use this route.'
        : `This route needs one of the roles: ${[...new Set([...allowed, 'admin'])].join(', ')}.`,
      {},
      { 'WWW-Authenticate': `Bearer realm="${AUTH_REALM}", error="insufficient_scope"` },
    );
  }
}
