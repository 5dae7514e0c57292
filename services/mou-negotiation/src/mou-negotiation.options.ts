import { Inject } from '@nestjs/common';

/** DI token of this service's schema name (events, read tables and consumer bookkeeping). */
export const MOU_SCHEMA = Symbol('MOU_SCHEMA');
export const InjectMouSchema = (): ParameterDecorator => Inject(MOU_SCHEMA);
