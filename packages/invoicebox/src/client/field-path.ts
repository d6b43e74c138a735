/** zod issue path -> the spelling integrators read: `data[0].basketItems[1].amount`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

/** One rejected field: `field` is a path like `basketItems[1].amount`, `message` says what is wrong with it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** zod issues -> `{ field, message }`; zod's generic "Invalid input: " prefix is dropped, the field says where. */
export function fieldIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldIssue[] {
  return issues.map((issue) => ({
    field: fieldPath(issue.path) || '(body)',
    message: issue.message.replace(/^Invalid input: /, ''),
  }));
}
