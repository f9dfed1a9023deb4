/** Builds field paths in the notation of Kubernetes `field.Path` (`a.b[0][key]`). */
export const childPath = (parent: string, name: string): string =>
  parent === '' ? name : `${parent}.${name}`;

/** The path of a list element. */
export const indexPath = (parent: string, index: number): string =>
  `${parent}[${index}]`;

/** The path of a map entry: Kubernetes writes map keys in brackets, unquoted. */
export const keyPath = (parent: string, key: string): string =>
  `${parent}[${key}]`;
