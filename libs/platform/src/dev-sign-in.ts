import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsIso3 } from './validators';
import { Public } from './actor';
import type { PlatformConfig } from './config';
import { ValidationProblemException } from './problem';
import { ROLES, type Role } from './roles';
import { signToken } from './token-signer';

/** DI token of the config the development sign-in signs with (provided by PlatformModule). */
export const DEV_SIGN_IN_CONFIG = Symbol('DEV_SIGN_IN_CONFIG');

/** How long a development sign-in lasts. */
export const DEV_SIGN_IN_TTL = '8h';

/**
 * The development sign-in is there only when the development secret signs the tokens: no JWT_SECRET,
 * JWT_PUBLIC_KEY or JWT_JWKS_URL, and NODE_ENV is not production. Anywhere else its routes do not exist.
 */
export const devSignInEnabled = (config: Pick<PlatformConfig, 'jwt' | 'nodeEnv'>): boolean =>
  config.nodeEnv !== 'production' &&
  config.jwt.secret === undefined &&
  config.jwt.publicKey === undefined &&
  config.jwt.jwksUrl === undefined;

export class DevSignInRequest {
  @ApiProperty({ enum: ROLES, example: 'finance-officer' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ example: 'BGD', description: 'Required for contributor-representative.' })
  @IsOptional()
  @IsIso3()
  contributor?: string;

  @ApiPropertyOptional({ example: 'dev-finance-officer', description: 'Defaults to dev-<role>.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  sub?: string;
}

export type DevSignInResponse = {
  development: true;
  token: string;
  tokenType: 'Bearer';
  expiresIn: string;
  claims: { sub: string; roles: Role[]; contributor?: string };
};

/**
 * `GET/POST /v1/dev/sign-in`: what the console's development sign-in screen uses to get a token signed
 * with the development secret under DATA_DIR, the same one `npm run token` prints. Registered by
 * {@link PlatformModule} only when {@link devSignInEnabled}.
 */
@ApiTags('Development')
@Controller('v1/dev/sign-in')
export class DevSignInController {
  constructor(@Inject(DEV_SIGN_IN_CONFIG) private readonly config: PlatformConfig) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Development sign-in: present only with the development secret, outside production',
  })
  @ApiOkResponse({ description: '{ development: true, roles }' })
  options(): { development: true; roles: readonly Role[] } {
    return { development: true, roles: ROLES };
  }

  @Post()
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Development sign-in: a token for any role, signed with the development secret',
    description:
      'Exists only when no JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL is configured and NODE_ENV is ' +
      'not production. contributor-representative needs a contributor.',
  })
  @ApiOkResponse({ description: '{ development: true, token, tokenType, expiresIn, claims }' })
  async signIn(@Body() body: DevSignInRequest): Promise<DevSignInResponse> {
    if (body.role === 'contributor-representative' && body.contributor === undefined) {
      throw new ValidationProblemException([
        { field: 'contributor', message: 'contributor is required for the contributor-representative role' },
      ]);
    }
    const sub = body.sub ?? `dev-${body.role}`;
    const claims = {
      sub,
      roles: [body.role],
      ...(body.contributor !== undefined && { contributor: body.contributor }),
    };
    const token = await signToken(this.config, { ...claims, ttl: DEV_SIGN_IN_TTL });
    return { development: true, token, tokenType: 'Bearer', expiresIn: DEV_SIGN_IN_TTL, claims };
  }
}
