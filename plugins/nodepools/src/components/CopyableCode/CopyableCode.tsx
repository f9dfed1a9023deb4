import { Button, Flex, Text } from '@backstage/ui';
import { useState, type CSSProperties } from 'react';

/** Props of {@link CopyableCode}. */
export interface CopyableCodeProps {
  code: string;
  /** Accessible name of the code box, e.g. "Workload snippet". */
  label: string;
  /** What is copied, in the button and the fallback message, e.g. "snippet". */
  subject: string;
  /** Said once the text is on the clipboard. */
  copiedMessage: string;
  style?: CSSProperties;
}

/**
 * Code in a box that takes focus so keyboard users can scroll it, with a button that copies it
 * all; where the browser refuses the clipboard, it says so and the text stays selectable.
 */
export function CopyableCode({
  code,
  label,
  subject,
  copiedMessage,
  style,
}: CopyableCodeProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = async () => {
    try {
      await window.navigator.clipboard.writeText(code);
      setCopied('yes');
    } catch {
      // No clipboard access (an insecure origin, or the browser refused).
      setCopied('failed');
    }
  };
  return (
    <Flex direction="column" gap="2">
      <pre
        aria-label={label}
        // A scrollable region must take focus to be scrolled without a mouse (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        style={{ margin: 0, overflow: 'auto', ...style }}
      >
        <code>{code}</code>
      </pre>
      <Flex gap="3" align="center">
        <Button variant="secondary" size="small" onPress={copy}>
          {`Copy ${subject}`}
        </Button>
        <Text role="status" variant="body-small" color="secondary">
          {copied === 'yes' && copiedMessage}
          {copied === 'failed' &&
            `The browser did not allow copying: select the ${subject} and copy ${
              subject.endsWith('s') ? 'them' : 'it'
            }.`}
        </Text>
      </Flex>
    </Flex>
  );
}
