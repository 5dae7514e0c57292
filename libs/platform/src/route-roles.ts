import {
  type INestApplicationContext,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  RequestMethod,
} from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC_ROUTE } from './actor';
import { ROLES_METADATA, type Role } from './roles';

/**
 * Who may call one route. `roles` are the roles let through (always including `admin`; only `admin`
 * when the route declares no `@Roles()`), empty for a public route.
 */
export type RouteRoles = {
  method: string;
  /** Nest's pattern, e.g. `/v1/mous/:mouId`. */
  path: string;
  roles: Role[];
  public: boolean;
  /** False when the route has neither `@Roles()` nor `@Public()`: admin only, and a warning at startup. */
  declared: boolean;
};

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined ? [''] : [String(value)];

const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/')}`;

/** Every route's roles, from the controllers' metadata, sorted by path then method. */
export const collectRouteRoles = (discovery: DiscoveryService, reflector: Reflector): RouteRoles[] => {
  const scanner = new MetadataScanner();
  const table: RouteRoles[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!controller?.prototype) continue;
    const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller));
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function') continue;
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const paths: unknown = Reflect.getMetadata(PATH_METADATA, handler);
      if (requestMethod === undefined || paths === undefined) continue;
      const targets = [handler, controller];
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_ROUTE, targets) === true;
      const declared = reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets);
      const roles: Role[] = isPublic ? [] : [...new Set<Role>([...(declared ?? []), 'admin'])];
      for (const prefix of prefixes) {
        for (const path of asList(paths)) {
          table.push({
            method: RequestMethod[requestMethod],
            path: joinPath(prefix, path),
            roles,
            public: isPublic,
            declared: isPublic || declared !== undefined,
          });
        }
      }
    }
  }
  return table.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
};

/**
 * The role table of an app: `[{ method, path, roles, public }]` for every route (the app must import
 * PlatformModule). Global prefixes and RouterModule paths are not applied: this API uses neither.
 */
export const routeRoleTable = (app: INestApplicationContext): RouteRoles[] =>
  collectRouteRoles(app.get(DiscoveryService), app.get(Reflector));

/** Logs, once the app has started, the routes that declare no roles and are therefore admin only. */
@Injectable()
export class RouteRolesAudit implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const undeclared = collectRouteRoles(this.discovery, this.reflector).filter((route) => !route.declared);
    if (undeclared.length === 0) return;
    this.logger.warn(
      `Routes with neither @Roles() nor @Public(), open to admin only: ${undeclared
        .map((route) => `${route.method} ${route.path}`)
        .join(', ')}`,
    );
  }
}

const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const problemResponse = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/problem+json': { schema: { type: 'object' } } },
});

/**
 * Writes each operation's roles into an OpenAPI document: an `x-roles` list, a "Roles:" line in the
 * description, `security: []` on public operations, and the 401/403 problem responses on the others.
 */
export const documentRouteRoles = (document: OpenAPIObject, table: RouteRoles[]): OpenAPIObject => {
  for (const route of table) {
    const operation = (document.paths[openApiPath(route.path)] as Record<string, unknown> | undefined)?.[
      route.method.toLowerCase()
    ] as Record<string, unknown> | undefined;
    if (operation === undefined) continue;
    operation['x-roles'] = route.roles;
    const line = route.public
      ? 'Public: no token needed.'
      : `Roles: ${route.roles.join(', ')}${route.declared ? '' : ' (no @Roles() declared: admin only)'}.`;
    const description = typeof operation.description === 'string' ? operation.description : '';
    operation.description = description === '' ? line : `${description}\n\n${line}`;
    if (route.public) {
      operation.security = [];
      continue;
    }
    const responses = (operation.responses ??= {}) as Record<string, unknown>;
    responses['401'] ??= problemResponse(
      'No token, or a malformed, badly signed or expired one (problem+json)',
    );
    responses['403'] ??= problemResponse(
      `The token has none of the roles: ${route.roles.join(', ')} (problem+json)`,
    );
  }
  return document;
};
