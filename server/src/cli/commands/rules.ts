/**
 * `visitnotes rules [--format text|json]`: every rule with its default severity,
 * whether `--fix` can fix it, and what it checks. Order is the engine's (contract
 * order), the same order SARIF's `rules[]` uses.
 */
import { closest, stringValue } from '../args.ts';
import { EXIT_OK, UsageError } from '../io.ts';
import type { Command } from './types.ts';

const FORMATS = ['text', 'json'] as const;

export interface RuleRow {
  id: string;
  defaultSeverity: string;
  fixable: boolean;
  crossVisit: boolean;
  description: string;
  docsUrl: string;
}

export function formatRulesText(rows: readonly RuleRow[]): string {
  const header = { id: 'rule', defaultSeverity: 'default', fixable: 'fixable', description: 'description' };
  const cells = rows.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, fixable: r.fixable ? 'yes' : '', description: r.crossVisit ? `${r.description} (cross-visit)` : r.description }));
  const all = [header, ...cells];
  const w = (k: 'id' | 'defaultSeverity' | 'fixable') => Math.max(...all.map((c) => c[k].length));
  const widths = { id: w('id'), defaultSeverity: w('defaultSeverity'), fixable: w('fixable') };
  return (
    all
      .map((c) => `${c.id.padEnd(widths.id)}  ${c.defaultSeverity.padEnd(widths.defaultSeverity)}  ${c.fixable.padEnd(widths.fixable)}  ${c.description}`.trimEnd())
      .join('\n') + '\n'
  );
}

const command: Command = {
  name: 'rules',
  usage: 'visitnotes rules [--format text|json]',
  description: `
Lists every rule: its ID (use it in config "rules" and in
<!-- visitnotes-disable RULE --> comments), default severity, whether --fix can
fix it, and what it checks. Rules marked cross-visit compare a note with the
patient's earlier visits. Each rule's page: docs/rules/<rule-id>.md.`,
  options: {
    format: { type: 'string', short: 'f', valueName: '<name>', description: 'text (default) or json.' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length) throw new UsageError(`"rules" takes no arguments (got "${positionals[0]}").`);
    const format = stringValue(values, 'format') ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) {
      const hint = closest(format, FORMATS);
      throw new UsageError(`Unknown format "${format}" for rules; use text or json.${hint ? ` Did you mean "${hint}"?` : ''}`);
    }
    const { RULES, RECOMMENDED, ruleDocsUrl } = await import('../../engine/index.ts');
    const rows: RuleRow[] = RULES.map((r) => ({
      id: r.id,
      // What a note gets with no config at all: the rule's own default, unless `recommended` turns it off.
      defaultSeverity: RECOMMENDED.rules[r.id]?.severity ?? r.defaultSeverity,
      fixable: r.fixable,
      crossVisit: r.crossVisit === true,
      description: r.description,
      docsUrl: ruleDocsUrl(r.id),
    }));
    io.stdout.write(format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : formatRulesText(rows));
    return EXIT_OK;
  },
};

export default command;
