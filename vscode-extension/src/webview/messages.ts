import type { BudgetView, PanelModel } from '../model/panelModel';

/** What the panel shows when it has no compose to show: never an empty panel. */
export interface PanelNotice { kind: 'info' | 'progress' | 'error'; title: string; detail?: string; actions?: { id: string; label: string }[] }

export type ToWebview =
  | { type: 'model'; model: PanelModel; seq: number; profiles: string[] }
  /** The budget of the model that follows (same seq), for the file whose context is on screen. */
  | { type: 'budget'; budget: BudgetView; active: string; seq: number }
  | { type: 'notice'; notice: PanelNotice; profiles: string[]; budget: number; profile: string }
  | { type: 'busy'; busy: boolean };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'openFile'; path: string; startLine?: number; endLine?: number }
  | { type: 'setQuery'; query: string }
  | { type: 'setBudget'; budget: number }
  | { type: 'setProfile'; profile: string }
  | { type: 'explain'; path: string }
  | { type: 'action'; id: string }
  /** A compose's budget or whole model is on screen: building its DOM took `buildMs`, `frameMs` until the next frame (the extension logs both). */
  | { type: 'drawn'; part: 'budget' | 'model'; seq: number; buildMs: number; frameMs: number };
