/** The whole form, which the scaffolder passes to every field as `formContext.formData`. */
export function formOf(
  formContext: unknown,
): Record<string, unknown> | undefined {
  return (formContext as { formData?: Record<string, unknown> } | undefined)
    ?.formData;
}
