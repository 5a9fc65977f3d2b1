import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
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
  {
    name: '@nestjs/websockets',
    importNames: ['WebSocketGateway'],
    message: 'Declare a namespace with RealtimeGateway from @plenary/realtime: it says how a returning client gets the events it missed.',
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
    // The one place that declares a Socket.IO gateway for the others.
    files: ['libs/realtime/src/namespaces/realtime-gateway.decorator.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
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
    // The web client links through its own Link, which marks only the page it leads to as the current one.
    files: ['apps/web/**/*.{ts,tsx}'],
    ignores: ['apps/web/src/components/app-link.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...RESTRICTED_PATHS,
            { name: '@tanstack/react-router', importNames: ['Link'], message: 'Import Link from components/app-link: it marks only the page it leads to as current.' },
          ],
          patterns: [DEEP_IMPORTS],
        },
      ],
    },
  },
  {
    // The rules of hooks, and the React Compiler's checks of what components may do while rendering.
    files: ['apps/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Forms that hand input refs down inside props objects, set state in effects
    // on a change of channel or link, or merge a forwarded ref: the compiler's
    // checks cannot follow them yet. New files get every check.
    files: [
      'apps/web/src/chat/chat-panel.tsx',
      'apps/web/src/chat/composer.tsx',
      'apps/web/src/chat/use-chat.ts',
      'apps/web/src/pages/accept-invitation.page.tsx',
      'apps/web/src/pages/agenda/schedule-action-form.tsx',
      'apps/web/src/pages/agenda/session-form.tsx',
      'apps/web/src/pages/session/speakers-list-panel.tsx',
      'apps/web/src/pages/summit/delegation-members.tsx',
      'apps/web/src/pages/summit/participant-form.tsx',
      'apps/web/src/pages/summits/summit-form.tsx',
    ],
    rules: { 'react-hooks/refs': 'off', 'react-hooks/set-state-in-effect': 'off', 'react-hooks/immutability': 'off', 'react-hooks/purity': 'off' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly', fetch: 'readonly', navigator: 'readonly' } },
  },
);
