import { CrdValidator } from '../CrdValidator';
import type { JSONSchemaProps } from '../crdTypes';

/** A validator for a one-version CRD `widgets.example.com` whose `spec` has the given schema. */
export function widgetValidator(
  spec: JSONSchemaProps,
  options: {
    scope?: 'Cluster' | 'Namespaced';
    root?: Partial<JSONSchemaProps>;
    /** A `status` schema, served through a status subresource. */
    status?: JSONSchemaProps;
  } = {},
): CrdValidator {
  return new CrdValidator({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: options.scope ?? 'Cluster',
      names: { kind: 'Widget', plural: 'widgets' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          ...(options.status ? { subresources: { status: {} } } : {}),
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec,
                ...(options.status ? { status: options.status } : {}),
              },
              ...options.root,
            },
          },
        },
      ],
    },
  });
}

/** A Widget with the given spec. */
export function widget(
  spec: unknown,
  metadata: Record<string, unknown> = { name: 'w' },
) {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata, spec };
}
