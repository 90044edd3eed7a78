/** Whether a cell has space (or a byte-order mark) at either end: most cells have none. */
export function needsTrim(cell: string): boolean {
  if (cell.length === 0) return false;
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(cell.length - 1);
  return first <= 32 || last <= 32 || (first > 126 && /[\s\uFEFF]/.test(cell[0]!)) || (last > 126 && /[\s\uFEFF]/.test(cell[cell.length - 1]!));
}
