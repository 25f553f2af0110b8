// Lint rules for the whole TypeScript tree. Type-aware rules are left out on purpose: they would make
// `npm test` type-check the project a second time, and `tsc --noEmit` already runs first.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-*/',
      'test-results*/',
      'bench-results/',
      'public/',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      // Unused names starting with _ are deliberate (exhaustiveness checks, ignored tuple members).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // src/core is the ground floor: pure logic that the page, the worker, the library and the scripts all
    // build on. An import from it to any of them would make the core depend on what depends on it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/protocol', '**/protocol/*', '**/store/*', '**/components/*', '**/client/*', '**/lib/*'],
              message: 'src/core imports nothing above it: declare the shared piece in src/core and import it there.',
            },
            {
              group: ['**/workers/*', '**/scripts/*', 'react', 'react-dom', 'onnxruntime-web'],
              message: 'src/core stays free of the worker, the CLI, React and onnxruntime.',
            },
          ],
        },
      ],
    },
  },
  {
    // src/lib is the published library: it ships with src/core under it and nothing of the app, so an
    // import of the app's protocol, store, page or worker would break the packed module or drag the app in.
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/protocol', '**/protocol/*', '**/store/*', '**/components/*', '**/client/*'],
              message: 'src/lib imports src/core only: move the shared piece into src/core.',
            },
            {
              group: ['**/workers/*', '**/scripts/*', 'react', 'react-dom'],
              message: 'src/lib stays free of the app worker, the CLI and React.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
