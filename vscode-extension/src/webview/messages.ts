import type { PanelModel } from '../model/panelModel';

/** What the panel shows when it has no compose to show: never an empty panel. */
export interface PanelNotice { kind: 'info' | 'progress' | 'error'; title: string; detail?: string; actions?: { id: string; label: string }[] }

export type ToWebview =
  | { type: 'model'; model: PanelModel; seq: number; profiles: string[] }
  | { type: 'notice'; notice: PanelNotice; profiles: string[]; budget: number; profile: string }
  | { type: 'busy'; busy: boolean };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'openFile'; path: string; startLine?: number; endLine?: number }
  | { type: 'setQuery'; query: string }
  | { type: 'setBudget'; budget: number }
  | { type: 'setProfile'; profile: string }
  | { type: 'explain'; path: string }
  | { type: 'action'; id: string };
