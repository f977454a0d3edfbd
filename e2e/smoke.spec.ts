import { test, expect, snap } from './fixtures';

test('the built extension loads: its worker runs and its popup opens', async ({ extension, popup }) => {
  expect(extension.extensionId).toMatch(/^[a-p]{32}$/);
  await expect(popup).toHaveTitle('Kuzzle Session Manager');
  await expect(popup.getByRole('heading', { name: 'Kuzzle Session Manager' })).toBeVisible();
  await snap(popup, 'popup-first-run');
});
