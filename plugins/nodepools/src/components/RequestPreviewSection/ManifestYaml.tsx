import { Text } from '@backstage/ui';

/** The manifests the request would apply, as YAML; focusable so keyboard users can scroll it. */
export function ManifestYaml({ yaml }: { yaml: string }) {
  if (!yaml) {
    return (
      <Text color="secondary">Nothing is applied: the pool is removed.</Text>
    );
  }
  return (
    <pre
      aria-label="Manifests"
      // A scrollable region must take focus to be scrolled without a mouse (WCAG 2.1.1).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      style={{ maxHeight: '24rem', overflow: 'auto', margin: 0 }}
    >
      <code>{yaml}</code>
    </pre>
  );
}
