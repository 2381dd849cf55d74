import { expect, test as base, type Locator } from '@playwright/test';

/** Playwright's test, failing any test whose pages log a console error or throw. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * A table's cells as a reader sees them, header row first: lists inside a cell are joined
 * with "; " and a phase's description is left out, as SECURITY.md writes them.
 */
export async function tableCells(table: Locator): Promise<string[][]> {
  return table.locator('tr').evaluateAll((rows) =>
    rows.map((row) =>
      [...(row as HTMLTableRowElement).cells].map((cell) => {
        const items = [...cell.querySelectorAll('li')];
        if (items.length > 0) return items.map((li) => li.textContent.trim()).join('; ');
        const copy = cell.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.phase-description').forEach((element) => element.remove());
        return copy.textContent.replace(/\s+/g, ' ').trim();
      }),
    ),
  );
}
