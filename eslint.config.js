// Lint: typescript-eslint's recommended rules over every workspace and the tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  // Generated code (golden engines) is checked by its tests, not by lint.
  { ignores: ['**/dist/**', '**/node_modules/**', '.cache/**', '.scratch/**', 'out/**', '**/*.d.ts', 'client/out/**', 'tests/**/*.engine.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
