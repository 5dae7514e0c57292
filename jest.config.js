// Unit tests (*.spec.ts) need nothing; integration tests (*.int.spec.ts, test/*.e2e.spec.ts) get real
// PostgreSQL and Kafka endpoints from test/global-setup.ts through process.env.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    // a lib's testing entry point (`@coe/<lib>/testing`), then its production exports
    '^@coe/([^/]+)/testing$': '<rootDir>/libs/$1/src/testing.ts',
    '^@coe/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.test-dist/'],
};

module.exports = {
  // a global option: project-level values are ignored by Jest
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,bench,scripts,demo}/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '/node_modules/'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services}/**/*.int.spec.ts', '<rootDir>/test/**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
