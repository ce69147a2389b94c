// The four languages for every label, switchable and remembered; the system's language by default.
import { test, expect, openExperiment } from './fixtures.ts';

test.describe('Language', () => {
  test('switches to English and back, and remembers the choice after a reload', async ({ page, lab, problems }) => {
    await openExperiment(page, lab.host.url, 'optimizer-compare');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('MNIST로 본 옵티마이저 비교');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Optimizers compared on MNIST');
    await expect(page.getByLabel('Iterations')).toHaveValue('2000');
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Chapter 6 experiments' })).toContainText('6.3 Batch normalization');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle('Optimizers compared on MNIST — DL Lab');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Optimizers compared on MNIST');
    await expect(page.getByText('What to look for')).toBeVisible();

    await page.getByRole('button', { name: '한국어' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('MNIST로 본 옵티마이저 비교');
    await expect(page.getByLabel('반복 횟수')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: '실행', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '한국어' })).toHaveAttribute('aria-pressed', 'true');
    expect(problems).toEqual([]);
  });

  test('switches to Japanese and Chinese: the book’s terms, <html lang> for the fonts', async ({ page, lab, problems }) => {
    await openExperiment(page, lab.host.url, 'overfit-weight-decay');
    await page.getByRole('button', { name: '日本語' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('過学習と荷重減衰');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByRole('navigation', { name: '6章の実験' })).toContainText('6.3 Batch Normalization');
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('过拟合与权值衰减');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await expect(page.getByRole('button', { name: '运行', exact: true })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    expect(problems).toEqual([]);
  });

  test.describe('on a Japanese system', () => {
    test.use({ locale: 'ja-JP' });
    test('starts in Japanese', async ({ page, lab }) => {
      await openExperiment(page, lab.host.url, 'gradient-check');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('勾配確認');
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    });
  });

  test.describe('on a Chinese system', () => {
    test.use({ locale: 'zh-CN' });
    test('starts in Simplified Chinese', async ({ page, lab }) => {
      await openExperiment(page, lab.host.url, 'gradient-check');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('梯度确认');
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    });
  });

  test.describe('on an English system', () => {
    test.use({ locale: 'en-US' });
    test('starts in English', async ({ page, lab }) => {
      await openExperiment(page, lab.host.url, 'dropout');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dropout');
      await expect(page.getByLabel('Dropout ratio')).toHaveValue('0.2');
    });
  });
});
