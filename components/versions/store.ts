'use client';

import { create } from 'zustand';

// What the editor shows of a workflow's versions: whether the Versions panel is open, which version is on the canvas
// (read-only, alone or compared with the draft) and which of its blocks was picked last. The draft itself stays in
// the editor's store, untouched, under the version's canvas.

export type VersionMode = 'view' | 'diff';

export interface VersionSelection {
  version: number;
  mode: VersionMode;
}

export interface VersionsState {
  open: boolean;
  selection: VersionSelection | null;
  /**
   * The block picked on the version's canvas or in the list; `reveal` asks the canvas to bring it into view (`nonce`
   * makes picking it again do that again).
   */
  focus: { id: string; reveal: boolean; nonce: number } | null;

  setOpen(open: boolean): void;
  show(version: number, mode: VersionMode): void;
  backToDraft(): void;
  focusBlock(id: string | null, options?: { reveal?: boolean }): void;
  reset(): void;
}

let nonce = 0;

export const useVersionsStore = create<VersionsState>()((set) => ({
  open: false,
  selection: null,
  focus: null,

  setOpen(open) {
    set(open ? { open } : { open, selection: null, focus: null });
  },
  show(version, mode) {
    set({ open: true, selection: { version, mode }, focus: null });
  },
  backToDraft() {
    set({ selection: null, focus: null });
  },
  focusBlock(id, { reveal = true } = {}) {
    set({ focus: id === null ? null : { id, reveal, nonce: ++nonce } });
  },
  reset() {
    set({ open: false, selection: null, focus: null });
  },
}));
