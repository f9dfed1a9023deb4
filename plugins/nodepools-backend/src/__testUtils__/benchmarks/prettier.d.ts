// prettier 2 ships no types; these are the two calls the benchmark writer makes.
declare module 'prettier' {
  export function format(
    source: string,
    options: Record<string, unknown>,
  ): string;
  export const resolveConfig: {
    sync(file: string): Record<string, unknown> | null;
  };
}
