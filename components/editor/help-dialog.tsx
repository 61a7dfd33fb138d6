'use client';

import { useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';

function subscribeNothing() {
  return () => {};
}

/** "⌘" on Apple keyboards, "Ctrl" elsewhere. */
export function useModifierLabel(): string {
  return useSyncExternalStore(
    subscribeNothing,
    () => (/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'),
    () => 'Ctrl',
  );
}

export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const mod = useModifierLabel();
  const groups: { title: string; rows: [string[], string][] }[] = [
    {
      title: 'Editing',
      rows: [
        [[mod, 'Z'], 'Undo'],
        [[mod, 'Shift', 'Z'], 'Redo'],
        [[mod, 'Y'], 'Redo'],
        [[mod, 'C'], 'Copy selected blocks'],
        [[mod, 'V'], 'Paste'],
        [[mod, 'D'], 'Duplicate selected blocks'],
        [['Delete'], 'Delete selection (also Backspace)'],
        [[mod, 'A'], 'Select all blocks'],
        [[mod, 'S'], 'Save now'],
        [['Esc'], 'Clear the selection'],
      ],
    },
    {
      title: 'Canvas',
      rows: [
        [['Shift', 'drag'], 'Select several blocks with a box'],
        [['Shift', 'click'], 'Add a block to the selection'],
        [['Drag'], 'Move blocks; drag the background to pan'],
        [['Scroll'], 'Zoom in and out'],
        [['{{'], 'In a text field: insert a value from an earlier block'],
      ],
    },
    {
      title: 'Panels',
      rows: [
        [['?'], 'This help'],
        [[mod, 'Enter'], 'Run the workflow'],
      ],
    },
  ];
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" description="Shortcuts work when you are not typing in a field.">
      <div className="grid gap-5 sm:grid-cols-2">
        {groups.map((group) => (
          <section key={group.title} className={group.title === 'Editing' ? 'sm:row-span-2' : undefined}>
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{group.title}</h3>
            <dl className="space-y-1.5 text-sm">
              {group.rows.map(([keys, what]) => (
                <div key={what + keys.join()} className="flex items-center justify-between gap-3">
                  <dt className="text-zinc-700 dark:text-zinc-300">{what}</dt>
                  <dd className="flex shrink-0 gap-1">
                    {keys.map((key) => (
                      <KeyCap key={key} label={key} />
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <DialogActions>
        <Button variant="primary" onClick={onClose}>
          Got it
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** One key of a shortcut, drawn as a keyboard key. */
function KeyCap({ label }: { label: string }) {
  return (
    <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-[11px] text-zinc-700 shadow-[0_1px_0_0] shadow-zinc-300 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200 dark:shadow-zinc-700">
      {label}
    </kbd>
  );
}
