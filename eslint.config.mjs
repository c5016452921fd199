// Lint: typescript-eslint recommended, plus type-aware no-floating-promises on the TypeScript sources and
// eslint-plugin-jest on the tests. The stage dependency rule is scripts/check-deps.ts (npm run lint).
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'coverage',
      'test/output',
      '**/*.js',
      '!src/counter/pages/assets/**/*.js',
      '**/*.mjs',
      'src/**/public/**',
      // Generated from docs/openapi.json by npm run openapi:update.
      'clients/typescript/src/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // Type-aware: a promise nobody awaits loses its rejection. Await it, or mark a deliberate
    // fire-and-forget with `void` where its errors are caught.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Tests that could fail: none focused or skipped, an assertion in every test.
    files: [
      '**/*.spec.ts',
      '**/*.medium-spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.hw-spec.ts',
      '**/*.browser-spec.ts',
    ],
    plugins: { jest },
    languageOptions: { globals: jest.environments.globals.globals },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-commented-out-tests': 'error',
      // Helpers that assert are named expect…: expectGolden compares with a committed golden file.
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*'] }],
      'jest/valid-expect': 'error',
      'jest/no-standalone-expect': 'error',
      'jest/no-identical-title': 'error',
    },
  },
  {
    // The pages' browser ES modules (docs/pages.md): plain JS, browser globals.
    files: ['src/counter/pages/assets/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'location',
          'fetch',
          'crypto',
          'EventSource',
          'HTMLElement',
          'URLSearchParams',
          'Blob',
          'setInterval',
          'setTimeout',
          'clearTimeout',
          'navigator',
          'CSS',
          'globalThis',
          'performance',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['devices/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', '**/src/**'], message: 'devices/ is framework-free.' }] },
      ],
    },
  },
  {
    files: [
      'test/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
      '**/*.spec.ts',
      'src/main.ts',
      'src/teleservice-sandbox/main.ts',
    ],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
