// `npm run lint`: typescript-eslint and eslint-plugin-svelte, plus the import boundaries that keep
// the process layout honest — a file may only import what its process can run:
//   src-shared   pure TypeScript: nothing outside src-shared, no Node, no packages
//   src-renderer the Svelte UI: src-shared and browser packages; never src-main, src-worker, Node or Electron
//   src-worker   worker threads: src-shared and Node; never src-main, src-renderer, Electron or SQLite
//   src-main     host side: only src-main/electron imports Electron; never src-renderer
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** `no-restricted-imports` with regexes over the import specifier (relative or not). */
const forbid = (...rules) => ({ 'no-restricted-imports': ['error', { patterns: rules.map(([regex, message]) => ({ regex, message })) }] });

const OTHER_PROCESS = (allowed) => [
  `(^|/)src-(${['main', 'worker', 'renderer'].filter((p) => !allowed.includes(p)).join('|')})(/|$)`,
  `this folder runs in another process than src-${allowed.join('/src-')}`,
];

export default ts.config(
  {
    ignores: [
      'out/',
      'dist/',
      'build/',
      '.tools/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'e2e/artifacts/',
      '**/*.generated.ts',
    ],
  },
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      // Maps and sets built and read within one derivation or one function need no reactivity.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbid(
      OTHER_PROCESS(['renderer']),
      ['^node:', 'the renderer has no Node: ask main through window.lab (src-shared/api.ts)'],
      ['^(electron|better-sqlite3)$', 'the renderer talks to main only through window.lab'],
    ),
  },
  {
    files: ['src-shared/**'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: forbid(
      ['(^|/)src-(main|worker|renderer)(/|$)', 'src-shared imports only src-shared'],
      ['^(?!\\.)', 'src-shared is pure: no Node, no packages'],
    ),
  },
  {
    files: ['src-worker/**'],
    rules: forbid(OTHER_PROCESS(['worker']), [
      '^(electron|better-sqlite3)$',
      'workers never touch Electron or SQLite: they send progress to main',
    ]),
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/electron/**'],
    rules: forbid(
      ['(^|/)src-renderer(/|$)', 'main never imports the renderer'],
      ['^electron$', 'only src-main/electron imports Electron, so the lab runs under plain Node'],
    ),
  },
  {
    files: ['src-main/electron/**'],
    rules: forbid(['(^|/)src-renderer(/|$)', 'main never imports the renderer']),
  },
  {
    files: ['src-main/web-host/lab-bridge.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The Node check (scripts/check-node.cjs) runs on any Node, old ones too: CommonJS on purpose.
    files: ['scripts/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
