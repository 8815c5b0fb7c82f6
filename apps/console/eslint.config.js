import reactHooks from 'eslint-plugin-react-hooks';
import root from '../../eslint.config.js';

/** The repository's lint rules, plus React's rules of hooks; generated operation types are not linted. */
export default [
  ...root,
  { ignores: ['src/generated/**'] },
  {
    files: ['**/*.tsx', '**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
];
