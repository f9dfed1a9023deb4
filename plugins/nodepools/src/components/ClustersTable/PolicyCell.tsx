import { Cell, Text } from '@backstage/ui';

/**
 * A table cell for one policy value. Policy values are short lists that must be read in full,
 * so they wrap instead of truncating the way `CellText` does.
 */
export function PolicyCell({ children }: { children: string }) {
  return (
    <Cell>
      <Text variant="body-medium">{children}</Text>
    </Cell>
  );
}
