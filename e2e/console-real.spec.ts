import { test, expect, snap } from './fixtures';
import { useAdminConsole } from './support/admin-console';

const adminConsole = useAdminConsole(test, 'e2e/console-real.spec.ts');

test('the real Admin Console, on an origin bound to no server, opens its own first page', async ({ extension }) => {
  const page = await extension.context.newPage();
  // Any path answers the console (its router is in the hash).
  await page.goto(`${adminConsole().origin}/some/deep/path`);
  await expect(page).toHaveURL(/#\/create-connection$/);
  await expect(page.getByRole('button', { name: /create/i }).first()).toBeVisible();
  await snap(page, 'real-console-unbound');
});
