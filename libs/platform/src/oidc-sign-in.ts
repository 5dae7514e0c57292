import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './actor';
import type { OidcConfig, PlatformConfig } from './config';

/** DI token of the config the OIDC sign-in route answers from (provided by PlatformModule). */
export const OIDC_SIGN_IN_CONFIG = Symbol('OIDC_SIGN_IN_CONFIG');

export type OidcSignInResponse = { issuer: string; clientId: string; scope: string; resource?: string };

/** The answer of `GET /v1/sign-in/oidc` for a configured provider. */
export const oidcSignInAnswer = (oidc: OidcConfig): OidcSignInResponse => ({
  issuer: oidc.issuerUrl,
  clientId: oidc.clientId,
  scope: oidc.scope,
  ...(oidc.resource !== undefined && { resource: oidc.resource }),
});

/**
 * `GET /v1/sign-in/oidc`: the provider the console signs in through (it discovers the rest from the
 * issuer's `/.well-known/openid-configuration`). Registered by {@link PlatformModule} only when
 * OIDC_ISSUER_URL and OIDC_CLIENT_ID are set; the API still trusts a token only through JWT_JWKS_URL.
 */
@ApiTags('Sign-in')
@Controller('v1/sign-in/oidc')
export class OidcSignInController {
  constructor(@Inject(OIDC_SIGN_IN_CONFIG) private readonly config: PlatformConfig) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'The OpenID Connect provider the console signs in through (authorization code with PKCE)',
  })
  @ApiOkResponse({ description: '{ issuer, clientId, scope, resource? }' })
  provider(): OidcSignInResponse {
    // Only registered with a configured provider (see PlatformModule).
    return oidcSignInAnswer(this.config.oidc!);
  }
}
