// PLACEHOLDER: replaced by the real rule module.
import { defineRule } from './types.ts';

export default defineRule({
  id: 'story-clinical-jargon',
  description: 'TODO',
  defaultSeverity: 'info',
  defaultOptions: {},
  fixable: false,
  check() {},
});
