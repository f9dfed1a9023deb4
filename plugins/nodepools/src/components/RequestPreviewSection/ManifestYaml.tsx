import { Button, Flex, Text } from '@backstage/ui';
import { useState } from 'react';

/**
 * The manifests the request would apply, as YAML, in a box that scrolls (both ways: long lines
 * stay whole) and takes focus so keyboard users can scroll it, with a button that copies it all.
 */
export function ManifestYaml({ yaml }: { yaml: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  if (!yaml) {
    return (
      <Text color="secondary">Nothing is applied: the pool is removed.</Text>
    );
  }
  const copy = async () => {
    try {
      await window.navigator.clipboard.writeText(yaml);
      setCopied('yes');
    } catch {
      // No clipboard access (an insecure origin, or the browser refused): the text stays selectable.
      setCopied('failed');
    }
  };
  return (
    <Flex direction="column" gap="2">
      <pre
        aria-label="Manifests"
        // A scrollable region must take focus to be scrolled without a mouse (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        style={{
          maxHeight: '24rem',
          maxWidth: '100%',
          overflow: 'auto',
          margin: 0,
          padding: '0.75rem',
          border: '1px solid var(--bui-border-2, #ccc)',
          borderRadius: '4px',
        }}
      >
        <code>{yaml}</code>
      </pre>
      <Flex gap="3" align="center">
        <Button variant="secondary" size="small" onPress={copy}>
          Copy manifests
        </Button>
        <Text role="status" variant="body-small" color="secondary">
          {copied === 'yes' && 'Copied.'}
          {copied === 'failed' &&
            'The browser did not allow copying: select the manifests and copy them.'}
        </Text>
      </Flex>
    </Flex>
  );
}
