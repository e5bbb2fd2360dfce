// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

/** Literal words in JSX (text and the attributes a person reads) are refused. */
const NO_LITERAL_STRING = /** @type {const} */ (['error', {
  mode: 'jsx-only',
  'jsx-attributes': { include: ['label', 'title', 'description', 'placeholder', 'aria-label', 'alt', 'noRecordsText', 'exportAs', 'documentTitle', 'eyebrow', 'success'] },
}]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bin/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The risk engine stands alone: the CLI, the server, worker threads and the browser all run it.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../*', '!../engine/*'], message: 'The engine imports nothing from the rest of Triad.' },
        { group: ['**/server/**', '**/modules/**', '**/cli/**', '**/web/**', '**/shared/**'], message: 'The engine imports nothing from the rest of Triad.' },
      ] }],
    },
  },
  {
    // Shared code runs in the browser and on the server: no server, database or Node-only imports.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/server/**', '**/modules/**', '**/cli/**', 'node:*'], message: 'src/shared runs in the browser too.' },
      ] }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    // Words a person reads go through i18next (web/src/i18n/index.ts), never straight into JSX.
    files: ['web/src/**/*.tsx'],
    plugins: { i18next },
    rules: { 'i18next/no-literal-string': NO_LITERAL_STRING },
  },
);
