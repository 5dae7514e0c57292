import { SetMetadata } from '@nestjs/common';

/** The roles of CONTRACT.md section 2; a token's other roles are ignored. */
export const ROLES = [
  'mou-clerk',
  'finance-officer',
  'auditor',
  'contributor-representative',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** Metadata key of {@link Roles}. */
export const ROLES_METADATA = 'coe:roles';

/**
 * The roles allowed on a controller or a handler (the handler's list replaces the controller's);
 * `admin` is always allowed. A route with neither `@Roles()` nor `@Public()` is open to `admin` only.
 *
 * ```ts
 * @Roles('mou-clerk') @Controller('v1/mous') export class MouHttpController {
 *   @Get(':id') @Roles('mou-clerk', 'auditor') get() {}
 * }
 * ```
 */
export const Roles = (...roles: Role[]): ClassDecorator & MethodDecorator =>
  SetMetadata(ROLES_METADATA, roles);
