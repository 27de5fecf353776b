export const DEFAULT_BUDGET = 32000;
export const DEFAULT_PROFILE = 'deepseek-ocr-base';
export const MIN_BUDGET = 256;

export type Trace = 'off' | 'messages' | 'verbose';

export interface Settings {
  budget: number;
  profile: string;
  serverPath: string;
  extraArgs: string[];
  trace: Trace;
}

/** Reads a key of the `codecontext` section (e.g. 'server.path'); undefined when unset. */
export type SettingReader = (key: string) => unknown;

/** The settings, each checked, with the documented default where a value is missing or unusable. */
export function readSettings(get: SettingReader): Settings {
  const budgetRaw = get('budget');
  const budget = typeof budgetRaw === 'number' && Number.isFinite(budgetRaw) && budgetRaw >= MIN_BUDGET ? Math.floor(budgetRaw) : DEFAULT_BUDGET;
  const profileRaw = get('profile');
  const profile = typeof profileRaw === 'string' && profileRaw.trim() !== '' ? profileRaw.trim() : DEFAULT_PROFILE;
  const pathRaw = get('server.path');
  const serverPath = typeof pathRaw === 'string' ? pathRaw.trim() : '';
  const argsRaw = get('server.extraArgs');
  const extraArgs = Array.isArray(argsRaw) ? argsRaw.filter((a): a is string => typeof a === 'string' && a !== '') : [];
  const traceRaw = get('trace.server');
  const trace: Trace = traceRaw === 'messages' || traceRaw === 'verbose' ? traceRaw : 'off';
  return { budget, profile, serverPath, extraArgs, trace };
}

export interface SettingsChange {
  /** the server must be started again (how it is started changed) */
  restart: boolean;
  /** the context must be composed again (what is asked for changed) */
  recompose: boolean;
}

/** What a settings change requires. The trace level is applied by the client library itself. */
export function settingsChange(before: Settings, after: Settings): SettingsChange {
  const restart = before.serverPath !== after.serverPath || before.extraArgs.join('\u0000') !== after.extraArgs.join('\u0000');
  const recompose = restart || before.budget !== after.budget || before.profile !== after.profile;
  return { restart, recompose };
}

/** Parses a budget typed by the user ("32000", "32k", "1.5k"); an error message when unusable. */
export function parseBudget(input: string): number | string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(k)?\s*$/i.exec(input);
  if (!m) return 'a number of tokens, e.g. 32000 or 32k';
  const value = Math.round(parseFloat(m[1]!) * (m[2] ? 1000 : 1));
  if (value < MIN_BUDGET) return `at least ${MIN_BUDGET} tokens`;
  return value;
}
