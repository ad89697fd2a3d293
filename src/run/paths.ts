import { isAbsolute, relative, sep } from 'node:path'

/**
 * Whether `path` lies outside `folder`. Only a first segment of exactly `..` leaves it: a file
 * named `..rows.csv` is inside. Input validation and the AWS bundle use this one test, so a path
 * accepted at input time is never refused later.
 */
export function isOutside(folder: string, path: string): boolean {
  const inside = relative(folder, path)
  return inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)
}
