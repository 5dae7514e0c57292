export * from './audit.module';
export * from './audit.registry';
export * from './audit.serialize';
