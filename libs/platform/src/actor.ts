import { type ExecutionContext, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** Who is acting: the JWT's `sub`, `roles` and, for a contributor representative, `contributor`. */
export type Actor = {
  sub: string;
  roles: readonly string[];
  contributor?: string;
};

/** Until the JWT guard runs, every request acts as this placeholder. */
export const ANONYMOUS_ACTOR: Actor = Object.freeze({ sub: 'anonymous', roles: Object.freeze([]) });

type ActorCarrier = { actor?: Actor };

/** The actor of a request: what the auth guard stored with {@link setActor}, else {@link ANONYMOUS_ACTOR}. */
export const actorOf = (request: object): Actor => (request as ActorCarrier).actor ?? ANONYMOUS_ACTOR;

/** Called by the auth guard once the token is verified; controllers read it with `@CurrentActor()`. */
export const setActor = (request: object, actor: Actor): void => {
  (request as ActorCarrier).actor = actor;
};

/** Controller parameter decorator: `create(@Body() dto: X, @CurrentActor() actor: Actor)`. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => actorOf(context.switchToHttp().getRequest<object>()),
);

/** Metadata key the auth guard reads to let a route through without a token. */
export const IS_PUBLIC_ROUTE = 'coe:public-route';
/** Marker the OpenAPI setup turns into `security: []` on the operation. */
export const PUBLIC_OPERATION_EXTENSION = 'x-coe-public';

/** Marks a route handler as needing no token (`/health`, `/metrics`); also shown as such in OpenAPI. */
export const Public = (): MethodDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC_ROUTE, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));
