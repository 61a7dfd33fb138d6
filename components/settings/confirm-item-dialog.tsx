import { ConfirmDialog, type ConfirmDialogProps } from '@/components/ui/dialog';

/** A confirmation about one chosen item (a key to revoke, a member to remove): open while one is chosen. */
export function ConfirmItemDialog<T>({
  item,
  onConfirm,
  ...props
}: Omit<ConfirmDialogProps, 'open' | 'onConfirm'> & { item: T | null; onConfirm: (item: T) => Promise<unknown> }) {
  return (
    <ConfirmDialog
      open={item !== null}
      onConfirm={async () => {
        if (item !== null) await onConfirm(item);
      }}
      {...props}
    />
  );
}
