import { Text } from '@backstage/ui';

/** A field's title and description from its schema, above what the field draws itself. */
export function FieldHeading(props: { title?: string; description?: string }) {
  const { title, description } = props;
  return (
    <>
      {title && (
        <Text as="h3" variant="title-x-small">
          {title}
        </Text>
      )}
      {description && <Text color="secondary">{description}</Text>}
    </>
  );
}
