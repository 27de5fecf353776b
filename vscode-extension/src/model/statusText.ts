import { budgetSummary } from './format';

export type ServerPhase =
  | { kind: 'starting' }
  | { kind: 'loading'; percentage?: number; message?: string }
  | { kind: 'ready'; files?: number; binding?: number }
  | { kind: 'failed'; message: string }
  | { kind: 'restarting' };

export interface Composed { total: number; budget: number; compression: number }

export interface StatusView { text: string; tooltip: string; error: boolean }

/** The status bar item for the active C# editor: the server's phase, then what the last compose used. */
export function statusView(phase: ServerPhase, composed: Composed | undefined, composing: boolean): StatusView {
  switch (phase.kind) {
    case 'starting':
      return { text: '$(sync~spin) CodeContext starting', tooltip: 'CodeContext: starting the server', error: false };
    case 'restarting':
      return { text: '$(sync~spin) CodeContext restarting', tooltip: 'CodeContext: the server stopped; starting it again', error: false };
    case 'loading': {
      const pct = phase.percentage !== undefined ? ` ${Math.round(phase.percentage)}%` : '';
      return { text: `$(sync~spin) CodeContext loading${pct}`, tooltip: `CodeContext: loading the workspace${phase.message ? `\n${phase.message}` : ''}`, error: false };
    }
    case 'failed':
      return { text: '$(error) CodeContext failed', tooltip: `CodeContext: ${phase.message}\nClick to open the panel; "CodeContext: Show Server Log" for details.`, error: true };
    case 'ready': {
      const binding = phase.binding && phase.binding > 0 ? ` · binding ${phase.binding} files` : '';
      const files = phase.files !== undefined ? `${phase.files} files` : 'workspace';
      if (composed) {
        const summary = budgetSummary(composed.total, composed.budget, composed.compression);
        return {
          text: `$(${composing ? 'sync~spin' : 'symbol-file'}) ${summary}${binding}`,
          tooltip: `CodeContext ready (${files}): ${composed.total} of ${composed.budget} tokens, effective compression ${composed.compression.toFixed(2)}x. Click to show the context.`,
          error: false,
        };
      }
      return { text: `$(check) CodeContext ready${binding}`, tooltip: `CodeContext ready (${files}). Click to show the context.`, error: false };
    }
  }
}
