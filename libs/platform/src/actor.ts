import { type ExecutionContext, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/**
 * Who is acting: the JWT's `sub` and known `roles`. `contributor` is set when the request is limited to
 * one contributor's data: the actor is a contributor representative and holds no other role allowed on
 * the route (see `contributorScope`).
 */
export type Actor = {
  sub: string;
  roles: readonly string[];
  contributor?: string;
};

/** The actor of a route marked `@Public()`, or of a request the auth guard did not see. */
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

/** Marks a handler (or a whole controller) as needing no token (`/health`, `/metrics`); also in OpenAPI. */
export const Public = (): ClassDecorator & MethodDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC_ROUTE, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));
