import { useState } from 'react';
import { TextField } from '@backstage/ui';

/**
 * A text field whose value is parsed (a list, a number) as typed: what the user types stays as
 * typed, so "nano, " does not lose its comma to the parsed list, while the form gets the parsed value.
 */
export function DraftTextField<T>(props: {
  label: string;
  description: string;
  value: T | undefined;
  format: (value: T) => string;
  parse: (text: string) => T | undefined;
  onChange: (value: T | undefined) => void;
  disabled?: boolean;
}) {
  const { label, description, value, format, parse, onChange } = props;
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const shown = draft ?? (value === undefined ? '' : format(value));
  return (
    <TextField
      label={label}
      description={description}
      isDisabled={props.disabled}
      value={shown}
      onChange={text => {
        setDraft(text);
        onChange(text.trim() === '' ? undefined : parse(text));
      }}
    />
  );
}
