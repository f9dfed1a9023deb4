import { Text } from '@backstage/ui';
import { CopyableCode } from '../CopyableCode';

/**
 * The manifests the request would apply, as YAML, in a box that scrolls (both ways: long lines
 * stay whole) and takes focus so keyboard users can scroll it, with a button that copies it all.
 */
export function ManifestYaml({ yaml }: { yaml: string }) {
  if (!yaml) {
    return (
      <Text color="secondary">Nothing is applied: the pool is removed.</Text>
    );
  }
  return (
    <CopyableCode
      code={yaml}
      label="Manifests"
      subject="manifests"
      copiedMessage="Copied."
      style={{
        maxHeight: '24rem',
        maxWidth: '100%',
        padding: '0.75rem',
        border: '1px solid var(--bui-border-2, #ccc)',
        borderRadius: '4px',
      }}
    />
  );
}
