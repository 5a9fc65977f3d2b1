import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { plenaryRules } from './tools/eslint/plenary-rules.mjs';

/**
 * The libs from the bottom up: a lib imports only the libs of the layers
 * below its own (never a peer, never itself through its index).
 */
const LAYERS = [['common', 'config'], ['database'], ['mail'], ['identity'], ['realtime'], ['summits'], ['chat', 'media', 'drafts'], ['tracking']];

const DEEP_IMPORTS = { group: ['@plenary/*/*'], message: 'Import a lib through @plenary/<lib> only.' };

/** class-validator's IsOptional lets null through to services, which store it in NOT NULL columns (a 500): DTOs use Optional(). */
const RESTRICTED_PATHS = [
  {
    name: 'class-validator',
    importNames: ['IsOptional'],
    message: "Use Optional() from @plenary/common: IsOptional lets null through; Optional({ nullable: true }) where null means 'none'.",
  },
];

/** For each lib, the libs it must not import: its own layer and every layer above. */
const layerRules = LAYERS.flatMap((layer, i) =>
  layer.map((lib) => {
    const above = LAYERS.slice(i).flat();
    return {
      files: [`libs/${lib}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: RESTRICTED_PATHS,
            patterns: [
              DEEP_IMPORTS,
              ...above.map((other) => ({
                group: [`@plenary/${other}`],
                message:
                  other === lib
                    ? `Inside @plenary/${lib}, import its own files by relative path.`
                    : `@plenary/${lib} may import only the libs below it (${LAYERS.slice(0, i).flat().join(', ') || 'none'}); @plenary/${other} is not one of them.`,
              })),
            ],
          },
        ],
      },
    };
  }),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    plugins: { plenary: plenaryRules },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Libs talk to each other only through their public index.
      'no-restricted-imports': ['error', { paths: RESTRICTED_PATHS, patterns: [DEEP_IMPORTS] }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  ...layerRules,
  {
    // A lib asks another lib's services, never its repositories; specs and their factories set the stage directly.
    files: ['libs/**/*.ts'],
    ignores: ['libs/**/*.spec.ts', 'libs/*/src/testing/**'],
    rules: { 'plenary/own-repositories': 'error' },
  },
  {
    files: ['tools/**/*.js', 'bench/**/*.js', 'jest.config.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: Object.fromEntries(
        ['require', 'process', '__dirname', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'Buffer', 'performance', 'URL']
          .map((name) => [name, 'readonly'])
          .concat([['module', 'writable']]),
      ),
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly', fetch: 'readonly', navigator: 'readonly' } },
  },
);
