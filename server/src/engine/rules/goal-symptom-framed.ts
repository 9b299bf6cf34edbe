// PLACEHOLDER: replaced by the real rule module.
import { defineRule } from './types.ts';

export default defineRule({
  id: 'goal-symptom-framed',
  description: 'TODO',
  defaultSeverity: 'info',
  defaultOptions: {},
  fixable: false,
  check() {},
});
